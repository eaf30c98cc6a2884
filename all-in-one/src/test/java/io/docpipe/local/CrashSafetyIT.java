package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.IngestProcess;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.ingest.extract.DocumentIds;
import io.docpipe.ingest.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of a real, separate ingest process (by PID) during a burst and in the middle of a 50 MB file:
 * after a restart, every file is published exactly once as downstream consumers see it (read_committed),
 * and nothing is left half-processed.
 */
class CrashSafetyIT {
  @TempDir
  Path work;

  @Test
  void killedDuringABurstEveryFileIsPublishedExactlyOnce() throws Exception {
    LocalStack stack = SharedStack.get();
    int files = 300;
    IngestProcess ingest = new IngestProcess(stack, work, "crash-burst", Map.of("DOCPIPE_INGEST_BATCH_MAX_FILES", "20"));
    Path folder = Files.createDirectories(ingest.inbox().resolve("burst"));
    for (int i = 0; i < files; i++) {
      Files.writeString(folder.resolve(String.format("note-%03d.txt", i)),
          "Burst note number " + i + " about Pakistan and the Taliban in 2001.\n");
    }
    ingest.start();
    Await.until("the first files published", Duration.ofSeconds(90), () -> count(ingest.processed().resolve("burst")),
        n -> n >= 1);
    ingest.kill();
    long leftAtKill = count(folder);
    assertThat(leftAtKill).as("files still in the inbox when killed").isPositive();

    try (IngestProcess restarted = new IngestProcess(stack, work, "crash-burst", Map.of())) {
      restarted.start();
      Await.until("every file settled after the restart", Duration.ofSeconds(120), () -> count(folder), n -> n == 0);
      assertThat(count(restarted.processed().resolve("burst"))).isEqualTo(files);
      assertThat(restarted.failed()).satisfiesAnyOf(f -> assertThat(f).doesNotExist(),
          f -> assertThat(count(f)).isZero());
    }
    var raw = RawTopic.raw(stack.bootstrapServers());
    for (int i = 0; i < files; i++) {
      String id = DocumentIds.forRelativePath(String.format("burst/note-%03d.txt", i));
      assertThat(raw.get(id)).as("committed raw records of note %d", i).hasSize(1);
    }
  }

  @Test
  void killedMidWayThroughA50MegabyteFileItIsPublishedExactlyOnce() throws Exception {
    LocalStack stack = SharedStack.get();
    IngestProcess ingest = new IngestProcess(stack, work, "crash-big", Map.of());
    Path folder = Files.createDirectories(ingest.inbox().resolve("big"));
    Path big = bigPdf(folder.resolve("scan.pdf"), 50);
    assertThat(Files.size(big)).isGreaterThan(50L * 1024 * 1024);
    for (int i = 0; i < 5; i++) {
      Files.writeString(folder.resolve("small-" + i + ".txt"), "Small file " + i + " beside the big one.\n");
    }
    ingest.start();
    Await.until("the ingest process taking the 50 MB file", Duration.ofSeconds(90),
        () -> read(ingest.log()), log -> log.contains("taking big/scan.pdf"));
    ingest.kill();
    assertThat(big).as("the big file was still being processed when killed").exists();

    try (IngestProcess restarted = new IngestProcess(stack, work, "crash-big", Map.of())) {
      restarted.start();
      Await.until("every file settled after the restart", Duration.ofSeconds(120), () -> count(folder), n -> n == 0);
      assertThat(restarted.processed().resolve("big").resolve("scan.pdf")).exists();
    }
    var raw = RawTopic.raw(stack.bootstrapServers());
    List<ConsumerRecord<String, byte[]>> records = raw.get(DocumentIds.forRelativePath("big/scan.pdf"));
    assertThat(records).hasSize(1);
    for (int i = 0; i < 5; i++) {
      assertThat(raw.get(DocumentIds.forRelativePath("big/small-" + i + ".txt"))).hasSize(1);
    }
  }

  @Test
  void aVersionAlreadyCommittedIsNotPublishedAgainButAChangedFileIsANewVersion() throws Exception {
    LocalStack stack = SharedStack.get();
    try (IngestProcess ingest = new IngestProcess(stack, work, "crash-ledger", Map.of())) {
      Path folder = Files.createDirectories(ingest.inbox().resolve("ledger"));
      ingest.start();
      Files.writeString(folder.resolve("memo.txt"), "First version of the memo.\n");
      Path processed = ingest.processed().resolve("ledger").resolve("memo.txt");
      Await.until("the memo published", Duration.ofSeconds(90), () -> Files.exists(processed), ok -> ok);

      // What a crash between commit and move leaves behind: the committed version back in the inbox.
      Files.copy(processed, folder.resolve("memo.txt"));
      Await.until("the known version moved without publishing", Duration.ofSeconds(60), () -> count(folder),
          n -> n == 0);
      String id = DocumentIds.forRelativePath("ledger/memo.txt");
      assertThat(RawTopic.raw(stack.bootstrapServers()).get(id)).hasSize(1);

      Files.writeString(folder.resolve("memo.txt"), "Second version of the memo.\n");
      Await.until("the changed memo published", Duration.ofSeconds(60), () -> count(folder), n -> n == 0);
      assertThat(RawTopic.raw(stack.bootstrapServers()).get(id)).as("a new version of the same document")
          .hasSize(2);
    }
  }

  /** A scanned-document-like PDF: a little text and a large incompressible stream. */
  static Path bigPdf(Path file, int megabytes) throws Exception {
    Path small = TestFiles.pdf(Files.createTempFile("base", ".pdf"), "Scan", "Scanner", 1,
        "Scanned report on Pakistan, October 7, 2001.");
    byte[] noise = new byte[megabytes * 1024 * 1024 + 4096];
    new Random(7).nextBytes(noise);
    try (var document = org.apache.pdfbox.Loader.loadPDF(small.toFile())) {
      var stream = new org.apache.pdfbox.pdmodel.common.PDStream(document,
          new java.io.ByteArrayInputStream(noise));
      document.getDocumentCatalog().getCOSObject().setItem("DocpipeTestPayload", stream.getCOSObject());
      document.save(file.toFile());
    }
    Files.delete(small);
    return file;
  }

  /** Regular files anywhere below the folder (0 while it does not exist). */
  static long count(Path folder) {
    if (!Files.exists(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
