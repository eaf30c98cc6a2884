package io.docpipe.runtime;

/**
 * Where a service's metrics and health endpoint listens: loopback unless {@code DOCPIPE_<SERVICE>_OPS_HOST}
 * says otherwise (0.0.0.0 in a container, where the orchestrator probes it from outside).
 */
public record OpsSettings(String host, int port) {

  public static OpsSettings from(Settings settings, String service, int defaultPort) {
    return new OpsSettings(settings.string(service + ".ops.host", "127.0.0.1"),
        settings.integer(service + ".ops.port", defaultPort, 0, 65535));
  }
}
