package io.docpipe.enrich.text.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link NameFeatures} makes, token by token, the very features OpenNLP's generators make for the shipped
 * descriptor, in the same order, with the earlier decisions of the document carried alike, on wikigold, BTC's
 * news section and WNUT17's test split; and each feature's weight row is the model's row for its name.
 */
class NameFeaturesTest {
  private static TokenNameFinderModel model;
  private static FeatureWeights weights;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = NameFeaturesTest.class.getResourceAsStream("/io/docpipe/enrich/text/ner-en.bin")) {
      model = new TokenNameFinderModel(in);
    }
    weights = new FeatureWeights(model.getArtifact("nameFinder.model"));
  }

  @Test
  void theSameFeaturesAsOpenNlpsGeneratorsInTheSameOrder() throws IOException {
    List<String[]> sentences = new ArrayList<>();
    sentences.addAll(sentences("/wikigold/wikigold.conll.txt"));
    sentences.addAll(sentences("/btc/g.conll"));
    sentences.addAll(sentences("/wnut17/emerging.test.annotated"));
    assertThat(sentences).hasSizeGreaterThan(5_000);
    AdaptiveFeatureGenerator reference = model.getFactory().createFeatureGenerators();
    NameFeatures features = new NameFeatures(weights, true);
    String[] outcomes = {"other", "PER-start", "PER-cont", "ORG-start", "LOC-start"};
    Random random = new Random(7);
    long compared = 0;
    for (int s = 0; s < sentences.size(); s++) {
      if (s % 25 == 0) {
        reference.clearAdaptiveData();
        features.clearAdaptiveData();
      }
      String[] tokens = sentences.get(s);
      for (int i = 0; i < tokens.length; i++) {
        List<String> expected = new ArrayList<>();
        reference.createFeatures(expected, tokens, i, null);
        List<String> actual = new ArrayList<>();
        features.forEach(tokens, i, (name, row) -> {
          assertThat(row).as(name).isEqualTo(weights.row(name));
          actual.add(name);
        });
        assertThat(actual).as("token %d of %s", i, String.join(" ", tokens)).isEqualTo(expected);
        compared += expected.size();
      }
      String[] decided = new String[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        decided[i] = outcomes[random.nextInt(outcomes.length)];
      }
      reference.updateAdaptiveData(tokens, decided);
      features.updateAdaptiveData(tokens, decided);
    }
    assertThat(compared).isGreaterThan(1_000_000);
  }

  @Test
  void aWordsFeaturesAreTheSameWhenItsMemoryStartsAgain() {
    NameFeatures features = new NameFeatures(weights, true);
    String[] sentence = "Angela Merkel visited Paris .".split(" ");
    List<String> first = new ArrayList<>();
    features.forEach(sentence, 1, (name, row) -> first.add(name));
    for (int i = 0; i < 25_000; i++) { // more distinct words than are kept
      features.forEach(new String[] {"w" + i}, 0, (name, row) -> { });
    }
    List<String> again = new ArrayList<>();
    features.forEach(sentence.clone(), 1, (name, row) -> again.add(name));
    assertThat(again).isEqualTo(first);
  }

  private static List<String[]> sentences(String resource) throws IOException {
    List<String[]> out = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    String text;
    try (InputStream in = NameFeaturesTest.class.getResourceAsStream(resource)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("-DOCSTART-")) {
        if (!tokens.isEmpty()) {
          out.add(tokens.toArray(new String[0]));
          tokens.clear();
        }
        continue;
      }
      int end = line.indexOf('\t') > 0 ? line.indexOf('\t') : line.lastIndexOf(' ');
      if (end > 0) {
        tokens.add(line.substring(0, end));
      }
    }
    return out;
  }
}
