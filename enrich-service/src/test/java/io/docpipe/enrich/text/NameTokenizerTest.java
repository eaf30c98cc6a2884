package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameTokenizerTest {
  private static List<String> tokens(String line) {
    return Arrays.stream(NameTokenizer.tokenize(line)).map(s -> line.substring(s.getStart(), s.getEnd())).toList();
  }

  @Test
  void keepsHyphenedAndApostrophedWordsWhole() {
    assertThat(tokens("Al-Qaeda and O'Brien met Pak-US envoys"))
        .containsExactly("Al-Qaeda", "and", "O'Brien", "met", "Pak-US", "envoys");
  }

  @Test
  void keepsInitialsAndAbbreviationsWithTheirPeriods() {
    assertThat(tokens("G.W. Bush and Robert G. Wiring of the U.S. met Mr. Smith."))
        .containsExactly("G.W.", "Bush", "and", "Robert", "G.", "Wiring", "of", "the", "U.S.", "met", "Mr.", "Smith",
            ".");
  }

  @Test
  void splitsPossessivesAndPunctuation() {
    assertThat(tokens("Pakistan's army (ISI), Karachi’s port; \"Lahore\"!"))
        .containsExactly("Pakistan", "'s", "army", "(", "ISI", ")", ",", "Karachi", "’s", "port", ";", "\"", "Lahore",
            "\"", "!");
  }

  @Test
  void keepsNumbersWhole() {
    assertThat(tokens("1,250.5 troops, 3-2 win")).containsExactly("1,250.5", "troops", ",", "3-2", "win");
  }

  @Test
  void offsetsPointIntoTheLine() {
    String line = "  Osama  bin Laden ";
    assertThat(Arrays.stream(NameTokenizer.tokenize(line)).map(s -> s.getStart() + ":" + s.getEnd()))
        .containsExactly("2:7", "9:12", "13:18");
  }

  @Test
  void handlesEmptyAndLongLines() {
    assertThat(tokens("")).isEmpty();
    assertThat(tokens("a ".repeat(1000))).hasSize(1000);
  }
}
