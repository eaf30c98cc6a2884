package io.docpipe.ingest;

import io.docpipe.ingest.extract.ExtractionLimits;
import io.docpipe.runtime.KafkaSettings;
import io.docpipe.runtime.OpsSettings;
import io.docpipe.runtime.Setting;
import io.docpipe.runtime.SettingTable;
import io.docpipe.runtime.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typed configuration of the ingest service.
 *
 * @param inbox the watched folder
 * @param processedDir where published files are moved, keeping their relative path
 * @param failedDir where failed files are moved, each with a {@code <name>.error.txt} beside it
 * @param quietPeriod a file is complete once its size and modified time have not changed for this long
 * @param emptyFileTimeout a file still empty after this long fails as empty
 * @param rescanInterval full rescan of the inbox, for missed or overflowed watch events
 * @param mode MOVE published files to the processed tree, or KEEP them in place (state in the ledger)
 * @param deleteTombstones in KEEP mode, a deleted file's document is deleted downstream (tombstone)
 * @param doneMarker when set (e.g. {@code .done}), a file is taken only once a marker file named
 *     {@code <file><marker>} appears beside it
 * @param limits file size, extracted text size and parse time limits
 * @param extensions when not empty, only these extensions are ingested; others are skipped by policy
 * @param workers files extracted in parallel (bounded pool)
 * @param batchMaxFiles most files settled in one Kafka transaction
 * @param batchLinger how long a transaction waits for more files
 * @param publishBufferBytes serialized records waiting for a transaction, at most (memory bound)
 * @param transactionalId Kafka transactional id of this ingest instance (one per inbox)
 */
public record IngestConfig(KafkaSettings kafka, OpsSettings ops, Path inbox, Path processedDir,
    Path failedDir, Mode mode, boolean deleteTombstones, String doneMarker, Duration quietPeriod,
    Duration emptyFileTimeout, Duration rescanInterval, ExtractionLimits limits, Set<String> extensions, int workers,
    int batchMaxFiles, Duration batchLinger, long publishBufferBytes, String transactionalId) {

  /** What happens to a published file. */
  public enum Mode { MOVE, KEEP }

  /** The ingest service's settings. */
  public static final SettingTable TABLE = new SettingTable("Ingest service");
  static final Setting<Path> INBOX = TABLE.path("ingest.inbox.dir", Path.of("inbox"), "`inbox`", "Watched folder.");
  static final Setting<Optional<Path>> PROCESSED_DIR = TABLE.optionalPath("ingest.processed.dir",
      "`processed` beside the inbox", "Where published files go (move mode); must be outside the inbox.");
  static final Setting<Optional<Path>> FAILED_DIR = TABLE.optionalPath("ingest.failed.dir",
      "`failed` beside the inbox", "Where failed files go, each with `<name>.error.txt`; outside the inbox.");
  static final Setting<Mode> MODE = TABLE.enumValue("ingest.mode", Mode.class, Mode.MOVE,
      "`move` published files to the processed folder, or `keep` them in place (state in the ledger).");
  static final Setting<Boolean> DELETE_TOMBSTONES = TABLE.bool("ingest.delete.tombstones", false,
      "Keep mode: a deleted file's document is deleted downstream (a tombstone).");
  static final Setting<Optional<String>> DONE_MARKER = TABLE.optional("ingest.done.marker",
      "E.g. `.done`: take a file only once `<file>.done` exists beside it.");
  static final Setting<Duration> QUIET_PERIOD = TABLE.duration("ingest.quiet.period", Duration.ofSeconds(1),
      "A file unchanged (size, modified time) this long is completely written.");
  static final Setting<Duration> EMPTY_FILE_TIMEOUT = TABLE.duration("ingest.empty.file.timeout",
      Duration.ofMinutes(5), "A file still empty after this long fails as empty.");
  static final Setting<Duration> RESCAN_INTERVAL = TABLE.duration("ingest.rescan.interval", Duration.ofSeconds(10),
      "Full rescan of the inbox (missed events, network filesystems, files that arrived while down).");
  static final Setting<Long> MAX_FILE_BYTES = TABLE.bytes("ingest.max.file.bytes", 128L * 1024 * 1024, "128m", 1,
      16L * 1024 * 1024 * 1024, "A larger file fails: \"the file is N bytes, over the limit…\".");
  static final Setting<Integer> MAX_TEXT_CHARS = TABLE.integer("ingest.max.text.chars", 24_000_000, 1, 40_000_000,
      "A file whose extracted text is longer fails.");
  static final Setting<Duration> PARSE_TIMEOUT = TABLE.duration("ingest.parse.timeout", Duration.ofSeconds(60),
      "Extraction taking longer fails; the parser thread is abandoned (`docpipe_ingest_abandoned_parsers`).");
  static final Setting<String> EXTENSIONS = TABLE.string("ingest.extensions", "",
      "When set (e.g. `pdf,docx,txt`), files with other extensions are skipped by policy; empty: all.");
  static final Setting<Integer> WORKERS = TABLE.integer("ingest.workers", 2, 1, 64,
      "Files extracted in parallel (bounded pool).");
  static final Setting<Integer> BATCH_MAX_FILES = TABLE.integer("ingest.batch.max.files", 500, 1, 10_000,
      "Most files settled in one Kafka transaction.");
  static final Setting<Duration> BATCH_LINGER = TABLE.duration("ingest.batch.linger", Duration.ofMillis(50),
      "How long a transaction waits for more files.");
  static final Setting<Long> PUBLISH_BUFFER_BYTES = TABLE.bytes("ingest.publish.buffer.bytes", 64L * 1024 * 1024,
      "64m", 1024 * 1024, 4L * 1024 * 1024 * 1024, "Serialized records waiting for a transaction, at most: "
      + "extraction waits beyond it.");
  static final Setting<String> TRANSACTIONAL_ID = TABLE.string("ingest.transactional.id", "docpipe-ingest",
      "Kafka transactional id: one per inbox (a restarted instance fences the old one).");
  static final OpsSettings.Declared OPS = OpsSettings.declare(TABLE, "ingest", 9401);

  public static IngestConfig from(Settings settings) {
    Path inbox = INBOX.read(settings);
    Path parent = inbox.toAbsolutePath().getParent();
    IngestConfig config = new IngestConfig(
        KafkaSettings.from(settings),
        OPS.read(settings),
        inbox,
        PROCESSED_DIR.read(settings).orElse(parent.resolve("processed")),
        FAILED_DIR.read(settings).orElse(parent.resolve("failed")),
        MODE.read(settings),
        DELETE_TOMBSTONES.read(settings),
        DONE_MARKER.read(settings).orElse(null),
        QUIET_PERIOD.read(settings),
        EMPTY_FILE_TIMEOUT.read(settings),
        RESCAN_INTERVAL.read(settings),
        new ExtractionLimits(MAX_FILE_BYTES.read(settings), MAX_TEXT_CHARS.read(settings),
            PARSE_TIMEOUT.read(settings)),
        Arrays.stream(EXTENSIONS.read(settings).split(","))
            .map(e -> e.strip().toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
            .filter(e -> !e.isEmpty()).collect(Collectors.toUnmodifiableSet()),
        WORKERS.read(settings),
        BATCH_MAX_FILES.read(settings),
        BATCH_LINGER.read(settings),
        PUBLISH_BUFFER_BYTES.read(settings),
        TRANSACTIONAL_ID.read(settings));
    Path absoluteInbox = inbox.toAbsolutePath().normalize();
    for (Path other : new Path[] {config.processedDir, config.failedDir}) {
      if (other.toAbsolutePath().normalize().startsWith(absoluteInbox)) {
        settings.problem(PROCESSED_DIR.key(), "and " + FAILED_DIR.key() + " must be outside the inbox, got "
            + other);
      }
    }
    if (config.deleteTombstones && config.mode != Mode.KEEP) {
      settings.problem(DELETE_TOMBSTONES.key(), "needs ingest.mode=KEEP (moved files are not deletions)");
    }
    if (config.doneMarker != null && !config.doneMarker.startsWith(".")) {
      settings.problem(DONE_MARKER.key(), "must be a suffix starting with '.', e.g. .done");
    }
    settings.validate();
    return config;
  }
}
