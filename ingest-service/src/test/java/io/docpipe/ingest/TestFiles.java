package io.docpipe.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Real documents generated for tests with the same libraries Tika parses them with. */
public final class TestFiles {
  private TestFiles() {}

  public static Path pdf(Path file, String title, String author, int pages, String... lines) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(title);
      info.setAuthor(author);
      Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      created.clear();
      created.set(2024, Calendar.OCTOBER, 7, 9, 30);
      info.setCreationDate(created);
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int p = 0; p < pages; p++) {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.beginText();
          content.setFont(font, 11);
          content.newLineAtOffset(50, 740);
          for (String line : lines) {
            content.showText(line);
            content.newLineAtOffset(0, -14);
          }
          content.showText("Page " + (p + 1));
          content.endText();
        }
      }
      document.save(file.toFile());
    }
    return file;
  }

  public static Path docx(Path file, String title, String author, String... paragraphs) throws IOException {
    try (XWPFDocument document = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
      document.getProperties().getCoreProperties().setTitle(title);
      document.getProperties().getCoreProperties().setCreator(author);
      for (String text : paragraphs) {
        document.createParagraph().createRun().setText(text);
      }
      document.write(out);
    }
    return file;
  }

  /** A minimal OpenDocument text file: the mimetype entry first, stored, then content.xml. */
  public static Path odt(Path file, String paragraph) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
      ZipEntry entry = new ZipEntry("mimetype");
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(mimetype.length);
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(mimetype);
      entry.setCrc(crc.getValue());
      zip.putNextEntry(entry);
      zip.write(mimetype);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
      zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest="
          + "\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" "
          + "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/><manifest:file-entry "
          + "manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>")
          .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("content.xml"));
      zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office="
          + "\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:"
          + "xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:text><text:p>" + paragraph
          + "</text:p></office:text></office:body></office:document-content>").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return file;
  }

  /** A zip whose single entry inflates to {@code megabytes} of repeated text. */
  public static Path zipBomb(Path file, int megabytes) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.setLevel(9);
      zip.putNextEntry(new ZipEntry("bomb.txt"));
      byte[] chunk = "all work and no play makes a dull bomb ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
      long target = megabytes * 1024L * 1024L;
      for (long written = 0; written < target; written += chunk.length) {
        zip.write(chunk);
      }
      zip.closeEntry();
    }
    return file;
  }

  /** A DOCX whose document.xml inflates to {@code megabytes} of text. */
  public static Path docxBomb(Path file, int megabytes) throws IOException {
    Path template = docx(Files.createTempFile("template", ".docx"), "bomb", "nobody", "seed");
    try (java.util.zip.ZipFile source = new java.util.zip.ZipFile(template.toFile());
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.setLevel(9);
      for (var entries = source.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        zip.putNextEntry(new ZipEntry(entry.getName()));
        if (entry.getName().equals("word/document.xml")) {
          String xml = new String(source.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
          int at = xml.indexOf("seed");
          zip.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
          byte[] chunk = "lots of words ".repeat(5000).getBytes(StandardCharsets.US_ASCII);
          for (long written = 0; written < megabytes * 1024L * 1024L; written += chunk.length) {
            zip.write(chunk);
          }
          zip.write(xml.substring(at + 4).getBytes(StandardCharsets.UTF_8));
        } else {
          source.getInputStream(entry).transferTo(zip);
        }
        zip.closeEntry();
      }
    }
    Files.delete(template);
    return file;
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
