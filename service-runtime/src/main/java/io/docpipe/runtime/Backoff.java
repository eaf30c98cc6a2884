package io.docpipe.runtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * The one retry schedule of every stage for transient failures (Kafka, the registry or OpenSearch
 * unreachable, timeouts, 429/5xx): exponential back-off from {@code initial}, doubling to {@code max}, each
 * wait drawn with "equal jitter" (between half and the whole of the current step) so that instances
 * retrying together spread out. Not thread-safe: one per retrying loop.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private Duration step;

  public Backoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("back-off needs 0 < initial <= max, got " + initial + " and " + max);
    }
    this.initial = initial;
    this.max = max;
    this.step = initial;
  }

  /** The start-up schedule: 1 s doubling to 30 s. */
  public static Backoff startup() {
    return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  /** The next wait (with jitter), and doubles the step for the one after. */
  public Duration next() {
    long half = step.toMillis() / 2;
    Duration wait = Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(step.toMillis() - half + 1));
    step = step.multipliedBy(2).compareTo(max) > 0 ? max : step.multipliedBy(2);
    return wait;
  }

  /** Back to the first step, after a success. */
  public void reset() {
    step = initial;
  }

  /** The step the next wait is drawn from (before jitter). */
  public Duration currentStep() {
    return step;
  }

  /** Sleeps the next wait, in slices of at most 200 ms, returning early once {@code keepWaiting} is false. */
  public void sleep(BooleanSupplier keepWaiting) throws InterruptedException {
    long deadline = System.nanoTime() + next().toNanos();
    while (System.nanoTime() < deadline && keepWaiting.getAsBoolean()) {
      Thread.sleep(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
  }
}
