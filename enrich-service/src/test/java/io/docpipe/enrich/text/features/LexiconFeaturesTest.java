package io.docpipe.enrich.text.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexiconFeaturesTest {
  @Test
  void marksTheLongestGazetteerPhraseWithItsTypeAndPosition() {
    String[] tokens = "Yesterday Manchester United beat Real Madrid in London .".split(" ");
    List<List<String>> features = NameLexiconFeatures.match(tokens);
    assertThat(features.get(1)).contains("gz=B-org");
    assertThat(features.get(2)).contains("gz=I-org");
    assertThat(features.get(4)).contains("gz=B-org");
    assertThat(features.get(7)).containsExactly("gz=B-loc");
    assertThat(features.get(3)).isEmpty(); // lower case words are never looked up
    assertThat(features.get(6)).isEmpty();
  }

  @Test
  void aPersonsNameIsAPersonAndAGivenNameAlonePartOfOne() {
    List<List<String>> features = NameLexiconFeatures.match("Barack Obama met Tameka".split(" "));
    assertThat(features.get(0)).contains("gz=B-per");
    assertThat(features.get(1)).contains("gz=I-per");
    assertThat(features.get(3)).contains("gz=namepart");
  }

  @Test
  void wordsInTheSameClusterShareAPrefix() {
    List<String> london = clusters("London");
    List<String> madrid = clusters("Madrid");
    List<String> the = clusters("the");
    assertThat(london).anyMatch(f -> f.startsWith("bc8="));
    assertThat(london.get(1)).isEqualTo(madrid.get(1)); // 8-bit prefixes: both places
    assertThat(the.get(0)).isNotEqualTo(london.get(0));
    assertThat(clusters("Qzxwvkjh")).containsExactly("bc=none");
  }

  @Test
  void theHashOfAPhraseIsTheHashOfItsWordsExtendedOneByOne() {
    long whole = HashedTable.hash("Real Madrid");
    long extended = HashedTable.extendWord(HashedTable.hash("Real"), "Madrid");
    assertThat(extended).isEqualTo(whole);
    assertThat(HashedTable.hash("RealMadrid")).isNotEqualTo(whole);
  }

  private static List<String> clusters(String word) {
    List<String> features = new ArrayList<>();
    new WordClusterFeatures().createFeatures(features, new String[] {word}, 0, new String[0]);
    return features;
  }
}
