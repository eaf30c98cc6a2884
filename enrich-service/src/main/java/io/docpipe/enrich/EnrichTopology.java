package io.docpipe.enrich;

import io.docpipe.enrich.text.TextEnricher;
import io.docpipe.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/** The enrich topology: raw documents in, enriched documents (or dead letters) out. */
public final class EnrichTopology {
  static final String SOURCE = "raw-documents";
  static final String PROCESSOR = "enrich";
  static final String ENRICHED_SINK = "enriched-documents";
  static final String DEAD_LETTER_SINK = "dead-letter";

  private EnrichTopology() {}

  /** Builds the topology from the service's typed config; tests call this with the same config. */
  public static Topology build(EnrichConfig config, ValueSerdes serdes, MeterRegistry metrics, Clock clock) {
    var raw = serdes.forTopic(Topics.RAW_DOCUMENTS);
    var enriched = serdes.forTopic(Topics.ENRICHED_DOCUMENTS);
    TextEnricher textEnricher = new TextEnricher();
    DocumentEnricher enricher = new DocumentEnricher(textEnricher, clock);

    Topology topology = new Topology();
    topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
        Topics.RAW_DOCUMENTS.name());
    topology.addProcessor(PROCESSOR, () -> new EnrichProcessor(raw.deserializer(), enricher, metrics), SOURCE);
    topology.addSink(ENRICHED_SINK, Topics.ENRICHED_DOCUMENTS.name(), Serdes.String().serializer(),
        enriched.serializer(), PROCESSOR);
    topology.addSink(DEAD_LETTER_SINK, Topics.DEAD_LETTER, Serdes.String().serializer(),
        Serdes.ByteArray().serializer(), PROCESSOR);
    return topology;
  }
}
