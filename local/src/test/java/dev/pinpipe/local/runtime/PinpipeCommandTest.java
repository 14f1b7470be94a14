package dev.pinpipe.local.runtime;

import dev.pinpipe.runtime.Role;

import dev.pinpipe.local.cli.PinpipeCommandAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PinpipeCommandTest {

  @Test
  void helpListsTheCommandsAndServeOptions() {
    PinpipeCommandAccess.Result help = PinpipeCommandAccess.run("serve", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--roles", "--http-port", "--kafka", "--kafka-port", "--config", "--data-dir", "--instances");
    assertThat(PinpipeCommandAccess.run("--help").out()).contains("serve", "kafka");
  }

  @Test
  void anUnknownRoleIsRefusedWithTheRolesThereAre() {
    PinpipeCommandAccess.Result result = PinpipeCommandAccess.run("serve", "--roles", "ingest,bogus");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("unknown role 'bogus'").contains("ingest, fanout");
  }

  @Test
  void rolesParseCaseInsensitively() {
    assertThat(Role.parse(" Ingest ,FANOUT")).containsExactlyInAnyOrder(Role.INGEST, Role.FANOUT);
    assertThatThrownBy(() -> Role.parse(" ")).hasMessageContaining("at least one");
  }

  @Test
  void aMisspeltKeyInTheConfigFileFailsTheCommandAtStartWithOneLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("pinpipe.yaml");
    Files.writeString(file, "embedded:\n  data-dir: " + dir.resolve("data") + "\nsink:\n  flush_size: 10\n");

    PinpipeCommandAccess.Result result = PinpipeCommandAccess.run("serve", "--config", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("pinpipe: unknown config key sink.flush_size (config file " + file + "); did you mean sink.flush-size?"
        + System.lineSeparator());
    assertThat(dir.resolve("data")).doesNotExist();
  }
}
