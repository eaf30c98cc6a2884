package io.docpipe.enrich;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Where a document waits for its repeat answers, shared by the enrich and gather stages of one task: the
 * encoded enriched document, and how many answers it still expects.
 */
record PendingStores(KeyValueStore<String, byte[]> documents, KeyValueStore<String, byte[]> progress) {
  static PendingStores of(ProcessorContext<?, ?> context) {
    return new PendingStores(context.getStateStore(EnrichTopology.PENDING_DOCUMENTS),
        context.getStateStore(EnrichTopology.PENDING_PROGRESS));
  }

  /** The document leaves (published, or deleted before its answers came). */
  void forget(String documentId) {
    documents.delete(documentId);
    progress.delete(documentId);
  }
}
