package io.docpipe.enrich.repeats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepeatFinderTest {
  private static final String LONG = "The situation took a dramatic turn: the Afghan Taliban, originally supported by "
      + "Pakistan, began to shelter militants who attacked Pakistani cities, and the policy that was meant to "
      + "secure the western border ended up threatening the state it was designed to protect.";
  private final RepeatFinder finder = new RepeatFinder(0.55);
  private final InMemoryRepeatIndex index = new InMemoryRepeatIndex();

  private Optional<Repeat> see(String doc, String version, int paragraph, long order, String text) {
    ParagraphSignature signature = ParagraphSignature.of(text);
    return finder.findOrRemember(new Occurrence(doc, version, paragraph, order, signature), signature.keys(), index);
  }

  @Test
  void theSameTextAsWrittenIsAnExactRepeatOfItsFirstOccurrence() {
    assertThat(see("a", "v1", 3, 100, LONG)).isEmpty();
    Repeat repeat = see("b", "v1", 7, 200, LONG.replace(" ", "  ")).orElseThrow();
    assertThat(repeat.kind()).isEqualTo(Repeat.Kind.EXACT);
    assertThat(repeat.first().documentId()).isEqualTo("a");
    assertThat(repeat.first().paragraphIndex()).isEqualTo(3);
    assertThat(see("c", "v1", 0, 300, LONG).orElseThrow().first().documentId()).isEqualTo("a");
  }

  @Test
  void quoteStylesSmallEditsAndALeadingWordAreNearRepeats() {
    see("a", "v1", 0, 100, "U.S. President George Bush and India's Prime Minister Manmohan Singh in New Delhi");
    assertThat(see("b", "v1", 0, 200, "U.S. President George Bush and India’s Prime Minister Manmohan Singh in New Delhi")
        .orElseThrow().kind()).isEqualTo(Repeat.Kind.NEAR);
    see("a", "v1", 1, 100, LONG);
    Repeat however = see("b", "v1", 1, 200, "However, t" + LONG.substring(1)).orElseThrow();
    assertThat(however.kind()).isEqualTo(Repeat.Kind.NEAR);
    assertThat(however.similarity()).isBetween(0.55, 1.0);
    assertThat(see("c", "v1", 1, 300, LONG.replace("dramatic", "sudden").replace("originally", "initially")))
        .hasValueSatisfying(r -> assertThat(r.first().documentId()).isEqualTo("a"));
  }

  @Test
  void paragraphsThatDifferInANumberADateANameOrANegationAreNotRepeats() {
    String strikes = "On Jan. 8, Coalition military forces conducted 34 strikes against ISIL targets in Syria and "
        + "Iraq, the task force said in a statement released on Saturday.";
    see("a", "v1", 0, 100, strikes);
    assertThat(see("b", "v1", 0, 200, strikes.replace("Jan. 8", "Jan. 9").replace("34", "26"))).isEmpty();
    assertThat(see("c", "v1", 0, 300, strikes.replace("Saturday", "Sunday"))).isEmpty();
    assertThat(see("d", "v1", 0, 400, strikes.replace("Syria", "Libya"))).isEmpty();
    assertThat(see("e", "v1", 0, 500, strikes.replace("said in", "did not say in"))).isEmpty();
    assertThat(see("f", "v1", 0, 600, strikes.replace("the task force", "the joint task force")))
        .as("a filler word: the same facts").isPresent();
  }

  @Test
  void shortParagraphsNeedTheSameWords() {
    see("a", "v1", 0, 100, "GOLF - ZIMBABWE OPEN SECOND ROUND SCORES.");
    assertThat(see("b", "v1", 0, 200, "GOLF - ZIMBABWE OPEN THIRD ROUND SCORES.")).isEmpty();
    see("a", "v1", 1, 100, "SOCCER - ENGLISH LEAGUE AND CUP RESULTS.");
    assertThat(see("b", "v1", 1, 200, "SOCCER - SCOTTISH LEAGUE AND CUP RESULTS.")).isEmpty();
    see("a", "v1", 2, 100, "Division one results and standings");
    assertThat(see("b", "v1", 2, 200, "Division One: results and standings")).isPresent();
  }

  @Test
  void differentParagraphsOnTheSameTopicAreNotRepeats() {
    see("a", "v1", 0, 100, LONG);
    assertThat(see("b", "v1", 0, 200, "Pakistan's relations with the Taliban government in Kabul have soured "
        + "since 2021, as attacks on Pakistani cities rose and talks over the border went nowhere.")).isEmpty();
    assertThat(see("b", "v1", 1, 200, "Introduction")).isEmpty();
  }

  @Test
  void reIngestingADocumentDoesNotMarkItAsARepeatOfItself() {
    assertThat(see("a", "v1", 0, 100, LONG)).isEmpty();
    assertThat(see("a", "v1", 0, 900, LONG)).as("same version again").isEmpty();
    assertThat(see("a", "v2", 0, 950, LONG)).as("a new version of the same document").isEmpty();
    assertThat(see("b", "v1", 0, 990, LONG).orElseThrow().first().documentId()).isEqualTo("a");
  }

  @Test
  void aParagraphOnlyRepeatsAnEarlierOneEvenWhenItArrivesFirst() {
    // b (ingested at 200) is looked up before a (ingested at 100), as can happen across partitions.
    assertThat(see("b", "v1", 0, 200, LONG)).isEmpty();
    assertThat(see("a", "v1", 0, 100, LONG)).as("a is earlier: it repeats nothing").isEmpty();
    assertThat(see("c", "v1", 0, 300, LONG).orElseThrow().first().documentId()).isEqualTo("a");
  }

  @Test
  void withinADocumentOnlyAnEarlierParagraphCounts() {
    assertThat(see("a", "v1", 5, 100, LONG)).isEmpty();
    assertThat(see("a", "v1", 9, 100, LONG).orElseThrow().first().paragraphIndex()).isEqualTo(5);
  }
}
