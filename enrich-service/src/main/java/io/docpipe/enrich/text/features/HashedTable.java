package io.docpipe.enrich.text.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;
import java.util.zip.GZIPInputStream;

/**
 * A read-only table from strings to ints, keyed by 64-bit FNV-1a hashes in open addressing: a million entries
 * cost about 24 MB instead of the ~150 MB of a {@code HashMap<String, ...>}, and a lookup allocates nothing.
 * Two keys colliding on all 64 bits is possible in principle (about one in 10^7 for a million keys); a
 * collision only gives a word another word's feature.
 */
final class HashedTable {
  static final long EMPTY = 0L;
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private final long[] keys;
  private final int[] values;
  private final int mask;

  private HashedTable(int capacity) {
    int size = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
    keys = new long[size];
    values = new int[size];
    mask = size - 1;
  }

  /** Reads "key TAB value" lines from a gzipped classpath resource next to this class. */
  static HashedTable load(String resource, int expectedEntries, ToIntFunction<String> value) {
    HashedTable table = new HashedTable(expectedEntries);
    try (InputStream raw = HashedTable.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException("the lexicon " + resource + " is not on the classpath");
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16),
          StandardCharsets.UTF_8), 1 << 16);
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          table.put(hash(line, 0, tab), value.applyAsInt(line.substring(tab + 1)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the lexicon " + resource, e);
    }
    return table;
  }

  private void put(long key, int value) {
    long k = stored(key);
    int slot = spread(k) & mask;
    while (keys[slot] != EMPTY && keys[slot] != k) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = k;
    values[slot] = value;
  }

  /** The value for a key hash, or {@code missing}. */
  int get(long key, int missing) {
    long k = stored(key);
    int slot = spread(k) & mask;
    while (keys[slot] != EMPTY) {
      if (keys[slot] == k) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    return missing;
  }

  static long hash(CharSequence s, int from, int to) {
    return extend(OFFSET, s, from, to);
  }

  static long hash(CharSequence s) {
    return hash(s, 0, s.length());
  }

  /** The hash of what {@code hash} covered, then {@code s[from, to)}. */
  static long extend(long hash, CharSequence s, int from, int to) {
    long h = hash;
    for (int i = from; i < to; i++) {
      h = (h ^ s.charAt(i)) * PRIME;
    }
    return h;
  }

  /** The hash of what {@code hash} covered, a space, then {@code s}: the next word of a phrase. */
  static long extendWord(long hash, CharSequence s) {
    return extend((hash ^ ' ') * PRIME, s, 0, s.length());
  }

  /** Keys are stored as themselves, except 0, which marks an empty slot. */
  private static long stored(long key) {
    return key == EMPTY ? 1 : key;
  }

  private static int spread(long k) {
    return (int) (k ^ (k >>> 32)) * 0x9E3779B9;
  }
}
