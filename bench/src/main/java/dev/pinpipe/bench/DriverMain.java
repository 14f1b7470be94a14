package dev.pinpipe.bench;

import picocli.CommandLine;

/** Runs a benchmark driver's command line and exits with its status; an error prints its stack trace. */
final class DriverMain {

  private DriverMain() {
  }

  static void run(String name, Object driver, String[] args) {
    CommandLine commandLine = new CommandLine(driver);
    commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
      cmd.getErr().println(name + ": " + error);
      error.printStackTrace(cmd.getErr());
      return 1;
    });
    System.exit(commandLine.execute(args));
  }
}
