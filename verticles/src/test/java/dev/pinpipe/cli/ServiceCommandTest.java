package dev.pinpipe.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's own command line: what a cluster deployment runs, without the local harness. */
class ServiceCommandTest {

  private record Result(int exitCode, String out, String err) {
  }

  @Test
  void serveWithoutAKafkaBootstrapRefusesToStartAndSaysWhatToGive() {
    Result result = run("serve", "--roles", "ingest,fanout");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().strip()).isEqualTo(
        "pinpipe: no Kafka to connect to: give --kafka HOST:PORT (or kafka.bootstrap in the config file, PINPIPE_KAFKA_BOOTSTRAP)");
  }

  @Test
  void theEmulatorRoleNeedsTheSourceMySql() {
    Result result = run("serve", "--kafka", "127.0.0.1:1", "--roles", "emulator");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("the emulator role posts from the source MySQL: give --mysql");
  }

  @Test
  void serveOffersNoOptionOfTheEmbeddedServices() {
    String help = run("serve", "--help").out();

    assertThat(help).contains("--kafka=BOOTSTRAP", "--s3-endpoint=URL", "--roles=ROLES", "--mysql=URL")
        .doesNotContain("--data-dir", "--kafka-port", "--s3-port", "--mysql-port");
    assertThat(run("--help").out()).contains("serve").doesNotContain("run ", "batch", "seed-db");
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = ServiceCommand.withOneLineErrors(new CommandLine(new ServiceCommand()));
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }
}
