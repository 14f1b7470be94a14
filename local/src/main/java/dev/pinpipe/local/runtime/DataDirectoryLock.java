package dev.pinpipe.local.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One process owns a data directory: an exclusive OS lock ({@link FileChannel#tryLock()}) on
 * {@code <data-dir>/.lock}, which also names the owner (PID, command line, start) for the message
 * another process gets. The OS releases the lock when the process ends, however it ends; the file
 * stays, and what it says only counts while its lock is held.
 */
public final class DataDirectoryLock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryLock.class);
  public static final String FILE_NAME = ".lock";
  private static final DataDirectoryLock NONE = new DataDirectoryLock(null, null);

  private final Path file;
  private final FileChannel channel;

  private DataDirectoryLock(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** For a command that starts nothing embedded: it owns no data directory. */
  public static DataDirectoryLock none() {
    return NONE;
  }

  /**
   * Takes the lock of {@code dataDir} (created when missing) for this process.
   *
   * @param command what this process is, for the message another process gets, e.g. {@code pinpipe serve --roles sink}
   * @throws IllegalStateException naming the holder when another process (or this one) holds it; nothing was written then
   */
  public static DataDirectoryLock acquire(Path dataDir, String command) {
    Path dir = dataDir.toAbsolutePath().normalize();
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      // No TRUNCATE_EXISTING: the file names the holder until this process holds the lock.
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = read(channel, true).describe();
        throw new IllegalStateException("the data directory " + dir + " is in use by " + holder
            + "; stop that process first, or give this command another --data-dir");
      }
      String owner = "pid=" + ProcessHandle.current().pid() + "\n"
          + "command=" + command.replace('\n', ' ') + "\n"
          + "since=" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
      // Only now that the lock is ours: what the file held named a holder that is gone.
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
    } catch (IOException e) {
      close(channel);
      throw new UncheckedIOException("cannot lock the data directory " + dir + " (" + file + "): " + e.getMessage()
          + "; check that it is a writable directory", e);
    } catch (RuntimeException e) {
      close(channel);
      throw e;
    }
    LOG.atInfo().addKeyValue("dataDir", dir).addKeyValue("pid", ProcessHandle.current().pid()).log("data directory locked");
    return new DataDirectoryLock(file, channel);
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldByThisProcess) {
      return null;
    }
  }

  /**
   * Who the lock file names: the process that holds the directory now when {@code holding}, else
   * the last one that did (gone now; what the file says means nothing then).
   */
  public record Owner(boolean holding, Optional<Long> pid, String command, String since) {

    /** "process 123 (pinpipe serve ...), running since ...". */
    public String describe() {
      if (pid.isEmpty()) {
        // The holder has taken the lock but not yet written its name.
        return "another process";
      }
      String self = pid.get() == ProcessHandle.current().pid() ? " (this process)" : "";
      return "process " + pid.get() + self + " (" + command + "), " + (holding ? "running since " : "started at ") + since;
    }
  }

  /**
   * Who holds the lock of {@code dataDir} now, or held it last; empty when nothing ever took it.
   * Reading it takes the lock for a moment when it is free: a process starting in that moment is
   * refused, as if the directory were in use.
   */
  public static Optional<Owner> owner(Path dataDir) {
    Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock probe = tryLock(channel);
      if (probe != null) {
        probe.release();
      }
      return Optional.of(read(channel, probe == null));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the data directory's lock file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Owner read(FileChannel channel, boolean holding) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
    channel.read(buffer, 0);
    Map<String, String> fields = new HashMap<>();
    new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).lines().forEach(line -> {
      int split = line.indexOf('=');
      if (split > 0) {
        fields.put(line.substring(0, split), line.substring(split + 1));
      }
    });
    Optional<Long> pid;
    try {
      pid = Optional.ofNullable(fields.get("pid")).map(Long::parseLong);
    } catch (NumberFormatException e) {
      pid = Optional.empty();
    }
    return new Owner(holding, pid, fields.getOrDefault("command", "?"), fields.getOrDefault("since", "?"));
  }

  /** Releases the lock; the file stays. */
  @Override
  public void close() {
    if (channel != null && channel.isOpen()) {
      close(channel);
      LOG.atInfo().addKeyValue("lockFile", file).log("data directory released");
    }
  }

  private static void close(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.atWarn().setCause(e).log("cannot close the data directory's lock file");
    }
  }
}
