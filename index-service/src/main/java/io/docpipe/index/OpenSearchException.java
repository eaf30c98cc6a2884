package io.docpipe.index;

/** An OpenSearch request failed: unreachable (status -1) or answered with an error status. */
public class OpenSearchException extends RuntimeException {
  private final int status;

  public OpenSearchException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** Unreachable, throttled (429) or a server-side error: worth retrying after a back-off. */
  public boolean isRetryable() {
    return status == -1 || status == 429 || status >= 500;
  }
}
