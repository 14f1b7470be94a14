package dev.pinpipe.local.cli;

import dev.pinpipe.cli.ConfigOptions;
import dev.pinpipe.cli.Versions;
import dev.pinpipe.local.runtime.DataDirectoryContents;
import dev.pinpipe.local.runtime.DataDirectoryLock;
import dev.pinpipe.local.runtime.EmbeddedSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code pinpipe reset}: removes a data directory's data (Kafka's log, S3's objects, MariaDB's
 * tables, the reports) after a confirmation; refused while a process runs on it. It holds the
 * directory's lock while it removes, so nothing starts there meanwhile.
 */
@Command(name = "reset", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Remove a data directory's data (Kafka, S3, MariaDB, reports) after a confirmation; refused while a process runs on it.")
final class ResetCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions config;

  @Mixin
  DataDirOption dataDir;

  @Option(names = {"-y", "--yes"}, description = "Remove without asking.")
  boolean yes;

  @Spec
  CommandSpec spec;

  /** The answer to the confirmation, a line typed on stdin; null at its end. (A test answers here.) */
  Supplier<String> answer = ResetCommand::readLine;

  @Override
  public Integer call() {
    Path dir = EmbeddedSettings.from(config.source(dataDir)).dataDir();
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(dir)) {
      out.println("pinpipe reset: " + dir + " does not exist: nothing to remove");
      out.flush();
      return 0;
    }
    // Throws, naming the process, while one runs there.
    try (DataDirectoryLock lock = DataDirectoryLock.acquire(dir, config.invocation())) {
      Map<String, Long> sizes = DataDirectoryContents.sizes(dir);
      if (sizes.isEmpty()) {
        out.println("pinpipe reset: " + dir + " holds no data");
        return 0;
      }
      if (!yes && !confirmed(dir, sizes, out)) {
        out.println("pinpipe reset: not confirmed; nothing removed");
        return 1;
      }
      // Deletes what the user sent to this directory's S3, at the user's explicit request, under
      // the lock (see DataDirectoryContents.removeAll); the tests race a start against it.
      DataDirectoryContents.removeAll(dir);
      out.println("pinpipe reset: removed " + String.join(", ", sizes.keySet()) + " from " + dir);
      return 0;
    } finally {
      out.flush();
    }
  }

  private boolean confirmed(Path dir, Map<String, Long> sizes, PrintWriter out) {
    StringBuilder what = new StringBuilder();
    sizes.forEach((entry, bytes) -> what.append(what.isEmpty() ? "" : ", ").append(entry).append(' ').append(DataDirectoryContents.human(bytes)));
    String name = dir.getFileName().toString();
    out.println("pinpipe reset: this removes everything in " + dir + " (" + what + ").");
    out.print("Type the directory's name (" + name + ") or yes to remove it: ");
    out.flush();
    String typed = answer.get();
    return typed != null && (typed.trim().equals(name) || typed.trim().equals("yes"));
  }

  private static String readLine() {
    try {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the confirmation: " + e.getMessage(), e);
    }
  }
}
