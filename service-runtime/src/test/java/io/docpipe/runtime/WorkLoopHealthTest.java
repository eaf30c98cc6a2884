package io.docpipe.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WorkLoopHealthTest {
  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void workWithoutProgressForTheStallTimeoutIsNotReady() {
    HandClock clock = new HandClock();
    WorkLoopHealth health = new WorkLoopHealth("loop", Duration.ofSeconds(60), clock);
    health.working();
    clock.now = clock.now.plusSeconds(59);
    assertThat(health.notReadyReason()).isEmpty();
    clock.now = clock.now.plusSeconds(2);
    assertThat(health.notReadyReason()).hasValueSatisfying(r -> assertThat(r).contains("no progress for 61 s"));
    health.progress();
    assertThat(health.notReadyReason()).isEmpty();
  }

  @Test
  void idleForAnyLengthOfTimeIsReady() {
    HandClock clock = new HandClock();
    WorkLoopHealth health = new WorkLoopHealth("loop", Duration.ofSeconds(60), clock);
    health.idle();
    clock.now = clock.now.plusSeconds(3600);
    assertThat(health.notReadyReason()).isEmpty();
    assertThat(health.isAlive()).isTrue();
  }

  @Test
  void aFailingLoopRecoversWithProgressButADeadOneStaysDead() {
    WorkLoopHealth health = new WorkLoopHealth("loop", Duration.ofSeconds(60));
    health.failing("registry unreachable");
    assertThat(health.notReadyReason()).hasValue("loop retrying: registry unreachable");
    assertThat(health.isAlive()).isTrue();
    health.progress();
    assertThat(health.notReadyReason()).isEmpty();
    health.died(new IllegalStateException("boom"));
    health.progress();
    assertThat(health.isAlive()).isFalse();
    assertThat(health.notReadyReason()).hasValueSatisfying(r -> assertThat(r).contains("stopped", "boom"));
  }
}
