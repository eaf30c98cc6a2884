package io.docpipe.index.sink;

import io.docpipe.index.OpenSearchException;
import io.docpipe.index.OpenSearchConnection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docpipe.runtime.Backoff;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.opensearch.client.opensearch.generic.Body;

/**
 * Writes a batch with the bulk API until every item is settled: written, or failed permanently. Items that
 * fail with a retryable status (429, 5xx), and whole requests that fail to connect, are retried with
 * exponential back-off and jitter; permanent item failures (e.g. a mapping conflict) are returned.
 * Writes carry an external version ({@code version_type=external_gte}): an older version of a document never
 * overwrites a newer one (OpenSearch answers 409, which settles the item as superseded), and writing the same
 * version again (a replay) leaves the document as it is.
 */
public final class BulkIndexer implements AutoCloseable {
  /**
   * One write: index a document (json non-null) or delete it (json null), at an external version that grows
   * with each change of the document (its ingest time in ms; for a delete, the tombstone's timestamp).
   */
  public record Action(String id, ObjectNode json, long version, Object context) {}

  /** An action OpenSearch refused for good, and why. */
  public record Failure(Action action, int status, String reason) {}

  /** Batches smaller than this many actions per slice are not split: one request is cheaper. */
  static final int MIN_SLICE_ACTIONS = 25;

  private final OpenSearchConnection connection;
  private final String alias;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final int concurrency;
  private final ExecutorService slices;
  private int superseded;

  public BulkIndexer(OpenSearchConnection connection, String alias, Duration initialBackoff,
      Duration maxBackoff) {
    this(connection, alias, initialBackoff, maxBackoff, 1);
  }

  /**
   * @param concurrency bulk requests in flight at once: a batch is split into up to this many slices, sent
   *     together (a single stream of bulk requests leaves most of a node's write threads idle). External
   *     versions make the order between slices irrelevant.
   */
  public BulkIndexer(OpenSearchConnection connection, String alias, Duration initialBackoff,
      Duration maxBackoff, int concurrency) {
    this.connection = connection;
    this.alias = alias;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.concurrency = concurrency;
    AtomicInteger threads = new AtomicInteger();
    this.slices = concurrency <= 1 ? null : Executors.newFixedThreadPool(concurrency - 1, task -> {
      Thread thread = new Thread(task, "bulk-slice-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Settles every action and returns the permanent failures. Between retries it asks the listener
   * whether to keep trying (which is where the caller keeps its consumer alive). The listener is only called
   * from the calling thread.
   *
   * @throws InterruptedException when interrupted, or when the listener gives up (shutdown)
   */
  public List<Failure> write(List<Action> actions, RetryListener listener) throws InterruptedException {
    superseded = 0;
    List<Failure> failures = new ArrayList<>();
    List<Action> pending = actions;
    Backoff backoff = new Backoff(initialBackoff, maxBackoff);
    while (!pending.isEmpty()) {
      List<Action> retry = new ArrayList<>();
      List<Sent> sent = sendSliced(pending);
      OpenSearchException permanent = null;
      for (Sent slice : sent) {
        if (slice.error() == null) {
          listener.onSuccess();
          retry.addAll(slice.retry());
          failures.addAll(slice.failures());
          superseded += slice.superseded();
        } else if (slice.error().isRetryable()) {
          listener.onRetryableFailure(slice.error());
          retry.addAll(slice.actions());
        } else {
          permanent = slice.error();
        }
      }
      if (permanent != null) {
        throw permanent;
      }
      pending = retry;
      if (!pending.isEmpty()) {
        if (!listener.keepTrying()) {
          throw new InterruptedException("stopped while OpenSearch was failing");
        }
        backoff.sleep(listener::keepTrying);
      }
    }
    return failures;
  }

  /** What became of one slice: items to retry, permanent failures, superseded count; or the request's error. */
  private record Sent(List<Action> actions, List<Action> retry, List<Failure> failures, int superseded,
      OpenSearchException error) {}

  /** Sends the actions as up to {@code concurrency} requests at once; the calling thread sends the first. */
  private List<Sent> sendSliced(List<Action> pending) throws InterruptedException {
    int count = Math.max(1, Math.min(concurrency, pending.size() / MIN_SLICE_ACTIONS));
    List<List<Action>> parts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      parts.add(pending.subList(pending.size() * i / count, pending.size() * (i + 1) / count));
    }
    List<Future<Sent>> others = new ArrayList<>();
    for (List<Action> part : parts.subList(1, count)) {
      others.add(slices.submit(() -> send(part)));
    }
    List<Sent> sent = new ArrayList<>(count);
    sent.add(send(parts.get(0)));
    for (Future<Sent> other : others) {
      try {
        sent.add(other.get());
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    }
    return sent;
  }

  /** One bulk request: which items are settled, which to retry, which failed for good. */
  private Sent send(List<Action> actions) {
    List<Action> retry = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    int supersededHere = 0;
    try {
      JsonNode answer = connection.send("POST", "/_bulk", Body.from(ndjson(actions),
          "application/x-ndjson"), Map.of("filter_path", "errors,items.*.status,items.*.error"));
      if (answer.path("errors").asBoolean(false)) {
        JsonNode items = answer.path("items");
        for (int i = 0; i < actions.size(); i++) {
          JsonNode item = items.get(i).elements().next();
          int status = item.path("status").asInt();
          if (status / 100 == 2 || (status == 404 && actions.get(i).json() == null)) {
            continue; // written, or deleting what is already gone
          }
          if (status == 409) {
            supersededHere++;
            continue; // a newer version is already there
          }
          if (status == 429 || status >= 500) {
            retry.add(actions.get(i));
          } else {
            failures.add(new Failure(actions.get(i), status, item.path("error").toString()));
          }
        }
      }
      return new Sent(actions, retry, failures, supersededHere, null);
    } catch (OpenSearchException e) {
      return new Sent(actions, List.of(), List.of(), 0, e);
    }
  }

  /** Items of the last {@link #write} left alone because a newer version of the document was already indexed. */
  public int superseded() {
    return superseded;
  }

  @Override
  public void close() {
    if (slices != null) {
      slices.shutdownNow();
    }
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
          // Straight into the body, not through a byte[] of its own: a 20 M-character document is 40 MB of JSON.
          OpenSearchConnection.JSON.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
              .writeValue(out, action.json());
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Hooks for the caller while a batch is being retried. */
  public interface RetryListener {
    void onSuccess();

    void onRetryableFailure(OpenSearchException e);

    /** Called between retries; answer false to give up (shutdown). Keep the consumer polling here. */
    boolean keepTrying();

    /** Retries until every item is settled, with nothing else to do in between (tools, tests). */
    static RetryListener untilSettled() {
      return new RetryListener() {
        @Override
        public void onSuccess() {}

        @Override
        public void onRetryableFailure(OpenSearchException e) {}

        @Override
        public boolean keepTrying() {
          return true;
        }
      };
    }
  }

}
