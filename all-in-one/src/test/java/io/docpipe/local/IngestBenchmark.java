package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.OwnBroker;
import io.docpipe.ingest.IngestConfig;
import io.docpipe.ingest.IngestService;
import io.docpipe.ingest.TestFiles;
import io.docpipe.runtime.Settings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ingest throughput beside Kafka's own producer benchmark on the same broker: 1,000 small text files and
 * 20 multi-page PDFs through the ingest service (detect, hash, extract, serialize with the registry,
 * transactional publish with the ledger, move), then {@code ProducerPerformance} with the same number of
 * records of the same average size, once per round. Run with {@code bench/ingest.sh}.
 */
public final class IngestBenchmark {
  private static final Pattern PERF = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)");

  private IngestBenchmark() {}

  public record Result(String what, int files, double seconds, long fileBytes, long recordBytes) {
    double filesPerSecond() {
      return files / seconds;
    }

    double megabytesPerSecond() {
      return fileBytes / seconds / 1024 / 1024;
    }

    int averageRecordBytes() {
      return (int) (recordBytes / files);
    }
  }

  public record Perf(double recordsPerSecond, double megabytesPerSecond) {}

  public static void main(String[] args) throws Exception {
    int textFiles = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int pdfs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path work = Files.createTempDirectory("docpipe-bench-");
    EmbeddedKafkaBroker broker = OwnBroker.start(work.resolve("kafka"));
    ChildJvm registry = new ChildJvm("registry", Files.createDirectories(work.resolve("run")));
    IngestService ingest = null;
    try {
      int registryPort = freePort();
      registry.start(List.of("-Xmx256m", "-Dquarkus.http.port=" + registryPort,
          "-Dquarkus.http.host=127.0.0.1"), List.of("-jar", Artifacts.registryRunnerJar().toString()));
      String registryUrl = "http://localhost:" + registryPort + "/apis/ccompat/v7";
      registry.awaitHttp(URI.create(registryUrl + "/subjects"), Duration.ofSeconds(120));

      // The sets are written before the service starts: dropped later by one folder rename each, like a bulk
      // move of existing files, they have been quiet for longer than the quiet period.
      Path staging = Files.createDirectories(work.resolve("staging"));
      List<Path> warmUp = texts(staging.resolve("warm-up"), 100);
      List<List<Path>> textSets = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        textSets.add(texts(staging.resolve("text-" + round), textFiles));
      }
      List<Path> pdfSet = pdfs > 0 ? pdfs(staging.resolve("pdf"), pdfs) : List.of();

      Path inbox = Files.createDirectories(work.resolve("inbox"));
      Map<String, String> settings = new HashMap<>(Map.of(
          "kafka.bootstrap.servers", broker.bootstrapServers(), "registry.url", registryUrl,
          "ingest.inbox.dir", inbox.toString(), "ingest.ops.port", "0"));
      // Settings to try: -Dbench.ingest.workers=3, -Dbench.kafka.batch.size=..., and so on.
      System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench."))
          .forEach(k -> settings.put(k.substring("bench.".length()), System.getProperty(k)));
      ingest = new IngestService(IngestConfig.from(Settings.of(settings)));
      ingest.start();
      awaitReady(ingest);

      run(ingest, inbox, work, "warm-up", warmUp, broker);
      List<Result> results = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        results.add(run(ingest, inbox, work, "text-" + round, textSets.get(round - 1), broker));
      }
      if (pdfs > 0) {
        results.add(run(ingest, inbox, work, "pdf", pdfSet, broker));
      }
      ingest.close();
      ingest = null;

      try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers",
          broker.bootstrapServers()))) {
        // Same partitions and limits as the raw topic (the broker does not auto-create topics).
        admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("bench-producer-perf", 3, (short) 1)
            .configs(Map.of("max.message.bytes", Integer.toString(100 * 1024 * 1024))))).all().get();
      }
      System.out.println();
      System.out.println("| files | ingest files/s | ingest MB/s (files) | avg record bytes | producer-perf records/s "
          + "| producer-perf (transactional) records/s | ratio ingest / producer-perf | ratio / transactional |");
      System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
      List<Double> textRatios = new ArrayList<>();
      for (Result r : results) {
        Perf plain = perf(broker, r.files(), r.averageRecordBytes(), false);
        Perf transactional = perf(broker, r.files(), r.averageRecordBytes(), true);
        System.out.printf(Locale.ROOT, "| %d %s | %.1f | %.2f | %d | %.1f | %.1f | %.3f | %.3f |%n", r.files(), r.what(),
            r.filesPerSecond(), r.megabytesPerSecond(), r.averageRecordBytes(), plain.recordsPerSecond(),
            transactional.recordsPerSecond(), r.filesPerSecond() / plain.recordsPerSecond(),
            r.filesPerSecond() / transactional.recordsPerSecond());
        if (r.what().startsWith("text")) {
          textRatios.add(r.filesPerSecond() / plain.recordsPerSecond());
        }
      }
      System.out.println();
      System.out.println(BenchRatios.summary("text files, ratio to producer-perf", textRatios));
    } finally {
      if (ingest != null) {
        ingest.close();
      }
      registry.close();
      broker.close();
    }
  }

  private static Result run(IngestService ingest, Path inbox, Path work, String name, List<Path> files,
      EmbeddedKafkaBroker broker) throws Exception {
    long fileBytes = 0;
    for (Path file : files) {
      fileBytes += Files.size(file);
    }
    Path target = inbox.resolve(name);
    long start = System.nanoTime();
    Files.move(files.get(0).getParent(), target); // the whole set in one rename
    // Files leave the inbox folder only once settled; listing it is cheap enough to poll without taking
    // CPU from the service being measured.
    while (entries(target) > 0) {
      Thread.sleep(50);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long processed = count(work.resolve("processed").resolve(name));
    if (processed != files.size()) {
      throw new IllegalStateException((files.size() - processed) + " benchmark files failed; see "
          + work.resolve("failed"));
    }
    long recordBytes = recordBytes(broker, name + "/");
    return new Result(name, files.size(), seconds, fileBytes, recordBytes);
  }

  /** Total value bytes of the raw records of one benchmark set (by source path prefix in the record). */
  private static long recordBytes(EmbeddedKafkaBroker broker, String prefix) {
    long total = 0;
    for (var records : RawTopic.raw(broker.bootstrapServers()).values()) {
      for (var record : records) {
        if (record.value() != null && new String(record.value(), StandardCharsets.ISO_8859_1).contains(prefix)) {
          total += record.value().length;
        }
      }
    }
    return total;
  }

  private static Perf perf(EmbeddedKafkaBroker broker, int records, int recordSize, boolean transactional)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
        "--topic", "bench-producer-perf", "--num-records", Integer.toString(records), "--record-size",
        Integer.toString(recordSize), "--throughput", "-1", "--producer-props",
        "bootstrap.servers=" + broker.bootstrapServers(), "acks=all", "compression.type=zstd",
        "max.request.size=" + (100 * 1024 * 1024)));
    if (transactional) {
      command.addAll(List.of("--transactional-id", "bench-perf", "--transaction-duration-ms", "50"));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    Matcher last = null;
    Matcher m = PERF.matcher(output);
    while (m.find()) {
      last = PERF.matcher(m.group());
      last.find();
    }
    if (last == null) {
      throw new IllegalStateException("ProducerPerformance printed no result:\n" + output);
    }
    return new Perf(Double.parseDouble(last.group(2)), Double.parseDouble(last.group(3)));
  }

  private static List<Path> texts(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    String base = "Pakistan and the United States were allies of necessity after 9/11. President Pervez "
        + "Musharraf met envoys in Islamabad on October 7, 2001, as the Taliban refused to hand over Osama bin "
        + "Laden. ";
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      files.add(Files.writeString(dir.resolve("note-" + i + ".txt"), "Note " + i + "\n\n" + base.repeat(10)));
    }
    return files;
  }

  private static List<Path> pdfs(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    String line = "Pakistan and the United States were allies of necessity after the attacks of 2001.";
    String[] lines = new String[40];
    java.util.Arrays.fill(lines, line);
    for (int i = 0; i < n; i++) {
      files.add(TestFiles.pdf(dir.resolve("report-" + i + ".pdf"), "Report " + i, "Bench", 20, lines));
    }
    return files;
  }

  private static void awaitReady(IngestService ingest) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!ingest.isReady() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static long count(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  /** Entries of a flat folder, without reading their attributes (files come and go meanwhile). */
  private static long entries(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
