package io.docpipe.enrich;

import io.docpipe.runtime.Backoff;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrich service's health: whether Kafka Streams runs, whether the registry answers, and what to do
 * when a stream thread fails. A thread that failed is replaced after a back-off (a record that could not
 * be processed because the registry is down is then read again from the last commit); the back-off keeps
 * a dependency outage from turning into a hot loop of replaced threads.
 */
final class EnrichHealth implements EnrichSignals {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichHealth.class);
  private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
  private volatile String registryProblem;
  /** A record went through since the last failure: the next failure starts the back-off afresh. */
  private volatile boolean progressed;

  @Override
  public void registryAnswered() {
    progressed = true;
    if (registryProblem != null) {
      LOG.info("schema registry answers again");
      registryProblem = null;
    }
  }

  @Override
  public void registryUnavailable(String reason) {
    registryProblem = "schema registry unavailable: " + reason;
  }

  Optional<String> registryProblem() {
    return Optional.ofNullable(registryProblem);
  }

  Optional<String> streamsProblem(KafkaStreams streams) {
    if (streams == null) {
      return Optional.of("not started yet (waiting for Kafka and the registry)");
    }
    KafkaStreams.State state = streams.state();
    return state == KafkaStreams.State.RUNNING ? Optional.empty() : Optional.of("Kafka Streams is " + state);
  }

  /** False once Kafka Streams has failed for good: the orchestrator should restart the service. */
  boolean streamsAlive(KafkaStreams streams) {
    return streams == null || (streams.state() != KafkaStreams.State.ERROR
        && streams.state() != KafkaStreams.State.PENDING_ERROR);
  }

  /** The uncaught-exception handler: back off, then replace the thread. */
  synchronized StreamThreadExceptionResponse threadFailed(Throwable error) {
    if (progressed) {
      progressed = false;
      backoff.reset();
    }
    RetryLaterException retry = find(error);
    if (retry != null) {
      LOG.warn("stream thread stopped: {}; replacing it in about {} ms", retry.getMessage(),
          backoff.currentStep().toMillis());
    } else {
      LOG.error("stream thread failed; replacing it in about {} ms", backoff.currentStep().toMillis(), error);
    }
    try {
      Thread.sleep(backoff.next().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  private static RetryLaterException find(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RetryLaterException retry) {
        return retry;
      }
    }
    return null;
  }
}
