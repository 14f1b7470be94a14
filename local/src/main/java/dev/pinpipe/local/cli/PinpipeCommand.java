package dev.pinpipe.local.cli;

import dev.pinpipe.cli.ConfiguredProgram;
import dev.pinpipe.cli.ServiceCommand;
import dev.pinpipe.cli.Versions;
import dev.pinpipe.config.ConfigKeys;
import dev.pinpipe.local.runtime.LocalPipeline;
import dev.pinpipe.operator.cli.OperatorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pinpipe}: the command line of the whole pipeline on one machine (the local harness). */
@Command(
    name = "pinpipe",
    mixinStandardHelpOptions = true,
    versionProvider = Versions.class,
    description = "A Pinterest-style post pipeline: HTTP (Kafka REST Proxy v2) -> Kafka -> S3 -> Spark, on one machine.",
    subcommands = {RunCommand.class, BatchCommand.class, ServeCommand.class, EmulateCommand.class, SeedDbCommand.class, KafkaCommand.class,
        StatusCommand.class, StopCommand.class, ResetCommand.class, OperatorCommand.class, CommandLine.HelpCommand.class})
public final class PinpipeCommand implements ConfiguredProgram {

  @Override
  public ConfigKeys configKeys() {
    return LocalPipeline.CONFIG_KEYS;
  }

  public static void main(String[] args) {
    System.exit(commandLine(CommandLine.defaultFactory()).execute(args));
  }

  /** With {@code factory} making the commands, as tests that reach a command's package-private seams do. */
  static CommandLine commandLine(CommandLine.IFactory factory) {
    return ServiceCommand.withOneLineErrors(new CommandLine(new PinpipeCommand(), factory));
  }
}
