package io.docpipe.ingest.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

/**
 * Turns a file into text and metadata with Apache Tika. The content type comes from the bytes (the name
 * only refines plain text into Markdown or CSV); text that no magic rule of Tika can match is known to be
 * plain text without running them ({@link TextHeadSniffer}). Plain text is decoded by {@link TextDecoder}, so its
 * offsets are those of the file as read; every other format goes through Tika's parsers, with the
 * extracted-text limit, Tika's zip-bomb guard, and a parse timeout on a separate thread. Thread-safe.
 */
public final class DocumentExtractor implements AutoCloseable {
  private static final TikaConfig TIKA = TikaConfig.getDefaultConfig();
  private static final TextHeadSniffer SNIFFER = TextHeadSniffer.load();
  /** Tika's magic rules look at most this far into a file. */
  private static final int HEAD_BYTES = 8192;

  private final ExtractionLimits limits;
  private final LanguageGuesser languages;
  private final Detector detector = TIKA.getDetector();
  private final AutoDetectParser parser = new AutoDetectParser(TIKA);
  private final ExecutorService parsing = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "ingest-parser");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicLong abandoned = new AtomicLong();

  public DocumentExtractor(ExtractionLimits limits, LanguageGuesser languages) {
    this.limits = limits;
    this.languages = languages;
  }

  /** Parser threads given up after a timeout (they may still be running). */
  public long abandonedParsers() {
    return abandoned.get();
  }

  public ExtractedText extract(Path file) throws ExtractionException, InterruptedException {
    return extract(file, null);
  }

  /**
   * @param content the file's bytes when the caller has already read them (small files), else null: the
   *     file is then read from disk
   */
  public ExtractedText extract(Path file, byte[] content) throws ExtractionException, InterruptedException {
    long size;
    try {
      size = content != null ? content.length : Files.size(file);
    } catch (IOException e) {
      throw new ExtractionException("cannot read the file: " + e.getMessage(), e);
    }
    if (size > limits.maxFileBytes()) {
      throw new ExtractionException("the file is " + size + " bytes, over the limit of " + limits.maxFileBytes()
          + " bytes (DOCPIPE_INGEST_MAX_FILE_BYTES)");
    }
    if (size == 0) {
      throw new ExtractionException("the file is empty");
    }
    String name = file.getFileName().toString();
    MediaType type = detect(file, content);
    if (isPlainText(type)) {
      return plainText(file, content, name, size, refine(type, name));
    }
    if (type.equals(MediaType.OCTET_STREAM)) {
      throw new ExtractionException("unrecognized binary content (application/octet-stream): no text could be "
          + "extracted from this file");
    }
    if (isZipContainer(file)) {
      ZipBombGuard.check(file);
    }
    return parsed(file, type);
  }

  private static boolean isZipContainer(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The content type from the bytes only (the name must not decide). Magic bytes of the file's head settle
   * plain text cheaply; anything else gets Tika's full detection, which looks inside containers.
   */
  private MediaType detect(Path file, byte[] content) throws ExtractionException {
    try {
      byte[] head;
      int length;
      if (content != null) {
        head = content;
        length = Math.min(content.length, HEAD_BYTES);
      } else {
        try (InputStream in = Files.newInputStream(file)) {
          head = in.readNBytes(HEAD_BYTES);
          length = head.length;
        }
      }
      if (TextHeadSniffer.isTextHead(head, length) && !SNIFFER.mayMatchSomeRule(head, length)) {
        return MediaType.TEXT_PLAIN; // what Tika's magic detection answers here, without its 0.3 ms
      }
      MediaType byMagic = TIKA.getMimeRepository().detect(new java.io.ByteArrayInputStream(head, 0, length),
          new Metadata());
      if (isPlainText(byMagic)) {
        return byMagic;
      }
      try (InputStream in = TikaInputStream.get(file)) {
        return detector.detect(in, new Metadata());
      }
    } catch (IOException e) {
      throw new ExtractionException("cannot read the file: " + e.getMessage(), e);
    }
  }

  private static boolean isPlainText(MediaType type) {
    return type.getBaseType().equals(MediaType.TEXT_PLAIN);
  }

  private static String refine(MediaType type, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
      return "text/markdown";
    }
    if (lower.endsWith(".csv")) {
      return "text/csv";
    }
    return type.getBaseType().toString();
  }

  private ExtractedText plainText(Path file, byte[] content, String name, long size, String type)
      throws ExtractionException {
    if (size > 4L * limits.maxTextChars()) {
      throw textTooLong(size + " bytes of text");
    }
    byte[] bytes;
    try {
      bytes = content != null ? content : Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ExtractionException("cannot read the file: " + e.getMessage(), e);
    }
    TextDecoder.Decoded decoded = TextDecoder.decode(bytes);
    if (decoded.text().length() > limits.maxTextChars()) {
      throw textTooLong(decoded.text().length() + " characters");
    }
    if (decoded.text().isBlank()) {
      throw new ExtractionException("the file has no text");
    }
    String contentType = type + "; charset=" + decoded.charset().name();
    return new ExtractedText(decoded.text(), contentType, TextTitles.of(decoded.text(), name), null, null, null,
        languages.guess(decoded.text()), null);
  }

  private ExtractedText parsed(Path file, MediaType type) throws ExtractionException, InterruptedException {
    Metadata metadata = new Metadata();
    Future<String> result = parsing.submit(() -> parse(file, metadata));
    String text;
    try {
      text = result.get(limits.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      abandoned.incrementAndGet();
      throw new ExtractionException("parsing did not finish within " + limits.parseTimeout().toSeconds()
          + " s (DOCPIPE_INGEST_PARSE_TIMEOUT); the file may be malformed or hostile", e);
    } catch (ExecutionException e) {
      throw explain(e.getCause(), type);
    }
    text = text.strip();
    if (text.isEmpty()) {
      throw new ExtractionException("no text could be extracted from this " + type.getBaseType()
          + " file (scanned images, or a format without text)");
    }
    String title = metadata.get(TikaCoreProperties.TITLE);
    Instant created = instant(metadata, TikaCoreProperties.CREATED);
    Instant modified = instant(metadata, TikaCoreProperties.MODIFIED);
    String documentDate = created == null ? null : created.atZone(ZoneOffset.UTC).toLocalDate().toString();
    return new ExtractedText(text, type.getBaseType().toString(),
        title == null || title.isBlank() ? TextTitles.of(text, file.getFileName().toString()) : title.strip(),
        blankToNull(metadata.get(TikaCoreProperties.CREATOR)), created, modified, languages.guess(text),
        documentDate);
  }

  private String parse(Path file, Metadata metadata) throws IOException, SAXException, TikaException {
    BodyContentHandler handler = new BodyContentHandler(limits.maxTextChars());
    ParseContext context = new ParseContext();
    context.set(Parser.class, parser); // attachments and archive entries are parsed too
    OfficeParserConfig office = new OfficeParserConfig();
    office.setUseSAXDocxExtractor(true); // streaming: memory stays bounded on huge (or hostile) documents
    office.setUseSAXPptxExtractor(true);
    context.set(OfficeParserConfig.class, office);
    try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
      parser.parse(in, handler, metadata, context);
    }
    return handler.toString();
  }

  private ExtractionException explain(Throwable cause, MediaType type) {
    if (WriteLimitReachedException.isWriteLimitReached(cause)) {
      return textTooLong("more than " + limits.maxTextChars() + " characters");
    }
    if (cause instanceof EncryptedDocumentException) {
      return new ExtractionException("the " + type.getBaseType() + " file is encrypted or password-protected",
          cause);
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (message.toLowerCase(Locale.ROOT).contains("zip bomb")) {
      return new ExtractionException("the file expands far beyond its size (a decompression bomb): " + message,
          cause);
    }
    if (cause instanceof OutOfMemoryError) {
      return new ExtractionException("the file needs more memory to parse than this service has", cause);
    }
    return new ExtractionException("cannot parse this " + type.getBaseType() + " file: " + message, cause);
  }

  private ExtractionException textTooLong(String what) {
    return new ExtractionException("the extracted text is " + what + ", over the limit of "
        + limits.maxTextChars() + " characters (DOCPIPE_INGEST_MAX_TEXT_CHARS)");
  }

  private static Instant instant(Metadata metadata, Property property) {
    Date date = metadata.getDate(property);
    return date == null ? null : date.toInstant();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @Override
  public void close() {
    parsing.shutdownNow();
  }
}
