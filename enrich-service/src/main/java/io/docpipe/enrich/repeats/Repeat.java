package io.docpipe.enrich.repeats;

/** A paragraph found to repeat an earlier one: exact (same text as written) or near. */
public record Repeat(Kind kind, Occurrence first, double similarity) {
  public enum Kind { EXACT, NEAR }
}
