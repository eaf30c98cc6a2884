package io.docpipe.ingest.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StableFileTrackerTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  /** A modified time of "just now": the file is being written as it is first seen. */
  private static final long NOW = T0.toEpochMilli();
  private final StableFileTracker tracker = new StableFileTracker(Duration.ofSeconds(1), Duration.ofSeconds(60));
  private final Path file = Path.of("inbox/a.txt");

  @Test
  void aFileIsCompleteAfterAQuietPeriodWithoutChange() {
    tracker.observe(file, 10, NOW, T0);
    assertThat(tracker.takeStable(T0.plusMillis(999))).isEmpty();
    assertThat(tracker.takeStable(T0.plusSeconds(1))).containsExactly(new StableFileTracker.Due(file, 10, NOW));
    assertThat(tracker.isTracked(file)).isFalse();
  }

  @Test
  void aGrowingFileRestartsItsQuietPeriod() {
    tracker.observe(file, 10, NOW, T0);
    tracker.observe(file, 20, NOW + 900, T0.plusMillis(900)); // slow copy still writing
    assertThat(tracker.takeStable(T0.plusMillis(1500))).isEmpty();
    tracker.observe(file, 20, NOW + 900, T0.plusMillis(1500)); // unchanged: the quiet period keeps running
    assertThat(tracker.takeStable(T0.plusMillis(1900))).extracting(StableFileTracker.Due::size).containsExactly(20L);
  }

  @Test
  void aFileWrittenLongBeforeItIsSeenWaitsOnlyForTheConfirmingLook() {
    long anHourAgo = T0.minusSeconds(3600).toEpochMilli();
    tracker.observe(file, 10, anHourAgo, T0); // moved in by one rename, or there while the service was down
    assertThat(tracker.takeStable(T0.plusMillis(99))).isEmpty();
    assertThat(tracker.takeStable(T0.plusMillis(100))).containsExactly(new StableFileTracker.Due(file, 10, anHourAgo));

    Path partly = Path.of("inbox/partly.txt");
    tracker.observe(partly, 10, NOW - 600, T0); // quiet for 600 ms already: 400 ms to go
    assertThat(tracker.nextDue()).isEqualTo(T0.plusMillis(400));

    Path future = Path.of("inbox/future.txt");
    tracker.forget(partly);
    tracker.observe(future, 10, NOW + 3_600_000, T0); // a clock ahead of ours: the whole period from now
    assertThat(tracker.nextDue()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void aFileFoundChangedAtTheLastLookWaitsAWholePeriodWhateverItsModifiedTime() {
    long anHourAgo = T0.minusSeconds(3600).toEpochMilli();
    tracker.observe(file, 10, anHourAgo, T0);
    assertThat(tracker.takeStable(T0.plusMillis(100))).hasSize(1);
    tracker.changedAtLastLook(file, 30, anHourAgo, T0.plusMillis(100)); // a writer keeping an old time
    assertThat(tracker.takeStable(T0.plusMillis(1099))).isEmpty();
    tracker.observe(file, 30, anHourAgo, T0.plusMillis(500)); // unchanged since
    assertThat(tracker.takeStable(T0.plusMillis(1100))).extracting(StableFileTracker.Due::size).containsExactly(30L);
  }

  @Test
  void anEmptyFileWaitsForContentOrTheEmptyFileTimeout() {
    tracker.observe(file, 0, NOW, T0);
    assertThat(tracker.takeStable(T0.plusSeconds(59))).isEmpty();
    tracker.observe(file, 5, NOW + 59_000, T0.plusSeconds(59)); // zero-byte-then-grow
    assertThat(tracker.takeStable(T0.plusSeconds(60))).extracting(StableFileTracker.Due::file).containsExactly(file);

    Path stillEmpty = Path.of("inbox/empty.txt");
    long old = T0.minusSeconds(3600).toEpochMilli();
    tracker.observe(stillEmpty, 0, old, T0); // an old modified time does not shorten the empty-file wait
    assertThat(tracker.takeStable(T0.plusSeconds(59))).isEmpty();
    assertThat(tracker.takeStable(T0.plusSeconds(60))).extracting(StableFileTracker.Due::file)
        .containsExactly(stillEmpty);
  }

  @Test
  void forgottenFilesAreNotReturned() {
    tracker.observe(file, 10, NOW, T0);
    tracker.forget(file);
    assertThat(tracker.takeStable(T0.plusSeconds(5))).isEmpty();
  }

  @Test
  void nextDueIsTheEarliestEndOfAQuietPeriod() {
    assertThat(tracker.nextDue()).isNull();
    tracker.observe(file, 10, NOW + 300, T0.plusMillis(300));
    tracker.observe(Path.of("inbox/b.txt"), 10, NOW, T0);
    tracker.observe(Path.of("inbox/empty.txt"), 0, NOW - 10_000, T0.minusSeconds(10)); // empty-file timeout
    assertThat(tracker.nextDue()).isEqualTo(T0.plusSeconds(1));
    tracker.takeStable(T0.plusSeconds(1));
    assertThat(tracker.nextDue()).isEqualTo(T0.plusMillis(1300));
  }
}
