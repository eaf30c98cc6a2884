package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.IngestProcess;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.ingest.extract.DocumentIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keep-in-place mode with its ledger and deletion tombstones, done markers, and editor-style saves. */
class IngestModesIT {
  @TempDir
  Path work;

  @Test
  void keepInPlacePublishesOnceTracksChangesAndTombstonesDeletedFiles() throws Exception {
    LocalStack stack = SharedStack.get();
    try (IngestProcess ingest = new IngestProcess(stack, work, "modes-keep", Map.of(
        "DOCPIPE_INGEST_MODE", "keep", "DOCPIPE_INGEST_DELETE_TOMBSTONES", "true",
        "DOCPIPE_INGEST_EMPTY_FILE_TIMEOUT", "2s"))) {
      Path folder = Files.createDirectories(ingest.inbox().resolve("kept"));
      Path file = Files.writeString(folder.resolve("policy.txt"), "Version one of the policy.\n");
      Files.writeString(folder.resolve("bad.txt"), ""); // stays empty: fails, stays in place, reason noted
      ingest.start();
      String id = DocumentIds.forRelativePath("kept/policy.txt");
      Await.until("version one published", Duration.ofSeconds(90),
          () -> RawTopic.raw(stack.bootstrapServers()).getOrDefault(id, java.util.List.of()).size(), n -> n == 1);
      assertThat(file).exists();

      // Several rescans later, still one record: the ledger knows the version.
      Await.until("a few rescans", Duration.ofSeconds(30), () -> scans(ingest), n -> n >= 3);
      assertThat(RawTopic.raw(stack.bootstrapServers()).get(id)).hasSize(1);

      Files.writeString(file, "Version two of the policy, longer.\n");
      Await.until("version two published", Duration.ofSeconds(60),
          () -> RawTopic.raw(stack.bootstrapServers()).get(id).size(), n -> n == 2);

      Files.delete(file);
      Await.until("a tombstone for the deleted file", Duration.ofSeconds(60),
          () -> RawTopic.raw(stack.bootstrapServers()).get(id), records -> records.size() == 3
              && records.get(2).value() == null);
      Await.until("the empty file's reason", Duration.ofSeconds(30),
          () -> Files.exists(ingest.failed().resolve("kept").resolve("bad.txt.error.txt")), ok -> ok);
      assertThat(folder.resolve("bad.txt")).exists();
    }
  }

  @Test
  void doneMarkerModeWaitsForTheMarkerAndRemovesIt() throws Exception {
    LocalStack stack = SharedStack.get();
    try (IngestProcess ingest = new IngestProcess(stack, work, "modes-marker", Map.of(
        "DOCPIPE_INGEST_DONE_MARKER", ".done"))) {
      Path folder = Files.createDirectories(ingest.inbox().resolve("marked"));
      Path file = Files.writeString(folder.resolve("upload.txt"), "An upload that is complete only with its marker.\n");
      ingest.start();
      Await.until("a few rescans", Duration.ofSeconds(60), () -> scans(ingest), n -> n >= 3);
      assertThat(file).as("not taken without its marker").exists();

      Files.createFile(folder.resolve("upload.txt.done"));
      Await.until("the marked file published", Duration.ofSeconds(60), () -> Files.exists(file), exists -> !exists);
      assertThat(ingest.processed().resolve("marked").resolve("upload.txt")).exists();
      assertThat(folder.resolve("upload.txt.done")).doesNotExist();
    }
  }

  @Test
  void editorSavesAndSlowCopiesArePublishedOnceWhenComplete() throws Exception {
    LocalStack stack = SharedStack.get();
    try (IngestProcess ingest = new IngestProcess(stack, work, "modes-editor", Map.of(
        "DOCPIPE_INGEST_QUIET_PERIOD", "3s"))) {
      Path folder = Files.createDirectories(ingest.inbox().resolve("edits"));
      ingest.start();
      Await.until("the service ready", Duration.ofSeconds(60), ingest::readiness, status -> status == 200);
      // Editor save: write a temp file, then rename it over the target.
      Path temp = Files.writeString(folder.resolve(".draft.txt.swp"), "Saved by an editor.\n");
      Files.move(temp, folder.resolve("draft.txt"));
      // Slow copy: zero bytes first, then growing in steps shorter than the quiet period.
      Path slow = Files.createFile(folder.resolve("slow.txt"));
      for (int i = 0; i < 5; i++) {
        Files.writeString(slow, "chunk " + i + " of a slow copy\n", java.nio.file.StandardOpenOption.APPEND);
        long until = System.nanoTime() + 300_000_000L;
        Await.until("the next chunk's moment", Duration.ofSeconds(5), System::nanoTime, now -> now >= until);
      }
      // A copy that keeps an old modified time while it writes (a share's "sticky" write time): the old time
      // alone must not make it look complete; the look before taking it sees it change.
      Path staged = Files.writeString(work.resolve("sticky.txt"), "chunk 0 of a copy keeping an old time\n");
      FileTime anHourAgo = FileTime.from(Instant.now().minusSeconds(3600));
      Files.setLastModifiedTime(staged, anHourAgo);
      Path sticky = Files.move(staged, folder.resolve("sticky.txt"));
      for (int i = 1; i < 40; i++) {
        Files.writeString(sticky, "chunk " + i + " of a copy keeping an old time\n",
            java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(sticky, anHourAgo);
        long until = System.nanoTime() + 20_000_000L;
        Await.until("the next chunk's moment", Duration.ofSeconds(5), System::nanoTime, now -> now >= until);
      }
      Await.until("all files published", Duration.ofSeconds(60), () -> Files.exists(slow)
          || Files.exists(folder.resolve("draft.txt")) || Files.exists(sticky), pending -> !pending);
      var raw = RawTopic.raw(stack.bootstrapServers());
      assertThat(raw.get(DocumentIds.forRelativePath("edits/draft.txt"))).hasSize(1);
      assertThat(raw.get(DocumentIds.forRelativePath("edits/slow.txt"))).hasSize(1);
      assertThat(raw).doesNotContainKey(DocumentIds.forRelativePath("edits/.draft.txt.swp"));
      String slowText = Files.readString(ingest.processed().resolve("edits").resolve("slow.txt"));
      assertThat(slowText).contains("chunk 4");
      assertThat(raw.get(DocumentIds.forRelativePath("edits/sticky.txt"))).hasSize(1);
      assertThat(Files.readString(ingest.processed().resolve("edits").resolve("sticky.txt")))
          .contains("chunk 39");
    }
  }

  private static int scans(IngestProcess ingest) {
    try {
      String log = Files.readString(ingest.log());
      return log.split("rescan complete", -1).length - 1;
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
