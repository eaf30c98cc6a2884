/**
 * Repeated-paragraph detection, exact and near, in plain Java: shingle MinHash signatures with LSH band keys
 * ({@link io.docpipe.enrich.repeats.ParagraphSignature}), and a finder that looks a paragraph up in any
 * {@link io.docpipe.enrich.repeats.RepeatIndex} (in memory for one document or one command-line run; a
 * Kafka Streams window store, partitioned by key, across documents).
 */
package io.docpipe.enrich.repeats;
