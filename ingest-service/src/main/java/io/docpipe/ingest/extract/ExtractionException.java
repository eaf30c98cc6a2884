package io.docpipe.ingest.extract;

/** A file cannot become a document; the message says why in plain words for the operator. */
public class ExtractionException extends Exception {
  public ExtractionException(String message) {
    super(message);
  }

  public ExtractionException(String message, Throwable cause) {
    super(message, cause);
  }
}
