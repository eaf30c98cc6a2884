package io.docpipe.local;

import io.docpipe.local.support.Http;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each service exposes liveness, readiness and Prometheus metrics, Kafka client metrics included. */
class HealthAndMetricsIT {
  private static final Pattern HELP = Pattern.compile("(?m)^# HELP (\\S+) ?(.*)$");
  private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `(docpipe_[a-z0-9_]+)` \\|");

  @Test
  void everyServiceIsLiveReadyAndExposesItsMetrics() throws Exception {
    LocalStack stack = SharedStack.get();
    LocalConfig config = stack.config();
    for (int port : new int[] {config.ingestOpsPort(), config.enrichOpsPort(), config.indexOpsPort()}) {
      String base = "http://127.0.0.1:" + port;
      assertThat(Http.status(base + "/health/live")).isEqualTo(200);
      Await.until("readiness of " + base, Duration.ofSeconds(60), () -> statusOf(base + "/health/ready"),
          status -> status == 200);
    }
    assertThat(Http.get("http://127.0.0.1:" + config.enrichOpsPort() + "/metrics"))
        .contains("kafka_stream_").contains("docpipe_enrich_");
    assertThat(Http.get("http://127.0.0.1:" + config.indexOpsPort() + "/metrics")).contains("kafka_consumer_");
  }

  @Test
  void everyMeterHasHelpTextJvmMetricsAreBoundAndTheReadmeTableMatchesWhatIsEmitted() throws Exception {
    LocalConfig config = SharedStack.get().config();
    Map<String, String> docpipeFamilies = new TreeMap<>();
    for (int port : new int[] {config.ingestOpsPort(), config.enrichOpsPort(), config.indexOpsPort()}) {
      String metrics = Http.get("http://127.0.0.1:" + port + "/metrics");
      for (String family : new String[] {"jvm_memory_used_bytes", "jvm_gc_pause_seconds", "jvm_threads_live_threads",
          "process_cpu_usage", "process_uptime_seconds", "docpipe_health_ready", "docpipe_health_live",
          "docpipe_dead_letter_records_total"}) {
        assertThat(metrics).as("port " + port + " emits " + family).contains("# HELP " + family + " ");
      }
      Matcher help = HELP.matcher(metrics);
      while (help.find()) {
        String family = help.group(1);
        if (family.startsWith("docpipe_")) {
          assertThat(help.group(2)).as("HELP text of " + family).isNotBlank();
          docpipeFamilies.put(family.replaceAll("_max$", ""), help.group(2));
        }
      }
    }
    String readme = Files.readString(Path.of("..", "README.md"));
    String table = readme.substring(readme.indexOf("<!-- metrics-table:start -->"),
        readme.indexOf("<!-- metrics-table:end -->"));
    Set<String> documented = new TreeSet<>();
    Matcher row = TABLE_ROW.matcher(table);
    while (row.find()) {
      documented.add(row.group(1));
    }
    assertThat(documented).as("the README's metrics table").isEqualTo(docpipeFamilies.keySet());
  }

  private static int statusOf(String url) {
    try {
      return Http.status(url);
    } catch (Exception e) {
      return -1;
    }
  }
}
