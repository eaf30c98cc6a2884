package io.docpipe.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.opensearch.client.opensearch.generic.Body;

/**
 * Writes a batch with the bulk API until every item is settled: written, or failed permanently. Items that
 * fail with a retryable status (429, 5xx), and whole requests that fail to connect, are retried with
 * exponential back-off and jitter; permanent item failures (e.g. a mapping conflict) are returned.
 * Writes carry an external version ({@code version_type=external_gte}): an older version of a document never
 * overwrites a newer one (OpenSearch answers 409, which settles the item as superseded), and writing the same
 * version again (a replay) leaves the document as it is.
 */
public final class BulkIndexer {
  /**
   * One write: index a document (json non-null) or delete it (json null), at an external version that grows
   * with each change of the document (its ingest time in ms; for a delete, the tombstone's timestamp).
   */
  public record Action(String id, ObjectNode json, long version, Object context) {}

  /** An action OpenSearch refused for good, and why. */
  public record Failure(Action action, int status, String reason) {}

  private final OpenSearchConnection connection;
  private final String alias;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  public BulkIndexer(OpenSearchConnection connection, String alias, Duration initialBackoff,
      Duration maxBackoff) {
    this.connection = connection;
    this.alias = alias;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * Settles every action and returns the permanent failures. Between retries it asks the listener
   * whether to keep trying (which is where the caller keeps its consumer alive).
   *
   * @throws InterruptedException when interrupted, or when the listener gives up (shutdown)
   */
  public List<Failure> write(List<Action> actions, RetryListener listener) throws InterruptedException {
    superseded = 0;
    List<Failure> failures = new ArrayList<>();
    List<Action> pending = actions;
    Duration backoff = initialBackoff;
    while (!pending.isEmpty()) {
      List<Action> retry = new ArrayList<>();
      try {
        JsonNode answer = connection.send("POST", "/_bulk", Body.from(ndjson(pending),
            "application/x-ndjson"), Map.of("filter_path", "errors,items.*.status,items.*.error"));
        listener.onSuccess();
        if (answer.path("errors").asBoolean(false)) {
          JsonNode items = answer.path("items");
          for (int i = 0; i < pending.size(); i++) {
            JsonNode item = items.get(i).elements().next();
            int status = item.path("status").asInt();
            if (status / 100 == 2 || (status == 404 && pending.get(i).json() == null)) {
              continue; // written, or deleting what is already gone
            }
            if (status == 409) {
              superseded++;
              continue; // a newer version is already there
            }
            if (status == 429 || status >= 500) {
              retry.add(pending.get(i));
            } else {
              failures.add(new Failure(pending.get(i), status, item.path("error").toString()));
            }
          }
        }
      } catch (OpenSearchException e) {
        if (!e.isRetryable()) {
          throw e;
        }
        listener.onRetryableFailure(e);
        retry = pending;
      }
      pending = retry;
      if (!pending.isEmpty()) {
        if (!listener.keepTrying()) {
          throw new InterruptedException("stopped while OpenSearch was failing");
        }
        sleepWithJitter(backoff, listener::keepTrying);
        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
      }
    }
    return failures;
  }

  private int superseded;

  /** Items of the last {@link #write} left alone because a newer version of the document was already indexed. */
  public int superseded() {
    return superseded;
  }

  private byte[] ndjson(List<Action> actions) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      for (Action action : actions) {
        ObjectNode meta = OpenSearchConnection.JSON.createObjectNode();
        meta.putObject(action.json() == null ? "delete" : "index").put("_index", alias).put("_id", action.id())
            .put("version", action.version()).put("version_type", "external_gte");
        out.write(OpenSearchConnection.JSON.writeValueAsBytes(meta));
        out.write('\n');
        if (action.json() != null) {
          out.write(OpenSearchConnection.JSON.writeValueAsBytes(action.json()));
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void sleepWithJitter(Duration backoff, BooleanSupplier keepTrying)
      throws InterruptedException {
    long millis = backoff.toMillis() / 2 + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1);
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < deadline && keepTrying.getAsBoolean()) {
      Thread.sleep(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
  }

  /** Hooks for the caller while a batch is being retried. */
  public interface RetryListener {
    void onSuccess();

    void onRetryableFailure(OpenSearchException e);

    /** Called between retries; answer false to give up (shutdown). Keep the consumer polling here. */
    boolean keepTrying();
  }

}
