package io.docpipe.local;

import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.IngestProcess;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docpipe.ingest.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real documents of every supported kind, and hostile files, dropped together into the watched folder of
 * the real stack: every good file is indexed and every bad one fails with its reason, none blocking another.
 */
class HostileFilesIT {
  private static final String SENTENCE = "President Pervez Musharraf met the Taliban envoy on October 7, 2001.";
  private static LocalStack stack;
  private static Path inbox;
  private static Path outside;

  @BeforeAll
  static void dropEverything() throws Exception {
    stack = SharedStack.get();
    inbox = Files.createDirectories(stack.config().inbox().resolve("mixed"));
    outside = Files.createTempDirectory("outside-inbox");
    // Good files, one of each kind.
    TestFiles.pdf(inbox.resolve("report.pdf"), "A PDF report", "Writer", 3, SENTENCE);
    TestFiles.docx(inbox.resolve("memo.docx"), "A memo", "Author", SENTENCE);
    TestFiles.odt(inbox.resolve("letter.odt"), SENTENCE);
    Files.writeString(inbox.resolve("note.rtf"), "{\\rtf1\\ansi\\f0 " + SENTENCE + "\\par}");
    Files.writeString(inbox.resolve("page.html"), "<html><head><title>Page</title></head><body>" + SENTENCE
        + "</body></html>");
    Files.writeString(inbox.resolve("mail.eml"), "From: a@example.org\r\nSubject: Mail\r\nDate: Mon, 7 Oct 2024 "
        + "10:00:00 +0000\r\nContent-Type: text/plain\r\n\r\n" + SENTENCE + "\r\n");
    Files.writeString(inbox.resolve("table.csv"), "who,where\nMusharraf,Pakistan\n");
    Files.writeString(inbox.resolve("readme.md"), "# Readme\n\n" + SENTENCE + "\n");
    Files.write(inbox.resolve("legacy.txt"), ("Caf\u00e9 society. " + SENTENCE).getBytes("windows-1252"));
    Files.writeString(inbox.resolve("single-line.txt"), "word ".repeat(1_000_000));
    Files.writeString(inbox.resolve("name with spaces & ünïcödé ✓.txt"), SENTENCE);
    Files.writeString(inbox.resolve("long-" + "x".repeat(200) + ".txt"), SENTENCE);
    // Hostile files.
    byte[] random = new byte[8192];
    new Random(1).nextBytes(random);
    Files.write(inbox.resolve("binary.txt"), random);
    Files.write(inbox.resolve("corrupt-utf8.txt"), TestFiles.concat(TestFiles.utf8("naïve "),
        new byte[] {(byte) 0xC3, (byte) 0x28}));
    // Deflating 300 MB takes a while: build the bombs beside the inbox and move them in whole, as a copy
    // tool would (a half-written zip would fail as incomplete, not as a bomb).
    Files.move(TestFiles.zipBomb(outside.resolve("bomb.zip"), 300), inbox.resolve("bomb.zip"));
    Files.move(TestFiles.docxBomb(outside.resolve("bomb.docx"), 300), inbox.resolve("bomb.docx"));
    Files.writeString(outside.resolve("secret.txt"), "outside the inbox");
    Files.createSymbolicLink(inbox.resolve("link-out.txt"), outside.resolve("secret.txt"));
    Process mkfifo = new ProcessBuilder("mkfifo", inbox.resolve("pipe.txt").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
  }

  private static String errorOf(String name) throws Exception {
    Path note = stack.config().dataDir().resolve("failed").resolve("mixed").resolve(name + ".error.txt");
    Await.until(name + " failed with a reason", Duration.ofSeconds(120), () -> Files.exists(note), ok -> ok);
    return Files.readString(note, StandardCharsets.UTF_8);
  }

  @Test
  void everyGoodFileIsIndexedWithItsContentType() throws Exception {
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      Await.until("the twelve good files indexed", Duration.ofSeconds(120),
          () -> os.countOrZero("{\"term\":{\"source.collection\":\"mixed\"}}"), n -> n == 12);
      for (var expected : Map.of("report.pdf", "application/pdf", "letter.odt",
          "application/vnd.oasis.opendocument.text", "page.html", "text/html", "mail.eml", "message/rfc822",
          "legacy.txt", "text/plain; charset=windows-1252", "table.csv", "text/csv; charset=UTF-8").entrySet()) {
        assertThat(os.count("{\"bool\":{\"filter\":[{\"term\":{\"source.file_name\":\"" + expected.getKey()
            + "\"}},{\"term\":{\"source.content_type\":\"" + expected.getValue() + "\"}}]}}"))
            .as(expected.getKey()).isEqualTo(1);
      }
      assertThat(os.count("{\"bool\":{\"filter\":[{\"term\":{\"source.collection\":\"mixed\"}},"
          + "{\"term\":{\"entities.person\":\"Pervez Musharraf\"}}]}}")).isGreaterThanOrEqualTo(6);
      assertThat(os.count("{\"term\":{\"source.file_name\":\"name with spaces & ünïcödé ✓.txt\"}}")).isEqualTo(1);
    }
  }

  @Test
  void everyBadFileFailsWithItsReasonAndStaysOutOfTheInbox() throws Exception {
    assertThat(errorOf("binary.txt")).contains("unrecognized binary content");
    assertThat(errorOf("corrupt-utf8.txt")).contains("not valid UTF-8");
    assertThat(errorOf("bomb.zip")).contains("decompression bomb");
    assertThat(errorOf("bomb.docx")).contains("decompression bomb");
    assertThat(errorOf("link-out.txt")).contains("outside the inbox");
    assertThat(errorOf("pipe.txt")).contains("not a regular file");
    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("outside the inbox");
  }

  /**
   * In a service process of its own: root reads every file, so when the tests run as root (CI does) that
   * process runs without root's file-access capabilities, as a service account would.
   */
  @Test
  void anUnreadableFileFailsWithItsReasonAndOthersFlow(@TempDir Path work) throws Exception {
    try (IngestProcess ingest = new IngestProcess(stack, work, "hostile-unreadable", Map.of())) {
      assumeTrue(ingest.asNonPrivilegedWhenRoot(), "running as root without setpriv: root reads every file");
      ingest.start();
      Await.until("the service ready", Duration.ofSeconds(60), ingest::readiness, status -> status == 200);
      Path folder = Files.createDirectories(ingest.inbox().resolve("locked"));
      Path staged = Files.writeString(work.resolve("locked.txt"), SENTENCE);
      Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("---------"));
      Files.move(staged, folder.resolve("locked.txt"));
      Files.writeString(folder.resolve("open.txt"), SENTENCE);
      Path note = ingest.failed().resolve("locked").resolve("locked.txt.error.txt");
      Await.until("the locked file failed with a reason", Duration.ofSeconds(60), () -> Files.exists(note), ok -> ok);
      assertThat(Files.readString(note)).contains("locked/locked.txt", "permission denied");
      assertThat(ingest.failed().resolve("locked").resolve("locked.txt")).exists();
      Await.until("the readable file published", Duration.ofSeconds(60),
          () -> Files.exists(ingest.processed().resolve("locked").resolve("open.txt")), ok -> ok);
    }
  }
}
