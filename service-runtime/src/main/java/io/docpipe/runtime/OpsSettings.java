package io.docpipe.runtime;

/**
 * Where a service's metrics and health endpoint listens: loopback unless {@code DOCPIPE_<SERVICE>_OPS_HOST}
 * says otherwise (0.0.0.0 in a container, where the orchestrator probes it from outside).
 */
public record OpsSettings(String host, int port) {

  /** Declares a service's ops host and port in its table. */
  public static Declared declare(SettingTable table, String service, int defaultPort) {
    return new Declared(
        table.string(service + ".ops.host", "127.0.0.1", "Interface the metrics and health port binds to "
            + "(`0.0.0.0` in a container, for the orchestrator's probes)."),
        table.integer(service + ".ops.port", defaultPort, 0, 65535, "Metrics and health port."));
  }

  /** A service's two declared ops settings. */
  public record Declared(Setting<String> host, Setting<Integer> port) {
    public OpsSettings read(Settings settings) {
      return new OpsSettings(host.read(settings), port.read(settings));
    }
  }
}
