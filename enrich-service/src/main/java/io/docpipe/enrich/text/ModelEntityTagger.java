package io.docpipe.enrich.text;

import io.docpipe.enrich.text.features.FeatureWeights;
import io.docpipe.enrich.text.features.Lexicons;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;

/**
 * The statistical name finder: Apache OpenNLP's name finder, a perceptron-trained sequence model over BIO tags
 * decoded by beam search ({@link NameDecoder}), trained on the Broad Twitter Corpus, WNUT17 and wikigold (all CC-BY 4.0) by
 * {@code enrich-service/scripts/train-ner.sh}, with the features of {@code ner-features.xml} (words, shapes,
 * affixes, Brown clusters, gazetteer phrases; see {@link io.docpipe.enrich.text.features}). The model is in the
 * jar. It finds PERSON, ORGANIZATION and LOCATION names line by line, in {@link NameTokenizer}'s tokens, with
 * offsets into the text. Thread-safe: one finder per thread.
 */
public final class ModelEntityTagger implements EntityTagger {
  static final String MODEL = "ner-en.bin";
  /** The feature descriptor the model was trained with (also inside the model). */
  static final String FEATURES = "ner-features.xml";
  /** Lines are cut into pieces of this many tokens: the finder's features are local. */
  private static final int MAX_TOKENS = 300;
  private final TokenNameFinderModel model;
  private final ThreadLocal<NameDecoder> finders;

  /** The shipped model; its lexicons are loaded now (about a second), not on the first document. */
  public ModelEntityTagger() {
    this(loadWithLexicons());
    tag("Lexicons load on the first sentence.");
  }

  private static TokenNameFinderModel loadWithLexicons() {
    Lexicons.preload(); // the lexicons load while the model does
    return load();
  }

  /** With another model (cross-validation trains one per fold). */
  ModelEntityTagger(TokenNameFinderModel model) {
    this.model = model;
    FeatureWeights weights = new FeatureWeights(model.getArtifact("nameFinder.model"));
    this.finders = ThreadLocal.withInitial(() -> new NameDecoder(model, weights));
  }

  private static TokenNameFinderModel load() {
    try (InputStream in = ModelEntityTagger.class.getResourceAsStream(MODEL)) {
      if (in == null) {
        throw new IllegalStateException("the name finder model " + MODEL + " is not on the classpath");
      }
      return new TokenNameFinderModel(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the name finder model", e);
    }
  }

  @Override
  public List<EntitySpan> tag(String text) {
    NameDecoder finder = finders.get();
    finder.clearAdaptiveData();
    List<EntitySpan> found = new ArrayList<>();
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      // One copy of the line, not one per token: a 5 MB line would otherwise cost a copy of 5 MB per word.
      String line = text.substring(lineStart, lineEnd);
      Span[] tokens = NameTokenizer.tokenize(line);
      for (int from = 0; from < tokens.length; from += MAX_TOKENS) {
        Interruptions.check();
        int to = Math.min(tokens.length, from + MAX_TOKENS);
        String[] words = new String[to - from];
        for (int i = from; i < to; i++) {
          words[i - from] = line.substring(tokens[i].getStart(), tokens[i].getEnd());
        }
        for (Span name : finder.find(words)) {
          int start = lineStart + tokens[from + name.getStart()].getStart();
          int end = lineStart + tokens[from + name.getEnd() - 1].getEnd();
          EntityKind kind = switch (name.getType()) {
            case "PER" -> EntityKind.PERSON;
            case "ORG" -> EntityKind.ORGANIZATION;
            case "LOC" -> EntityKind.LOCATION;
            default -> null; // a model trained with other types: they are not ours
          };
          if (kind != null) {
            found.add(new EntitySpan(text.substring(start, end), kind, start, end));
          }
        }
      }
      lineStart = lineEnd + 1;
    }
    return found;
  }
}
