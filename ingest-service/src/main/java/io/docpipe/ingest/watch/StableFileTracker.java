package io.docpipe.ingest.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides when a file is completely written: its size and modified time must stay unchanged for a quiet
 * period. The period counts from the file's modified time when that is earlier than the first look (a file
 * moved into the inbox in one rename, or left there while the service was down, has been quiet since it was
 * written), but never less than a tenth of the period from the first look, and the caller looks once more
 * before taking the file: a writer on a share whose clock lags behind is still caught changing it. A
 * zero-byte file waits longer (copies often create the file first and fill it later); one that stays empty
 * for the empty-file timeout is handed on, to fail as empty. Not thread-safe: one scanner thread owns it.
 */
public final class StableFileTracker {
  private final Duration quietPeriod;
  private final Duration emptyTimeout;
  private final Duration confirmation;
  private final Map<Path, Observation> candidates = new HashMap<>();

  public StableFileTracker(Duration quietPeriod, Duration emptyTimeout) {
    this.quietPeriod = quietPeriod;
    this.emptyTimeout = emptyTimeout;
    this.confirmation = quietPeriod.dividedBy(10);
  }

  /** A file whose quiet period is over, with the size and modified time it had all along. */
  public record Due(Path file, long size, long modifiedMillis) {}

  /** Records what a file looks like now; a change restarts its quiet period. */
  public void observe(Path file, long size, long modifiedMillis, Instant now) {
    Observation previous = candidates.get(file);
    if (previous == null) {
      candidates.put(file, new Observation(size, modifiedMillis, firstDue(size, modifiedMillis, now)));
    } else if (previous.size != size || previous.modifiedMillis != modifiedMillis) {
      candidates.put(file, new Observation(size, modifiedMillis, now.plus(requiredQuiet(size))));
    }
  }

  /** How long a file must stay unchanged: the quiet period, or the empty-file timeout while it is empty. */
  private Duration requiredQuiet(long size) {
    return size > 0 ? quietPeriod : emptyTimeout;
  }

  /**
   * A file found changed at the last look before it was taken: a whole quiet period from now, whatever its
   * modified time says (a writer that keeps an old modified time is not to be trusted twice).
   */
  public void changedAtLastLook(Path file, long size, long modifiedMillis, Instant now) {
    candidates.put(file, new Observation(size, modifiedMillis, now.plus(requiredQuiet(size))));
  }

  private Instant firstDue(long size, long modifiedMillis, Instant now) {
    if (size == 0) {
      return now.plus(requiredQuiet(size));
    }
    Instant modified = Instant.ofEpochMilli(modifiedMillis);
    Instant quietSince = modified.isBefore(now) ? modified : now; // a modified time in the future: from now
    Instant due = quietSince.plus(quietPeriod);
    Instant earliest = now.plus(confirmation);
    return due.isAfter(earliest) ? due : earliest;
  }

  public void forget(Path file) {
    candidates.remove(file);
  }

  public boolean isTracked(Path file) {
    return candidates.containsKey(file);
  }

  /**
   * Files quiet for the whole period (empty ones: the empty-file timeout); no longer tracked once returned.
   * The caller takes each only if it still has the size and modified time returned, else observes it again.
   */
  public List<Due> takeStable(Instant now) {
    List<Due> stable = new ArrayList<>();
    candidates.entrySet().removeIf(entry -> {
      Observation seen = entry.getValue();
      if (!seen.due.isAfter(now)) {
        stable.add(new Due(entry.getKey(), seen.size, seen.modifiedMillis));
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
      if (next == null || seen.due.isBefore(next)) {
        next = seen.due;
      }
    }
    return next;
  }

  public int size() {
    return candidates.size();
  }

  private record Observation(long size, long modifiedMillis, Instant due) {}
}
