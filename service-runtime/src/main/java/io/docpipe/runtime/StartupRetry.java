package io.docpipe.runtime;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service's set-up (topics, schemas, connections) until it succeeds, backing off from 1 s to 30 s,
 * so that a service started while Kafka, the registry or OpenSearch is down waits (live, not ready)
 * instead of exiting and crash-looping.
 */
public final class StartupRetry {
  private static final Logger LOG = LoggerFactory.getLogger(StartupRetry.class);
  private static final Duration FIRST = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofSeconds(30);

  /** A set-up step that may fail while a dependency is unavailable. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  private StartupRetry() {}

  /** Starts a daemon thread that runs the step until it succeeds or {@code stopping} answers true. */
  public static Thread inBackground(String service, Step step, BooleanSupplier stopping) {
    Thread thread = new Thread(() -> untilDone(service, step, stopping), service + "-setup");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Runs the step on this thread until it succeeds, {@code stopping} answers true, or interrupted. */
  public static void untilDone(String service, Step step, BooleanSupplier stopping) {
    Duration backoff = FIRST;
    while (!stopping.getAsBoolean()) {
      try {
        step.run();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        LOG.warn("{}: a dependency is not reachable yet ({}); retrying in {} s", service, e.toString(),
            backoff.toSeconds());
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = backoff.multipliedBy(2).compareTo(MAX) > 0 ? MAX : backoff.multipliedBy(2);
      }
    }
  }
}
