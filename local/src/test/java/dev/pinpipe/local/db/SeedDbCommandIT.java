package dev.pinpipe.local.db;

import dev.pinpipe.embedded.EmbeddedMariaDb;

import dev.pinpipe.local.cli.PinpipeCommandAccess;
import dev.pinpipe.support.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code pinpipe seed-db} says when the database is not usable: one line, exit code 1, no password. */
class SeedDbCommandIT {

  @TempDir
  static Path dir;

  private static EmbeddedMariaDb db;
  private static String at;

  @BeforeAll
  static void start() {
    db = EmbeddedMariaDb.start(dir, Ports.free());
    at = "127.0.0.1:" + db.port();
    db.runAsAdmin("CREATE USER 'reader'@'%' IDENTIFIED BY 'reader-pw';\n"
        + "GRANT SELECT ON pinterest.* TO 'reader'@'%';\n"
        + "CREATE USER 'admin'@'%' IDENTIFIED BY 'admin-pw';\n"
        + "GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%';\n");
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
  }

  private static PinpipeCommandAccess.Result seed(String url) {
    return PinpipeCommandAccess.run("seed-db", "--mysql", url, "--posts", "3");
  }

  private static void assertOneLineError(PinpipeCommandAccess.Result result, String... expected) {
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("pinpipe: ").contains(expected).doesNotContain("\tat ", "Exception");
    assertThat(result.err().strip().lines()).hasSize(1);
  }

  @Test
  void helpShowsTheOptions() {
    PinpipeCommandAccess.Result help = PinpipeCommandAccess.run("seed-db", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--mysql", "--mysql-port", "--posts", "--seed", "--data-dir", "PINPIPE_MYSQL_PASSWORD");
    assertThat(PinpipeCommandAccess.run("--help").out()).contains("seed-db");
  }

  @Test
  void aWrongPasswordSaysWhoWasRefusedAndNeverShowsThePassword() {
    PinpipeCommandAccess.Result result = seed("mysql://pinpipe:wrong-secret@" + at + "/pinterest");

    assertOneLineError(result, "MySQL at " + at + " refused user 'pinpipe'", "check the user and password in --mysql");
    assertThat(result.err()).doesNotContain("wrong-secret");
  }

  @Test
  void anUnreachableServerNamesTheAddressAndTheFlag() {
    int nothingThere = Ports.free();

    assertOneLineError(seed("mysql://pinpipe:x@127.0.0.1:" + nothingThere + "/pinterest"),
        "cannot reach MySQL at 127.0.0.1:" + nothingThere, "check --mysql");
  }

  @Test
  void aMissingPrivilegeIsNamedWithTheGrantToRun() {
    assertOneLineError(seed("mysql://reader:reader-pw@" + at + "/pinterest"),
        "user 'reader' lacks the CREATE privilege on 'pinterest'", "GRANT CREATE, SELECT, INSERT, DELETE ON `pinterest`.* TO 'reader'");
  }

  @Test
  void anUnknownDatabaseSaysSo() {
    assertOneLineError(seed("mysql://admin:admin-pw@" + at + "/no_such_db"),
        "unknown database 'no_such_db' at " + at, "CREATE DATABASE `no_such_db`");
  }

  @Test
  void aDatabaseTheUserMayNotUseSaysSo() {
    assertOneLineError(seed("mysql://pinpipe:" + EmbeddedMariaDb.PASSWORD + "@" + at + "/other"),
        "user 'pinpipe' may not use database 'other'");
  }

  @Test
  void aBadUrlIsRefusedBeforeConnecting() {
    assertOneLineError(seed("mysql://pinpipe:secret@" + at), "bad MySQL URL", "names no database");
  }
}
