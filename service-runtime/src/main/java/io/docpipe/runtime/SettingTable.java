package io.docpipe.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The settings of one part of docpipe, each declared once with its variable, parser, default and doc:
 * <pre>{@code
 * static final SettingTable TABLE = new SettingTable("Ingest service");
 * static final Setting<Path> INBOX = TABLE.path("ingest.inbox.dir", Path.of("inbox"), "`inbox`", "Watched folder.");
 * }</pre>
 * Declaring a setting registers it; {@link #markdown()} is the README's table for it, which a test keeps equal.
 */
public final class SettingTable {
  private final String title;
  private final List<Setting<?>> settings = new ArrayList<>();

  public SettingTable(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  public List<Setting<?>> settings() {
    return Collections.unmodifiableList(settings);
  }

  /** The README's rows: variable, default, what it does. */
  public String markdown() {
    StringBuilder out = new StringBuilder("| variable | default | what it does |\n| --- | --- | --- |\n");
    for (Setting<?> s : settings) {
      out.append("| `").append(s.envName()).append("` | ").append(s.defaultText()).append(" | ")
          .append(s.doc()).append(" |\n");
    }
    return out.toString();
  }

  private <T> Setting<T> add(Setting<T> setting) {
    for (Setting<?> other : settings) {
      if (other.key().equals(setting.key())) {
        throw new IllegalArgumentException(setting.key() + " is declared twice in " + title);
      }
    }
    settings.add(setting);
    return setting;
  }

  public Setting<String> string(String key, String defaultValue, String doc) {
    return add(Setting.string(key, defaultValue, doc));
  }

  public Setting<Optional<String>> optional(String key, String doc) {
    return add(Setting.optional(key, doc));
  }

  public Setting<Optional<String>> secret(String key, String doc) {
    return add(Setting.secret(key, doc));
  }

  public Setting<Integer> integer(String key, int defaultValue, int min, int max, String doc) {
    return add(Setting.integer(key, defaultValue, min, max, doc));
  }

  public Setting<Long> bytes(String key, long defaultValue, String defaultText, long min, long max, String doc) {
    return add(Setting.bytes(key, defaultValue, defaultText, min, max, doc));
  }

  public Setting<Double> decimal(String key, double defaultValue, double min, double max, String doc) {
    return add(Setting.decimal(key, defaultValue, min, max, doc));
  }

  public Setting<Boolean> bool(String key, boolean defaultValue, String doc) {
    return add(Setting.bool(key, defaultValue, doc));
  }

  public Setting<Duration> duration(String key, Duration defaultValue, String doc) {
    return add(Setting.duration(key, defaultValue, doc));
  }

  public Setting<Path> path(String key, Path defaultValue, String defaultText, String doc) {
    return add(Setting.path(key, defaultValue, defaultText, doc));
  }

  public Setting<Optional<Path>> optionalPath(String key, String defaultText, String doc) {
    return add(Setting.optionalPath(key, defaultText, doc));
  }

  public Setting<URI> uri(String key, String defaultValue, String doc) {
    return add(Setting.uri(key, defaultValue, doc));
  }

  public <E extends Enum<E>> Setting<E> enumValue(String key, Class<E> type, E defaultValue, String doc) {
    return add(Setting.enumValue(key, type, defaultValue, doc));
  }
}
