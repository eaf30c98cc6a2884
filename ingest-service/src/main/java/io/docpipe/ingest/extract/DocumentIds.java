package io.docpipe.ingest.extract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Document ids are derived from the path relative to the inbox, so they are stable across restarts and
 * machines, and a changed file at the same path is a new version of the same document.
 */
public final class DocumentIds {
  private DocumentIds() {}

  public static String forRelativePath(String relativePath) {
    return sha256Hex(("docpipe:path:" + relativePath).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
