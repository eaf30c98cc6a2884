package io.docpipe.ingest;

/** Text and metadata extracted from a file. Title, language and document date may be null. */
public record ExtractedText(String text, String contentType, String title, String language,
    String documentDate) {}
