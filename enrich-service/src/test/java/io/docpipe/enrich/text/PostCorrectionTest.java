package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StatisticalEntityTagger}'s post-correction, with a finder that says what it is told. */
class PostCorrectionTest {
  /** A finder that tags the given names wherever they occur. */
  private static EntityTagger finder(Object... nameThenKind) {
    return text -> {
      List<EntitySpan> found = new ArrayList<>();
      for (int i = 0; i < nameThenKind.length; i += 2) {
        String name = (String) nameThenKind[i];
        for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
          found.add(new EntitySpan(name, (EntityKind) nameThenKind[i + 1], at, at + name.length()));
        }
      }
      found.sort((a, b) -> Integer.compare(a.start(), b.start()));
      return found;
    };
  }

  private static List<EntitySpan> tag(EntityTagger finder, String text) {
    return TaggedSpans.of(new StatisticalEntityTagger(finder, new GazetteerEntityTagger()), text);
  }

  @Test
  void theFindersNamesComeFirstAndTheRulesFillTheGaps() {
    assertThat(tag(finder("Lahore Qalandars", EntityKind.ORGANIZATION),
        "Lahore Qalandars beat the Pakistani side in Karachi."))
        .extracting(EntitySpan::text, EntitySpan::kind)
        .containsExactly(tuple("Lahore Qalandars", EntityKind.ORGANIZATION),
            tuple("Pakistani", EntityKind.NATIONALITY), tuple("Karachi", EntityKind.LOCATION));
  }

  @Test
  void aLeadingTitleIsNotPartOfTheName() {
    assertThat(tag(finder("President Bush", EntityKind.PERSON), "He met President Bush."))
        .extracting(EntitySpan::text, EntitySpan::kind).containsExactly(tuple("Bush", EntityKind.PERSON));
  }

  @Test
  void aRuleNameThatCoversTheFindersAndReachesFurtherTakesItsPlace() {
    assertThat(tag(finder("Osama", EntityKind.PERSON), "They hunted Osama bin Laden for years."))
        .extracting(EntitySpan::text, EntitySpan::kind).containsExactly(tuple("Osama bin Laden", EntityKind.PERSON));
  }

  @Test
  void aPlaceThatIsADemonymIsANationalityAndCommonWordsAreNoName() {
    assertThat(tag(finder("Afghan", EntityKind.LOCATION, "However", EntityKind.PERSON),
        "However, Afghan officials disagreed."))
        .extracting(EntitySpan::text, EntitySpan::kind).containsExactly(tuple("Afghan", EntityKind.NATIONALITY));
  }

  @Test
  void aRuleNameInsideTheFindersIsDropped() {
    assertThat(tag(finder("Karachi Kings", EntityKind.ORGANIZATION), "Karachi Kings won in Lahore."))
        .extracting(EntitySpan::text, EntitySpan::kind)
        .containsExactly(tuple("Karachi Kings", EntityKind.ORGANIZATION), tuple("Lahore", EntityKind.LOCATION));
  }
}
