package io.docpipe.enrich.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import opennlp.tools.namefind.NameSample;

/**
 * The entity tagger on wikigold without testing on what it learned from: k-fold cross-validation by document,
 * each fold's name finder trained like the shipped one (BTC, WNUT17 train and dev, and the other folds). Reports
 * the default tagger (the finder post-corrected by the rules) and the finder alone. Run with {@code enrich-service/scripts/evaluate-wikigold.sh}.
 */
public final class WikigoldCrossValidation {
  private WikigoldCrossValidation() {}

  public static void main(String[] args) throws Exception {
    List<NameSample> base = NameFinderTraining.corpus(Path.of(args[0]), Path.of(args[1]));
    int folds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<Wikigold.Document> documents = Wikigold.load();
    Map<String, int[]> counts = new TreeMap<>();
    Map<String, int[]> modelCounts = new TreeMap<>();
    int only = Integer.getInteger("cv.fold", -1); // one fold only, for quick comparisons
    for (int fold = 0; fold < folds; fold++) {
      if (only >= 0 && fold != only) {
        continue;
      }
      List<NameSample> training = new ArrayList<>(base);
      List<Wikigold.Document> heldOut = new ArrayList<>();
      for (int d = 0; d < documents.size(); d++) {
        if (d % folds == fold) {
          heldOut.add(documents.get(d));
        } else {
          for (int copy = 0; copy < NameFinderTraining.WIKIGOLD_COPIES; copy++) {
            training.addAll(documents.get(d).samples());
          }
        }
      }
      ModelEntityTagger model = new ModelEntityTagger(NameFinderTraining.train(training));
      EntityTagger tagger = TextEnricher.defaultEntityTagger(model);
      for (Wikigold.Document document : heldOut) {
        Wikigold.score(document, tagger.tag(document.text()), counts);
        Wikigold.score(document, model.tag(document.text()), modelCounts);
      }
      System.err.println("fold " + (fold + 1) + " of " + folds + " done");
    }
    System.out.println(Wikigold.report("wikigold, " + folds + "-fold CV, default tagger, strict span", counts));
    System.out.println(Wikigold.report("name finder alone", modelCounts));
  }
}
