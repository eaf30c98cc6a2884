package io.docpipe.enrich.text;

/** A paragraph of a document: its position and text, [start, end) in the document's text. */
public record ParagraphSpan(int index, int start, int end, String text) {}
