package dev.pinpipe.db;

import io.vertx.mysqlclient.MySQLException;

import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what the MySQL client fails with into one line that says what to change. */
public final class MySqlErrors {

  /** Server error codes (MySQL and MariaDB share them). */
  static final int DB_ACCESS_DENIED = 1044;
  static final int ACCESS_DENIED = 1045;
  static final int BAD_DB = 1049;
  static final int TABLE_ACCESS_DENIED = 1142;
  static final int SPECIFIC_ACCESS_DENIED = 1227;

  private static final Pattern COMMAND_DENIED = Pattern.compile("^(\\w+) command denied", Pattern.CASE_INSENSITIVE);
  private static final String SEED_PRIVILEGES = "CREATE, SELECT, INSERT, DELETE";

  private MySqlErrors() {
  }

  /** One actionable line for {@code error}, met while using {@code settings}; never the password. */
  public static String describe(Throwable error, MySqlSettings settings) {
    MySQLException mysql = find(error, MySQLException.class);
    String where = settings.address();
    String user = "'" + settings.user() + "'";
    String database = "'" + settings.database() + "'";
    if (mysql != null) {
      String message = serverMessage(mysql);
      return switch (mysql.getErrorCode()) {
        case ACCESS_DENIED -> "MySQL at " + where + " refused user " + user + " (" + message
            + "): check the user and password in --mysql (or " + MySqlSettings.PASSWORD_ENV + ")";
        case DB_ACCESS_DENIED -> "user " + user + " may not use database " + database + " at " + where + " (" + message
            + "): GRANT " + SEED_PRIVILEGES + " ON `" + settings.database() + "`.* TO " + user
            + ", or fix the database in --mysql";
        case BAD_DB -> "unknown database " + database + " at " + where
            + ": create it (CREATE DATABASE `" + settings.database() + "`) or fix the database in --mysql";
        case TABLE_ACCESS_DENIED, SPECIFIC_ACCESS_DENIED -> "user " + user + " lacks the " + privilege(message)
            + " privilege on " + database + " at " + where + " (" + message + "): seed-db needs " + SEED_PRIVILEGES
            + ", e.g. GRANT " + SEED_PRIVILEGES + " ON `" + settings.database() + "`.* TO " + user;
        default -> "MySQL at " + where + " failed: " + message + " (error " + mysql.getErrorCode()
            + ", SQLSTATE " + mysql.getSqlState() + ")";
      };
    }
    if (find(error, UnknownHostException.class) != null || find(error, SocketException.class) != null
        || String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT).contains("connection was closed")) {
      return "cannot reach MySQL at " + where + ": " + rootMessage(error) + "; check --mysql (host and port) and that the server runs";
    }
    return rootMessage(error);
  }

  /** The server's own text: the client's message wraps it as {@code {errorMessage=..., errorCode=..., sqlState=...}}. */
  public static String serverMessage(MySQLException error) {
    String message = String.valueOf(error.getMessage());
    String prefix = "{errorMessage=";
    String suffix = ", errorCode=" + error.getErrorCode() + ", sqlState=" + error.getSqlState() + "}";
    return message.startsWith(prefix) && message.endsWith(suffix)
        ? message.substring(prefix.length(), message.length() - suffix.length())
        : message;
  }

  private static String privilege(String message) {
    Matcher matcher = COMMAND_DENIED.matcher(message == null ? "" : message);
    return matcher.find() ? matcher.group(1).toUpperCase(Locale.ROOT) : "needed";
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }
}
