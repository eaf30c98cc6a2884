package io.docpipe.enrich.text;

/** Entity types, following the CoNLL-style annotation guidelines. */
public enum EntityKind {
  PERSON, ORGANIZATION, LOCATION, NATIONALITY
}
