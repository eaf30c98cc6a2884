package io.docpipe.enrich;

import io.docpipe.enrich.repeats.RepeatFinder;
import io.docpipe.enrich.text.TextEnricher;
import io.docpipe.runtime.TopicAdmin;
import io.docpipe.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich topology. Raw documents are enriched and parked; their paragraphs' lookup keys go to the repeat
 * index (partitioned by key, one message per partition); the answers come back, by document id, to where the
 * document is parked, which then publishes it with its cross-document repeats marked:
 *
 * <pre>
 * raw ─▶ enrich ─┬─▶ probes topic (by key) ───▶ repeat-lookup [repeat-index] ─▶ answers topic (by document)
 *                │                                                                  │
 *                └─[pending documents]◀──────────── repeat-gather ◀─────────────────┘
 *                          └──────────────────────────────▶ enriched topic (or dead letter)
 * </pre>
 *
 * The raw and answers topics must have the same partition count (the service creates the answers topic
 * so), since one task holds a document's pending state for both.
 */
public final class EnrichTopology {
  static final String SOURCE = "raw-documents";
  static final String PROCESSOR = "enrich";
  static final String PROBE_SOURCE = "repeat-probes";
  static final String LOOKUP = "repeat-lookup";
  static final String ANSWER_SOURCE = "repeat-answers";
  static final String GATHER = "repeat-gather";
  static final String PROBE_SINK = "to-repeat-probes";
  static final String ANSWER_SINK = "to-repeat-answers";
  static final String ENRICHED_SINK = "enriched-documents";
  static final String DEAD_LETTER_SINK = "dead-letter";
  static final String PENDING_DOCUMENTS = "pending-documents";
  static final String PENDING_PROGRESS = "pending-progress";
  static final String REPEAT_INDEX = "repeat-index";

  private EnrichTopology() {}

  /**
   * Builds the topology from the service's typed config for topics of one partition each (as
   * {@code TopologyTestDriver} has them); tests call this with the same config.
   */
  public static Topology build(EnrichConfig config, ValueSerdes serdes, MeterRegistry metrics, Clock clock) {
    return build(config, serdes, metrics, clock, EnrichSignals.NONE, 1);
  }

  /**
   * As {@link #build(EnrichConfig, ValueSerdes, MeterRegistry, Clock)}, telling the service of its dependencies,
   * for a probes topic of {@code probePartitions} partitions.
   */
  public static Topology build(EnrichConfig config, ValueSerdes serdes, MeterRegistry metrics, Clock clock,
      EnrichSignals signals, int probePartitions) {
    var raw = serdes.forTopic(Topics.RAW_DOCUMENTS);
    var enriched = serdes.forTopic(Topics.ENRICHED_DOCUMENTS);
    RepeatFinder finder = new RepeatFinder(config.nearRepeatSimilarity());
    TimeLimitedEnricher enricher = new TimeLimitedEnricher(new DocumentEnricher(
        new TextEnricher(TextEnricher.defaultEntityTagger(), finder, config.maxAnalyzedChars()), clock,
        config.taggerVersion()),
        config.documentTimeLimit());
    FailedAttempts attempts = new FailedAttempts();
    ProbeRouting routing = new ProbeRouting(config.repeatBuckets(), probePartitions);
    var strings = Serdes.String();
    var bytes = Serdes.ByteArray();

    Topology topology = new Topology();
    topology.addSource(SOURCE, strings.deserializer(), bytes.deserializer(), Topics.RAW_DOCUMENTS.name());
    topology.addSource(PROBE_SOURCE, strings.deserializer(), bytes.deserializer(), config.probeTopic());
    topology.addSource(ANSWER_SOURCE, strings.deserializer(), bytes.deserializer(), config.answerTopic());
    topology.addProcessor(PROCESSOR,
        () -> new EnrichProcessor(raw.deserializer(), enricher, routing, metrics, signals, attempts),
        SOURCE);
    topology.addProcessor(LOOKUP, () -> new RepeatLookupProcessor(finder, config.repeatMemory()), PROBE_SOURCE);
    topology.addProcessor(GATHER, () -> new RepeatGatherProcessor(metrics), ANSWER_SOURCE);

    Map<String, String> largeChangelog = Map.of("max.message.bytes", Integer.toString(TopicAdmin.MAX_MESSAGE_BYTES));
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_DOCUMENTS), strings,
        bytes).withLoggingEnabled(largeChangelog), PROCESSOR, GATHER);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_PROGRESS), strings,
        bytes), PROCESSOR, GATHER);
    topology.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(REPEAT_INDEX, config.repeatMemory(), Duration.ofMillis(1), true), strings,
        bytes), LOOKUP);

    topology.addSink(PROBE_SINK, config.probeTopic(), strings.serializer(), bytes.serializer(), PROCESSOR);
    topology.addSink(ANSWER_SINK, config.answerTopic(), strings.serializer(), bytes.serializer(), LOOKUP);
    topology.addSink(ENRICHED_SINK, Topics.ENRICHED_DOCUMENTS.name(), strings.serializer(), enriched.serializer(),
        PROCESSOR, GATHER);
    topology.addSink(DEAD_LETTER_SINK, Topics.DEAD_LETTER, strings.serializer(), bytes.serializer(), PROCESSOR);
    return topology;
  }
}
