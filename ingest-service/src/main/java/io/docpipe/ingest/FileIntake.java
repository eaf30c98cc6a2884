package io.docpipe.ingest;

import io.docpipe.ingest.extract.ExtractionException;
import io.docpipe.ingest.extract.DocumentIds;
import io.docpipe.ingest.extract.RawDocuments;
import io.docpipe.ingest.extract.ExtractedText;
import io.docpipe.ingest.extract.DocumentExtractor;
import io.docpipe.ingest.publish.Work;
import io.docpipe.schemas.RawDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import org.apache.kafka.common.serialization.Serializer;

/**
 * First half of a file's way: safety checks (symbolic links, special files, readability), the content
 * hash, extraction, and the serialized raw record. It never throws for a bad file: bad files become
 * {@link Work.Fail} with the reason in plain words.
 */
final class FileIntake {
  private final Path inbox;
  private final Path realInbox;
  private final DocumentExtractor extractor;
  private final Serializer<RawDocument> serializer;
  private final String topic;
  private final int maxRecordBytes;
  private final Clock clock;

  FileIntake(Path inbox, DocumentExtractor extractor, Serializer<RawDocument> serializer, String topic,
      int maxRecordBytes, Clock clock) throws IOException {
    this.inbox = inbox;
    this.realInbox = inbox.toRealPath();
    this.extractor = extractor;
    this.serializer = serializer;
    this.topic = topic;
    this.maxRecordBytes = maxRecordBytes;
    this.clock = clock;
  }

  static String relativePath(Path inbox, Path file) {
    return inbox.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  /** Files up to this size are read once, into memory, for the hash and the extraction alike. */
  static final int IN_MEMORY_BYTES = 1024 * 1024;

  /**
   * What was read of a file: its SHA-256 (null when it cannot be read; intake will say why), and for a
   * small file its bytes, so that the hash and the extracted text come from one and the same read.
   */
  record Snapshot(String sha256, byte[] bytes) {}

  Snapshot snapshot(Path file) {
    try (InputStream in = Files.newInputStream(checked(file))) {
      byte[] head = in.readNBytes(IN_MEMORY_BYTES + 1);
      MessageDigest digest = DocumentIds.digest();
      if (head.length <= IN_MEMORY_BYTES) {
        return new Snapshot(HexFormat.of().formatHex(digest.digest(head)), head);
      }
      digest.update(head);
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return new Snapshot(HexFormat.of().formatHex(digest.digest()), null);
    } catch (IOException | ExtractionException e) {
      return new Snapshot(null, null);
    }
  }

  Work take(Path file, Snapshot snapshot, java.time.Instant arrival) throws InterruptedException {
    String sha256 = snapshot.sha256();
    String relativePath = relativePath(inbox, file);
    String documentId = DocumentIds.forRelativePath(relativePath);
    try {
      Path target = checked(file);
      if (sha256 == null) {
        throw new ExtractionException("cannot read the file");
      }
      ExtractedText text = extractor.extract(target, snapshot.bytes());
      RawDocument document = RawDocuments.of(file, relativePath, sha256, text, clock.instant(), arrival);
      byte[] value = serializer.serialize(topic, document);
      if (value.length > maxRecordBytes) {
        throw new ExtractionException("the document's record is " + value.length + " bytes, over Kafka's limit of "
            + maxRecordBytes + " bytes");
      }
      return new Work.Publish(file, relativePath, documentId, sha256, value,
          snapshot.bytes() != null ? snapshot.bytes().length : Files.size(target));
    } catch (ExtractionException e) {
      return new Work.Fail(file, relativePath, documentId, sha256 == null ? "unreadable" : sha256, e.getMessage());
    } catch (IOException e) {
      return new Work.Fail(file, relativePath, documentId, sha256 == null ? "unreadable" : sha256,
          "cannot read the file: " + e);
    }
  }

  /** The file to read: never a path outside the inbox, never a special file. */
  private Path checked(Path file) throws ExtractionException, IOException {
    Path target = file;
    if (Files.isSymbolicLink(file)) {
      target = file.toRealPath();
      if (!target.startsWith(realInbox)) {
        throw new ExtractionException("the file is a symbolic link to " + target
            + ", outside the inbox: links out of the inbox are never followed");
      }
    }
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new ExtractionException("not a regular file (a pipe, device or folder cannot be a document)");
    }
    if (!Files.isReadable(target)) {
      throw new ExtractionException("cannot read the file: permission denied");
    }
    return target;
  }

}
