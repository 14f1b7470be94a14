package dev.pinpipe.operator.config;

import dev.pinpipe.text.Typos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The operator's settings as dotted keys ({@code job.driver.cores}): from a YAML file of nested
 * mappings ({@code job: {driver: {cores: 2}}}) and from {@code PINPIPE_OPERATOR_<KEY>} environment
 * variables ({@code PINPIPE_OPERATOR_JOB_DRIVER_CORES}), the environment winning, a blank variable
 * meaning "the default". A key is known by being read: once {@link OperatorSettings} has read all
 * of its keys, {@link #rejectUnread} fails on any other key of the file or variable of the prefix.
 */
final class SettingsSource {

  static final String ENV_PREFIX = "PINPIPE_OPERATOR_";

  private final JsonNode file;
  private final String fileName;
  private final Map<String, String> env;
  private final Set<String> read = new TreeSet<>();

  private SettingsSource(JsonNode file, String fileName, Map<String, String> env) {
    this.file = file;
    this.fileName = fileName;
    this.env = new TreeMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX)) {
        this.env.put(name, value);
      }
    });
  }

  /** {@code file} (when given) under the variables of {@code env} that start with {@link #ENV_PREFIX}. */
  static SettingsSource load(Optional<Path> file, Map<String, String> env) {
    if (file.isEmpty()) {
      return new SettingsSource(JsonNodeFactory.instance.objectNode(), "", env);
    }
    Path path = file.get();
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read operator config file " + path + ": " + firstLine(e.getMessage()));
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      root = JsonNodeFactory.instance.objectNode();
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("operator config file " + path + " must be a mapping of settings, e.g. 'job: {image: pinpipe-spark:0.1.0}'");
    }
    return new SettingsSource(root, path.toString(), env);
  }

  /** The variable that sets {@code key}: {@code job.driver.cores} is {@code PINPIPE_OPERATOR_JOB_DRIVER_CORES}. */
  static String envName(String key) {
    return ENV_PREFIX + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** Every key read so far. */
  Set<String> keys() {
    return new TreeSet<>(read);
  }

  String string(String key, String defaultValue) {
    return text(key).orElse(defaultValue);
  }

  Optional<String> optional(String key) {
    return text(key);
  }

  /** A whole number from {@code min} to {@code max} ({@code _} between digits allowed). */
  int integer(String key, int defaultValue, int min, int max) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    BigInteger number;
    try {
      number = new BigInteger(value.get().replace("_", ""));
    } catch (NumberFormatException e) {
      throw invalid(key, "must be a whole number, got '" + value.get() + "'");
    }
    if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
      throw invalid(key, "must be " + min + " to " + max + ", got " + value.get());
    }
    return number.intValue();
  }

  boolean bool(String key, boolean defaultValue) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw invalid(key, "must be true or false, got '" + value.get() + "'");
    };
  }

  /** A YAML sequence (or one comma-separated string); in the environment, comma-separated. Blank items are dropped. */
  List<String> list(String key) {
    read.add(key);
    List<String> items = new ArrayList<>();
    String variable = env.get(envName(key));
    JsonNode node = variable == null ? node(key) : null;
    if (variable != null) {
      items.addAll(Arrays.asList(variable.split(",")));
    } else if (node != null && node.isArray()) {
      node.forEach(item -> items.add(scalar(key, item)));
    } else if (node != null) {
      items.addAll(Arrays.asList(scalar(key, node).split(",")));
    }
    return items.stream().map(String::trim).filter(item -> !item.isEmpty()).toList();
  }

  /** A YAML mapping of names to values; in the environment, comma-separated {@code name=value} pairs. */
  Map<String, String> map(String key) {
    read.add(key);
    Map<String, String> entries = new LinkedHashMap<>();
    String variable = env.get(envName(key));
    JsonNode node = variable == null ? node(key) : null;
    if (variable != null) {
      for (String pair : variable.split(",")) {
        if (pair.isBlank()) {
          continue;
        }
        int equals = pair.indexOf('=');
        if (equals <= 0) {
          throw invalid(key, "must be name=value pairs separated by commas, got '" + pair.trim() + "'");
        }
        entries.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
      }
    } else if (node != null && node.isObject()) {
      node.fields().forEachRemaining(entry -> entries.put(entry.getKey(), scalar(key + "." + entry.getKey(), entry.getValue())));
    } else if (node != null && !node.isNull()) {
      throw invalid(key, "must be a mapping of names to values");
    }
    return entries;
  }

  /** An error about {@code key}'s value, naming where the value came from. */
  IllegalArgumentException invalid(String key, String problem) {
    String origin = env.containsKey(envName(key)) ? "environment variable " + envName(key) : "config file " + fileName;
    return new IllegalArgumentException("operator setting " + key + " " + problem + " (" + origin + ")");
  }

  /** Fails on the first key of the file, then the first variable, that no setting read; suggests the nearest that is one. */
  void rejectUnread() {
    unread(file, "").stream().findFirst().ifPresent(key -> {
      throw new IllegalArgumentException("unknown operator setting " + key + " in config file " + fileName
          + Typos.nearest(key, read).map(near -> "; did you mean " + near + "?").orElse("; the settings are " + topLevel()));
    });
    List<String> names = read.stream().map(SettingsSource::envName).toList();
    env.keySet().stream().filter(name -> !names.contains(name)).findFirst().ifPresent(name -> {
      throw new IllegalArgumentException("unknown operator setting: environment variable " + name
          + Typos.nearest(name, names).map(near -> "; did you mean " + near + "?").orElse("; the variables are " + ENV_PREFIX + "<KEY>, e.g. " + envName("job.image")));
    });
  }

  private List<String> unread(JsonNode node, String path) {
    List<String> unknown = new ArrayList<>();
    node.fields().forEachRemaining(field -> {
      String key = path + field.getKey();
      if (read.contains(key)) {
        return;
      }
      boolean parent = read.stream().anyMatch(known -> known.startsWith(key + "."));
      if (parent && !field.getValue().isObject()) {
        throw new IllegalArgumentException("operator setting " + key + " must be a mapping of settings (config file " + fileName + ")");
      }
      if (parent) {
        unknown.addAll(unread(field.getValue(), key + "."));
      } else {
        unknown.add(key);
      }
    });
    return unknown;
  }

  private String topLevel() {
    return String.join(", ", new TreeSet<>(read.stream().map(key -> key.split("\\.")[0]).toList()));
  }

  /** The value of {@code key} as text, trimmed; empty when unset or blank. */
  private Optional<String> text(String key) {
    read.add(key);
    String variable = env.get(envName(key));
    if (variable != null) {
      return Optional.of(variable.trim()).filter(value -> !value.isEmpty());
    }
    JsonNode node = node(key);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(scalar(key, node).trim()).filter(value -> !value.isEmpty());
  }

  private String scalar(String key, JsonNode node) {
    if (!node.isValueNode()) {
      throw invalid(key, "must be a single value, not a " + (node.isArray() ? "list" : "mapping"));
    }
    return node.asText();
  }

  /** The file's node at {@code key}'s path, or null. */
  private JsonNode node(String key) {
    JsonNode node = file;
    for (String part : key.split("\\.")) {
      node = node.isObject() ? node.get(part) : null;
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
