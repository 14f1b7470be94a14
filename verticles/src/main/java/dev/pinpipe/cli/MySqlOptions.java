package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.db.MySqlSettings;
import picocli.CommandLine.Option;

/** Where the source tables the emulator posts from are. */
public final class MySqlOptions implements ConfigFlags {

  @Option(names = "--mysql", paramLabel = "URL",
      description = "The source MySQL, mysql://user:password@host:3306/database (percent-encode @ : / in the password, "
          + "or leave it out and set " + MySqlSettings.PASSWORD_ENV + ").")
  String url;

  @Override
  public ConfigSource apply(ConfigSource source) {
    return source.with(MySqlSettings.URL_KEY, url);
  }
}
