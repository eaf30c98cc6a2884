package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderModel;
import io.docpipe.enrich.text.features.FeatureWeights;
import io.docpipe.enrich.text.features.NameFeatures;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder finds exactly the names OpenNLP's own {@code NameFinderME} finds with the shipped model, sentence
 * by sentence, with the adaptive (earlier-in-the-document) features carried across sentences as in a document:
 * on wikigold, BTC's news section, WNUT17's test split and the samples' lines; both with the shipped
 * descriptor's features made once per word ({@link NameFeatures}, the default) and with the model's own
 * generators (what a model trained with another descriptor gets).
 */
class NameDecoderTest {
  private static TokenNameFinderModel model;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = ModelEntityTagger.class.getResourceAsStream(ModelEntityTagger.MODEL)) {
      model = new TokenNameFinderModel(in);
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(NameDecoderTest.class.getResource(name).toURI());
  }

  @Test
  void theShippedModelGetsTheFastFeatures() {
    assertThat(NameFeatures.implement(model.getArtifact("generator.featuregen"))).isTrue();
    assertThat(NameFeatures.implement("<featureGenerators/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isFalse();
  }

  @ParameterizedTest(name = "known features: {0}")
  @ValueSource(booleans = {true, false})
  void findsWhatNameFinderMeFindsOnThreeCorpora(boolean knownFeatures) throws Exception {
    List<String[]> sentences = new ArrayList<>();
    for (NameSample s : NameFinderTraining.read(resource("/wikigold/wikigold.conll.txt"), ' ',
        NameFinderTraining.TYPES)) {
      sentences.add(s.getSentence());
    }
    for (NameSample s : NameFinderTraining.read(resource("/btc/g.conll"), '\t', NameFinderTraining.TYPES)) {
      sentences.add(s.getSentence());
    }
    for (NameSample s : NameFinderTraining.read(resource("/wnut17/emerging.test.annotated"), '\t',
        NameFinderTraining.WNUT17_TYPES)) {
      sentences.add(s.getSentence());
    }
    assertThat(sentences).hasSizeGreaterThan(5_000);
    assertSameNames(sentences, 25, knownFeatures);
  }

  @ParameterizedTest(name = "known features: {0}")
  @ValueSource(booleans = {true, false})
  void findsWhatNameFinderMeFindsOnTheSamplesLineByLine(boolean knownFeatures) {
    List<String[]> lines = new ArrayList<>();
    for (String prefix : List.of("000", "001", "002", "003", "004")) {
      for (String line : Samples.read(prefix).split("\n")) {
        Span[] tokens = NameTokenizer.tokenize(line);
        String[] words = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
          words[i] = line.substring(tokens[i].getStart(), tokens[i].getEnd());
        }
        lines.add(words);
      }
    }
    assertSameNames(lines, Integer.MAX_VALUE, knownFeatures);
  }

  /** Both decode the sentences in order, forgetting the document every {@code perDocument} sentences. */
  private static void assertSameNames(List<String[]> sentences, int perDocument, boolean knownFeatures) {
    NameFinderME reference = new NameFinderME(model);
    NameDecoder decoder = new NameDecoder(model, new FeatureWeights(model.getArtifact("nameFinder.model")),
        knownFeatures);
    int names = 0;
    for (int i = 0; i < sentences.size(); i++) {
      if (i % perDocument == 0) {
        reference.clearAdaptiveData();
        decoder.clearAdaptiveData();
      }
      String[] tokens = sentences.get(i);
      Span[] expected = reference.find(tokens);
      Span[] actual = decoder.find(tokens);
      assertThat(actual).as("sentence %d: %s", i, String.join(" ", tokens)).containsExactly(expected);
      names += expected.length;
    }
    assertThat(names).as("names found in all").isGreaterThan(sentences.size() / 10);
  }
}
