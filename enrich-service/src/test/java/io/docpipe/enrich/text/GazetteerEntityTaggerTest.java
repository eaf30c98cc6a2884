package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class GazetteerEntityTaggerTest {
  private static final GazetteerEntityTagger TAGGER = new GazetteerEntityTagger();

  private static List<EntitySpan> tag(String text) {
    return TaggedSpans.of(TAGGER, text);
  }

  @Test
  void titledNamesArePeopleAndTheirSurnamesLater() {
    assertThat(tag("Pakistan, under President Pervez Musharraf, agreed. Later Musharraf said no."))
        .extracting(EntitySpan::text, EntitySpan::kind)
        .containsExactly(tuple("Pakistan", EntityKind.LOCATION),
            tuple("Pervez Musharraf", EntityKind.PERSON), tuple("Musharraf", EntityKind.PERSON));
  }

  @Test
  void possessivesAreLeftOut() {
    assertThat(tag("Pakistan’s diplomatic gamble and India's reply")).extracting(EntitySpan::text)
        .containsExactly("Pakistan", "India");
  }

  @Test
  void gazetteersGiveLocationsNationalitiesAndOrganizations() {
    assertThat(tag("Afghan refugees fled the Taliban and went to the United States."))
        .extracting(EntitySpan::text, EntitySpan::kind)
        .containsExactly(tuple("Afghan", EntityKind.NATIONALITY), tuple("Taliban", EntityKind.ORGANIZATION),
            tuple("United States", EntityKind.LOCATION));
  }

  @Test
  void hyphenatedCompoundsSplitIntoTheirNamedParts() {
    assertThat(tag("the Pakistan-US talks")).extracting(EntitySpan::text).containsExactly("Pakistan", "US");
  }

  @Test
  void conjunctionsSplitNames() {
    assertThat(tag("relations between Pakistan and Afghanistan")).extracting(EntitySpan::text)
        .containsExactly("Pakistan", "Afghanistan");
  }

  @Test
  void titleCaseHeadingsAreNotPeople() {
    assertThat(tag("Strategic Depth Doctrine Explained\n\nThe text follows."))
        .noneMatch(e -> e.kind() == EntityKind.PERSON);
  }

  @Test
  void sentenceOpenersAndMonthsAreNotEntities() {
    assertThat(tag("However, In October the talks ended.")).isEmpty();
  }

  @Test
  void findsMusharrafInTheSamples() {
    assertThat(tag(Samples.read("000"))).anyMatch(e -> e.kind() == EntityKind.PERSON
        && e.text().equals("Musharraf"));
  }
}
