package io.docpipe.enrich;

/**
 * A record could not be processed for a reason outside it (the schema registry is unreachable): the
 * stream thread ends its transaction unfinished and the service replaces the thread after a back-off, so
 * the record is read again from the last commit instead of being dead-lettered.
 */
public final class RetryLaterException extends RuntimeException {
  public RetryLaterException(String message, Throwable cause) {
    super(message, cause);
  }
}
