package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.RawLayout;

import dev.pinpipe.contracts.DailyJobOptions;

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

/** Running the job's JVM: its lines, its summary, and what its exit codes mean. */
class JobLauncherTest {

  private static final String SECRET = "s3cr3t-never-on-a-command-line";

  @Test
  void theLauncherStreamsTheJobsLinesPrefixedAndParsesItsLastLineAsTheSummary() throws InterruptedException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    JobLauncher launcher = new JobLauncher(new PrintWriter(out), new PrintWriter(err));

    JobLauncher.Result result = launcher.launch(List.of("sh", "-c",
            "echo 'stage clean: 3 rows'; echo \"key=$AWS_ACCESS_KEY_ID\" >&2; echo '{\"date\":\"2024-03-01\",\"rows\":3}'; exit 0"),
        JobLauncher.environment(AwsBasicCredentials.create("child-only", SECRET), "us-east-1"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.summary()).hasValueSatisfying(summary -> assertThat(summary.get("rows").asInt()).isEqualTo(3));
    assertThat(out.toString()).contains("  [job] stage clean: 3 rows\n");
    assertThat(err.toString()).isEqualTo("  [job] key=child-only\n");
    assertThat(System.getenv("AWS_ACCESS_KEY_ID")).isNotEqualTo("child-only");
  }

  @Test
  void aJobThatEndsWithoutASummaryLineHasNone() throws InterruptedException {
    JobLauncher launcher = new JobLauncher(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

    JobLauncher.Result result = launcher.launch(List.of("sh", "-c", "echo 'not json'; exit 3"),
        JobLauncher.environment(AwsBasicCredentials.create("a", "b"), "us-east-1"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.summary()).isEmpty();
  }

  @Test
  void eachExitCodeSaysWhatItMeansAndWhatToDo() {
    DailyJobOptions request = new DailyJobOptions(LocalDate.of(2024, 3, 1), DailyJobOptions.Stage.ALL, "b", Optional.empty(), false,
        RawLayout.DAILY, "pinpipe", "", false, Optional.empty());

    assertThat(new JobFailedException(3, request).getMessage()).contains("2024-03-01 is incomplete", "_COMPLETE", "--allow-incomplete");
    assertThat(new JobFailedException(2, request).getMessage()).contains("refused its arguments", "mvn -q -B -pl spark-jobs,local");
    assertThat(new JobFailedException(1, request).getMessage()).contains("failed (exit 1)", "[job]");
    assertThat(new JobFailedException(137, request).getMessage()).contains("exit 137", "out of memory");
  }
}
