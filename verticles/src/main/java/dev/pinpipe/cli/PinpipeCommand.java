package dev.pinpipe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pinpipe}: the command line of the whole pipeline. */
@Command(
    name = "pinpipe",
    mixinStandardHelpOptions = true,
    version = "pinpipe 0.1.0",
    description = "A Pinterest-style post pipeline: HTTP (Kafka REST Proxy v2) -> Kafka -> S3 -> Spark.",
    subcommands = {RunCommand.class, BatchCommand.class, ServeCommand.class, EmulateCommand.class, SeedDbCommand.class, KafkaCommand.class,
        CommandLine.HelpCommand.class})
public final class PinpipeCommand {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  /** With {@code factory} making the commands: tests set {@link RunCommand#beforeCheck} this way. */
  static CommandLine commandLine(CommandLine.IFactory factory) {
    CommandLine commandLine = new CommandLine(new PinpipeCommand(), factory);
    commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
      cmd.getErr().println("pinpipe: " + rootMessage(error));
      return 1;
    });
    return commandLine;
  }

  private static String rootMessage(Throwable error) {
    String message = error.getMessage();
    Throwable cause = error.getCause();
    return cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())
        ? message + " (" + cause.getMessage() + ")"
        : message;
  }
}
