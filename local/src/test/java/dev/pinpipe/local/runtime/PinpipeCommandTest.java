package dev.pinpipe.local.runtime;

import dev.pinpipe.runtime.Role;

import dev.pinpipe.local.cli.PinpipeCommandAccess;
import org.junit.jupiter.api.Test;

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
}
