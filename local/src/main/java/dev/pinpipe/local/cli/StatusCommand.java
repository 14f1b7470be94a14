package dev.pinpipe.local.cli;

import dev.pinpipe.cli.ConfigOptions;
import dev.pinpipe.cli.Versions;
import dev.pinpipe.local.runtime.DataDirectoryContents;
import dev.pinpipe.local.runtime.DataDirectoryLock;
import dev.pinpipe.local.runtime.EmbeddedSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code pinpipe status}: what runs on a data directory and what data it holds. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Say which process runs on a data directory (the holder of its lock) and what data it holds.")
final class StatusCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions config;

  @Mixin
  DataDirOption dataDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Path dir = EmbeddedSettings.from(config.source(dataDir)).dataDir();
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(dir)) {
      out.println("pinpipe status: " + dir + " does not exist: nothing has run there yet");
      out.flush();
      return 0;
    }
    out.println("pinpipe status: " + dir);
    out.println("  " + use(DataDirectoryLock.owner(dir)));
    Map<String, Long> sizes = DataDirectoryContents.sizes(dir);
    if (sizes.isEmpty()) {
      out.println("  data: none");
    } else {
      out.println("  data:");
      sizes.forEach((entry, bytes) -> out.printf(Locale.ROOT, "    %-16s %12s%n", entry, DataDirectoryContents.human(bytes)));
      out.printf(Locale.ROOT, "    %-16s %12s%n", "total", DataDirectoryContents.human(sizes.values().stream().mapToLong(Long::longValue).sum()));
    }
    out.flush();
    return 0;
  }

  /** Who uses the directory, in a line. */
  static String use(Optional<DataDirectoryLock.Owner> owner) {
    if (owner.isEmpty()) {
      return "not in use: no process has run on it";
    }
    if (owner.get().holding()) {
      return "in use by " + owner.get().describe() + "; `./pinpipe stop` stops it";
    }
    return "not in use: the last was " + owner.get().describe() + ", which has ended";
  }
}
