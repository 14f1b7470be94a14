package dev.pinpipe.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Flat configuration keys ({@code section.key}, e.g. {@code kafka.bootstrap}) merged from a
 * YAML/JSON file and {@code PINPIPE_<SECTION>_<KEY>} environment variables; the environment wins.
 * {@link #load} accepts only the keys the program reads ({@link ConfigKeys}); numbers are read
 * within a range.
 */
public final class ConfigSource {

  private static final String ENV_PREFIX = "PINPIPE_";

  private final Map<String, String> values;
  /** Told every key looked up; {@link ConfigKeys#readBy} collects a settings class's keys with it. */
  private final Consumer<String> onRead;

  private ConfigSource(Map<String, String> values, Consumer<String> onRead) {
    this.values = Map.copyOf(values);
    this.onRead = onRead;
  }

  public static ConfigSource of(Map<String, String> values) {
    return new ConfigSource(values, key -> { });
  }

  /** An empty source that tells {@code onRead} each key looked up, its copies ({@link #with}) too. */
  static ConfigSource recording(Consumer<String> onRead) {
    return new ConfigSource(Map.of(), onRead);
  }

  /**
   * File (optional) first, then the environment on top. A key of the file, or an environment
   * variable of one of {@code keys}' sections, that is not one of {@code keys} is an error naming
   * it, where it came from and the nearest valid key. Other {@code PINPIPE_*} variables (such as
   * {@code PINPIPE_JAVA_OPTS}, {@code PINPIPE_LOG_LEVEL}) are no configuration and left alone.
   */
  public static ConfigSource load(Optional<Path> file, Map<String, String> env, ConfigKeys keys) {
    Map<String, String> merged = new HashMap<>();
    file.ifPresent(path -> {
      Map<String, String> read = readFile(path);
      new TreeMap<>(read).keySet().stream().filter(key -> !keys.contains(key)).findFirst().ifPresent(key -> {
        throw keys.unknown(key, "config file " + path, near -> near);
      });
      merged.putAll(read);
    });
    merged.putAll(fromEnv(env, keys));
    return new ConfigSource(merged, key -> { });
  }

  /** {@code PINPIPE_INGEST_MAX_BODY_BYTES} becomes {@code ingest.max-body-bytes}; only variables of {@code keys}' sections count. */
  static Map<String, String> fromEnv(Map<String, String> env, ConfigKeys keys) {
    Map<String, String> result = new HashMap<>();
    new TreeMap<>(env).forEach((name, value) -> {
      if (!name.startsWith(ENV_PREFIX)) {
        return;
      }
      String rest = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
      int split = rest.indexOf('_');
      if (split <= 0 || split == rest.length() - 1 || !keys.sections().contains(rest.substring(0, split))) {
        return;
      }
      String key = rest.substring(0, split) + "." + rest.substring(split + 1).replace('_', '-');
      if (!keys.contains(key)) {
        throw keys.unknown(key, "environment variable " + name, near -> envName(near) + " (" + near + ")");
      }
      result.put(key, value);
    });
    return result;
  }

  /** {@code ingest.max-body-bytes} is set by {@code PINPIPE_INGEST_MAX_BODY_BYTES}. */
  static String envName(String key) {
    return ENV_PREFIX + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  static Map<String, String> readFile(Path path) {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    JsonNode root;
    try {
      root = mapper.readTree(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config file " + path + ": " + e.getMessage(), e);
    }
    Map<String, String> result = new HashMap<>();
    if (root == null || root.isNull()) {
      return result;
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("config file " + path + " must hold sections (a mapping), e.g. 'kafka: {bootstrap: host:9092}'");
    }
    for (Iterator<Map.Entry<String, JsonNode>> sections = root.fields(); sections.hasNext(); ) {
      Map.Entry<String, JsonNode> section = sections.next();
      if (!section.getValue().isObject()) {
        throw new IllegalArgumentException("config file " + path + ": section '" + section.getKey() + "' must be a mapping of keys to values");
      }
      section.getValue().fields().forEachRemaining(entry -> result.put(
          section.getKey() + "." + entry.getKey(),
          entry.getValue().isValueNode() ? entry.getValue().asText() : entry.getValue().toString()));
    }
    return result;
  }

  public ConfigSource with(String key, Object value) {
    if (value == null) {
      return this;
    }
    Map<String, String> copy = new HashMap<>(values);
    copy.put(key, String.valueOf(value));
    return new ConfigSource(copy, onRead);
  }

  public String string(String key, String defaultValue) {
    onRead.accept(key);
    String value = values.get(key);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  public Optional<String> optional(String key) {
    return Optional.ofNullable(string(key, null));
  }

  /** A whole number from {@code min} to {@code max}; one out of that range (or out of {@code int}'s) is an error naming both. */
  public int integer(String key, int defaultValue, int min, int max) {
    return (int) number(key, defaultValue, min, max);
  }

  /** A whole number from {@code min} to {@code max} ({@code _} between digits allowed: {@code 10_000}). */
  public long number(String key, long defaultValue, long min, long max) {
    String value = string(key, null);
    if (value == null) {
      return defaultValue;
    }
    BigInteger parsed;
    try {
      parsed = new BigInteger(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("config " + key + " must be a whole number, got '" + value + "'");
    }
    if (parsed.compareTo(BigInteger.valueOf(min)) < 0 || parsed.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException("config " + key + " must be " + range(min, max) + ", got " + value);
    }
    return parsed.longValue();
  }

  /** A number from {@code min} to {@code max}, fractions allowed. */
  public double decimal(String key, double defaultValue, double min, double max) {
    String value = string(key, null);
    if (value == null) {
      return defaultValue;
    }
    double parsed;
    try {
      parsed = Double.parseDouble(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("config " + key + " must be a number, got '" + value + "'");
    }
    if (!(parsed >= min && parsed <= max)) {
      throw new IllegalArgumentException("config " + key + " must be " + min + " to " + max + ", got " + value);
    }
    return parsed;
  }

  /** An ISO-8601 duration such as {@code PT5M}. */
  public Duration duration(String key, Duration defaultValue) {
    String value = string(key, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("config " + key + " must be an ISO-8601 duration such as PT5M or PT30S, got '" + value + "'");
    }
  }

  private static String range(long min, long max) {
    return max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? "at least " + min + " (at most " + max + ")" : min + " to " + max;
  }

  public boolean bool(String key, boolean defaultValue) {
    String value = string(key, null);
    if (value == null) {
      return defaultValue;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("config " + key + " must be true or false, got '" + value + "'");
    };
  }
}
