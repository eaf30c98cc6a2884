package io.docpipe.schemas.registry;

/** A schema registry request failed. Carries the HTTP status and the registry's error code when it answered. */
public class SchemaRegistryException extends RuntimeException {
  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = -1;
    this.errorCode = -1;
  }

  /** HTTP status of the answer, or -1 when the registry could not be reached. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent error code (e.g. 40401 subject not found, 409 incompatible), or -1. */
  public int errorCode() {
    return errorCode;
  }

  /** True when retrying later may succeed: the registry was unreachable or answered 5xx/429. */
  public boolean isRetryable() {
    return httpStatus == -1 || httpStatus == 429 || httpStatus >= 500;
  }

  /** True when the registry refused a schema because it breaks the subject's compatibility rule. */
  public boolean isIncompatible() {
    return httpStatus == 409;
  }
}
