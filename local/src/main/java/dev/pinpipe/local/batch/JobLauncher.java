package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.DailyJobOptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the Spark job in its own JVM: S3 credentials in that JVM's environment only (never on its
 * command line, never logged), its stdout and stderr lines copied to ours as they come, prefixed
 * so they read as the job's; the last stdout line is its summary (one JSON object).
 */
public final class JobLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(JobLauncher.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Before every line the job prints. */
  static final String PREFIX = "  [job] ";

  /** What the job printed last on stdout (its summary, when it got that far), and how it ended. */
  public record Result(int exitCode, Optional<JsonNode> summary) {
  }

  private final PrintWriter out;
  private final PrintWriter err;

  public JobLauncher(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the job to its end and returns its summary.
   *
   * @throws JobFailedException when it exits non-zero, saying what the exit code means
   */
  public JsonNode run(List<String> command, DailyJobOptions request, AwsCredentials credentials, String region) throws InterruptedException {
    LOG.atInfo().addKeyValue("date", request.date()).addKeyValue("stage", request.stage().id())
        .addKeyValue("bucket", request.bucket()).addKeyValue("outputPrefix", request.outputPrefix())
        .log("Spark job starting");
    long started = System.nanoTime();
    Result result = launch(command, environment(credentials, region));
    LOG.atInfo().addKeyValue("date", request.date()).addKeyValue("exitCode", result.exitCode())
        .addKeyValue("seconds", (System.nanoTime() - started) / 1_000_000_000L).log("Spark job ended");
    if (result.exitCode() != 0) {
      throw new JobFailedException(result.exitCode(), request);
    }
    return result.summary().orElseGet(() -> {
      LOG.atWarn().addKeyValue("date", request.date()).log("Spark job printed no summary line");
      return JSON.createObjectNode();
    });
  }

  /** Starts {@code command} with {@code credentials} added to its environment, copies its output, waits for it. */
  Result launch(List<String> command, Map<String, String> credentials) throws InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(credentials);
    if (!credentials.containsKey("AWS_SESSION_TOKEN")) {
      builder.environment().remove("AWS_SESSION_TOKEN");
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Spark job (" + command.get(0) + "): " + e.getMessage(), e);
    }
    try {
      process.getOutputStream().close();
      Thread errors = new Thread(() -> copy(process.getErrorStream(), line -> print(err, line)), "pinpipe-job-stderr");
      errors.setDaemon(true);
      errors.start();
      String[] last = {null};
      copy(process.getInputStream(), line -> {
        print(out, line);
        if (!line.isBlank()) {
          last[0] = line;
        }
      });
      int exitCode = process.waitFor();
      errors.join();
      return new Result(exitCode, Optional.ofNullable(last[0]).flatMap(JobLauncher::summary));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Spark job's output: " + e.getMessage(), e);
    } finally {
      if (process.isAlive()) {
        process.destroy();
      }
    }
  }

  /** The child's S3 credentials and region; its other variables are ours. */
  static Map<String, String> environment(AwsCredentials credentials, String region) {
    Map<String, String> environment = new HashMap<>();
    environment.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
    environment.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
    environment.put("AWS_REGION", region);
    // The job runs in local mode: its driver needs no address but loopback (and Spark stops warning about it).
    environment.put("SPARK_LOCAL_IP", "127.0.0.1");
    if (credentials instanceof AwsSessionCredentials session) {
      environment.put("AWS_SESSION_TOKEN", session.sessionToken());
    }
    return environment;
  }

  static Optional<JsonNode> summary(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static void print(PrintWriter writer, String line) {
    writer.println(PREFIX + line);
    writer.flush();
  }

  private static void copy(InputStream stream, Consumer<String> lines) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.accept(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
