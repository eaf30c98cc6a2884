package io.docpipe.index;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether OpenSearch answers, for readiness even while no documents flow: a background check asks for
 * {@code GET /_cluster/health} every few seconds, so the health endpoint reads a cached answer and never
 * waits on OpenSearch.
 */
final class OpenSearchReachability implements AutoCloseable {
  private static final Duration PERIOD = Duration.ofSeconds(5);
  private final OpenSearchConnection connection;
  private final ScheduledExecutorService checker;
  private volatile String problem = "not checked yet";

  OpenSearchReachability(OpenSearchConnection connection) {
    this.connection = connection;
    this.checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "index-opensearch-health");
      thread.setDaemon(true);
      return thread;
    });
    checker.scheduleWithFixedDelay(this::check, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void check() {
    int status = connection.status("GET", "/_cluster/health");
    problem = switch (status) {
      case 200 -> null;
      case -1 -> "OpenSearch does not answer";
      default -> "OpenSearch answers GET /_cluster/health with HTTP " + status;
    };
  }

  /** Empty when the last check got an answer; else why not. */
  Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  @Override
  public void close() {
    checker.shutdownNow();
  }
}
