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
    add(headers, STAGE, stage);
    add(headers, REASON, String.valueOf(error.getMessage()));
    add(headers, EXCEPTION, error.getClass().getName());
    add(headers, SOURCE_TOPIC, topic);
    add(headers, SOURCE_PARTITION, Integer.toString(partition));
    add(headers, SOURCE_OFFSET, Long.toString(offset));
    return headers;
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
