package io.docpipe.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The line the benchmarks end with: the median ratio over their rounds, and its range. */
public final class BenchRatios {
  private BenchRatios() {}

  public static String summary(String what, List<Double> ratios) {
    List<Double> sorted = new ArrayList<>(ratios);
    sorted.sort(null);
    return String.format(Locale.ROOT, "%s over %d rounds: median %.3f (%.3f to %.3f)", what, sorted.size(),
        sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
  }
}
