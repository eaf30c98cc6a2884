package io.docpipe.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the Kafka cluster answers, for readiness: a background check asks for the cluster's nodes every
 * few seconds with a short timeout, so the health endpoint reads a cached answer and never waits on Kafka.
 */
public final class KafkaReachability implements AutoCloseable {
  private static final Duration PERIOD = Duration.ofSeconds(5);
  private final Admin admin;
  private final ScheduledExecutorService checker;
  private volatile String problem = "not checked yet";

  public KafkaReachability(Map<String, Object> clientProperties, String service) {
    Map<String, Object> props = new java.util.HashMap<>(clientProperties);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "docpipe-" + service + "-health");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
    this.admin = Admin.create(props);
    this.checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, service + "-kafka-health");
      thread.setDaemon(true);
      return thread;
    });
    checker.scheduleWithFixedDelay(this::check, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(4000)).nodes()
          .get(5, TimeUnit.SECONDS).size();
      problem = nodes == 0 ? "the Kafka cluster reports no brokers" : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      problem = "Kafka does not answer: " + e;
    }
  }

  /** Empty when the last check reached the cluster; else why not. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  @Override
  public void close() {
    checker.shutdownNow();
    admin.close(Duration.ofSeconds(2));
  }
}
