package io.docpipe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StableFileTrackerTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private final StableFileTracker tracker = new StableFileTracker(Duration.ofSeconds(1), Duration.ofSeconds(60));
  private final Path file = Path.of("inbox/a.txt");

  @Test
  void aFileIsCompleteAfterAQuietPeriodWithoutChange() {
    tracker.observe(file, 10, 1, T0);
    assertThat(tracker.takeStable(T0.plusMillis(999))).isEmpty();
    assertThat(tracker.takeStable(T0.plusSeconds(1))).containsExactly(file);
    assertThat(tracker.isTracked(file)).isFalse();
  }

  @Test
  void aGrowingFileRestartsItsQuietPeriod() {
    tracker.observe(file, 10, 1, T0);
    tracker.observe(file, 20, 2, T0.plusMillis(900)); // slow copy still writing
    assertThat(tracker.takeStable(T0.plusMillis(1500))).isEmpty();
    tracker.observe(file, 20, 2, T0.plusMillis(1500)); // unchanged: the quiet period keeps running
    assertThat(tracker.takeStable(T0.plusMillis(1900))).containsExactly(file);
  }

  @Test
  void anEmptyFileWaitsForContentOrTheEmptyFileTimeout() {
    tracker.observe(file, 0, 1, T0);
    assertThat(tracker.takeStable(T0.plusSeconds(59))).isEmpty();
    tracker.observe(file, 5, 2, T0.plusSeconds(59)); // zero-byte-then-grow
    assertThat(tracker.takeStable(T0.plusSeconds(60))).containsExactly(file);

    Path stillEmpty = Path.of("inbox/empty.txt");
    tracker.observe(stillEmpty, 0, 1, T0);
    assertThat(tracker.takeStable(T0.plusSeconds(60))).containsExactly(stillEmpty);
  }

  @Test
  void forgottenFilesAreNotReturned() {
    tracker.observe(file, 10, 1, T0);
    tracker.forget(file);
    assertThat(tracker.takeStable(T0.plusSeconds(5))).isEmpty();
  }

  @Test
  void nextDueIsTheEarliestEndOfAQuietPeriod() {
    assertThat(tracker.nextDue()).isNull();
    tracker.observe(file, 10, 1, T0.plusMillis(300));
    tracker.observe(Path.of("inbox/b.txt"), 10, 1, T0);
    tracker.observe(Path.of("inbox/empty.txt"), 0, 1, T0.minusSeconds(10)); // waits for the empty-file timeout
    assertThat(tracker.nextDue()).isEqualTo(T0.plusSeconds(1));
    tracker.takeStable(T0.plusSeconds(1));
    assertThat(tracker.nextDue()).isEqualTo(T0.plusMillis(1300));
  }
}
