package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigKeys;
import dev.pinpipe.runtime.PinpipeRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code pinpipe} as a cluster deployment runs it (the container image's entry point): the
 * service's roles against external Kafka and S3. The one-machine commands ({@code run},
 * {@code batch}, embedded services) are the local harness's, in module {@code local}.
 */
@Command(
    name = "pinpipe",
    mixinStandardHelpOptions = true,
    versionProvider = Versions.class,
    description = "pinpipe's service: HTTP (Kafka REST Proxy v2) -> Kafka -> S3, against external Kafka and S3.",
    subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class ServiceCommand implements ConfiguredProgram {

  @Override
  public ConfigKeys configKeys() {
    return PinpipeRuntime.CONFIG_KEYS;
  }

  /** Columns of the help when the terminal's width is not known. */
  static final int HELP_WIDTH = 120;

  public static void main(String[] args) {
    System.exit(withOneLineErrors(new CommandLine(new ServiceCommand())).execute(args));
  }

  /**
   * {@code commandLine}, whose failures now print one line, the cause included, and exit 1, and whose
   * help is as wide as the terminal, or {@value #HELP_WIDTH} columns where its width is unknown (a
   * pipe), rather than picocli's 80, which cut defaults such as ./pinpipe-data in two.
   */
  public static CommandLine withOneLineErrors(CommandLine commandLine) {
    commandLine.setUsageHelpWidth(HELP_WIDTH);
    commandLine.setUsageHelpAutoWidth(true);
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
