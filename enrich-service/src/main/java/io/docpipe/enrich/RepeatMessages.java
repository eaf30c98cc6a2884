package io.docpipe.enrich;

import io.docpipe.enrich.repeats.Occurrence;
import io.docpipe.enrich.repeats.ParagraphSignature;
import io.docpipe.enrich.repeats.Repeat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the cross-document repeat stages send each other through their internal topics and keep in their
 * stores, in a compact binary form with a leading format byte. These records never leave the enrich
 * service (consumers see only the enriched record), so they need no registry.
 */
final class RepeatMessages {
  /** 2 adds each signature's word count and facts; 1 (without them) is still read. */
  private static final byte FORMAT = 2;
  private static final byte FORMAT_WITHOUT_FACTS = 1;

  private RepeatMessages() {}

  /** The paragraphs of one document whose keys are looked up on one partition of the probes topic. */
  record ProbeBatch(String documentId, String version, long order, List<Probe> probes) {}

  record Probe(int paragraphIndex, ParagraphSignature signature, List<String> keys) {}

  /** One partition's answer for one probe batch: the repeats found (paragraphs not listed repeat nothing there). */
  record AnswerBatch(String documentId, String version, List<Answer> answers) {}

  record Answer(int paragraphIndex, Repeat.Kind kind, String firstDocumentId, int firstParagraphIndex,
      long firstOrder) {
    /** Of two answers for the same paragraph, the one pointing at the earlier first occurrence wins. */
    boolean isBefore(Answer other) {
      if (firstOrder != other.firstOrder) {
        return firstOrder < other.firstOrder;
      }
      int byDocument = firstDocumentId.compareTo(other.firstDocumentId);
      return byDocument != 0 ? byDocument < 0 : firstParagraphIndex < other.firstParagraphIndex;
    }
  }

  /** A document waiting for its answers. */
  record Progress(String version, int expected, int received, Map<Integer, Answer> repeats) {}

  static byte[] encode(ProbeBatch batch) {
    return write(out -> {
      out.writeUTF(batch.documentId());
      out.writeUTF(batch.version());
      out.writeLong(batch.order());
      out.writeInt(batch.probes().size());
      for (Probe probe : batch.probes()) {
        out.writeInt(probe.paragraphIndex());
        writeSignature(out, probe.signature());
        out.writeInt(probe.keys().size());
        for (String key : probe.keys()) {
          out.writeUTF(key);
        }
      }
    });
  }

  static ProbeBatch probeBatch(byte[] bytes) {
    return read(bytes, (in, format) -> {
      String documentId = in.readUTF();
      String version = in.readUTF();
      long order = in.readLong();
      int n = in.readInt();
      List<Probe> probes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int paragraph = in.readInt();
        ParagraphSignature signature = readSignature(in, format);
        int keys = in.readInt();
        List<String> keyList = new ArrayList<>(keys);
        for (int k = 0; k < keys; k++) {
          keyList.add(in.readUTF());
        }
        probes.add(new Probe(paragraph, signature, keyList));
      }
      return new ProbeBatch(documentId, version, order, probes);
    });
  }

  static byte[] encode(AnswerBatch batch) {
    return write(out -> {
      out.writeUTF(batch.documentId());
      out.writeUTF(batch.version());
      writeAnswers(out, batch.answers());
    });
  }

  static AnswerBatch answerBatch(byte[] bytes) {
    return read(bytes, (in, format) -> new AnswerBatch(in.readUTF(), in.readUTF(), readAnswers(in)));
  }

  static byte[] encode(Progress progress) {
    return write(out -> {
      out.writeUTF(progress.version());
      out.writeInt(progress.expected());
      out.writeInt(progress.received());
      writeAnswers(out, List.copyOf(progress.repeats().values()));
    });
  }

  static Progress progress(byte[] bytes) {
    return read(bytes, (in, format) -> {
      String version = in.readUTF();
      int expected = in.readInt();
      int received = in.readInt();
      Map<Integer, Answer> repeats = new TreeMap<>();
      for (Answer answer : readAnswers(in)) {
        repeats.put(answer.paragraphIndex(), answer);
      }
      return new Progress(version, expected, received, repeats);
    });
  }

  static byte[] encode(Occurrence occurrence) {
    return write(out -> {
      out.writeUTF(occurrence.documentId());
      out.writeUTF(occurrence.version());
      out.writeInt(occurrence.paragraphIndex());
      out.writeLong(occurrence.order());
      writeSignature(out, occurrence.signature());
    });
  }

  static Occurrence occurrence(byte[] bytes) {
    return read(bytes, (in, format) -> new Occurrence(in.readUTF(), in.readUTF(), in.readInt(), in.readLong(),
        readSignature(in, format)));
  }

  private static void writeAnswers(DataOutputStream out, List<Answer> answers) throws IOException {
    out.writeInt(answers.size());
    for (Answer a : answers) {
      out.writeInt(a.paragraphIndex());
      out.writeByte(a.kind().ordinal());
      out.writeUTF(a.firstDocumentId());
      out.writeInt(a.firstParagraphIndex());
      out.writeLong(a.firstOrder());
    }
  }

  private static List<Answer> readAnswers(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<Answer> answers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      answers.add(new Answer(in.readInt(), Repeat.Kind.values()[in.readByte()], in.readUTF(), in.readInt(),
          in.readLong()));
    }
    return answers;
  }

  private static void writeSignature(DataOutputStream out, ParagraphSignature signature) throws IOException {
    out.writeUTF(signature.fingerprint());
    out.writeLong(signature.textHash());
    out.writeShort(signature.minHash().length);
    for (int h : signature.minHash()) {
      out.writeShort(h); // 16-bit MinHash values
    }
    out.writeShort(signature.shingles().length);
    for (int h : signature.shingles()) {
      out.writeInt(h);
    }
    out.writeInt(signature.words());
    int[] facts = signature.facts() == null ? new int[0] : signature.facts();
    out.writeInt(signature.facts() == null ? -1 : facts.length);
    for (int h : facts) {
      out.writeInt(h);
    }
  }

  private static ParagraphSignature readSignature(DataInputStream in, byte format) throws IOException {
    String fingerprint = in.readUTF();
    long textHash = in.readLong();
    int[] minHash = new int[in.readUnsignedShort()];
    for (int i = 0; i < minHash.length; i++) {
      minHash[i] = in.readUnsignedShort();
    }
    int[] shingles = new int[in.readUnsignedShort()];
    for (int i = 0; i < shingles.length; i++) {
      shingles[i] = in.readInt();
    }
    if (format == FORMAT_WITHOUT_FACTS) {
      return new ParagraphSignature(fingerprint, textHash, minHash, shingles, 0, null);
    }
    int words = in.readInt();
    int n = in.readInt();
    int[] facts = n < 0 ? null : new int[n];
    for (int i = 0; i < n; i++) {
      facts[i] = in.readInt();
    }
    return new ParagraphSignature(fingerprint, textHash, minHash, shingles, words, facts);
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in, byte format) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] bytes, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT && format != FORMAT_WITHOUT_FACTS) {
        throw new IllegalArgumentException("unknown repeat-message format " + format);
      }
      return reader.read(in, format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
