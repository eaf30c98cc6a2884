package io.docpipe.enrich;

import io.docpipe.enrich.text.Interruptions;
import io.docpipe.schemas.RawDocument;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enriches one document on a worker thread within a time limit, so that no document can hold a stream
 * thread (and its open transaction) longer than the limit. Past it the worker is interrupted (the taggers
 * check for that in their loops) and the document fails with {@link DocumentFailedException}; so does a
 * document whose enrichment throws, even an {@link Error} such as running out of memory or stack. The
 * caller dead-letters such documents: retrying them would fail the same way.
 */
final class TimeLimitedEnricher implements AutoCloseable {
  private final DocumentEnricher enricher;
  private final Duration limit;
  private final ExecutorService workers;

  TimeLimitedEnricher(DocumentEnricher enricher, Duration limit) {
    this.enricher = enricher;
    this.limit = limit;
    AtomicInteger count = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "enrich-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Enrichment failed for this document itself: the reason is fit for the dead-letter record. */
  static final class DocumentFailedException extends RuntimeException {
    DocumentFailedException(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  DocumentEnricher.Enriched enrich(RawDocument raw) throws InterruptedException {
    Future<DocumentEnricher.Enriched> result = workers.submit(() -> enricher.enrichWithSignatures(raw));
    try {
      return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new DocumentFailedException("enrichment took longer than the " + limit.toMillis() + " ms limit "
          + "(DOCPIPE_ENRICH_DOCUMENT_TIME_LIMIT) for " + raw.getText().length() + " characters", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Interruptions.EnrichmentInterruptedException) {
        throw new DocumentFailedException("enrichment was interrupted", cause);
      }
      String what = cause instanceof OutOfMemoryError ? "ran out of memory"
          : cause instanceof StackOverflowError ? "ran out of stack" : "failed";
      throw new DocumentFailedException("enrichment " + what + ": " + cause, cause);
    } catch (CancellationException e) {
      throw new DocumentFailedException("enrichment was cancelled", e);
    } catch (InterruptedException e) {
      result.cancel(true);
      throw e;
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
