package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.EmbeddedSettings;
import dev.pinpipe.db.MySqlSettings;
import dev.pinpipe.db.SourceDatabase;
import dev.pinpipe.runtime.StartPlan;
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

  /** What a command that only opens the database starts: the embedded MariaDB, unless --mysql is given. */
  static StartPlan plan(ConfigSource applied) {
    StartPlan plan = StartPlan.in(EmbeddedSettings.from(applied));
    return SourceDatabase.startsEmbedded(applied) ? plan.mariaDb() : plan;
  }
}
