package io.docpipe.runtime;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Raw settings of a service, read once at start, with typed accessors that collect every problem instead
 * of failing on the first. A key such as {@code ingest.inbox.dir} is read from, in order of precedence: an
 * explicit override, the system property {@code docpipe.ingest.inbox.dir}, the environment variable
 * {@code DOCPIPE_INGEST_INBOX_DIR}. A typed config calls the accessors, then {@link #validate()}.
 */
public final class Settings {
  public static final String ENV_PREFIX = "DOCPIPE_";
  public static final String PROPERTY_PREFIX = "docpipe.";

  private final Map<String, String> values;
  private final List<String> problems = new ArrayList<>();
  private final java.util.Set<String> read = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Settings(Map<String, String> values) {
    this.values = values;
  }

  /** Settings from the environment and system properties. */
  public static Settings fromEnvironment() {
    return of(System.getenv(), System.getProperties(), Map.of());
  }

  /** Settings from the environment and system properties, with overrides on top. */
  public static Settings fromEnvironment(Map<String, String> overrides) {
    return of(System.getenv(), System.getProperties(), overrides);
  }

  /** Settings from explicit maps (tests, the all-in-one launcher). */
  public static Settings of(Map<String, String> env, Properties props, Map<String, String> overrides) {
    Map<String, String> values = new TreeMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX)) {
        values.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    props.stringPropertyNames().forEach(name -> {
      if (name.startsWith(PROPERTY_PREFIX)) {
        values.put(name.substring(PROPERTY_PREFIX.length()), props.getProperty(name));
      }
    });
    values.putAll(overrides);
    return new Settings(values);
  }

  public static Settings of(Map<String, String> values) {
    return new Settings(new TreeMap<>(values));
  }

  /** The environment variable a key is read from, for messages and docs. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Keys that were given but never read by any accessor: a misspelt or unknown {@code DOCPIPE_*} variable,
   * or one meant for another service.
   */
  public java.util.SortedSet<String> unread() {
    java.util.SortedSet<String> unread = new java.util.TreeSet<>(values.keySet());
    unread.removeAll(read);
    return unread;
  }

  public Optional<String> optional(String key) {
    read.add(key);
    String value = values.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String string(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  /** A required string; records a problem when missing. */
  public String required(String key) {
    return optional(key).orElseGet(() -> {
      problem(key, "is required");
      return "";
    });
  }

  /** A secret given directly or, preferably, through {@code <key>.file} naming a file that holds it. */
  public Optional<String> secret(String key) {
    Optional<String> file = optional(key + ".file");
    if (file.isPresent()) {
      try {
        return Optional.of(Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip());
      } catch (IOException e) {
        problem(key + ".file", "cannot read secret file " + file.get() + ": " + e.getMessage());
        return Optional.empty();
      }
    }
    return optional(key);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    return (int) number(key, defaultValue, min, max);
  }

  public long number(String key, long defaultValue, long min, long max) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      long value = parseSize(raw.get());
      if (value < min || value > max) {
        problem(key, "must be between " + min + " and " + max + ", got " + raw.get());
        return defaultValue;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(key, "must be a whole number (k/m/g suffixes allowed), got '" + raw.get() + "'");
      return defaultValue;
    }
  }

  public double decimal(String key, double defaultValue, double min, double max) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      double value = Double.parseDouble(raw.get().strip());
      if (!(value >= min && value <= max)) {
        problem(key, "must be between " + min + " and " + max + ", got " + raw.get());
        return defaultValue;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(key, "must be a number such as 0.55, got '" + raw.get() + "'");
      return defaultValue;
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> {
        problem(key, "must be true or false, got '" + raw.get() + "'");
        yield defaultValue;
      }
    };
  }

  /** A duration such as {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h} or ISO-8601 {@code PT2S}. */
  public Duration duration(String key, Duration defaultValue) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      return parseDuration(raw.get());
    } catch (DateTimeParseException | NumberFormatException e) {
      problem(key, "must be a duration like 500ms, 2s, 5m or PT2S, got '" + raw.get() + "'");
      return defaultValue;
    }
  }

  public Path path(String key, Path defaultValue) {
    return optional(key).map(Path::of).orElse(defaultValue);
  }

  public URI uri(String key, String defaultValue) {
    String raw = string(key, defaultValue);
    try {
      URI uri = URI.create(raw);
      if (uri.getScheme() == null || uri.getHost() == null) {
        problem(key, "must be an absolute URL like http://host:port, got '" + raw + "'");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      problem(key, "is not a valid URL: '" + raw + "'");
      return URI.create("http://invalid");
    }
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      return Enum.valueOf(type, raw.get().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      problem(key, "must be one of " + List.of(type.getEnumConstants()) + ", got '" + raw.get() + "'");
      return defaultValue;
    }
  }

  /** Every setting under a prefix with the prefix removed, e.g. {@code kafka.} for client passthrough. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> result = new HashMap<>();
    values.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        read.add(key);
        result.put(key.substring(prefix.length()), value);
      }
    });
    return result;
  }

  /** Records a problem found by a typed config's own cross-field checks. */
  public void problem(String key, String message) {
    problems.add(key + " (" + envName(key) + ") " + message);
  }

  /** Throws a {@link ConfigException} listing every problem found so far. */
  public void validate() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  static long parseSize(String raw) {
    String value = raw.trim().toLowerCase(Locale.ROOT);
    long factor = 1;
    if (value.endsWith("k") || value.endsWith("kb")) {
      factor = 1024;
    } else if (value.endsWith("m") || value.endsWith("mb")) {
      factor = 1024 * 1024;
    } else if (value.endsWith("g") || value.endsWith("gb")) {
      factor = 1024L * 1024 * 1024;
    }
    return Long.parseLong(value.replaceAll("[kmg]b?$", "")) * factor;
  }

  static Duration parseDuration(String raw) {
    String value = raw.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("p")) {
      return Duration.parse(raw.trim().toUpperCase(Locale.ROOT));
    }
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    long amount = Long.parseLong(value.substring(0, value.length() - 1));
    return switch (value.charAt(value.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw new NumberFormatException(raw);
    };
  }
}
