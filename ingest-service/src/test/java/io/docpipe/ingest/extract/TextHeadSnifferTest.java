package io.docpipe.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;

/**
 * The sniffer must be sound: whenever it says no magic rule can match a text head, Tika's own magic
 * detection must say text/plain. Checked on the samples, on every text-based format we could think of, and
 * on random printable text.
 */
class TextHeadSnifferTest {
  private static final MimeTypes TIKA = TikaConfig.getDefaultConfig().getMimeRepository();
  private static final TextHeadSniffer SNIFFER = TextHeadSniffer.load();

  private static final List<String> TEXT_FORMATS = List.of(
      "<html><head><title>x</title></head><body>hi</body></html>",
      "<!DOCTYPE html>\n<html lang=\"en\">", "<?xml version=\"1.0\"?><root/>",
      "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
      "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: hi\r\n\r\nbody",
      "Received: from mail.example.org\r\nSubject: x\r\n", "Return-Path: <a@b.c>\r\n",
      "X-Mailer: test\r\nDKIM-Signature: v=1\r\n", "From alice@example.org Mon Jan  1 00:00:00 2024\nSubject: x\n",
      "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n", "{\\rtf1\\ansi hello}", "%!PS-Adobe-3.0\n",
      "%PDF-1.4 but only text after", "#!/bin/sh\necho hi\n", "#!/usr/bin/env python\nprint(1)\n",
      "BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n", "BEGIN:VCALENDAR\nVERSION:2.0\n", "WEBVTT\n\n00:00.000 --> 00:01.000\n",
      "User-agent: *\nAllow: /\nDisallow: /private\n", "digraph G { a -> b }", "strict graph { a -- b }",
      "function y = f(x)\n  y = x;\nend\n", "MPX,Microsoft Project for Windows,4.0", "0123456789 record",
      "P4\n1 1\n", "BZh91AY&SY", "name,country\nMusharraf,Pakistan\n", "# Heading\n\nSome *markdown* text.\n",
      "{\"json\": true, \"list\": [1, 2]}", "---\nyaml: true\n", "[section]\nkey=value\n", "@echo off\r\n",
      "import java.util.List;\npublic class A {}\n", "<?php echo 1; ?>", "-----BEGIN PGP MESSAGE-----\n",
      "-----BEGIN CERTIFICATE-----\nMIIB\n", "Subject: hello\nFrom: x\n", "Path: news.example\nNewsgroups: a.b\n",
      "<!-- comment -->\n<html>", "\uFEFFPlain text after a BOM", "FCS3.0    ", "JAVA PROFILE 1.0.2,");

  @Test
  void whenItSaysNoRuleCanMatchTikaSaysPlainText() throws Exception {
    List<byte[]> heads = new ArrayList<>();
    for (String sample : List.of("000_7a85573243417cb3.txt", "001_d1b8266712f60fd5.txt", "002_b5d91702df57ba9e.txt",
        "003_adaa45728fb4c7fa.txt", "004_ad93c0ebc40b9a3e.txt")) {
      try (InputStream in = TextHeadSnifferTest.class.getResourceAsStream("/samples/" + sample)) {
        heads.add(in.readNBytes(8192));
      }
    }
    TEXT_FORMATS.forEach(text -> heads.add(text.getBytes(StandardCharsets.UTF_8)));
    Random random = new Random(7);
    String printable = " \n\tabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<>{}[]#%!:;,.-_/\\\"'@=*";
    for (int n = 0; n < 3000; n++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(n < 2000 ? 40 : 3000);
      for (int i = 0; i < length; i++) {
        text.append(printable.charAt(random.nextInt(printable.length())));
      }
      heads.add(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    int skipped = 0;
    for (byte[] head : heads) {
      assertThat(TextHeadSniffer.isTextHead(head, head.length)).isTrue();
      if (!SNIFFER.mayMatchSomeRule(head, head.length)) {
        skipped++;
        MediaType tika = TIKA.detect(new ByteArrayInputStream(head), new Metadata());
        assertThat(tika.getBaseType()).as(new String(head, 0, Math.min(80, head.length), StandardCharsets.UTF_8))
            .isEqualTo(MediaType.TEXT_PLAIN);
      }
    }
    assertThat(skipped).as("heads that skip Tika's magic detection").isGreaterThan(1000);
  }

  @Test
  void proseSkipsTikaAndMarkupDoesNot() throws Exception {
    for (String sample : List.of("000_7a85573243417cb3.txt", "004_ad93c0ebc40b9a3e.txt")) {
      try (InputStream in = TextHeadSnifferTest.class.getResourceAsStream("/samples/" + sample)) {
        byte[] head = in.readNBytes(8192);
        assertThat(SNIFFER.typesThatMayMatch(head, head.length)).as(sample).isEmpty();
      }
    }
    for (String markup : List.of("<html><body>x</body></html>", "{\\rtf1 x}", "From: a@b.c\r\nSubject: x\r\n",
        "%!PS-Adobe-3.0", "BEGIN:VCARD\n")) {
      byte[] head = markup.getBytes(StandardCharsets.UTF_8);
      assertThat(SNIFFER.mayMatchSomeRule(head, head.length)).as(markup).isTrue();
    }
    assertThat(SNIFFER.conditions()).isGreaterThan(400);
    assertThat(Arrays.equals(MagicValues.decode("\\x41\\102C\\n", "string"), new byte[] {'A', 'B', 'C', '\n'}))
        .isTrue();
  }
}
