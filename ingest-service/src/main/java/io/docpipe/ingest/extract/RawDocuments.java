package io.docpipe.ingest.extract;

import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The raw record of a file's version: what ingest publishes, and what {@code docpipe enrich} enriches. */
public final class RawDocuments {
  private RawDocuments() {}

  /**
   * @param relativePath the path under the inbox, with '/' separators: the document id comes from it, and its
   *     first folder is the collection
   */
  public static RawDocument of(Path file, String relativePath, String sha256, ExtractedText text, Instant ingestTime)
      throws IOException {
    return of(file, relativePath, sha256, text, ingestTime, null);
  }

  /** As above, with the time the file was first seen in the inbox (null when unknown). */
  public static RawDocument of(Path file, String relativePath, String sha256, ExtractedText text, Instant ingestTime,
      Instant arrivalTime) throws IOException {
    int slash = relativePath.indexOf('/');
    Source source = Source.newBuilder()
        .setPath(relativePath)
        .setCollection(slash > 0 ? relativePath.substring(0, slash) : null)
        .setFileName(file.getFileName().toString())
        .setSizeBytes(Files.size(file))
        .setSha256(sha256)
        .setContentType(text.contentType())
        .setModifiedTime(Files.getLastModifiedTime(file).toInstant())
        .setArrivalTime(arrivalTime)
        .build();
    return RawDocument.newBuilder()
        .setDocumentId(DocumentIds.forRelativePath(relativePath))
        .setVersion(sha256)
        .setSource(source)
        .setText(text.text())
        .setTitle(text.title())
        .setLanguage(text.language())
        .setAuthor(text.author())
        .setCreated(text.created())
        .setModified(text.modified())
        .setDocumentDate(text.documentDate())
        .setIngestTime(ingestTime)
        .build();
  }
}
