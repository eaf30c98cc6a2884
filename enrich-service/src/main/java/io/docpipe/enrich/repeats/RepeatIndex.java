package io.docpipe.enrich.repeats;

import java.util.List;

/** Earlier paragraphs by lookup key. Implementations decide how long they remember. */
public interface RepeatIndex {
  List<Occurrence> lookup(String key);

  void remember(String key, Occurrence occurrence);
}
