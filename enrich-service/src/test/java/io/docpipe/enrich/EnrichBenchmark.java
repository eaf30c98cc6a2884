package io.docpipe.enrich;

import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of the whole enrichment on one thread (so per core): paragraphs, signatures, repeats within
 * and across documents (in-memory index), entities, dates and the enriched record, over the five samples.
 * Run with {@code bench/enrich.sh [seconds]}; a warm-up of the same length comes first.
 */
public final class EnrichBenchmark {
  private static final String[] SAMPLES = {"000_7a85573243417cb3.txt", "001_d1b8266712f60fd5.txt",
      "002_b5d91702df57ba9e.txt", "003_adaa45728fb4c7fa.txt", "004_ad93c0ebc40b9a3e.txt"};

  private EnrichBenchmark() {}

  public static void main(String[] args) throws IOException {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    List<RawDocument> documents = new ArrayList<>();
    long charsPerRound = 0;
    for (String name : SAMPLES) {
      String text;
      try (InputStream in = EnrichBenchmark.class.getResourceAsStream("/samples/" + name)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      charsPerRound += text.length();
      documents.add(document(name, text));
    }
    LocalEnrichment enrichment = new LocalEnrichment(0.55, Clock.systemUTC());
    run(enrichment, documents, charsPerRound, seconds, "warm-up");
    run(enrichment, documents, charsPerRound, seconds, "measured");
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
