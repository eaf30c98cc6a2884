package io.docpipe.enrich;

/** What the topology tells the service about its dependencies, for the health endpoints. */
public interface EnrichSignals {
  /** Signals nothing (tests, tools). */
  EnrichSignals NONE = new EnrichSignals() {
    @Override
    public void registryAnswered() {}

    @Override
    public void registryUnavailable(String reason) {}
  };

  /** A record's schema was resolved: the registry answers (or was not needed). */
  void registryAnswered();

  /** The registry could not be reached for a record's schema; the record will be read again. */
  void registryUnavailable(String reason);
}
