package dev.pinpipe.db;

import dev.pinpipe.config.ConfigKeys;
import dev.pinpipe.config.ConfigSource;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the source tables live: a MySQL (or MariaDB) server, database and account. The password
 * never appears in {@link #toString()} or in error messages.
 *
 * @param host     host name or IP address (IPv6 without brackets)
 * @param port     TCP port
 * @param database the database (schema) holding {@code pinterest_data}, {@code geolocation_data}, {@code user_data}
 * @param user     account name
 * @param password account password, empty for none
 */
public record MySqlSettings(String host, int port, String database, String user, String password) {

  public static final int DEFAULT_PORT = 3306;
  /** Environment variable holding the password when the URL has none (keeps it out of {@code ps}). */
  public static final String PASSWORD_ENV = "PINPIPE_MYSQL_PASSWORD";
  /** Config key of the URL ({@code PINPIPE_MYSQL_URL}, {@code mysql.url} in the config file). */
  public static final String URL_KEY = "mysql.url";
  /** Config key of the password; {@link ConfigSource} maps {@link #PASSWORD_ENV} to it. */
  public static final String PASSWORD_KEY = "mysql.password";

  /** The keys {@link #from} reads: section {@code mysql} (the password only with a URL, so one is given). */
  public static final ConfigKeys KEYS = ConfigKeys.readBy(source -> from(source.with(URL_KEY, "mysql://keys@localhost/keys")));

  private static final String SCHEME = "mysql://";
  private static final String HEX_DIGITS = "0123456789abcdef";
  private static final String EXAMPLE = "mysql://user:password@host:3306/database";

  public MySqlSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("MySQL host must not be empty");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("MySQL port must be 1 to 65535, got " + port);
    }
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException("MySQL database must not be empty");
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("MySQL user must not be empty");
    }
    password = password == null ? "" : password;
  }

  /** Parses {@code url}; a password missing from it comes from {@value #PASSWORD_ENV}. */
  public static MySqlSettings parse(String url) {
    return parse(url, Optional.ofNullable(System.getenv(PASSWORD_ENV)));
  }

  /**
   * Parses {@code mysql://user[:password]@host[:port]/database}. User and password are
   * percent-decoded (write {@code @} as {@code %40}, {@code %} as {@code %25}); the last {@code @}
   * ends them, so a password may also hold {@code @ / : ?} unencoded. The port defaults to
   * {@value #DEFAULT_PORT}. A password in the URL wins; without one, {@code passwordFallback}
   * (the environment's) is used, else none.
   */
  public static MySqlSettings parse(String url, Optional<String> passwordFallback) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("MySQL URL is empty: expected " + EXAMPLE);
    }
    String trimmed = url.trim();
    if (!trimmed.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
      throw bad(trimmed, "it must start with " + SCHEME);
    }
    String rest = trimmed.substring(SCHEME.length());
    int at = rest.lastIndexOf('@');
    if (at < 0) {
      throw bad(trimmed, "it has no user (user@host)");
    }
    String userInfo = rest.substring(0, at);
    String location = rest.substring(at + 1);
    int colon = userInfo.indexOf(':');
    String user = decode(trimmed, colon < 0 ? userInfo : userInfo.substring(0, colon), "user");
    Optional<String> urlPassword = colon < 0 ? Optional.empty() : Optional.of(decode(trimmed, userInfo.substring(colon + 1), "password"));
    if (user.isEmpty()) {
      throw bad(trimmed, "the user is empty");
    }

    int slash = location.indexOf('/');
    String hostPort = slash < 0 ? location : location.substring(0, slash);
    String path = slash < 0 ? "" : location.substring(slash + 1);
    if (path.contains("?") || path.contains("#")) {
      throw bad(trimmed, "query parameters are not supported");
    }
    if (path.isEmpty()) {
      throw bad(trimmed, "it names no database (.../database)");
    }
    if (path.contains("/")) {
      throw bad(trimmed, "the database must be one path segment");
    }
    String database = decode(trimmed, path, "database");

    String host;
    String portText = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw bad(trimmed, "the IPv6 address has no closing ]");
      }
      host = hostPort.substring(1, close);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw bad(trimmed, "expected :port after the IPv6 address");
        }
        portText = after.substring(1);
      }
    } else {
      int portColon = hostPort.indexOf(':');
      host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
      portText = portColon < 0 ? null : hostPort.substring(portColon + 1);
    }
    if (host.isEmpty()) {
      throw bad(trimmed, "the host is empty");
    }
    int port = DEFAULT_PORT;
    if (portText != null) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        throw bad(trimmed, "the port '" + portText + "' is not a number");
      }
      if (port < 1 || port > 65_535) {
        throw bad(trimmed, "the port must be 1 to 65535, got " + port);
      }
    }
    return new MySqlSettings(host, port, database, user, urlPassword.or(() -> passwordFallback).orElse(""));
  }

  /** From config key {@value #URL_KEY} (and {@value #PASSWORD_KEY}); empty when no URL is configured. */
  public static Optional<MySqlSettings> from(ConfigSource source) {
    return source.optional(URL_KEY).map(url -> parse(url, source.optional(PASSWORD_KEY)));
  }

  /** The URL with the password masked, for messages and logs. */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    int colon = url.indexOf(':', scheme + 3);
    return colon < 0 || colon > at ? url : url.substring(0, colon + 1) + "***" + url.substring(at);
  }

  /** {@code host:port}, brackets around an IPv6 host. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** {@code mysql://user:***@host:port/database}: safe to print. */
  public String redactedUrl() {
    return SCHEME + user + (password.isEmpty() ? "" : ":***") + "@" + address() + "/" + database;
  }

  public MySQLConnectOptions connectOptions() {
    return new MySQLConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setCharset("utf8mb4")
        .setCachePreparedStatements(true);
  }

  /** A pool of at most {@code maxSize} connections. */
  public Pool pool(Vertx vertx, int maxSize) {
    return MySQLBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize))
        .connectingTo(connectOptions())
        .using(vertx)
        .build();
  }

  @Override
  public String toString() {
    return "MySqlSettings[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
        + ", password=" + (password.isEmpty() ? "(none)" : "***") + "]";
  }

  private static IllegalArgumentException bad(String url, String why) {
    return new IllegalArgumentException("bad MySQL URL '" + redact(url) + "': " + why + "; expected " + EXAMPLE);
  }

  /** Percent-decoding as in URLs ({@code +} stays a plus, unlike form decoding), UTF-8. */
  private static String decode(String url, String text, String what) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      int percent = text.indexOf('%', i);
      int end = percent < 0 ? text.length() : percent;
      bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
      if (percent < 0) {
        break;
      }
      int value = percent + 2 < text.length() ? hex(text.charAt(percent + 1), text.charAt(percent + 2)) : -1;
      if (value < 0) {
        throw bad(url, "the " + what + " has a % not followed by two hex digits (write a literal % as %25)");
      }
      bytes.write(value);
      i = percent + 3;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw bad(url, "the percent-encoded " + what + " is not UTF-8");
    }
  }

  private static int hex(char high, char low) {
    int h = HEX_DIGITS.indexOf(Character.toLowerCase(high));
    int l = HEX_DIGITS.indexOf(Character.toLowerCase(low));
    return h < 0 || l < 0 ? -1 : h * 16 + l;
  }
}
