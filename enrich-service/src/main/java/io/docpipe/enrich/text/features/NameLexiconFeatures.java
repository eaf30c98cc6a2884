package io.docpipe.enrich.text.features;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.GeneratorFactory;

/**
 * Gazetteer features: for each word, the types of the longest gazetteer phrases covering it, with its position
 * in the phrase ("gz=B-org", "gz=I-loc"); a lone word known only as part of people's names gives "gz=namepart".
 * The phrases of a sentence are matched once ({@link SentenceFeatures}).
 */
public final class NameLexiconFeatures extends SentenceFeatures {
  @Override
  List<List<String>> compute(String[] tokens) {
    return match(tokens);
  }

  static List<List<String>> match(String[] tokens) {
    HashedTable names = Lexicons.names();
    List<List<String>> out = new ArrayList<>(tokens.length);
    for (int i = 0; i < tokens.length; i++) {
      out.add(new ArrayList<>(2));
    }
    int coveredTo = 0; // tokens before this are inside a longer match already reported
    for (int start = 0; start < tokens.length; start++) {
      if (tokens[start].isEmpty() || !Character.isUpperCase(tokens[start].charAt(0))) {
        continue;
      }
      long hash = HashedTable.hash(tokens[start]);
      int bestLength = 0;
      int bestTypes = 0;
      for (int length = 1; length <= Lexicons.MAX_PHRASE && start + length <= tokens.length; length++) {
        if (length > 1) {
          hash = HashedTable.extendWord(hash, tokens[start + length - 1]);
        }
        int types = names.get(hash, 0);
        if (types != 0 && (length > 1 || (types & ~Lexicons.NAME_PART) != 0)) {
          bestLength = length;
          bestTypes = types & ~Lexicons.NAME_PART;
        } else if (length == 1 && types == Lexicons.NAME_PART) {
          out.get(start).add("gz=namepart");
        }
      }
      if (bestLength == 0 || start + bestLength <= coveredTo) {
        continue;
      }
      coveredTo = start + bestLength;
      for (int bit = 0; bit < Lexicons.TYPE_NAMES.length; bit++) {
        if ((bestTypes & (1 << bit)) != 0) {
          String type = Lexicons.TYPE_NAMES[bit];
          out.get(start).add("gz=B-" + type);
          for (int i = start + 1; i < start + bestLength; i++) {
            out.get(i).add("gz=I-" + type);
          }
        }
      }
      if (bestLength > 1) {
        out.get(start).add("gz=len" + Math.min(bestLength, 3));
      }
    }
    return out;
  }

  /** The OpenNLP factory named in the descriptor. */
  public static final class Factory extends GeneratorFactory.AbstractXmlFeatureGeneratorFactory {
    @Override
    public AdaptiveFeatureGenerator create() {
      return new NameLexiconFeatures();
    }
  }
}
