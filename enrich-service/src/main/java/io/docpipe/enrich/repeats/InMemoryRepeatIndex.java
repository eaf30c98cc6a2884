package io.docpipe.enrich.repeats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A repeat index in a map: for one document, or for the files of one {@code docpipe enrich} run. */
public final class InMemoryRepeatIndex implements RepeatIndex {
  private final Map<String, List<Occurrence>> byKey = new HashMap<>();

  @Override
  public List<Occurrence> lookup(String key) {
    return byKey.getOrDefault(key, List.of());
  }

  @Override
  public void remember(String key, Occurrence occurrence) {
    byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(occurrence);
  }
}
