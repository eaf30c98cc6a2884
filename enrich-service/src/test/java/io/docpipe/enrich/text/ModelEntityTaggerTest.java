package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped default tagger (the name finder, post-corrected) on news sentences written for this test: none of
 * them is in the training data or the samples.
 */
class ModelEntityTaggerTest {
  private static final EntityTagger TAGGER = TextEnricher.defaultEntityTagger();

  private static List<EntitySpan> tag(String text) {
    return TaggedSpans.of(TAGGER, text);
  }

  @Test
  void findsPeoplePlacesAndOrganizationsInANewsSentence() {
    assertThat(tag("German Chancellor Angela Merkel met Barack Obama in Berlin on Tuesday, the White House said."))
        .extracting(EntitySpan::text, EntitySpan::kind)
        .containsExactly(tuple("German", EntityKind.NATIONALITY), tuple("Angela Merkel", EntityKind.PERSON),
            tuple("Barack Obama", EntityKind.PERSON), tuple("Berlin", EntityKind.LOCATION),
            tuple("White House", EntityKind.ORGANIZATION));
  }

  @Test
  void clubsNamedAfterPlacesAndCompaniesAreOrganizations() {
    assertThat(tag("Manchester United beat Arsenal 2-1 at Old Trafford."))
        .extracting(EntitySpan::text, EntitySpan::kind)
        .contains(tuple("Manchester United", EntityKind.ORGANIZATION), tuple("Arsenal", EntityKind.ORGANIZATION));
    assertThat(tag("Shares of Microsoft Corp. fell after Reuters reported from New York."))
        .extracting(EntitySpan::text, EntitySpan::kind)
        .containsExactly(tuple("Microsoft Corp.", EntityKind.ORGANIZATION), tuple("Reuters", EntityKind.ORGANIZATION),
            tuple("New York", EntityKind.LOCATION));
  }

  @Test
  void offsetsSurviveLinesAndWideCharacters() {
    String text = "Intro line\n\n  \u00c9milie Dupont flew to Paris.\nSecond line about Tokyo.";
    assertThat(tag(text)).extracting(EntitySpan::text).contains("Paris", "Tokyo");
  }
}
