package dev.pinpipe.runtime;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The verticles a process can run; any subset may run together. */
public enum Role {
  /** HTTP ingestion (Kafka REST Proxy v2 API and {@code /posts}). */
  INGEST,
  /** Event bus to Kafka through one shared producer. */
  FANOUT,
  /** Kafka to S3 in the Confluent S3 sink's layout. */
  SINK,
  /** Emulated users posting from the source database (config section {@code emulator}); started by the command, not by default. */
  EMULATOR;

  public static Set<Role> parse(String roles) {
    if (roles == null || roles.isBlank()) {
      throw new IllegalArgumentException("--roles needs at least one of " + names());
    }
    Set<Role> result = EnumSet.noneOf(Role.class);
    for (String name : roles.split(",")) {
      String trimmed = name.trim().toUpperCase(Locale.ROOT);
      try {
        result.add(Role.valueOf(trimmed));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown role '" + name.trim() + "'; roles are " + names());
      }
    }
    return result;
  }

  public static String names() {
    return Arrays.stream(values()).map(role -> role.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
  }
}
