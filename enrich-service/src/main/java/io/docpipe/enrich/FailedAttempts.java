package io.docpipe.enrich;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often processing a record failed in a way that ended its stream thread (an unexpected error, a
 * record Kafka refuses): the thread is replaced and the record read again, so without a count such a record
 * would hold its partition for ever. After {@link #MAX_ATTEMPTS} failures the record is dead-lettered with
 * the last error instead. Kept by the service, outside any task, so it outlives the replaced threads (not a
 * restart of the process: a record that kills the whole process is not counted).
 */
final class FailedAttempts {
  static final int MAX_ATTEMPTS = 3;
  /** At most this many records are tracked; a flood of distinct failures forgets the oldest count. */
  private static final int MAX_TRACKED = 10_000;
  private final Map<String, Failure> failures = new ConcurrentHashMap<>();

  record Failure(int attempts, String lastError) {}

  static String key(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }

  /** The record's failures so far, or null when it has not failed. */
  Failure of(String key) {
    return failures.get(key);
  }

  void failed(String key, Throwable error) {
    if (failures.size() >= MAX_TRACKED) {
      failures.clear();
    }
    failures.merge(key, new Failure(1, String.valueOf(error)),
        (old, fresh) -> new Failure(old.attempts() + 1, fresh.lastError()));
  }

  void settled(String key) {
    failures.remove(key);
  }
}
