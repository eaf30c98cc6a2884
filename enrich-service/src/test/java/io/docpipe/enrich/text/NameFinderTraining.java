package io.docpipe.enrich.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the statistical name finder ({@link ModelEntityTagger}) on the Broad Twitter Corpus (CoNLL files) and
 * wikigold (both CC-BY 4.0): PER, ORG and LOC, OpenNLP's default features, maximum entropy, 100 iterations,
 * cutoff 2. Usage: {@code NameFinderTraining BTC_DIR MODEL_OUT [WIKIGOLD_CONLL]}.
 * Training is deterministic: the same data gives the same model entries (only the manifest's timestamp
 * differs). The tagger's F1 on wikigold is then measured by cross-validation
 * ({@link WikigoldCrossValidation}). Run with {@code enrich-service/scripts/train-ner.sh}.
 */
public final class NameFinderTraining {
  private static final Set<String> TYPES = Set.of("PER", "ORG", "LOC");

  private NameFinderTraining() {}

  public static void main(String[] args) throws IOException {
    Path btc = Path.of(args[0]);
    Path model = Path.of(args[1]);
    List<NameSample> samples = new ArrayList<>();
    try (Stream<Path> files = Files.list(btc)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".conll")).sorted().toList()) {
        samples.addAll(read(file, '\t'));
      }
    }
    if (args.length > 2) {
      samples.addAll(read(Path.of(args[2]), ' '));
    }
    TokenNameFinderModel trained = NameFinderME.train("en", null, new CollectionObjectStream<>(samples),
        parameters(), new TokenNameFinderFactory());
    trained.serialize(model);
    System.out.println("trained on " + samples.size() + " sentences -> " + model);
  }

  /** Maximum entropy, 100 iterations, features seen fewer than twice dropped. */
  static TrainingParameters parameters() {
    TrainingParameters params = TrainingParameters.defaultParams();
    params.put(TrainingParameters.ITERATIONS_PARAM, 100);
    params.put(TrainingParameters.CUTOFF_PARAM, 2);
    return params;
  }

  /** CoNLL lines "token SEPARATOR IOB-tag"; a blank line ends a sentence, -DOCSTART- lines are skipped. */
  static List<NameSample> read(Path file, char separator) throws IOException {
    List<NameSample> samples = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int tab = line.lastIndexOf(separator);
      if (line.isBlank() || tab <= 0 || line.startsWith("-DOCSTART-")) {
        add(tokens, tags, samples);
        continue;
      }
      tokens.add(line.substring(0, tab));
      tags.add(line.substring(tab + 1).strip());
    }
    add(tokens, tags, samples);
    return samples;
  }

  private static void add(List<String> tokens, List<String> tags, List<NameSample> samples) {
    if (tokens.isEmpty()) {
      return;
    }
    List<Span> names = new ArrayList<>();
    int start = -1;
    String open = null;
    for (int i = 0; i <= tags.size(); i++) {
      String tag = i < tags.size() ? tags.get(i) : "O";
      String type = tag.length() > 2 ? tag.substring(2) : null;
      boolean continues = type != null && type.equals(open) && tag.startsWith("I-");
      if (open != null && !continues) {
        if (TYPES.contains(open)) {
          names.add(new Span(start, i, open));
        }
        open = null;
      }
      if (type != null && !continues) {
        open = type;
        start = i;
      }
    }
    samples.add(new NameSample(tokens.toArray(new String[0]), names.toArray(new Span[0]), false));
    tokens.clear();
    tags.clear();
  }
}
