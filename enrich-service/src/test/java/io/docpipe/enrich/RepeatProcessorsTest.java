package io.docpipe.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.enrich.repeats.ParagraphSignature;
import io.docpipe.enrich.repeats.Repeat;
import io.docpipe.enrich.repeats.RepeatFinder;
import io.docpipe.schemas.DocumentSummary;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.Paragraph;
import io.docpipe.schemas.ReferenceDate;
import io.docpipe.schemas.ReferenceDateOrigin;
import io.docpipe.schemas.RepeatKind;
import io.docpipe.schemas.RepeatOf;
import io.docpipe.schemas.Source;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/** The two repeat stages on their own, with in-memory stores: what they answer, and what they wait for. */
class RepeatProcessorsTest {
  private static final String STORY = "The situation took a dramatic turn: the Afghan Taliban, originally supported "
      + "by Pakistan, began to shelter militants who attacked Pakistani cities.";

  @Test
  void theLookupAnswersEachBatchWithTheEarlierDocumentsItRepeats() {
    MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    WindowStore<String, byte[]> store = Stores.windowStoreBuilder(Stores.inMemoryWindowStore(
        EnrichTopology.REPEAT_INDEX, Duration.ofDays(30), Duration.ofMillis(1), true), Serdes.String(),
        Serdes.ByteArray()).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    RepeatLookupProcessor lookup = new RepeatLookupProcessor(new RepeatFinder(0.55), Duration.ofDays(30));
    lookup.init(context);

    lookup.process(probe("a", "v1", 1000, 3, STORY));
    lookup.process(probe("b", "v1", 2000, 0, "However, t" + STORY.substring(1)));
    lookup.process(probe("a", "v1", 3000, 3, STORY)); // the same version again

    List<RepeatMessages.AnswerBatch> answers = context.forwarded().stream()
        .map(f -> RepeatMessages.answerBatch((byte[]) f.record().value())).toList();
    assertThat(answers).extracting(RepeatMessages.AnswerBatch::documentId).containsExactly("a", "b", "a");
    assertThat(answers.get(0).answers()).isEmpty();
    assertThat(answers.get(1).answers()).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(Repeat.Kind.NEAR);
      assertThat(a.firstDocumentId()).isEqualTo("a");
      assertThat(a.firstParagraphIndex()).isEqualTo(3);
    });
    assertThat(answers.get(2).answers()).as("not a repeat of itself").isEmpty();
    assertThat(context.forwarded()).allSatisfy(f -> assertThat(f.childName()).hasValue(EnrichTopology.ANSWER_SINK));
  }

  @Test
  void theGatherWaitsForEveryBucketAndDropsAnswersForAVersionNoLongerWaiting() throws Exception {
    MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    KeyValueStore<String, byte[]> documents = store(context, EnrichTopology.PENDING_DOCUMENTS);
    KeyValueStore<String, byte[]> progress = store(context, EnrichTopology.PENDING_PROGRESS);
    RepeatGatherProcessor gather = new RepeatGatherProcessor(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    gather.init(context);

    ByteBuffer encoded = EnrichedDocument.getEncoder().encode(document("b", "v2"));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    documents.put("b", bytes);
    progress.put("b", RepeatMessages.encode(new RepeatMessages.Progress("v2", 2, 0, Map.of())));

    gather.process(answer("b", "v1", List.of(new RepeatMessages.Answer(0, Repeat.Kind.EXACT, "a", 4, 10))));
    assertThat(context.forwarded()).as("an older version's answer").isEmpty();
    gather.process(answer("b", "v2", List.of(new RepeatMessages.Answer(1, Repeat.Kind.NEAR, "a", 2, 10))));
    assertThat(context.forwarded()).as("one of two buckets answered").isEmpty();
    gather.process(answer("b", "v2", List.of(new RepeatMessages.Answer(0, Repeat.Kind.EXACT, "a", 0, 10))));

    assertThat(context.forwarded()).singleElement().satisfies(f -> {
      EnrichedDocument out = (EnrichedDocument) f.record().value();
      assertThat(out.getParagraphs().get(0).getRepeatOf()).isEqualTo(new RepeatOf(RepeatKind.EXACT, "a", 0));
      assertThat(out.getParagraphs().get(1).getRepeatOf()).isEqualTo(new RepeatOf(RepeatKind.NEAR, "a", 2));
      assertThat(out.getSummary().getRepeatedParagraphs()).isEqualTo(2);
    });
    assertThat(documents.get("b")).isNull();
    assertThat(progress.get("b")).isNull();
    gather.process(answer("b", "v2", List.of()));
    assertThat(context.forwarded()).as("nothing waits any more").hasSize(1);
  }

  private static KeyValueStore<String, byte[]> store(MockProcessorContext<String, Object> context, String name) {
    KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  private static Record<String, byte[]> probe(String doc, String version, long order, int paragraph, String text) {
    ParagraphSignature signature = ParagraphSignature.of(text);
    return new Record<>("7", RepeatMessages.encode(new RepeatMessages.ProbeBatch(doc, version, order,
        List.of(new RepeatMessages.Probe(paragraph, signature, signature.keys())))), order);
  }

  private static Record<String, byte[]> answer(String doc, String version, List<RepeatMessages.Answer> answers) {
    return new Record<>(doc, RepeatMessages.encode(new RepeatMessages.AnswerBatch(doc, version, answers)), 0L);
  }

  private static EnrichedDocument document(String id, String version) {
    Instant t = Instant.parse("2025-03-15T00:00:00Z");
    return EnrichedDocument.newBuilder().setDocumentId(id).setVersion(version)
        .setSource(Source.newBuilder().setPath(id).setFileName(id).setSizeBytes(1).setSha256("0")
            .setContentType("text/plain").setModifiedTime(t).build())
        .setText("x\ny").setIngestTime(t).setEnrichTime(t)
        .setReferenceDate(new ReferenceDate("2025-03-15", ReferenceDateOrigin.FILE_MODIFIED_TIME))
        .setParagraphs(List.of(new Paragraph(0, 0, 1, "x", "f0", null), new Paragraph(1, 2, 3, "y", "f1", null)))
        .setEntities(List.of()).setDates(List.of())
        .setSummary(new DocumentSummary(List.of(), null, null, 0)).build();
  }
}
