package io.docpipe.ingest;

import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.Source;
import io.docpipe.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Turns one complete file into a raw document record and publishes it; says what became of the file. */
final class DocumentPublisher {
  enum Outcome { PUBLISHED, FAILED, SKIPPED, RETRY }

  /** What happened and why (for failures, the plain-words reason). */
  record Result(Outcome outcome, String reason, long bytes) {}

  private final Path inbox;
  private final InboxPolicy policy;
  private final long maxFileBytes;
  private final PlainTextExtractor extractor;
  private final Producer<String, RawDocument> producer;
  private final Producer<String, byte[]> deadLetters;
  private final Clock clock;

  DocumentPublisher(Path inbox, InboxPolicy policy, long maxFileBytes, PlainTextExtractor extractor,
      Producer<String, RawDocument> producer, Producer<String, byte[]> deadLetters, Clock clock) {
    this.inbox = inbox;
    this.policy = policy;
    this.maxFileBytes = maxFileBytes;
    this.extractor = extractor;
    this.producer = producer;
    this.deadLetters = deadLetters;
    this.clock = clock;
  }

  Result publish(Path file) throws InterruptedException {
    Path relative = inbox.relativize(file);
    String relativePath = relative.toString().replace(java.io.File.separatorChar, '/');
    if (!policy.isSupported(relative)) {
      return new Result(Outcome.SKIPPED, "file type not ingested (see DOCPIPE_INGEST_EXTENSIONS)", 0);
    }
    RawDocument document;
    long size;
    try {
      if (Files.isSymbolicLink(file)) {
        throw new ExtractionException("symbolic links are not followed");
      }
      size = Files.size(file);
      if (size > maxFileBytes) {
        throw new ExtractionException("the file is " + size + " bytes, over the limit of " + maxFileBytes
            + " bytes (DOCPIPE_INGEST_MAX_FILE_BYTES)");
      }
      byte[] bytes = Files.readAllBytes(file);
      ExtractedText text = extractor.extract(bytes, relative.getFileName().toString());
      document = document(file, relativePath, bytes, text);
    } catch (ExtractionException e) {
      return failed(relativePath, e.getMessage());
    } catch (IOException e) {
      return failed(relativePath, "cannot read the file: " + e);
    }
    try {
      producer.send(new ProducerRecord<>(Topics.RAW_DOCUMENTS.name(), document.getDocumentId(), document))
          .get(90, TimeUnit.SECONDS);
      return new Result(Outcome.PUBLISHED, null, size);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      if (isPermanent(cause)) {
        return failed(relativePath, "Kafka refused the record: " + cause.getMessage());
      }
      return new Result(Outcome.RETRY, "Kafka or the schema registry is unavailable: " + cause, 0);
    }
  }

  private RawDocument document(Path file, String relativePath, byte[] bytes, ExtractedText text)
      throws IOException {
    int slash = relativePath.indexOf('/');
    Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
    Source source = Source.newBuilder()
        .setPath(relativePath)
        .setCollection(slash > 0 ? relativePath.substring(0, slash) : null)
        .setFileName(file.getFileName().toString())
        .setSizeBytes(bytes.length)
        .setSha256(DocumentIds.sha256Hex(bytes))
        .setContentType(text.contentType())
        .setModifiedTime(modified)
        .build();
    return RawDocument.newBuilder()
        .setDocumentId(DocumentIds.forRelativePath(relativePath))
        .setVersion(source.getSha256())
        .setSource(source)
        .setText(text.text())
        .setTitle(text.title())
        .setLanguage(text.language())
        .setDocumentDate(text.documentDate())
        .setIngestTime(clock.instant())
        .build();
  }

  private Result failed(String relativePath, String reason) throws InterruptedException {
    var headers = new RecordHeaders();
    DeadLetterHeaders.add(headers, DeadLetterHeaders.STAGE, "ingest");
    DeadLetterHeaders.add(headers, DeadLetterHeaders.REASON, reason);
    DeadLetterHeaders.add(headers, DeadLetterHeaders.SOURCE_FILE, relativePath);
    try {
      deadLetters.send(new ProducerRecord<>(Topics.DEAD_LETTER, null, null,
          DocumentIds.forRelativePath(relativePath), new byte[0], headers)).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // The file still moves to failed/ with its reason; the dead-letter copy is best effort.
      return new Result(Outcome.FAILED, reason + " (dead-letter record not written: " + e + ")", 0);
    }
    return new Result(Outcome.FAILED, reason, 0);
  }

  private static boolean isPermanent(Throwable cause) {
    return cause instanceof org.apache.kafka.common.errors.RecordTooLargeException
        || cause instanceof org.apache.kafka.common.errors.InvalidTopicException
        || (cause instanceof org.apache.kafka.common.errors.SerializationException
            && cause.getCause() instanceof io.docpipe.schemas.registry.SchemaRegistryException sre
            && !sre.isRetryable());
  }
}
