package io.docpipe.enrich;

import io.docpipe.enrich.repeats.Repeat;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.Paragraph;
import io.docpipe.schemas.RepeatKind;
import io.docpipe.schemas.RepeatOf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Third stage: collects the answers of every partition a document was looked up on; with the last one, marks
 * the paragraphs that repeat earlier documents and publishes the enriched record. Answers for a version
 * that is no longer waiting (superseded by a newer version, or deleted) are dropped.
 */
final class RepeatGatherProcessor extends ContextualProcessor<String, byte[], String, Object> {
  private final io.micrometer.core.instrument.MeterRegistry metrics;
  private final io.micrometer.core.instrument.Timer lookup;

  RepeatGatherProcessor(io.micrometer.core.instrument.MeterRegistry metrics) {
    this.metrics = metrics;
    this.lookup = io.micrometer.core.instrument.Timer.builder(EnrichMetrics.REPEAT_LOOKUP)
        .description("Time from a document's enrichment to its publication, waiting for the cross-document "
            + "repeat lookup")
        .register(metrics);
  }
  private PendingStores pending;

  @Override
  public void init(ProcessorContext<String, Object> context) {
    super.init(context);
    this.pending = PendingStores.of(context);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RepeatMessages.AnswerBatch answer = RepeatMessages.answerBatch(record.value());
    byte[] stored = pending.progress().get(record.key());
    if (stored == null) {
      return;
    }
    RepeatMessages.Progress progress = RepeatMessages.progress(stored);
    if (!progress.version().equals(answer.version())) {
      return;
    }
    Map<Integer, RepeatMessages.Answer> repeats = new TreeMap<>(progress.repeats());
    for (RepeatMessages.Answer a : answer.answers()) {
      repeats.merge(a.paragraphIndex(), a, (old, now) -> now.isBefore(old) ? now : old);
    }
    int received = progress.received() + 1;
    if (received < progress.expected()) {
      pending.progress().put(record.key(), RepeatMessages.encode(
          new RepeatMessages.Progress(progress.version(), progress.expected(), received, repeats)));
      return;
    }
    EnrichedDocument document = decode(pending.documents().get(record.key()));
    pending.forget(record.key());
    lookup.record(java.time.Duration.between(document.getEnrichTime(), java.time.Instant.now()));
    long exact = repeats.values().stream().filter(a -> a.kind() == Repeat.Kind.EXACT).count();
    EnrichMetrics.countRepeats(metrics, "exact", "across", (int) exact);
    EnrichMetrics.countRepeats(metrics, "near", "across", repeats.size() - (int) exact);
    context().forward(new Record<String, Object>(record.key(), withRepeats(document, repeats), record.timestamp()),
        EnrichTopology.ENRICHED_SINK);
  }

  static EnrichedDocument withRepeats(EnrichedDocument document, Map<Integer, RepeatMessages.Answer> repeats) {
    if (repeats.isEmpty()) {
      return document;
    }
    int marked = document.getSummary().getRepeatedParagraphs();
    for (Paragraph paragraph : document.getParagraphs()) {
      RepeatMessages.Answer a = repeats.get(paragraph.getIndex());
      if (a != null && paragraph.getRepeatOf() == null) {
        paragraph.setRepeatOf(new RepeatOf(a.kind() == Repeat.Kind.EXACT ? RepeatKind.EXACT : RepeatKind.NEAR,
            a.firstDocumentId(), a.firstParagraphIndex()));
        marked++;
      }
    }
    document.getSummary().setRepeatedParagraphs(marked);
    return document;
  }

  private static EnrichedDocument decode(byte[] bytes) {
    try {
      return EnrichedDocument.getDecoder().decode(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a pending enriched document", e);
    }
  }
}
