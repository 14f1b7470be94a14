package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.runtime.Role;
import picocli.CommandLine.Option;

import java.util.Set;

/** Which roles a serving process runs, and on which ports. */
public final class ServeOptions implements ConfigFlags {

  @Option(names = "--roles", paramLabel = "ROLES", defaultValue = "ingest,fanout,sink",
      description = "Comma-separated roles to run: ingest, fanout, sink, emulator (default: ${DEFAULT-VALUE}; "
          + "emulator posts from the source MySQL, --mysql).")
  String roles;

  @Option(names = "--http-port", paramLabel = "PORT", description = "Ingestion HTTP port (default: 8082, the REST Proxy's).")
  Integer httpPort;

  @Option(names = "--management-port", paramLabel = "PORT", description = "Health, readiness and metrics port (default: 8081).")
  Integer managementPort;

  @Option(names = "--instances", paramLabel = "N", description = "Ingest and fan-out verticle instances (default: number of cores).")
  Integer instances;

  public Set<Role> roles() {
    return Role.parse(roles);
  }

  @Override
  public ConfigSource apply(ConfigSource source) {
    return source
        .with("ingest.http-port", httpPort)
        .with("ingest.management-port", managementPort)
        .with("ingest.instances", instances);
  }
}
