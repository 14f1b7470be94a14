package dev.pinpipe.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Flat configuration keys ({@code section.key}, e.g. {@code kafka.bootstrap}) merged from a
 * YAML/JSON file and {@code PINPIPE_<SECTION>_<KEY>} environment variables; the environment wins.
 */
public final class ConfigSource {

  private static final String ENV_PREFIX = "PINPIPE_";

  private final Map<String, String> values;

  private ConfigSource(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static ConfigSource of(Map<String, String> values) {
    return new ConfigSource(values);
  }

  /** File (optional) first, then the environment on top. */
  public static ConfigSource load(Optional<Path> file, Map<String, String> env) {
    Map<String, String> merged = new HashMap<>();
    file.ifPresent(path -> merged.putAll(readFile(path)));
    merged.putAll(fromEnv(env));
    return new ConfigSource(merged);
  }

  /** {@code PINPIPE_INGEST_MAX_BODY_BYTES} becomes {@code ingest.max-body-bytes}. */
  static Map<String, String> fromEnv(Map<String, String> env) {
    Map<String, String> result = new HashMap<>();
    env.forEach((name, value) -> {
      if (!name.startsWith(ENV_PREFIX)) {
        return;
      }
      String rest = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
      int split = rest.indexOf('_');
      if (split <= 0 || split == rest.length() - 1) {
        return;
      }
      result.put(rest.substring(0, split) + "." + rest.substring(split + 1).replace('_', '-'), value);
    });
    return result;
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
    return new ConfigSource(copy);
  }

  public String string(String key, String defaultValue) {
    String value = values.get(key);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  public Optional<String> optional(String key) {
    return Optional.ofNullable(string(key, null));
  }

  public int integer(String key, int defaultValue) {
    return (int) number(key, defaultValue);
  }

  public long number(String key, long defaultValue) {
    String value = string(key, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("config " + key + " must be a whole number, got '" + value + "'");
    }
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
