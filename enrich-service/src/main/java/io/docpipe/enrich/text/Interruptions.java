package io.docpipe.enrich.text;

/**
 * Lets a time limit stop enrichment: the long loops of the taggers call {@link #check()}, so an enrichment
 * run on a worker thread that is interrupted (its time is up) ends promptly instead of running on.
 */
public final class Interruptions {
  private Interruptions() {}

  /** Throws {@link EnrichmentInterruptedException} when the current thread has been interrupted. */
  public static void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new EnrichmentInterruptedException();
    }
  }

  /** Enrichment was stopped by an interrupt (its time limit passed). */
  public static final class EnrichmentInterruptedException extends RuntimeException {
    EnrichmentInterruptedException() {
      super("enrichment interrupted", null, false, false);
    }
  }
}
