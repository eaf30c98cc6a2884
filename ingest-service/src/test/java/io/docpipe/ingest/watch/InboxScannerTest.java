package io.docpipe.ingest.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last look before a due file is handed on (no watch events on a network share to rely on). */
class InboxScannerTest {
  private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");
  @TempDir
  Path inbox;
  private final StableFileTracker tracker = new StableFileTracker(Duration.ofSeconds(1), Duration.ofSeconds(60));
  private final List<Path> handedOn = new ArrayList<>();

  private InboxScanner scanner() {
    return new InboxScanner(inbox, new InboxPolicy(Set.of()), tracker, Duration.ofSeconds(10), null,
        handedOn::add, seen -> { }, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void aFileUnchangedSinceItWasSeenIsHandedOnOnce() throws Exception {
    Path file = Files.writeString(inbox.resolve("a.txt"), "complete");
    long modified = Files.getLastModifiedTime(file).toMillis();
    InboxScanner scanner = scanner();
    scanner.handOn(new StableFileTracker.Due(file, Files.size(file), modified));
    scanner.handOn(new StableFileTracker.Due(file, Files.size(file), modified));
    assertThat(handedOn).containsExactly(file);
  }

  @Test
  void aFileChangedSinceItWasSeenIsTrackedAgainForAWholeQuietPeriod() throws Exception {
    Path file = Files.writeString(inbox.resolve("copy.txt"), "first chunk");
    FileTime old = FileTime.from(NOW.minusSeconds(3600));
    Files.setLastModifiedTime(file, old);
    long seenSize = Files.size(file);
    Files.writeString(file, ", second chunk", StandardOpenOption.APPEND);
    Files.setLastModifiedTime(file, old); // a writer keeping the old time

    scanner().handOn(new StableFileTracker.Due(file, seenSize, old.toMillis()));

    assertThat(handedOn).isEmpty();
    assertThat(tracker.nextDue()).isEqualTo(NOW.plusSeconds(1));
  }

  @Test
  void aFileGoneSinceItWasSeenIsDropped() throws Exception {
    Path file = inbox.resolve("gone.txt");
    scanner().handOn(new StableFileTracker.Due(file, 5, NOW.toEpochMilli()));
    assertThat(handedOn).isEmpty();
    assertThat(tracker.size()).isZero();
  }

  /**
   * An unexpected error in a scan (here the first rescan's callback fails, as a filesystem error would) used
   * to end the scanner thread for good while the service still reported ready: now it is reported, and the
   * scanner starts over after a back-off and hands on files dropped after it.
   */
  @Test
  void aFailingScanIsReportedAndRetriedNotFatal() throws Exception {
    java.util.concurrent.atomic.AtomicInteger rescans = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch scanningAgain = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch takenAfter = new java.util.concurrent.CountDownLatch(1);
    Path after = inbox.resolve("after.txt");
    InboxScanner scanner = new InboxScanner(inbox, new InboxPolicy(Set.of()),
        new StableFileTracker(Duration.ofMillis(100), Duration.ofSeconds(60)), Duration.ofMillis(200), null,
        file -> {
          if (file.equals(after)) {
            takenAfter.countDown();
          }
        }, seen -> {
          if (rescans.incrementAndGet() == 1) {
            throw new IllegalStateException("injected: the filesystem went away");
          }
          scanningAgain.countDown();
        }, Clock.systemUTC());
    io.docpipe.runtime.WorkLoopHealth health = new io.docpipe.runtime.WorkLoopHealth("inbox-scanner",
        Duration.ofMinutes(5));
    scanner.reportTo(health);
    Thread thread = new Thread(scanner, "scanner-under-test");
    thread.start();
    try {
      assertThat(scanningAgain.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("scanning again after the failure")
          .isTrue();
      assertThat(thread.isAlive()).isTrue();
      Files.writeString(after, "dropped after the failure");
      assertThat(takenAfter.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("a later file handed on").isTrue();
      assertThat(health.notReadyReason()).isEmpty();
      assertThat(health.isAlive()).isTrue();
    } finally {
      scanner.stop();
      thread.join(10_000);
    }
  }

  @Test
  void aPendingFileKeepsItsFirstSightingAsArrivalUntilSettled() throws Exception {
    Instant[] now = {NOW};
    Clock clock = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    InboxScanner scanner = new InboxScanner(inbox, new InboxPolicy(Set.of()), tracker, Duration.ofSeconds(10), null,
        handedOn::add, seen -> { }, clock);
    Path file = Files.writeString(inbox.resolve("slow.txt"), "still being written");
    assertThat(scanner.oldestPendingAge()).isEqualTo(Duration.ZERO);

    scanner.observe(file);
    now[0] = NOW.plusSeconds(30);
    Files.writeString(file, " and more", StandardOpenOption.APPEND);
    scanner.observe(file); // changed: a new quiet period, but the same arrival

    assertThat(scanner.arrivalOf(file)).isEqualTo(NOW);
    assertThat(scanner.oldestPendingAge()).isEqualTo(Duration.ofSeconds(30));
    scanner.release(file);
    assertThat(scanner.arrivalOf(file)).isNull();
    assertThat(scanner.oldestPendingAge()).isEqualTo(Duration.ZERO);
  }
}
