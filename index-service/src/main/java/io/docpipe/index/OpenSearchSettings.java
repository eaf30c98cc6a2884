package io.docpipe.index;

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

  public static OpenSearchSettings from(Settings settings) {
    return new OpenSearchSettings(
        settings.uri("opensearch.url", "http://localhost:9200"),
        settings.optional("opensearch.user"),
        settings.secret("opensearch.password"),
        settings.secret("opensearch.api.key"),
        settings.optional("opensearch.ssl.truststore.location").map(Path::of),
        settings.secret("opensearch.ssl.truststore.password"),
        settings.duration("opensearch.timeout", Duration.ofSeconds(30)));
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
