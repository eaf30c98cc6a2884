package io.docpipe.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How often Micrometer's Kafka binders look for new Kafka metrics (a consumer's lag appears only once it
 * has partitions): every 15 s instead of the binder's 60 s, so a dashboard shows a new instance's lag soon.
 */
public final class KafkaMetricsRefresh {
  public static final Duration INTERVAL = Duration.ofSeconds(15);

  private KafkaMetricsRefresh() {}

  /** A daemon scheduler for one binder; the binder shuts it down when closed. */
  public static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, name + "-kafka-metrics");
      thread.setDaemon(true);
      return thread;
    });
  }
}
