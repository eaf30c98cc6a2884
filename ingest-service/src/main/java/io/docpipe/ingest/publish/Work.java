package io.docpipe.ingest.publish;

import java.nio.file.Path;

/** What the publisher is asked to settle, in one Kafka transaction with its ledger entry. */
public sealed interface Work {
  Path file();

  String relativePath();

  /** A file to publish: the serialized raw record. */
  public record Publish(Path file, String relativePath, String documentId, String sha256, byte[] value, long bytes)
      implements Work {}

  /** A file that failed: the dead-letter record and the reason. */
  public record Fail(Path file, String relativePath, String documentId, String sha256, String reason) implements Work {}

  /** A file that was deleted (keep-in-place mode): a tombstone so the document leaves the index. */
  public record Delete(Path file, String relativePath, String documentId) implements Work {}
}
