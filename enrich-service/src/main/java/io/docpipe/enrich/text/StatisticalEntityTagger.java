package io.docpipe.enrich.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The product's entity tagger: a statistical name finder decides, the rules post-correct it. A leading title is
 * not part of a name ("President Bush"); a "place" that is a demonym is a nationality; names made of common words
 * only are dropped; a rule name that covers finder names and reaches further takes their place ("Osama bin
 * Laden", an organization ending in "Forum"; a person's name only rightwards); and rule names where the finder
 * found nothing are added (nationalities, acronyms, gazetteer names, titled people, citation authors), except
 * people the rules only guessed from the look of a capitalized run.
 */
public final class StatisticalEntityTagger implements EntityTagger {
  private final EntityTagger finder;
  private final GazetteerEntityTagger rules;

  public StatisticalEntityTagger(EntityTagger finder, GazetteerEntityTagger rules) {
    this.finder = finder;
    this.rules = rules;
  }

  @Override
  public List<EntitySpan> tag(String text) {
    GazetteerEntityTagger.Ruling ruling = rules.rule(text);
    List<EntitySpan> model = new ArrayList<>();
    for (EntitySpan candidate : finder.tag(text)) {
      EntitySpan name = rules.withoutTitle(text, candidate);
      if (name != null && Character.isUpperCase(name.text().charAt(0))
          && !rules.allCommon(name.text(), ruling.lowerWords())) {
        boolean demonym = name.kind() == EntityKind.LOCATION && rules.isNationality(name.text());
        model.add(demonym ? new EntitySpan(name.text(), EntityKind.NATIONALITY, name.start(), name.end()) : name);
      }
    }
    return merge(model, ruling);
  }

  /** Both lists sorted by start; one sweep. */
  private static List<EntitySpan> merge(List<EntitySpan> model, GazetteerEntityTagger.Ruling ruling) {
    List<EntitySpan> found = new ArrayList<>();
    int next = 0; // model spans before this one are placed
    for (EntitySpan rule : ruling.spans()) {
      while (next < model.size() && model.get(next).end() <= rule.start()) {
        found.add(model.get(next++));
      }
      int covered = next;
      while (covered < model.size() && model.get(covered).start() >= rule.start()
          && model.get(covered).end() <= rule.end()) {
        covered++;
      }
      boolean overlapsRest = covered < model.size() && model.get(covered).start() < rule.end();
      boolean tailOverlap = !found.isEmpty() && found.get(found.size() - 1).end() > rule.start();
      if (overlapsRest || tailOverlap) {
        continue; // the finder's names stand
      }
      if (covered == next) {
        if (!ruling.guessedPeople().contains(rule.start())) {
          found.add(rule); // nothing of the finder's here
        }
      } else if (rule.end() - rule.start() > model.get(next).end() - model.get(next).start()
          && (rule.kind() != EntityKind.PERSON || rule.start() == model.get(next).start())) {
        // leftwards of a person's name lie titles the rules do not know ("Indonesian President-elect Joko Widodo")
        found.add(rule);
        next = covered;
      }
    }
    while (next < model.size()) {
      found.add(model.get(next++));
    }
    found.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return found;
  }
}
