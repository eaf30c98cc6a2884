package io.docpipe.enrich;

import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Throughput of the whole enrichment on one thread (so per core): paragraphs, signatures, repeats within
 * and across documents (in-memory index), entities, dates and the enriched record, over the five samples.
 * Run with {@code bench/enrich.sh [seconds]}; a warm-up of the same length comes first. Then the hostile
 * documents, one at a time, with their times. {@code EnrichBenchmark SECONDS FOLDER} measures a folder of .txt
 * files instead (bench/pipeline.sh's corpus), without the hostile documents.
 */
public final class EnrichBenchmark {
  private static final String[] SAMPLES = {"000_7a85573243417cb3.txt", "001_d1b8266712f60fd5.txt",
      "002_b5d91702df57ba9e.txt", "003_adaa45728fb4c7fa.txt", "004_ad93c0ebc40b9a3e.txt"};

  private EnrichBenchmark() {}

  public static void main(String[] args) throws IOException {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    List<RawDocument> documents = new ArrayList<>();
    long charsPerRound = 0;
    if (args.length > 1) { // a folder of .txt files instead of the samples (bench/pipeline.sh), no hostile inputs
      try (Stream<Path> files = Files.list(Path.of(args[1]))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
          String text = Files.readString(file);
          charsPerRound += text.length();
          documents.add(document(file.getFileName().toString(), text));
        }
      }
    } else {
      for (String name : SAMPLES) {
        String text;
        try (InputStream in = EnrichBenchmark.class.getResourceAsStream("/samples/" + name)) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        charsPerRound += text.length();
        documents.add(document(name, text));
      }
    }
    LocalEnrichment enrichment = new LocalEnrichment(0.55, Clock.systemUTC());
    run(enrichment, documents, charsPerRound, seconds, "warm-up");
    run(enrichment, documents, charsPerRound, seconds, "measured");
    if (args.length < 2) {
      hostile(enrichment);
    }
  }

  /**
   * One document at a time, as the enrich service takes them: the inputs that once wedged it. Each is
   * enriched whole (paragraphs, fingerprints, exact repeats) and analyzed up to the default budget.
   */
  private static void hostile(LocalEnrichment enrichment) {
    String names = "President Pervez Musharraf met Hamid Karzai of Afghanistan and the Taliban in Kabul on "
        + "October 7, 2001. ";
    StringBuilder twenty = new StringBuilder(20_000_100);
    while (twenty.length() < 20_000_000) {
      twenty.append(names);
    }
    twenty.setLength(20_000_000);
    String[][] cases = {
        {"5 MB on one line ending in a newline ('word ' x 1,000,000)", "word ".repeat(1_000_000) + "\n"},
        {"5 MB of name-dense text on one line", names.repeat(5_000_000 / names.length()) + "\n"},
        {"80,000 digits", "7".repeat(80_000)},
        {"20 M characters of name-dense text", twenty.toString()}};
    twenty = null;
    for (String[] c : cases) {
      long start = System.nanoTime();
      var doc = enrichment.enrich(document("hostile", c[1]), null);
      double elapsed = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "hostile: %s: %.2f s (%,d chars, analyzed %,d, %d entities, %d dates)%n", c[0],
          elapsed, c[1].length(), doc.getPartialAnalysis() == null ? c[1].length()
              : doc.getPartialAnalysis().getAnalyzedChars(), doc.getEntities().size(), doc.getDates().size());
    }
  }

  private static void run(LocalEnrichment enrichment, List<RawDocument> documents, long charsPerRound,
      double seconds, String what) {
    long rounds = 0;
    long sink = 0;
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    while (System.nanoTime() < deadline) {
      for (RawDocument document : documents) {
        sink += enrichment.enrich(document, null).getParagraphs().size();
      }
      rounds++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%s: %d rounds of %d documents (%,d chars) in %.1f s: %,.0f chars/s on one "
        + "thread, %.1f documents/s (%d paragraphs)%n", what, rounds, documents.size(), charsPerRound, elapsed,
        rounds * charsPerRound / elapsed, rounds * documents.size() / elapsed, sink);
  }

  private static RawDocument document(String name, String text) {
    Instant now = Instant.parse("2025-03-15T00:00:00Z");
    Source source = Source.newBuilder().setPath(name).setFileName(name).setSizeBytes(text.length())
        .setSha256("0".repeat(64)).setContentType("text/plain").setModifiedTime(now).build();
    return RawDocument.newBuilder().setDocumentId(name).setVersion("v1").setSource(source).setText(text)
        .setIngestTime(now).build();
  }
}
