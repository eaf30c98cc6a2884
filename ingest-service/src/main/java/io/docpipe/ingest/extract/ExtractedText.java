package io.docpipe.ingest.extract;

import java.time.Instant;

/**
 * Text and metadata extracted from a file. Title, author, created, modified, language and document date
 * may be null. The document date (created or published, yyyy-MM-dd) becomes the reference date for date
 * normalization downstream.
 */
public record ExtractedText(String text, String contentType, String title, String author, Instant created,
    Instant modified, String language, String documentDate) {}
