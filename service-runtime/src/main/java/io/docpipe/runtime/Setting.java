package io.docpipe.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One setting, declared once: its key (read from the {@code DOCPIPE_*} environment variable or the
 * {@code docpipe.*} system property of {@link Settings}), how it is parsed and checked, its default and a
 * one-line description. Settings are declared in a {@link SettingTable}, one per service, from which the README's
 * configuration table is generated and checked; a config record reads each value with {@link #read}.
 *
 * @param <T> the parsed value
 */
public final class Setting<T> {
  private final String key;
  private final String defaultText;
  private final String doc;
  private final BiFunction<Settings, String, T> reader;

  Setting(String key, String defaultText, String doc, BiFunction<Settings, String, T> reader) {
    if (!key.matches("[a-z0-9]+(\\.[a-z0-9]+)*")) {
      throw new IllegalArgumentException("a setting key is lower-case words joined by dots, got " + key);
    }
    this.key = key;
    this.defaultText = defaultText;
    this.doc = doc;
    this.reader = reader;
  }

  /** The value from these settings, or the default; a bad value is recorded as a problem of {@code settings}. */
  public T read(Settings settings) {
    return reader.apply(settings, key);
  }

  public String key() {
    return key;
  }

  /** The environment variable it is read from. */
  public String envName() {
    return Settings.envName(key);
  }

  /** The default as the README shows it ("–" when there is none). */
  public String defaultText() {
    return defaultText;
  }

  public String doc() {
    return doc;
  }

  @Override
  public String toString() {
    return envName();
  }

  static Setting<String> string(String key, String defaultValue, String doc) {
    return new Setting<>(key, defaultValue.isEmpty() ? "–" : "`" + defaultValue + "`", doc,
        (s, k) -> s.string(k, defaultValue));
  }

  static Setting<Optional<String>> optional(String key, String doc) {
    return new Setting<>(key, "–", doc, Settings::optional);
  }

  /** A secret, given directly or (preferably) as a file named by the same variable with {@code _FILE}. */
  static Setting<Optional<String>> secret(String key, String doc) {
    return new Setting<>(key, "–", doc, Settings::secret);
  }

  static Setting<Integer> integer(String key, int defaultValue, int min, int max, String doc) {
    return new Setting<>(key, "`" + defaultValue + "`", doc, (s, k) -> s.integer(k, defaultValue, min, max));
  }

  /** A byte count (k/m/g suffixes allowed); {@code defaultText} as the README writes it, e.g. {@code 64m}. */
  static Setting<Long> bytes(String key, long defaultValue, String defaultText, long min, long max, String doc) {
    return new Setting<>(key, "`" + defaultText + "`", doc, (s, k) -> s.number(k, defaultValue, min, max));
  }

  static Setting<Double> decimal(String key, double defaultValue, double min, double max, String doc) {
    return new Setting<>(key, "`" + defaultValue + "`", doc, (s, k) -> s.decimal(k, defaultValue, min, max));
  }

  static Setting<Boolean> bool(String key, boolean defaultValue, String doc) {
    return new Setting<>(key, "`" + defaultValue + "`", doc, (s, k) -> s.bool(k, defaultValue));
  }

  static Setting<Duration> duration(String key, Duration defaultValue, String doc) {
    return new Setting<>(key, "`" + format(defaultValue) + "`", doc, (s, k) -> s.duration(k, defaultValue));
  }

  static Setting<Path> path(String key, Path defaultValue, String defaultText, String doc) {
    return new Setting<>(key, defaultText, doc, (s, k) -> s.path(k, defaultValue));
  }

  /** A path whose default depends on other settings: empty when not given. */
  static Setting<Optional<Path>> optionalPath(String key, String defaultText, String doc) {
    return new Setting<>(key, defaultText, doc, (s, k) -> s.optional(k).map(Path::of));
  }

  static Setting<URI> uri(String key, String defaultValue, String doc) {
    return new Setting<>(key, "`" + defaultValue + "`", doc, (s, k) -> s.uri(k, defaultValue));
  }

  static <E extends Enum<E>> Setting<E> enumValue(String key, Class<E> type, E defaultValue, String doc) {
    return new Setting<>(key, "`" + defaultValue.name().toLowerCase(java.util.Locale.ROOT) + "`", doc,
        (s, k) -> s.enumValue(k, type, defaultValue));
  }

  /** {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 30d}: the README's way of writing a duration. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms > 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
