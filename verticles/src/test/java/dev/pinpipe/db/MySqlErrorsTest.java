package dev.pinpipe.db;

import io.vertx.core.VertxException;
import io.vertx.mysqlclient.MySQLException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlErrorsTest {

  private final MySqlSettings settings = new MySqlSettings("db.example.com", 3306, "pinterest", "seeder", "hunter2");

  @Test
  void aDeniedCommandNamesThePrivilegeToGrant() {
    String line = MySqlErrors.describe(new MySQLException(
        "CREATE command denied to user 'seeder'@'10.0.0.7' for table `pinterest`.`pinterest_data`", 1142, "42000"), settings);

    assertThat(line).contains("lacks the CREATE privilege", "GRANT CREATE, SELECT, INSERT, DELETE ON `pinterest`.* TO 'seeder'");
  }

  @Test
  void anUnreachableServerSaysWhereAndWhichFlag() {
    String line = MySqlErrors.describe(new VertxException("failed", new ConnectException("Connection refused")), settings);
    assertThat(line).startsWith("cannot reach MySQL at db.example.com:3306: Connection refused").contains("--mysql");

    assertThat(MySqlErrors.describe(new UnknownHostException("db.example.com"), settings)).startsWith("cannot reach MySQL at");
  }

  @Test
  void credentialsAndUnknownDatabasesAreToldApartAndThePasswordNeverShows() {
    String refused = MySqlErrors.describe(new MySQLException("Access denied for user 'seeder'@'10.0.0.7' (using password: YES)", 1045, "28000"), settings);
    String unknown = MySqlErrors.describe(new MySQLException("Unknown database 'pinterest'", 1049, "42000"), settings);
    String other = MySqlErrors.describe(new MySQLException("Something else", 1234, "HY000"), settings);

    assertThat(refused).contains("refused user 'seeder'", "PINPIPE_MYSQL_PASSWORD").doesNotContain("hunter2");
    assertThat(unknown).contains("unknown database 'pinterest'", "CREATE DATABASE");
    assertThat(other).contains("Something else", "1234");
  }
}
