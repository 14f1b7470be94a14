package dev.pinpipe.config;

import dev.pinpipe.text.Typos;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configuration keys a program reads. Each settings class declares its own by reading them:
 * {@link #readBy} runs its {@code from(...)} once on an empty source and keeps every key it
 * looked up, so a key is named once, where it is read. A program adds up the sets of the
 * settings it builds ({@link #plus}); a file or environment key outside them is an error that
 * names the nearest valid key.
 */
public final class ConfigKeys {

  private final Set<String> keys;

  private ConfigKeys(Collection<String> keys) {
    this.keys = Set.copyOf(keys);
  }

  public static ConfigKeys of(String... keys) {
    return new ConfigKeys(Set.of(keys));
  }

  /** The keys {@code reader} looks up when every key is missing (all defaults). */
  public static ConfigKeys readBy(Consumer<ConfigSource> reader) {
    Set<String> read = new TreeSet<>();
    reader.accept(ConfigSource.recording(read::add));
    return new ConfigKeys(read);
  }

  public ConfigKeys plus(ConfigKeys... others) {
    Set<String> all = new TreeSet<>(keys);
    for (ConfigKeys other : others) {
      all.addAll(other.keys);
    }
    return new ConfigKeys(all);
  }

  public boolean contains(String key) {
    return keys.contains(key);
  }

  public Set<String> keys() {
    return new TreeSet<>(keys);
  }

  /** The part of each key before its dot: {@code kafka}, {@code sink}, ... */
  public Set<String> sections() {
    return keys.stream().map(key -> key.substring(0, key.indexOf('.'))).collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The error for {@code key}, not one of these, found in {@code origin} (a file, a variable);
   * the nearest valid key is suggested as {@code spelling} writes it there.
   */
  IllegalArgumentException unknown(String key, String origin, Function<String, String> spelling) {
    return new IllegalArgumentException("unknown config key " + key + " (" + origin + ")"
        + nearest(key).map(near -> "; did you mean " + spelling.apply(near) + "?")
            .orElse("; the sections are " + String.join(", ", sections())));
  }

  /** The valid key closest to {@code key} by edit distance (dashes and underscores alike), if one is close enough to be a typo. */
  public Optional<String> nearest(String key) {
    return Typos.nearest(key, keys);
  }

  @Override
  public String toString() {
    return new TreeSet<>(keys).toString();
  }
}
