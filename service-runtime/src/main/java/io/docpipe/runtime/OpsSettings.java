package io.docpipe.runtime;

/** Where a service's metrics and health endpoint listens. */
public record OpsSettings(String host, int port) {

  public static OpsSettings from(Settings settings, String service, int defaultPort) {
    return new OpsSettings(settings.string(service + ".ops.host", "0.0.0.0"),
        settings.integer(service + ".ops.port", defaultPort, 0, 65535));
  }
}
