package dev.pinpipe.local.cli;

import dev.pinpipe.local.runtime.DataDirectoryLock;
import dev.pinpipe.support.PathSpellings;
import dev.pinpipe.support.Ports;
import dev.pinpipe.support.SamplePosts;
import dev.pinpipe.support.TopicReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One owner per data directory. {@code pinpipe serve} runs in its own JVM from the application
 * jar (target/pinpipe.jar, as ./pinpipe runs it); {@code pinpipe run} in this one.
 */
class DataDirectoryIT {

  private static final Path APPLICATION_JAR = Path.of("target", "pinpipe.jar");
  private static final List<String> KINDS = List.of("pin", "geo", "user");

  @TempDir
  Path dir;

  private final List<Process> started = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @AfterEach
  void stopWhatIsLeft() {
    started.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
  }

  @Test
  void runIsRefusedBeforeTouchingAnythingWhileServeHoldsTheDataDirectoryAndServesRecordsSurviveItsRestart() throws Exception {
    Path dataDir = dir.resolve("data");
    int kafkaPort = Ports.free(2);
    int s3Port = Ports.free();
    int httpPort = Ports.free();
    int managementPort = Ports.free();
    List<String> ports = List.of("--kafka-port", String.valueOf(kafkaPort), "--s3-port", String.valueOf(s3Port),
        "--http-port", String.valueOf(httpPort), "--management-port", String.valueOf(managementPort));
    List<String> serve = new ArrayList<>(List.of("serve", "--data-dir", PathSpellings.dotRelative(dataDir)));
    serve.addAll(ports);

    Process first = startServe(serve, managementPort, dir.resolve("serve-1.log"));
    post(httpPort, 0, 10);
    Map<String, String> filesBefore = stableFiles(dataDir);
    Set<Long> processesBefore = descendants();

    // The same ports as serve's: the directory's owner is named, not a port.
    List<String> run = new ArrayList<>(List.of("run", "--posts", "10", "--data-dir", PathSpellings.trailingDot(dataDir),
        "--mysql-port", String.valueOf(Ports.free())));
    run.addAll(ports);
    PinpipeCommandAccess.Result refused = PinpipeCommandAccess.run(run.toArray(String[]::new));

    assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
    assertThat(refused.err().strip()).startsWith("pinpipe: the data directory " + dataDir + " is in use by process " + first.pid()
            + " (pinpipe serve --data-dir " + PathSpellings.dotRelative(dataDir) + " --kafka-port " + kafkaPort)
        .endsWith("stop that process first, or give this command another --data-dir")
        .doesNotContain("\n");
    assertThat(descendants()).as("processes of this JVM").isEqualTo(processesBefore);
    assertThat(stableFiles(dataDir)).isEqualTo(filesBefore);

    post(httpPort, 10, 10);
    first.destroy();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("serve stops within 60 s of SIGTERM").isTrue();

    Process second = startServe(serve, managementPort, dir.resolve("serve-2.log"));
    for (String kind : KINDS) {
      List<String> values = TopicReader.readAll("localhost:" + kafkaPort, List.of("pinpipe." + kind)).stream()
          .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
      assertThat(values).as("pinpipe." + kind + " after the restart").containsExactlyInAnyOrderElementsOf(expected(kind, 20));
    }
    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aStartThatFailsHalfWayStopsWhatItStartedLeavesNoProcessAndReleasesTheDirectory() throws Exception {
    Path dataDir = dir.resolve("data");
    Files.createDirectories(dataDir.resolve("kafka"));
    Files.writeString(dataDir.resolve("kafka/meta.properties"), "version=1\nnode.id=not-a-number\n");
    Set<Long> processesBefore = descendants();

    PinpipeCommandAccess.Result result = PinpipeCommandAccess.run("run", "--posts", "10", "--data-dir", dataDir.toString(),
        "--kafka-port", String.valueOf(Ports.free(2)), "--s3-port", String.valueOf(Ports.free()),
        "--mysql-port", String.valueOf(Ports.free()), "--http-port", String.valueOf(Ports.free()),
        "--management-port", String.valueOf(Ports.free()));

    // run starts MariaDB, then Kafka: a Kafka error means MariaDB had started.
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.err()).contains("pinpipe: cannot start the embedded Kafka broker")
        .contains("log dir " + dataDir.resolve("kafka")).contains("meta.properties");
    assertThat(dataDir.resolve("mariadb")).isDirectory();
    assertThat(descendants()).as("processes of this JVM (the embedded MariaDB is one)").isEqualTo(processesBefore);
    DataDirectoryLock.acquire(dataDir, "the test").close();
  }

  private Process startServe(List<String> args, int managementPort, Path log) throws IOException {
    assertThat(APPLICATION_JAR).as("the application jar, built by mvn package").isRegularFile();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", APPLICATION_JAR.toString()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(process);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("serve exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      return ready(managementPort);
    });
    return process;
  }

  private boolean ready(int managementPort) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/readyz")).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void post(int httpPort, int from, int count) throws Exception {
    JsonArray posts = new JsonArray();
    for (int index = from; index < from + count; index++) {
      posts.add(new JsonObject().put("pin", SamplePosts.pin(index)).put("geo", SamplePosts.geo(index)).put("user", SamplePosts.user(index)));
    }
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/posts"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("posts", posts).encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static List<String> expected(String kind, int count) {
    List<String> values = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      values.add((switch (kind) {
        case "pin" -> SamplePosts.pin(index);
        case "geo" -> SamplePosts.geo(index);
        default -> SamplePosts.user(index);
      }).encode());
    }
    return values;
  }

  /**
   * What a running serve leaves as it is and the old `run` changed: the top-level entries (run
   * added mariadb/), the lock file, Kafka's identity and its raft quorum state (run bumped the epoch).
   */
  private static Map<String, String> stableFiles(Path dataDir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dataDir)) {
      files.put("entries", entries.map(entry -> entry.getFileName().toString()).sorted().collect(Collectors.joining(",")));
    }
    for (String file : List.of(".lock", "kafka/meta.properties", "kafka/__cluster_metadata-0/quorum-state")) {
      files.put(file, Files.readString(dataDir.resolve(file)));
    }
    return files;
  }

  private static Set<Long> descendants() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(Collectors.toSet());
  }
}
