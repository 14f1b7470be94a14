package dev.pinpipe.db;

import dev.pinpipe.config.ConfigSource;
import io.vertx.mysqlclient.MySQLConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MySqlSettingsTest {

  @Test
  void aFullUrlGivesEveryPart() {
    MySqlSettings settings = MySqlSettings.parse("mysql://admin:s3cret@db.example.com:3307/pinterest", Optional.empty());

    assertThat(settings).isEqualTo(new MySqlSettings("db.example.com", 3307, "pinterest", "admin", "s3cret"));
    assertThat(settings.address()).isEqualTo("db.example.com:3307");
  }

  @Test
  void thePortDefaultsTo3306AndIpv6HostsTakeBrackets() {
    assertThat(MySqlSettings.parse("mysql://u:p@localhost/db", Optional.empty()).port()).isEqualTo(3306);

    MySqlSettings v6 = MySqlSettings.parse("mysql://u:p@[::1]:3310/db", Optional.empty());
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.port()).isEqualTo(3310);
    assertThat(v6.address()).isEqualTo("[::1]:3310");
  }

  @Test
  void userAndPasswordArePercentDecodedAndAPlusStaysAPlus() {
    MySqlSettings settings = MySqlSettings.parse("mysql://me%40corp:p%40ss%3Aw%2Fo%25rd+%F0%9F%93%8C@h/db", Optional.empty());

    assertThat(settings.user()).isEqualTo("me@corp");
    assertThat(settings.password()).isEqualTo("p@ss:w/o%rd+📌");
  }

  @Test
  void theLastAtSignEndsThePasswordSoUnencodedSpecialsStillWork() {
    MySqlSettings settings = MySqlSettings.parse("mysql://u:a@b/c:d?@host:3306/db", Optional.empty());

    assertThat(settings.password()).isEqualTo("a@b/c:d?");
    assertThat(settings.host()).isEqualTo("host");
    assertThat(settings.database()).isEqualTo("db");
  }

  @Test
  void thePasswordComesFromTheEnvironmentWhenTheUrlHasNone() {
    ConfigSource source = ConfigSource.load(Optional.empty(), Map.of(
        "PINPIPE_MYSQL_URL", "mysql://seeder@db:3306/pinterest",
        "PINPIPE_MYSQL_PASSWORD", "from-env"), MySqlSettings.KEYS);

    assertThat(MySqlSettings.from(source)).contains(new MySqlSettings("db", 3306, "pinterest", "seeder", "from-env"));
    assertThat(MySqlSettings.from(source.with("mysql.url", "mysql://seeder:in-url@db/pinterest")).orElseThrow().password())
        .isEqualTo("in-url");
    assertThat(MySqlSettings.parse("mysql://seeder@db/pinterest", Optional.empty()).password()).isEmpty();
    assertThat(MySqlSettings.from(ConfigSource.of(Map.of()))).isEmpty();
  }

  @Test
  void thePasswordIsNeverPrinted() {
    MySqlSettings settings = MySqlSettings.parse("mysql://admin:hunter2@db:3306/pinterest", Optional.empty());

    assertThat(settings.toString()).doesNotContain("hunter2").contains("admin", "db", "3306", "pinterest", "***");
    assertThat(settings.redactedUrl()).isEqualTo("mysql://admin:***@db:3306/pinterest");
    assertThat(MySqlSettings.redact("mysql://admin:hunter2@db:3306/pinterest")).isEqualTo("mysql://admin:***@db:3306/pinterest");
    assertThatThrownBy(() -> MySqlSettings.parse("mysql://admin:hunter2@db:port/pinterest", Optional.empty()))
        .hasMessageNotContaining("hunter2");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://u:p@h/db          | must start with mysql://",
      "mysql://h:3306/db        | has no user",
      "mysql://:p@h/db          | the user is empty",
      "mysql://u:p@h:abc/db     | the port 'abc' is not a number",
      "mysql://u:p@h:70000/db   | the port must be 1 to 65535",
      "mysql://u:p@h:3306       | names no database",
      "mysql://u:p@h:3306/      | names no database",
      "mysql://u:p@/db          | the host is empty",
      "mysql://u:p@h/db/extra   | one path segment",
      "mysql://u:p@h/db?ssl=1   | query parameters are not supported",
      "mysql://u:p%zz@h/db      | write a literal % as %25",
      "mysql://u:p@[::1/db      | no closing ]",
  })
  void badUrlsAreRefusedWithWhatIsWrong(String url, String expected) {
    assertThatThrownBy(() -> MySqlSettings.parse(url, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected)
        .hasMessageContaining("expected mysql://user:password@host:3306/database");
  }

  @Test
  void anEmptyUrlIsRefused() {
    assertThatThrownBy(() -> MySqlSettings.parse(" ", Optional.empty())).hasMessageContaining("MySQL URL is empty");
  }

  @Test
  void connectOptionsCarryTheSettings() {
    MySQLConnectOptions options = new MySqlSettings("db", 3307, "pinterest", "u", "p").connectOptions();

    assertThat(options.getHost()).isEqualTo("db");
    assertThat(options.getPort()).isEqualTo(3307);
    assertThat(options.getDatabase()).isEqualTo("pinterest");
    assertThat(options.getUser()).isEqualTo("u");
    assertThat(options.getPassword()).isEqualTo("p");
    assertThat(options.getCharset()).isEqualTo("utf8mb4");
  }
}
