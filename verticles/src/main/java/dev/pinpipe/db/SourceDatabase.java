package dev.pinpipe.db;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.EmbeddedSettings;

import java.util.Optional;

/** The MySQL the posts come from: the one configured ({@code mysql.url}), or an embedded MariaDB under the data dir. */
public final class SourceDatabase implements AutoCloseable {

  private final MySqlSettings settings;
  private final Optional<EmbeddedMariaDb> embedded;

  private SourceDatabase(MySqlSettings settings, Optional<EmbeddedMariaDb> embedded) {
    this.settings = settings;
    this.embedded = embedded;
  }

  public static SourceDatabase open(ConfigSource source) {
    Optional<MySqlSettings> external = MySqlSettings.from(source);
    if (external.isPresent()) {
      return new SourceDatabase(external.get(), Optional.empty());
    }
    EmbeddedMariaDb embedded = EmbeddedMariaDb.start(EmbeddedSettings.from(source).dataDir(),
        source.integer("embedded.mysql-port", MySqlSettings.DEFAULT_PORT));
    return new SourceDatabase(embedded.settings(), Optional.of(embedded));
  }

  public MySqlSettings settings() {
    return settings;
  }

  public Optional<EmbeddedMariaDb> embedded() {
    return embedded;
  }

  @Override
  public void close() {
    embedded.ifPresent(EmbeddedMariaDb::close);
  }
}
