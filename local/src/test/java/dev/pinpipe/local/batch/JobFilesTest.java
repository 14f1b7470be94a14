package dev.pinpipe.local.batch;

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

/** Finding the built job, or saying how to build it. */
class JobFilesTest {


  @TempDir
  Path home;

  @Test
  void theJobIsFoundUnderTheHomeOrBesideTheRunningJarElseTheErrorSaysHowToBuildIt() throws IOException {
    JobFiles built = builtJob();

    assertThat(JobFiles.locate(Optional.of(home), Optional.empty(), Path.of("/nowhere")).jobJar()).isEqualTo(built.jobJar());
    Path runningJar = home.resolve("verticles/target/pinpipe.jar");
    assertThat(JobFiles.locate(Optional.empty(), Optional.of(runningJar), Path.of("/nowhere")).home()).isEqualTo(home);
    assertThat(JobFiles.locate(Optional.empty(), Optional.of(home.resolve("verticles/target/classes")), Path.of("/nowhere")).home())
        .isEqualTo(home);
    assertThat(JobFiles.locate(Optional.empty(), Optional.of(Path.of("/opt/lib/pinpipe.jar")), home).home()).isEqualTo(home);

    Files.delete(built.jobJar());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobFiles.locate(Optional.of(home), Optional.empty(), home))
        .hasMessageContaining("pinpipe-spark-jobs.jar is missing")
        .hasMessageContaining("mvn -pl spark-jobs -am package -DskipTests");
  }

  @Test
  void aSparkLibWithoutJarsIsNotABuiltJob() throws IOException {
    Path target = Files.createDirectories(home.resolve("spark-jobs/target/spark-lib"));
    Files.writeString(target.getParent().resolve("pinpipe-spark-jobs.jar"), "jar");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobFiles.locate(Optional.of(home), Optional.empty(), home))
        .hasMessageContaining("spark-lib holds no jars").hasMessageContaining("mvn -pl spark-jobs -am package -DskipTests");
  }

  private JobFiles builtJob() throws IOException {
    Path lib = Files.createDirectories(home.resolve("spark-jobs/target/spark-lib"));
    Files.writeString(lib.resolve("spark-core.jar"), "jar");
    Files.writeString(lib.getParent().resolve("pinpipe-spark-jobs.jar"), "jar");
    return JobFiles.locate(Optional.of(home), Optional.empty(), home);
  }
}
