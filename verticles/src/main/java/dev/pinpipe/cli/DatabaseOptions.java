package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.db.MySqlSettings;
import picocli.CommandLine.Option;

/** Where the source tables are: an external MySQL, or an embedded MariaDB under --data-dir. */
final class DatabaseOptions {

  @Option(names = "--mysql", paramLabel = "URL",
      description = "External MySQL, mysql://user:password@host:3306/database (percent-encode @ : / in the password, "
          + "or leave it out and set " + MySqlSettings.PASSWORD_ENV + "). Without it an embedded MariaDB starts.")
  String mysql;

  @Option(names = "--mysql-port", paramLabel = "PORT", description = "Port of the embedded MariaDB (default: 3306).")
  Integer mysqlPort;

  ConfigSource apply(ConfigSource source) {
    return source.with(MySqlSettings.URL_KEY, mysql).with("embedded.mysql-port", mysqlPort);
  }
}
