package io.docpipe.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a service's work loop is doing its job, for the health endpoints. The loop reports what it does:
 * {@link #progress()} after each unit of work, {@link #idle()} when it looked and had none,
 * {@link #failing(String)} while a dependency keeps failing it, {@link #died(Throwable)} when it ended on
 * an error. Readiness is false, with the reason, when the loop died, is failing, or has had work without
 * progress for longer than the stall timeout; liveness is false only when the loop died, so that an
 * orchestrator restarts the service.
 */
public final class WorkLoopHealth {
  private final String loop;
  private final Duration stallTimeout;
  private final Clock clock;
  private volatile long lastProgressMillis;
  private volatile boolean hasWork;
  private volatile String failing;
  private volatile String death;

  public WorkLoopHealth(String loop, Duration stallTimeout, Clock clock) {
    this.loop = loop;
    this.stallTimeout = stallTimeout;
    this.clock = clock;
    this.lastProgressMillis = clock.millis();
  }

  public WorkLoopHealth(String loop, Duration stallTimeout) {
    this(loop, stallTimeout, Clock.systemUTC());
  }

  /** The loop finished a unit of work (and may have more). */
  public void progress() {
    lastProgressMillis = clock.millis();
    failing = null;
  }

  /** The loop has work waiting that it has not finished yet (e.g. files due, records fetched). */
  public void working() {
    if (!hasWork) {
      lastProgressMillis = clock.millis();
      hasWork = true;
    }
  }

  /** The loop looked and had nothing to do: as good as progress. */
  public void idle() {
    hasWork = false;
    progress();
  }

  /** A dependency keeps failing the loop's work (it retries meanwhile); cleared by the next progress. */
  public void failing(String reason) {
    failing = reason;
  }

  /** The loop ended on an error and will do nothing more. */
  public void died(Throwable error) {
    death = error.toString();
  }

  public boolean isAlive() {
    return death == null;
  }

  /** Empty when ready; else why not. */
  public Optional<String> notReadyReason() {
    if (death != null) {
      return Optional.of(loop + " stopped: " + death);
    }
    if (failing != null) {
      return Optional.of(loop + " retrying: " + failing);
    }
    long stalled = clock.millis() - lastProgressMillis;
    if (hasWork && stalled > stallTimeout.toMillis()) {
      return Optional.of(loop + " has work but made no progress for " + stalled / 1000 + " s");
    }
    return Optional.empty();
  }
}
