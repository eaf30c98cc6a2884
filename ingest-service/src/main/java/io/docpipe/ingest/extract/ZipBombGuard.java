package io.docpipe.ingest.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Refuses zip containers (zip, Office Open XML, OpenDocument, EPUB) that would expand far beyond their
 * size, before any parser inflates them: XML parsers buffer whole text nodes, so a bomb must be stopped
 * from the central directory, not by watching extracted output.
 */
final class ZipBombGuard {
  /** An entry may expand this many times its compressed size once it is large. */
  static final long MAX_RATIO = 100;
  /** Entries below this expanded size are never suspicious. */
  static final long RATIO_FLOOR_BYTES = 16L * 1024 * 1024;
  /** No container may expand to more than this in total. */
  static final long MAX_TOTAL_BYTES = 1024L * 1024 * 1024;

  private ZipBombGuard() {}

  static void check(Path file) throws ExtractionException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      long total = 0;
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        long size = entry.getSize();
        long compressed = Math.max(1, entry.getCompressedSize());
        if (size < 0) {
          continue; // size unknown in the directory: the parser's own limits apply
        }
        total += size;
        if (size > RATIO_FLOOR_BYTES && size / compressed > MAX_RATIO) {
          throw bomb(entry.getName() + " expands " + (size / compressed) + " times, to " + size + " bytes");
        }
        if (total > MAX_TOTAL_BYTES) {
          throw bomb("its entries expand to more than " + MAX_TOTAL_BYTES + " bytes");
        }
      }
    } catch (IOException e) {
      // Without its central directory a zip can only be parsed by streaming through it, which would inflate
      // a bomb before anything could measure it: refuse it.
      throw new ExtractionException("the file is a damaged or incomplete zip container (its central directory "
          + "cannot be read: " + e.getMessage() + ")", e);
    }
  }

  private static ExtractionException bomb(String detail) {
    return new ExtractionException("the file expands far beyond its size (a decompression bomb): " + detail);
  }
}
