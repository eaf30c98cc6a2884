package io.docpipe.enrich;

import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.RawDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enriches each raw document. A record that cannot be decoded or enriched goes to the dead-letter sink
 * with the reason and its source topic/partition/offset in headers; it never stops the partition.
 */
final class EnrichProcessor implements Processor<String, byte[], String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichProcessor.class);

  private final Deserializer<RawDocument> rawDeserializer;
  private final DocumentEnricher enricher;
  private final Counter enriched;
  private final Counter failed;
  private final Timer duration;
  private ProcessorContext<String, Object> context;

  EnrichProcessor(Deserializer<RawDocument> rawDeserializer, DocumentEnricher enricher, MeterRegistry metrics) {
    this.rawDeserializer = rawDeserializer;
    this.enricher = enricher;
    this.enriched = Counter.builder(EnrichMetrics.DOCUMENTS).tag("outcome", "enriched").register(metrics);
    this.failed = Counter.builder(EnrichMetrics.DOCUMENTS).tag("outcome", "failed").register(metrics);
    this.duration = Timer.builder(EnrichMetrics.DURATION).register(metrics);
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.value() == null) {
      context.forward(record.withValue((Object) null), EnrichTopology.ENRICHED_SINK); // tombstone passes on
      return;
    }
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("?");
    try {
      RawDocument raw = rawDeserializer.deserialize(topic, record.value());
      EnrichedDocument document = duration.record(() -> enricher.enrich(raw));
      context.forward(record.withValue((Object) document), EnrichTopology.ENRICHED_SINK);
      enriched.increment();
    } catch (RuntimeException e) {
      failed.increment();
      RecordMetadata meta = context.recordMetadata().orElse(null);
      LOG.warn("document {} sent to dead letter: {}", record.key(), e.toString());
      var headers = DeadLetterHeaders.describe(new RecordHeaders(record.headers().toArray()), "enrich", e,
          topic, meta == null ? -1 : meta.partition(), meta == null ? -1 : meta.offset());
      context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers),
          EnrichTopology.DEAD_LETTER_SINK);
    }
  }
}
