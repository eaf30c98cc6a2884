package io.docpipe.enrich.text;

/** An entity mention: [start, end) into the document's text. */
public record EntitySpan(String text, EntityKind kind, int start, int end) {}
