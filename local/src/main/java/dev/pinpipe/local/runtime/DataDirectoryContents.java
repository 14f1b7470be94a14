package dev.pinpipe.local.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** What a data directory holds: the bytes under each of its entries ({@code kafka/}, {@code s3/}, {@code mariadb/}, ...), and removing them. */
public final class DataDirectoryContents {

  private DataDirectoryContents() {
  }

  /** Each entry of {@code dataDir} but the lock file, by name, and the bytes of the files under it; in name order. */
  public static Map<String, Long> sizes(Path dataDir) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (Path entry : entries(dataDir)) {
      sizes.put(entry.getFileName() + (Files.isDirectory(entry) ? "/" : ""), bytesUnder(entry));
    }
    return sizes;
  }

  /**
   * Deletes every entry of {@code dataDir} but the lock file. This is the one place pinpipe deletes
   * data a user sent (the raw objects of the local S3 among it), so it runs only as the user's own
   * explicit request ({@code pinpipe reset}, after the directory's name is typed or {@code --yes}),
   * and only while the caller holds the directory's lock: no pinpipe process writes there
   * meanwhile, and none can start, since every command that keeps data there takes that lock
   * first. Nothing outside {@code dataDir} goes: {@link Files#walk} does not follow symbolic links,
   * so a link is removed as a link, never what it points at.
   */
  public static void removeAll(Path dataDir) {
    for (Path entry : entries(dataDir)) {
      try (Stream<Path> tree = Files.walk(entry)) {
        for (Path path : tree.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
          Files.delete(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + entry + ": " + e.getMessage(), e);
      }
    }
  }

  /** {@code 1536} as {@code 1.5 KiB}. */
  public static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private static List<Path> entries(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dataDir)) {
      return entries.filter(entry -> !entry.getFileName().toString().equals(DataDirectoryLock.FILE_NAME)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** The bytes of the files under {@code entry}; a file that goes while it is read (a running Kafka rolls its logs) counts nothing. */
  private static long bytesUnder(Path entry) {
    long[] bytes = {0};
    try {
      Files.walkFileTree(entry, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          bytes[0] += attributes.isRegularFile() ? attributes.size() : 0;
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException gone) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + entry + ": " + e.getMessage(), e);
    }
    return bytes[0];
  }
}
