package io.docpipe.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartupRetryTest {
  @Test
  void retriesUntilTheStepSucceeds() {
    AtomicInteger attempts = new AtomicInteger();
    StartupRetry.untilDone("test", () -> {
      if (attempts.incrementAndGet() < 2) {
        throw new IllegalStateException("not yet");
      }
    }, () -> false);
    assertThat(attempts).hasValue(2);
  }

  @Test
  void givesUpWhenTheServiceStops() {
    AtomicInteger attempts = new AtomicInteger();
    StartupRetry.untilDone("test", () -> {
      attempts.incrementAndGet();
      throw new IllegalStateException("never");
    }, () -> attempts.get() >= 1);
    assertThat(attempts).hasValue(1);
  }
}
