package io.docpipe.index;

import io.docpipe.runtime.Setting;
import io.docpipe.runtime.SettingTable;
import io.docpipe.runtime.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach OpenSearch: URL, basic auth or API key, and a trust store for a private CA. Secrets can be
 * given through {@code *_FILE} settings and are never logged.
 */
public record OpenSearchSettings(URI url, Optional<String> user, Optional<String> password,
    Optional<String> apiKey, Optional<Path> trustStore, Optional<String> trustStorePassword,
    Duration timeout) {

  /** How the index service and the {@code search} and {@code reindex} commands reach OpenSearch. */
  public static final SettingTable TABLE = new SettingTable("OpenSearch (the index service, `docpipe search` and "
      + "`docpipe reindex`)");
  public static final Setting<URI> URL = TABLE.uri("opensearch.url", "http://localhost:9200",
      "OpenSearch (`https://` for TLS).");
  static final Setting<Optional<String>> USER = TABLE.optional("opensearch.user", "Basic auth user.");
  static final Setting<Optional<String>> PASSWORD = TABLE.secret("opensearch.password",
      "Its password (or `…_FILE`: a file holding it; never logged).");
  static final Setting<Optional<String>> API_KEY = TABLE.secret("opensearch.api.key",
      "An API key instead of basic auth (or `…_FILE`).");
  static final Setting<Optional<Path>> TRUSTSTORE = TABLE.optionalPath("opensearch.ssl.truststore.location", "–",
      "Trust store for a private CA.");
  static final Setting<Optional<String>> TRUSTSTORE_PASSWORD = TABLE.secret("opensearch.ssl.truststore.password",
      "Its password (or `…_FILE`).");
  static final Setting<Duration> TIMEOUT = TABLE.duration("opensearch.timeout", Duration.ofSeconds(30),
      "Connect and response timeout.");

  public static OpenSearchSettings from(Settings settings) {
    return new OpenSearchSettings(URL.read(settings), USER.read(settings), PASSWORD.read(settings),
        API_KEY.read(settings), TRUSTSTORE.read(settings), TRUSTSTORE_PASSWORD.read(settings),
        TIMEOUT.read(settings));
  }

  public static OpenSearchSettings of(URI url) {
    return new OpenSearchSettings(url, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Duration.ofSeconds(30));
  }

  @Override
  public String toString() {
    return "OpenSearchSettings[url=" + url + ", user=" + user.orElse("-") + ", apiKey="
        + (apiKey.isPresent() ? "(set)" : "-") + ", trustStore=" + trustStore.map(Path::toString).orElse("-")
        + "]";
  }
}
