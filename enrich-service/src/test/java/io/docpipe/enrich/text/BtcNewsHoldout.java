package io.docpipe.enrich.text;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import opennlp.tools.namefind.NameSample;

/**
 * The entity tagger on the Broad Twitter Corpus's mainstream-news section (G, 2,351 tweets of news outlets)
 * held out: a name finder trained like the shipped one on everything else (BTC's other sections, WNUT17 train
 * and dev, wikigold), then the default tagger and the finder alone scored per tweet, strict span, leaving out
 * Twitter handles and hashtags.
 * Run with {@code enrich-service/scripts/evaluate-btc-news.sh}.
 */
public final class BtcNewsHoldout {
  private BtcNewsHoldout() {}

  public static void main(String[] args) throws Exception {
    Path btc = Path.of(args[0]);
    List<NameSample> training = NameFinderTraining.corpus(btc, Path.of(args[1]), "g.conll");
    training.addAll(NameFinderTraining.read(Path.of(args[2]), ' ', NameFinderTraining.TYPES));
    ModelEntityTagger model = new ModelEntityTagger(NameFinderTraining.train(training));
    EntityTagger tagger = TextEnricher.defaultEntityTagger(model);
    Map<String, EntityKind> types = Wikigold.TYPES;
    Map<String, int[]> counts = new TreeMap<>();
    Map<String, int[]> modelCounts = new TreeMap<>();
    for (Wikigold.Document tweet : Wikigold.loadSentences(btc.resolve("g.conll"), types)) {
      Wikigold.Document names = withoutHandles(tweet);
      Wikigold.score(names, withoutHandles(tweet.text(), tagger.tag(tweet.text())), counts);
      Wikigold.score(names, withoutHandles(tweet.text(), model.tag(tweet.text())), modelCounts);
    }
    System.out.println(Wikigold.report("BTC news (section G) held out, default tagger, strict span", counts));
    System.out.println(Wikigold.report("name finder alone", modelCounts));
  }

  /**
   * BTC tags Twitter handles ("@ annajhenderson") as people; documents have none, and the default tagger
   * leaves out names that do not start with a capital, so handles and hashtags are scored by neither side.
   */
  private static boolean handle(String text, int start) {
    char first = text.charAt(start);
    return first == '@' || first == '#' || !Character.isUpperCase(first);
  }

  private static Wikigold.Document withoutHandles(Wikigold.Document tweet) {
    java.util.Set<String> gold = new java.util.HashSet<>();
    for (String span : tweet.gold()) {
      int start = Integer.parseInt(span.substring(span.indexOf('@') + 1, span.indexOf(':')));
      if (!handle(tweet.text(), start)) {
        gold.add(span);
      }
    }
    return new Wikigold.Document(tweet.text(), gold, tweet.samples());
  }

  private static List<EntitySpan> withoutHandles(String text, List<EntitySpan> found) {
    return found.stream().filter(e -> !handle(text, e.start())).toList();
  }
}
