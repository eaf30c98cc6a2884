package io.docpipe.ingest.extract;

import io.docpipe.ingest.TestFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction of real, generated documents of every supported kind, and of hostile ones. */
class DocumentExtractorTest {
  private static final String SENTENCE = "President Pervez Musharraf met the Taliban envoy in Islamabad "
      + "on October 7, 2001, and the talks went on for hours.";
  private static LanguageGuesser languages;
  private static DocumentExtractor extractor;
  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() {
    languages = new LanguageGuesser();
    extractor = new DocumentExtractor(new ExtractionLimits(50L * 1024 * 1024, 6_000_000, Duration.ofSeconds(30)),
        languages);
  }

  @AfterAll
  static void tearDown() {
    extractor.close();
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void pdfWithMetadata() throws Exception {
    Path pdf = TestFiles.pdf(dir.resolve("report.pdf"), "Diplomatic Gamble", "A. Writer", 2, SENTENCE);
    ExtractedText text = extractor.extract(pdf);
    assertThat(text.contentType()).isEqualTo("application/pdf");
    assertThat(text.text()).contains("Pervez Musharraf").contains("Page 2");
    assertThat(text.title()).isEqualTo("Diplomatic Gamble");
    assertThat(text.author()).isEqualTo("A. Writer");
    assertThat(text.created()).isEqualTo(Instant.parse("2024-10-07T09:30:00Z"));
    assertThat(text.documentDate()).isEqualTo("2024-10-07");
    assertThat(text.language()).isEqualTo("eng");
  }

  @Test
  void docxWithMetadata() throws Exception {
    Path docx = TestFiles.docx(dir.resolve("memo.docx"), "The Memo", "B. Author", "First paragraph.", SENTENCE);
    ExtractedText text = extractor.extract(docx);
    assertThat(text.contentType())
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(text.text()).contains("First paragraph.").contains("Musharraf");
    assertThat(text.title()).isEqualTo("The Memo");
    assertThat(text.author()).isEqualTo("B. Author");
  }

  @Test
  void odtRtfHtmlEmlAndCsv() throws Exception {
    assertThat(extractor.extract(TestFiles.odt(dir.resolve("a.odt"), SENTENCE)).text()).contains("Musharraf");
    assertThat(extractor.extract(write("a.rtf", "{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0 "
        + SENTENCE + "\\par}")).text()).contains("Musharraf");
    ExtractedText html = extractor.extract(write("a.html", "<html><head><title>Web Page</title></head><body><p>"
        + SENTENCE + "</p><script>var x = 1;</script></body></html>"));
    assertThat(html.title()).isEqualTo("Web Page");
    assertThat(html.text()).contains("Musharraf").doesNotContain("var x");
    ExtractedText eml = extractor.extract(write("a.eml", "From: alice@example.org\r\nTo: bob@example.org\r\n"
        + "Subject: Talks\r\nDate: Mon, 7 Oct 2024 10:00:00 +0000\r\nContent-Type: text/plain\r\n\r\n" + SENTENCE
        + "\r\n"));
    assertThat(eml.text()).contains("Musharraf");
    assertThat(eml.title()).isEqualTo("Talks");
    assertThat(eml.documentDate()).isEqualTo("2024-10-07");
    ExtractedText csv = extractor.extract(write("a.csv", "name,country\nMusharraf,Pakistan\n"));
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.text()).isEqualTo("name,country\nMusharraf,Pakistan\n");
  }

  @Test
  void textAndMarkdownKeepTheirExactText() throws Exception {
    ExtractedText md = extractor.extract(write("notes.md", "intro\n# Heading\n\n" + SENTENCE + "\n"));
    assertThat(md.contentType()).isEqualTo("text/markdown; charset=UTF-8");
    assertThat(md.title()).isEqualTo("Heading");
    assertThat(md.text()).isEqualTo("intro\n# Heading\n\n" + SENTENCE + "\n");
    ExtractedText legacy = extractor.extract(Files.write(dir.resolve("old.txt"),
        ("Caf\u00e9 " + SENTENCE).getBytes(TextDecoder.WINDOWS_1252)));
    assertThat(legacy.contentType()).isEqualTo("text/plain; charset=windows-1252");
    assertThat(legacy.text()).startsWith("Café");
  }

  @Test
  void theTypeComesFromTheBytesNotTheName() throws Exception {
    Path pdfNamedTxt = TestFiles.pdf(dir.resolve("actually-a-pdf.txt"), "T", "A", 1, SENTENCE);
    assertThat(extractor.extract(pdfNamedTxt).contentType()).isEqualTo("application/pdf");
    byte[] random = new byte[4096];
    new Random(42).nextBytes(random);
    Path binary = Files.write(dir.resolve("binary.txt"), random);
    assertThatThrownBy(() -> extractor.extract(binary)).isInstanceOf(ExtractionException.class)
        .hasMessageContaining("unrecognized binary content");
  }

  @Test
  void bytesAlreadyReadGiveTheSameResultAsTheFile() throws Exception {
    Path[] files = {write("a.txt", "Title\n\n" + SENTENCE), write("a.html", "<html><head><title>Web</title></head>"
        + "<body><p>" + SENTENCE + "</p></body></html>"), TestFiles.pdf(dir.resolve("a.pdf"), "T", "A", 1, SENTENCE),
        TestFiles.docx(dir.resolve("a.docx"), "T", "A", SENTENCE)};
    for (Path file : files) {
      ExtractedText fromDisk = extractor.extract(file);
      ExtractedText fromBytes = extractor.extract(file, Files.readAllBytes(file));
      assertThat(fromBytes).as(file.toString()).isEqualTo(fromDisk);
    }
  }

  @Test
  void aHalfWrittenOrDamagedZipContainerIsRefusedBeforeParsing() throws Exception {
    byte[] docx = Files.readAllBytes(TestFiles.docx(dir.resolve("whole.docx"), "T", "A", SENTENCE));
    Path truncated = Files.write(dir.resolve("truncated.docx"), java.util.Arrays.copyOf(docx, docx.length / 2));
    assertThatThrownBy(() -> extractor.extract(truncated)).isInstanceOf(ExtractionException.class)
        .hasMessageContaining("damaged or incomplete zip container");
  }

  @Test
  void aZipBombFailsWithAReason() throws Exception {
    Path bomb = TestFiles.zipBomb(dir.resolve("bomb.zip"), 200);
    assertThat(Files.size(bomb)).isLessThan(2 * 1024 * 1024);
    assertThatThrownBy(() -> extractor.extract(bomb)).isInstanceOf(ExtractionException.class)
        .hasMessageMatching("(?s).*(decompression bomb|over the limit).*");
  }

  @Test
  void aDocxBombFailsWithAReason() throws Exception {
    Path bomb = TestFiles.docxBomb(dir.resolve("bomb.docx"), 200);
    assertThatThrownBy(() -> extractor.extract(bomb)).isInstanceOf(ExtractionException.class)
        .hasMessageMatching("(?s).*(decompression bomb|over the limit).*");
  }

  @Test
  void limitsFailWithTheSettingToChange() throws Exception {
    DocumentExtractor small = new DocumentExtractor(new ExtractionLimits(1000, 100, Duration.ofSeconds(30)),
        languages);
    Path big = write("big.txt", "x".repeat(2000));
    assertThatThrownBy(() -> small.extract(big)).hasMessageContaining("DOCPIPE_INGEST_MAX_FILE_BYTES");
    Path longText = write("long.txt", "y".repeat(500));
    assertThatThrownBy(() -> small.extract(longText)).hasMessageContaining("DOCPIPE_INGEST_MAX_TEXT_CHARS");
    Path pdf = TestFiles.pdf(dir.resolve("long.pdf"), "T", "A", 1, SENTENCE, SENTENCE);
    DocumentExtractor tinyText = new DocumentExtractor(new ExtractionLimits(1_000_000, 50, Duration.ofSeconds(30)),
        languages);
    assertThatThrownBy(() -> tinyText.extract(pdf)).hasMessageContaining("DOCPIPE_INGEST_MAX_TEXT_CHARS");
    small.close();
    tinyText.close();
  }

  @Test
  void aParserThatRunsPastTheTimeoutIsAbandonedWithAReason() throws Exception {
    Path slow = TestFiles.pdf(dir.resolve("many-pages.pdf"), "T", "A", 400, SENTENCE, SENTENCE, SENTENCE);
    DocumentExtractor impatient = new DocumentExtractor(
        new ExtractionLimits(50L * 1024 * 1024, 6_000_000, Duration.ofMillis(1)), languages);
    assertThatThrownBy(() -> impatient.extract(slow)).hasMessageContaining("DOCPIPE_INGEST_PARSE_TIMEOUT");
    assertThat(impatient.abandonedParsers()).isEqualTo(1);
    impatient.close();
  }

  @Test
  void aFiveMegabyteSingleLineGoesThrough() throws Exception {
    Path line = write("line.txt", "word ".repeat(1_000_000));
    ExtractedText text = extractor.extract(line);
    assertThat(text.text()).hasSize(5_000_000);
    assertThat(text.title()).endsWith("…").hasSizeLessThanOrEqualTo(101);
  }

  @Test
  void emptyFilesFail() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.txt"));
    assertThatThrownBy(() -> extractor.extract(empty)).hasMessageContaining("empty");
  }
}
