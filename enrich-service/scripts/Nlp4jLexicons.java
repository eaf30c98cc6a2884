import edu.emory.mathcs.nlp.common.collection.tree.PrefixNode;
import edu.emory.mathcs.nlp.common.collection.tree.PrefixTree;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipFile;
import org.tukaani.xz.XZInputStream;

/**
 * Converts two lexicons of NLP4J's English resources (edu.emory.mathcs.nlp:nlp4j-english:1.1.3, Apache-2.0)
 * into the plain gzipped tables the name finder's features read: Brown word clusters (lower-cased word, bit
 * path) and named-entity gazetteers (phrase, type letters). Run by scripts/build-name-lexicons.sh; the output
 * is sorted, so the same jar always gives the same files (gzip headers carry no timestamp here).
 */
public final class Nlp4jLexicons {
  /** NLP4J gazetteer type numbers to ours: O organization, L location, P person, N nationality, E event. */
  private static final Map<String, String> TYPES = Map.of("0", "O", "13", "O", "11", "L", "6", "L",
      "14", "P", "4", "G", "5", "N", "9", "E");

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path out = Path.of(args[1]);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Map<String, Set<String>> clusters = read(zip, "edu/emory/mathcs/nlp/lexica/en-brown-clusters-simplified-lowercase.xz");
      TreeMap<String, String> paths = new TreeMap<>();
      clusters.forEach((word, prefixes) -> {
        String longest = "";
        for (String p : prefixes) {
          longest = p.length() > longest.length() ? p : longest;
        }
        if (word.length() <= 40 && !word.contains(" ") && !word.contains("\t")) {
          paths.put(word, longest);
        }
      });
      write(out.resolve("word-clusters.tsv.gz"), paths);
      PrefixTree<String, Object> gazetteers = read(zip, "edu/emory/mathcs/nlp/lexica/en-named-entity-gazetteers-simplified.xz");
      TreeMap<String, String> names = new TreeMap<>();
      walk(gazetteers.getRoot(), "", 0, names);
      write(out.resolve("name-lexicon.tsv.gz"), names);
      System.out.println(paths.size() + " clustered words, " + names.size() + " names -> " + out);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T read(ZipFile zip, String entry) throws Exception {
    try (InputStream in = new ObjectInputStream(new XZInputStream(new BufferedInputStream(zip.getInputStream(zip.getEntry(entry)))))) {
      return (T) ((ObjectInputStream) in).readObject();
    }
  }

  private static void walk(PrefixNode<String, Object> node, String phrase, int length, Map<String, String> names) {
    if (node.hasValue() && length <= 6 && !phrase.contains("\t") && !phrase.equals(phrase.toLowerCase())) {
      Object value = node.getValue();
      Collection<?> types = value instanceof Collection<?> c ? c : Set.of(value);
      TreeSet<String> letters = new TreeSet<>();
      for (Object type : types) {
        String letter = TYPES.get(type.toString());
        if (letter != null) {
          letters.add(letter);
        }
      }
      if (!letters.isEmpty()) {
        names.put(phrase, String.join("", letters));
      }
    }
    if (length < 6) {
      for (Map.Entry<String, PrefixNode<String, Object>> child : new TreeMap<>(node).entrySet()) {
        walk(child.getValue(), length == 0 ? child.getKey() : phrase + " " + child.getKey(), length + 1, names);
      }
    }
  }

  private static void write(Path file, Map<String, String> table) throws Exception {
    try (PrintWriter w = new PrintWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
        StandardCharsets.UTF_8))) {
      table.forEach((key, value) -> w.print(key + "\t" + value + "\n"));
    }
  }
}
