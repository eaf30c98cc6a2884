package io.docpipe.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void waitsDoubleUpToTheMaximumWithJitterWithinEachStep() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(700));
    long[] steps = {100, 200, 400, 700, 700};
    for (long step : steps) {
      assertThat(backoff.currentStep().toMillis()).isEqualTo(step);
      assertThat(backoff.next().toMillis()).isBetween(step / 2, step);
    }
    backoff.reset();
    assertThat(backoff.currentStep()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void jitterSpreadsTheWaits() {
    Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(10));
    java.util.Set<Long> waits = new java.util.HashSet<>();
    for (int i = 0; i < 50; i++) {
      waits.add(backoff.next().toMillis());
    }
    assertThat(waits).hasSizeGreaterThan(10);
  }

  @Test
  void refusesASchedule() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
