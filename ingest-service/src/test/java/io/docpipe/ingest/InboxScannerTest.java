package io.docpipe.ingest;

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
}
