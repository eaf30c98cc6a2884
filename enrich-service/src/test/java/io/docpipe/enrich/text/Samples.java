package io.docpipe.enrich.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shared sample documents, copied into test resources. */
final class Samples {
  private Samples() {}

  static String read(String prefix) {
    String name = switch (prefix) {
      case "000" -> "000_7a85573243417cb3.txt";
      case "001" -> "001_d1b8266712f60fd5.txt";
      case "002" -> "002_b5d91702df57ba9e.txt";
      case "003" -> "003_adaa45728fb4c7fa.txt";
      case "004" -> "004_ad93c0ebc40b9a3e.txt";
      default -> throw new IllegalArgumentException(prefix);
    };
    try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
