package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigKeys;
import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.runtime.PinpipeRuntime;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;

/** {@code --config}: the configuration file, under the environment ({@code PINPIPE_*}), under the flags. */
public final class ConfigOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON config file (sections kafka, ingest, s3, sink, mysql, emulator, embedded; see the README).")
  Path configFile;

  /**
   * The file's keys, the environment's on top, and the {@code flags} given on top of those, in
   * order. A key the program does not read (its {@link ConfiguredProgram#configKeys()}) fails the
   * command before it starts anything.
   */
  public ConfigSource source(ConfigFlags... flags) {
    ConfigSource source = ConfigSource.load(Optional.ofNullable(configFile), System.getenv(), programKeys());
    for (ConfigFlags flag : flags) {
      source = flag.apply(source);
    }
    return source;
  }

  private ConfigKeys programKeys() {
    return command.root().userObject() instanceof ConfiguredProgram program ? program.configKeys() : PinpipeRuntime.CONFIG_KEYS;
  }

  /** This process's command line as typed, e.g. {@code pinpipe serve --data-dir d}: it names the owner of a data directory. */
  public String invocation() {
    return "pinpipe " + String.join(" ", command.commandLine().getParseResult().originalArgs());
  }
}
