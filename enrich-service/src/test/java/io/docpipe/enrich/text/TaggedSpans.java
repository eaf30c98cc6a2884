package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Tags a text and checks that every span's text is what its offsets point at. */
final class TaggedSpans {
  private TaggedSpans() {}

  static List<EntitySpan> of(EntityTagger tagger, String text) {
    List<EntitySpan> spans = tagger.tag(text);
    for (EntitySpan span : spans) {
      assertThat(text.substring(span.start(), span.end())).isEqualTo(span.text());
    }
    return spans;
  }
}
