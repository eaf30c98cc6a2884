package io.docpipe.local;

import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Chaos: two big documents in the middle of a stream of small ones, through the real stack: a 5 MB line
 * that ends in a newline (the case that was quadratic in the name finder) and a 20 M-character document.
 * The small ones must be indexed at their usual pace, within 60 s of being dropped (a few seconds when the
 * machine is idle), and the big ones within 240 s, each marked as analyzed only in part. Before the
 * analysis budget and the per-document time limit, the big ones held their partition for good and the
 * small ones behind them were never indexed.
 */
class BigDocumentsIT {
  private static final String SENTENCE = "Governor Ahmed Khan met the Taliban envoy in Quetta on October 7, 2001. ";

  @Test
  void bigDocumentsDoNotHoldUpSmallOnesAndAreIndexedInPart() throws Exception {
    LocalStack stack = SharedStack.get();
    Path folder = Files.createDirectories(stack.config().inbox().resolve("bigmix"));
    Path staging = Files.createTempDirectory("bigmix-staging");
    Path line = Files.writeString(staging.resolve("one-line.txt"), "word ".repeat(1_000_000) + "\n");
    StringBuilder huge = new StringBuilder(20_000_100);
    while (huge.length() < 20_000_000) {
      huge.append(SENTENCE);
    }
    huge.setLength(20_000_000);
    Path twenty = Files.writeString(staging.resolve("twenty-million.txt"), huge);
    huge = null;
    for (int i = 0; i < 10; i++) {
      Files.writeString(folder.resolve("small-before-" + i + ".txt"), "Small note " + i + " before. " + SENTENCE);
    }
    Files.move(line, folder.resolve("one-line.txt"));
    Files.move(twenty, folder.resolve("twenty-million.txt"));
    for (int i = 0; i < 10; i++) {
      Files.writeString(folder.resolve("small-after-" + i + ".txt"), "Small note " + i + " after. " + SENTENCE);
    }
    long dropped = System.nanoTime();

    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      Await.until("the twenty small documents indexed", Duration.ofSeconds(60),
          () -> os.countOrZero("{\"bool\":{\"filter\":[{\"term\":{\"source.collection\":\"bigmix\"}},"
              + "{\"prefix\":{\"source.file_name\":\"small-\"}}]}}"), n -> n == 20);
      double smallSeconds = (System.nanoTime() - dropped) / 1e9;
      Await.until("both big documents indexed", Duration.ofSeconds(240),
          () -> os.countOrZero("{\"bool\":{\"filter\":[{\"term\":{\"source.collection\":\"bigmix\"}},"
              + "{\"term\":{\"partial_analysis\":true}}]}}"), n -> n == 2);
      double bigSeconds = (System.nanoTime() - dropped) / 1e9;
      JsonNode hits = os.search("{\"size\":2,\"_source\":[\"source.file_name\",\"analyzed_chars\",\"entities.person\"],"
          + "\"query\":{\"term\":{\"partial_analysis\":true}}}").path("hits").path("hits");
      for (JsonNode hit : hits) {
        assertThat(hit.path("_source").path("analyzed_chars").asInt()).isBetween(250_000, 500_000);
      }
      System.out.printf("BigDocumentsIT: 20 small documents indexed %.1f s after the drop, both big ones %.1f s%n",
          smallSeconds, bigSeconds);
    }
  }
}
