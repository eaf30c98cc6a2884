package io.docpipe.enrich.text.features;

/**
 * The name finder's two lexicons, loaded once per JVM on first use (about a second): Brown word clusters and a
 * named-entity gazetteer, both converted from NLP4J's English resources (Apache-2.0) by
 * {@code enrich-service/scripts/build-name-lexicons.sh}.
 */
public final class Lexicons {
  /** Gazetteer type bits. */
  static final int ORGANIZATION = 1;
  static final int LOCATION = 2;
  static final int PERSON = 4;
  static final int NATIONALITY = 8;
  static final int EVENT = 16;
  static final int NAME_PART = 32;
  static final String[] TYPE_NAMES = {"org", "loc", "per", "nat", "evt", "namepart"};
  /** Longest gazetteer phrase, in words. */
  static final int MAX_PHRASE = 6;

  private Lexicons() {}

  /**
   * Starts loading both lexicons, each on a thread of its own, and returns: whoever uses one first waits only
   * for what is left of its load (the JVM holds a class's users until its initializer is done).
   */
  public static void preload() {
    for (Runnable load : new Runnable[] {Lexicons::clusters, Lexicons::names}) {
      Thread thread = new Thread(load, "docpipe-lexicon-load");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Lower-cased word to its cluster path, encoded as 1 followed by the path's bits. */
  static HashedTable clusters() {
    return Clusters.TABLE;
  }

  /** Phrase (words separated by single spaces, as written) to its type bits. */
  static HashedTable names() {
    return Names.TABLE;
  }

  private static final class Clusters {
    static final HashedTable TABLE = HashedTable.load("/io/docpipe/enrich/text/word-clusters.tsv.gz", 600_000,
        path -> {
          int code = 1;
          for (int i = 0; i < path.length() && i < 30; i++) {
            code = (code << 1) | (path.charAt(i) - '0');
          }
          return code;
        });
  }

  private static final class Names {
    static final HashedTable TABLE = HashedTable.load("/io/docpipe/enrich/text/name-lexicon.tsv.gz", 1_310_000,
        letters -> {
          int bits = 0;
          for (int i = 0; i < letters.length(); i++) {
            bits |= switch (letters.charAt(i)) {
              case 'O' -> ORGANIZATION;
              case 'L' -> LOCATION;
              case 'P' -> PERSON;
              case 'N' -> NATIONALITY;
              case 'E' -> EVENT;
              case 'G' -> NAME_PART;
              default -> 0;
            };
          }
          return bits;
        });
  }
}
