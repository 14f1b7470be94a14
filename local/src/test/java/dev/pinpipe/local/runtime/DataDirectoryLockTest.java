package dev.pinpipe.local.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** In one JVM; {@code DataDirectoryIT} holds the lock in another process. */
class DataDirectoryLockTest {

  @TempDir
  Path dir;

  @Test
  void aHeldDirectoryIsRefusedNamingItsHolderAndItsFileIsLeftAsItWas() throws Exception {
    Path dataDir = dir.resolve("data");
    long pid = ProcessHandle.current().pid();
    try (DataDirectoryLock held = DataDirectoryLock.acquire(dataDir, "pinpipe serve --data-dir data")) {
      String owner = Files.readString(dataDir.resolve(".lock"));
      assertThat(owner).contains("pid=" + pid).contains("command=pinpipe serve --data-dir data");

      assertThatThrownBy(() -> DataDirectoryLock.acquire(dir.resolve("./data/."), "pinpipe run"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("the data directory " + dataDir + " is in use by process " + pid)
          .hasMessageContaining("(pinpipe serve --data-dir data)")
          .hasMessageEndingWith("stop that process first, or give this command another --data-dir");
      assertThat(Files.readString(dataDir.resolve(".lock"))).isEqualTo(owner);
    }
  }

  @Test
  void aReleasedDirectoryCanBeTakenAgainAndNamesItsNewOwner() {
    Path dataDir = dir.resolve("data");
    DataDirectoryLock.acquire(dataDir, "pinpipe serve").close();

    try (DataDirectoryLock again = DataDirectoryLock.acquire(dataDir, "pinpipe batch")) {
      assertThatThrownBy(() -> DataDirectoryLock.acquire(dataDir, "pinpipe run"))
          .hasMessageContaining("(pinpipe batch)").hasMessageNotContaining("serve");
    }
  }

  @Test
  void theDirectoryIsCreatedWhenMissing() {
    Path dataDir = dir.resolve("a/b");
    try (DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir, "pinpipe kafka")) {
      assertThat(dataDir.resolve(".lock")).isRegularFile();
    }
  }
}
