package io.docpipe.enrich.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** A list of names read from a classpath resource, one per line, '#' comments. Lookups ignore case. */
final class Gazetteer {
  private final Set<String> names = new HashSet<>();
  private int longestWords = 1;

  static Gazetteer load(String resource) {
    Gazetteer gazetteer = new Gazetteer();
    try (InputStream in = Gazetteer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          gazetteer.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return gazetteer;
  }

  void add(String name) {
    names.add(key(name));
    longestWords = Math.max(longestWords, name.split(" ").length);
  }

  boolean contains(String name) {
    return names.contains(key(name));
  }

  int longestWords() {
    return longestWords;
  }

  private static String key(String name) {
    return name.replace('\u2019', '\'').toLowerCase(Locale.ROOT);
  }
}
