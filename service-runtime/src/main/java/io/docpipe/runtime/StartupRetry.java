package io.docpipe.runtime;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service's set-up (topics, schemas, connections) until it succeeds, backing off from 1 s to 30 s,
 * so that a service started while Kafka, the registry or OpenSearch is down waits (live, not ready)
 * instead of exiting and crash-looping.
 */
public final class StartupRetry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StartupRetry.class);

  /** A set-up step that may fail while a dependency is unavailable. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  private final Thread thread;
  private volatile boolean stopping;

  private StartupRetry(String service, Step step) {
    this.thread = new Thread(() -> untilDone(service, step, this::isStopping), service + "-setup");
    thread.setDaemon(true);
  }

  /** A retry of the step on a daemon thread, until it succeeds or {@link #close()}; see {@link #start()}. */
  public static StartupRetry of(String service, Step step) {
    return new StartupRetry(service, step);
  }

  /** Starts retrying (kept apart from construction so the owner holds the handle before the step runs). */
  public StartupRetry start() {
    thread.start();
    return this;
  }

  /** True once the service is stopping: a set-up step should not start anything more. */
  public boolean isStopping() {
    return stopping;
  }

  /** Stops retrying and waits (up to 30 s) for a set-up step under way to end. */
  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs the step on this thread until it succeeds, {@code stopping} answers true, or interrupted. */
  public static void untilDone(String service, Step step, BooleanSupplier stopping) {
    Backoff backoff = Backoff.startup();
    while (!stopping.getAsBoolean()) {
      try {
        step.run();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (FatalSetupException e) {
        throw e;
      } catch (Exception e) {
        LOG.warn("{}: a dependency is not reachable yet ({}); retrying in about {} s", service, e.toString(),
            backoff.currentStep().toSeconds());
        try {
          backoff.sleep(() -> !stopping.getAsBoolean());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * A set-up failure that waiting cannot mend (e.g. an index mapping that conflicts with the template): it
   * ends the retry at once, and the service reports it and stops.
   */
  public static class FatalSetupException extends RuntimeException {
    public FatalSetupException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
