package io.docpipe.enrich.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

/**
 * The whole entity tagger (rules + name finder) on wikigold without testing on what it learned from: k-fold
 * cross-validation by document, each fold's model trained like the shipped one (BTC + the other folds).
 * Run with {@code enrich-service/scripts/evaluate-wikigold.sh [folds]}.
 */
public final class WikigoldCrossValidation {
  private WikigoldCrossValidation() {}

  public static void main(String[] args) throws Exception {
    Path btc = Path.of(args[0]);
    int folds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<NameSample> base = new ArrayList<>();
    try (Stream<Path> files = Files.list(btc)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".conll")).sorted().toList()) {
        base.addAll(NameFinderTraining.read(file, '\t'));
      }
    }
    List<Wikigold.Document> documents = Wikigold.load();
    Map<String, int[]> counts = new TreeMap<>();
    for (int fold = 0; fold < folds; fold++) {
      List<NameSample> training = new ArrayList<>(base);
      List<Wikigold.Document> heldOut = new ArrayList<>();
      for (int d = 0; d < documents.size(); d++) {
        if (d % folds == fold) {
          heldOut.add(documents.get(d));
        } else {
          training.addAll(documents.get(d).samples());
        }
      }
      TokenNameFinderModel model = NameFinderME.train("en", null, new CollectionObjectStream<>(training),
          NameFinderTraining.parameters(), new TokenNameFinderFactory());
      GazetteerEntityTagger tagger = new GazetteerEntityTagger(new ModelEntityTagger(model));
      for (Wikigold.Document document : heldOut) {
        Wikigold.score(document, tagger.tag(document.text()), counts);
      }
      System.err.println("fold " + (fold + 1) + " of " + folds + " done");
    }
    System.out.println(Wikigold.report("wikigold, " + folds + "-fold cross-validation, strict span", counts));
  }
}
