package io.docpipe.ingest;

import io.docpipe.runtime.KafkaSettings;
import io.docpipe.runtime.OpsSettings;
import io.docpipe.runtime.Settings;
import io.docpipe.runtime.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typed configuration of the ingest service.
 *
 * @param inbox the watched folder
 * @param processedDir where published files are moved, keeping their relative path
 * @param failedDir where failed files are moved, each with a {@code <name>.error.txt} beside it
 * @param quietPeriod a file is complete once its size and modified time have not changed for this long
 * @param rescanInterval full rescan of the inbox, for missed or overflowed watch events
 * @param maxFileBytes larger files fail with a reason
 * @param extensions file name extensions that are ingested; others are skipped by policy and left alone
 * @param workers files extracted and published in parallel
 */
public record IngestConfig(KafkaSettings kafka, OpsSettings ops, Path inbox, Path processedDir,
    Path failedDir, Duration quietPeriod, Duration rescanInterval, long maxFileBytes,
    Set<String> extensions, int workers, int partitions, int replicationFactor) {

  public static IngestConfig from(Settings settings) {
    Path inbox = settings.path("ingest.inbox.dir", Path.of("inbox"));
    Path parent = inbox.toAbsolutePath().getParent();
    IngestConfig config = new IngestConfig(
        KafkaSettings.from(settings),
        OpsSettings.from(settings, "ingest", 9401),
        inbox,
        settings.path("ingest.processed.dir", parent.resolve("processed")),
        settings.path("ingest.failed.dir", parent.resolve("failed")),
        settings.duration("ingest.quiet.period", Duration.ofMillis(1000)),
        settings.duration("ingest.rescan.interval", Duration.ofSeconds(10)),
        settings.number("ingest.max.file.bytes", 8L * 1024 * 1024, 1, TopicAdmin.MAX_MESSAGE_BYTES / 2),
        Arrays.stream(settings.string("ingest.extensions", "txt,md,markdown,text").split(","))
            .map(e -> e.strip().toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
            .filter(e -> !e.isEmpty()).collect(Collectors.toUnmodifiableSet()),
        settings.integer("ingest.workers", 2, 1, 64),
        settings.integer("topics.partitions", 3, 1, 10_000),
        settings.integer("topics.replication.factor", -1, -1, 32));
    Path absoluteInbox = inbox.toAbsolutePath().normalize();
    for (Path other : new Path[] {config.processedDir, config.failedDir}) {
      if (other.toAbsolutePath().normalize().startsWith(absoluteInbox)) {
        settings.problem("ingest.processed.dir", "and ingest.failed.dir must be outside the inbox, got "
            + other);
      }
    }
    settings.validate();
    return config;
  }
}
