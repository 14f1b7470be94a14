package dev.pinpipe.local.cli;

import dev.pinpipe.cli.ConfigOptions;
import dev.pinpipe.cli.Versions;
import dev.pinpipe.local.runtime.DataDirectoryLock;
import dev.pinpipe.local.runtime.EmbeddedSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code pinpipe stop}: asks the process that holds a data directory to stop cleanly (SIGTERM, as
 * Ctrl-C does) and waits until it has.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Stop the process that runs on a data directory cleanly (SIGTERM, like Ctrl-C) and wait until it has.")
final class StopCommand implements Callable<Integer> {

  private static final long PROGRESS_SECONDS = 5;

  @Mixin
  ConfigOptions config;

  @Mixin
  DataDirOption dataDir;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "How long to wait for it to stop (default: ${DEFAULT-VALUE} s).")
  long timeoutSeconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Path dir = EmbeddedSettings.from(config.source(dataDir)).dataDir();
    PrintWriter out = spec.commandLine().getOut();
    try {
      return stop(dir, out);
    } finally {
      out.flush();
    }
  }

  private int stop(Path dir, PrintWriter out) throws InterruptedException {
    Optional<DataDirectoryLock.Owner> owner = DataDirectoryLock.owner(dir);
    if (owner.isEmpty() || !owner.get().holding()) {
      out.println("pinpipe stop: nothing runs on " + dir + owner.map(stale -> "; its lock file names " + stale.describe()
          + ", which has ended (a stale lock: the next command takes it over)").orElse(""));
      return 0;
    }
    if (owner.get().pid().isEmpty()) {
      out.println("pinpipe stop: a process is starting on " + dir + " and has not named itself yet; try again in a moment");
      return 1;
    }
    long pid = owner.get().pid().get();
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      out.println("pinpipe stop: " + owner.get().describe() + " holds " + dir + " but is not a process seen from here "
          + "(another container or machine?); stop it where it runs");
      return 1;
    }
    out.println("pinpipe stop: asking " + owner.get().describe() + " to stop (SIGTERM)...");
    out.flush();
    if (!process.get().destroy()) {
      out.println("pinpipe stop: cannot signal process " + pid + " (another user's?)");
      return 1;
    }
    return awaitExit(process.get(), out);
  }

  /** Waits for {@code process} to end, saying every few seconds that it still runs. */
  private int awaitExit(ProcessHandle process, PrintWriter out) throws InterruptedException {
    long started = System.nanoTime();
    while (true) {
      long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      if (waited >= timeoutSeconds) {
        out.println("pinpipe stop: process " + process.pid() + " still runs after " + timeoutSeconds + " s; `kill -9 " + process.pid()
            + "` ends it at once (the sink then rewrites from Kafka what it had not committed)");
        return 1;
      }
      try {
        process.onExit().get(Math.min(PROGRESS_SECONDS, timeoutSeconds - waited), TimeUnit.SECONDS);
        out.printf(java.util.Locale.ROOT, "pinpipe stop: process %d stopped after %.1f s%n", process.pid(), (System.nanoTime() - started) / 1e9);
        return 0;
      } catch (TimeoutException stillRunning) {
        out.println("  still stopping after " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)
            + " s (requests in flight finish, the sink writes what it holds, Kafka and S3 shut down)...");
        out.flush();
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot wait for process " + process.pid() + ": " + e.getMessage(), e);
      }
    }
  }
}
