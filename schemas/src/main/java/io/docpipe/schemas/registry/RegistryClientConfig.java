package io.docpipe.schemas.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a Confluent-compatible schema registry.
 *
 * @param url base URL of the Confluent API, e.g. {@code http://localhost:8081} for Confluent or
 *     {@code http://localhost:8081/apis/ccompat/v7} for Apicurio
 * @param basicAuthUser user for HTTP basic auth, if the registry needs it
 * @param basicAuthPassword password for HTTP basic auth (never logged)
 * @param trustStore PKCS12/JKS trust store holding the registry's CA, for TLS with a private CA
 * @param trustStorePassword its password
 * @param keyStore PKCS12/JKS key store for mutual TLS
 * @param keyStorePassword its password
 * @param timeout connect and request timeout
 * @param autoRegister whether serializers register their schema (producers) or only look it up
 */
public record RegistryClientConfig(
    URI url,
    Optional<String> basicAuthUser,
    Optional<String> basicAuthPassword,
    Optional<Path> trustStore,
    Optional<String> trustStorePassword,
    Optional<Path> keyStore,
    Optional<String> keyStorePassword,
    Duration timeout,
    boolean autoRegister) {

  public RegistryClientConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** A plain-HTTP registry with no auth, 10 s timeout, auto-registration on. */
  public static RegistryClientConfig of(URI url) {
    return new RegistryClientConfig(url, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(10), true);
  }

  @Override
  public String toString() {
    // Passwords stay out of logs.
    return "RegistryClientConfig[url=" + url + ", basicAuthUser=" + basicAuthUser.orElse("-")
        + ", trustStore=" + trustStore.map(Path::toString).orElse("-")
        + ", keyStore=" + keyStore.map(Path::toString).orElse("-")
        + ", timeout=" + timeout + ", autoRegister=" + autoRegister + "]";
  }
}
