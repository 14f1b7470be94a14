package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.DailyJobOptions;
import dev.pinpipe.contracts.RawLayout;
import dev.pinpipe.contracts.SparkJvmOptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The job JVM's command line: memory, options, arguments, and credentials kept off it. */
class JobCommandTest {

  private static final long GIB = 1024L * 1024 * 1024;
  private static final String SECRET = "s3cr3t-never-on-a-command-line";

  @TempDir
  Path home;

  @Test
  void theHeapIsHalfThePhysicalMemoryBetweenOneAndEightGib() {
    assertThat(JobCommand.heapMegabytes(GIB)).isEqualTo(1024);
    assertThat(JobCommand.heapMegabytes(3 * GIB)).isEqualTo(1536);
    assertThat(JobCommand.heapMegabytes(12 * GIB)).isEqualTo(6144);
    assertThat(JobCommand.heapMegabytes(64 * GIB)).isEqualTo(8192);
    assertThat(JobCommand.heapMegabytes(JobCommand.physicalMemoryBytes())).isBetween(1024L, 8192L);
  }

  @Test
  void theCommandRunsTheJobWithSparksJvmOptionsTheHeapAndEveryArgument() throws IOException {
    JobFiles files = builtJob();
    DailyJobOptions request = new DailyJobOptions(LocalDate.of(2024, 3, 1), DailyJobOptions.Stage.REPORTS, "my-bucket",
        Optional.of("http://127.0.0.1:9000"), true, RawLayout.DAILY, "pp", "out", true, Optional.of("local[*]"));

    List<String> command = JobCommand.of(Path.of("/jdk/bin/java"), files, 2048, request);

    assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
    assertThat(command).containsSubsequence(SparkJvmOptions.JAVA_17);
    assertThat(command).containsSubsequence("-Xmx2048m", "-cp", files.jobJar() + ":" + files.libDir() + "/*", DailyJobOptions.MAIN_CLASS);
    assertThat(command.subList(command.indexOf(DailyJobOptions.MAIN_CLASS) + 1, command.size())).containsExactly(
        "--master", "local[*]", "--date", "2024-03-01", "--stage", "reports", "--bucket", "my-bucket",
        "--s3-endpoint", "http://127.0.0.1:9000", "--path-style", "--layout", "daily", "--topic-prefix", "pp",
        "--output-prefix", "out/", "--allow-incomplete");
    assertThat(JobCommand.of(files, request)).first().asString().endsWith("/bin/java");
  }

  @Test
  void optionalArgumentsAreLeftOutWhenNotAsked() throws IOException {
    DailyJobOptions request = new DailyJobOptions(LocalDate.of(2024, 3, 1), DailyJobOptions.Stage.ALL, "b", Optional.empty(), false,
        RawLayout.DEFAULT, "pinpipe", "", false, Optional.empty());

    List<String> command = JobCommand.of(Path.of("java"), builtJob(), 1024, request);

    assertThat(command).doesNotContain("--s3-endpoint", "--path-style", "--output-prefix", "--allow-incomplete")
        .containsSubsequence("--stage", "all", "--layout", "default");
  }

  @Test
  void credentialsGoInTheEnvironmentOnlyNeverOnTheCommandLine() throws IOException {
    DailyJobOptions request = new DailyJobOptions(LocalDate.of(2024, 3, 1), DailyJobOptions.Stage.ALL, "b", Optional.empty(), false,
        RawLayout.DAILY, "pinpipe", "", false, Optional.empty());

    List<String> command = JobCommand.of(Path.of("java"), builtJob(), 1024, request);
    Map<String, String> environment = JobLauncher.environment(AwsSessionCredentials.create("AKIA1", SECRET, "token-1"), "eu-west-1");

    assertThat(String.join(" ", command)).doesNotContain(SECRET, "AKIA1", "token-1", "AWS_", "secret");
    assertThat(environment).containsExactlyInAnyOrderEntriesOf(Map.of("AWS_ACCESS_KEY_ID", "AKIA1", "AWS_SECRET_ACCESS_KEY", SECRET,
        "AWS_SESSION_TOKEN", "token-1", "AWS_REGION", "eu-west-1", "SPARK_LOCAL_IP", "127.0.0.1"));
    assertThat(JobLauncher.environment(AwsBasicCredentials.create("AKIA1", SECRET), "us-east-1")).doesNotContainKey("AWS_SESSION_TOKEN");
  }

  private JobFiles builtJob() throws IOException {
    Path lib = Files.createDirectories(home.resolve("spark-jobs/target/spark-lib"));
    Files.writeString(lib.resolve("spark-core.jar"), "jar");
    Files.writeString(lib.getParent().resolve("pinpipe-spark-jobs.jar"), "jar");
    return JobFiles.locate(Optional.of(home), Optional.empty(), home);
  }
}
