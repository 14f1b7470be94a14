package dev.pinpipe.local.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's help, as a pipe or a file gets it: no default cut in two, no line wider than the help's width. */
class HelpTest {

  @ParameterizedTest(name = "{0} --help")
  @ValueSource(strings = {"run", "serve", "emulate", "batch", "seed-db", "kafka", "status", "stop", "reset"})
  void optionDefaultsStayWholeOnTheirLine(String command) {
    PinpipeCommandAccess.Result help = PinpipeCommandAccess.run(command, "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--data-dir=DIR").contains("(default: ./pinpipe-data)");
    assertThat(help.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
  }
}
