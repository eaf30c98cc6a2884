package io.docpipe.enrich.text;

import java.util.List;

/** Finds named entity mentions in a document's text. Implementations are thread-safe. */
public interface EntityTagger {
  List<EntitySpan> tag(String text);
}
