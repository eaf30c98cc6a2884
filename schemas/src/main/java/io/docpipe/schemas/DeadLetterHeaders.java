package io.docpipe.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/** Header names on dead-letter records; values are UTF-8 strings. */
public final class DeadLetterHeaders {
  /** Plain-words reason the record was not processed. */
  public static final String REASON = "docpipe.error.reason";
  /** Class of the exception behind the failure. */
  public static final String EXCEPTION = "docpipe.error.exception";
  /** Which stage failed: ingest, enrich or index. */
  public static final String STAGE = "docpipe.error.stage";
  public static final String SOURCE_TOPIC = "docpipe.source.topic";
  public static final String SOURCE_PARTITION = "docpipe.source.partition";
  public static final String SOURCE_OFFSET = "docpipe.source.offset";
  /** For ingest failures: the file's path relative to the inbox. */
  public static final String SOURCE_FILE = "docpipe.source.file";

  private DeadLetterHeaders() {}

  /** Adds the failure and the source coordinates of a consumed record. */
  public static Headers describe(Headers headers, String stage, Throwable error, String topic,
      int partition, long offset) {
    return describe(headers, stage, reasonOf(error), error.getClass().getName(), topic, partition, offset);
  }

  /**
   * The one way dead-letter headers are built: the stage, a plain-words reason and the exception class
   * behind it, and the source coordinates of the consumed record.
   */
  public static Headers describe(Headers headers, String stage, String reason, String exception, String topic,
      int partition, long offset) {
    add(headers, STAGE, stage);
    add(headers, REASON, reason);
    add(headers, EXCEPTION, exception);
    add(headers, SOURCE_TOPIC, topic);
    add(headers, SOURCE_PARTITION, Integer.toString(partition));
    add(headers, SOURCE_OFFSET, Long.toString(offset));
    return headers;
  }

  /**
   * A reason that says what is wrong: the message, and the causes' messages where they add something; an
   * exception without a message (Avro's EOFException for a truncated body) is named by its kind.
   */
  public static String reasonOf(Throwable error) {
    StringBuilder reason = new StringBuilder();
    for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
      String message = t.getMessage();
      String part = message == null || message.isBlank() ? describeKind(t) : message;
      if (reason.indexOf(part) < 0) {
        reason.append(reason.length() == 0 ? "" : ": ").append(part);
      }
    }
    return reason.toString();
  }

  private static String describeKind(Throwable t) {
    if (t instanceof java.io.EOFException) {
      return "the data ends before the record does (truncated)";
    }
    if (t instanceof ArrayIndexOutOfBoundsException || t instanceof IndexOutOfBoundsException
        || t instanceof NegativeArraySizeException) {
      return "the data is corrupt (" + t.getClass().getSimpleName() + ")";
    }
    return t.getClass().getSimpleName();
  }

  public static Headers add(Headers headers, String name, String value) {
    return headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The header's value as a string, or null. */
  public static String get(Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
