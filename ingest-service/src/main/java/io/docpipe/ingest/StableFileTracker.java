package io.docpipe.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides when a file is completely written: its size and modified time must stay unchanged for a quiet
 * period. A zero-byte file waits longer (copies often create the file first and fill it later); one that
 * stays empty for the empty-file timeout is handed on, to fail as empty. Not thread-safe: one scanner
 * thread owns it.
 */
public final class StableFileTracker {
  private final Duration quietPeriod;
  private final Duration emptyTimeout;
  private final Map<Path, Observation> candidates = new HashMap<>();

  public StableFileTracker(Duration quietPeriod, Duration emptyTimeout) {
    this.quietPeriod = quietPeriod;
    this.emptyTimeout = emptyTimeout;
  }

  /** Records what a file looks like now; a change restarts its quiet period. */
  public void observe(Path file, long size, long modifiedMillis, Instant now) {
    Observation previous = candidates.get(file);
    if (previous == null || previous.size != size || previous.modifiedMillis != modifiedMillis) {
      candidates.put(file, new Observation(size, modifiedMillis, now));
    }
  }

  public void forget(Path file) {
    candidates.remove(file);
  }

  public boolean isTracked(Path file) {
    return candidates.containsKey(file);
  }

  /** Files quiet for the whole period (empty ones: the empty-file timeout); no longer tracked once returned. */
  public List<Path> takeStable(Instant now) {
    List<Path> stable = new ArrayList<>();
    candidates.entrySet().removeIf(entry -> {
      Observation seen = entry.getValue();
      Duration wait = seen.size > 0 ? quietPeriod : emptyTimeout;
      if (!seen.since.plus(wait).isAfter(now)) {
        stable.add(entry.getKey());
        return true;
      }
      return false;
    });
    return stable;
  }

  /** When the next tracked file becomes due, or null when none is tracked. */
  public Instant nextDue() {
    Instant next = null;
    for (Observation seen : candidates.values()) {
      Instant due = seen.since.plus(seen.size > 0 ? quietPeriod : emptyTimeout);
      if (next == null || due.isBefore(next)) {
        next = due;
      }
    }
    return next;
  }

  public int size() {
    return candidates.size();
  }

  private record Observation(long size, long modifiedMillis, Instant since) {}
}
