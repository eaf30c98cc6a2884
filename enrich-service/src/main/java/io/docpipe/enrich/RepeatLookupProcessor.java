package io.docpipe.enrich;

import io.docpipe.enrich.repeats.Occurrence;
import io.docpipe.enrich.repeats.Repeat;
import io.docpipe.enrich.repeats.RepeatFinder;
import io.docpipe.enrich.repeats.RepeatIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Second stage: looks paragraphs up by key in this partition's share of the repeat index, a window store
 * whose retention is how long cross-document memory lasts, and answers each probe batch to its document.
 * Keys are spread over buckets and buckets over partitions, so the index scales out with partitions and
 * instances; no instance holds all of it.
 */
final class RepeatLookupProcessor extends ContextualProcessor<String, byte[], String, Object> {
  /** Entries read per key at most: a key shared by many different paragraphs is not worth more. */
  private static final int MAX_ENTRIES_PER_KEY = 32;

  private final RepeatFinder finder;
  private final long memoryMillis;
  private WindowStore<String, byte[]> store;

  RepeatLookupProcessor(RepeatFinder finder, java.time.Duration memory) {
    this.finder = finder;
    this.memoryMillis = memory.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    super.init(context);
    this.store = context.getStateStore(EnrichTopology.REPEAT_INDEX);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RepeatMessages.ProbeBatch batch = RepeatMessages.probeBatch(record.value());
    RepeatIndex index = new StoreIndex(batch.order() - memoryMillis);
    List<RepeatMessages.Answer> answers = new ArrayList<>();
    for (RepeatMessages.Probe probe : batch.probes()) {
      Occurrence occurrence = new Occurrence(batch.documentId(), batch.version(), probe.paragraphIndex(),
          batch.order(), probe.signature());
      finder.findOrRemember(occurrence, probe.keys(), index).ifPresent(repeat -> answers.add(answer(probe, repeat)));
    }
    context().forward(new Record<String, Object>(batch.documentId(),
        RepeatMessages.encode(new RepeatMessages.AnswerBatch(batch.documentId(), batch.version(), answers)),
        record.timestamp()), EnrichTopology.ANSWER_SINK);
  }

  private static RepeatMessages.Answer answer(RepeatMessages.Probe probe, Repeat repeat) {
    return new RepeatMessages.Answer(probe.paragraphIndex(), repeat.kind(), repeat.first().documentId(),
        repeat.first().paragraphIndex(), repeat.first().order());
  }

  /**
   * The window store as a repeat index: entries are kept at their document's ingest time, and the store
   * drops them a while after the memory period; lookups ignore them from the exact end of that period.
   */
  private final class StoreIndex implements RepeatIndex {
    private final long oldest;

    StoreIndex(long oldest) {
      this.oldest = oldest;
    }

    @Override
    public List<Occurrence> lookup(String key) {
      List<Occurrence> found = new ArrayList<>();
      try (WindowStoreIterator<byte[]> it = store.fetch(key, Instant.ofEpochMilli(Math.max(0, oldest)),
          Instant.ofEpochMilli(Long.MAX_VALUE))) {
        while (it.hasNext() && found.size() < MAX_ENTRIES_PER_KEY) {
          found.add(RepeatMessages.occurrence(it.next().value));
        }
      }
      return found;
    }

    @Override
    public void remember(String key, Occurrence occurrence) {
      store.put(key, RepeatMessages.encode(occurrence), occurrence.order());
    }
  }
}
