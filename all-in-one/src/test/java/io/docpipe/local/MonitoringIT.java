package io.docpipe.local;

import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.RealPrometheus;
import io.docpipe.local.support.SwitchableHttpProxy;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docpipe.index.IndexConfig;
import io.docpipe.index.IndexService;
import io.docpipe.runtime.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards and the alert rules against a real Prometheus that scrapes the test stack: every
 * panel's PromQL (template variables substituted as Grafana would for "All") returns data once documents
 * have gone through, every template variable finds values, and stopping OpenSearch under an index service
 * makes the not-ready alert fire. The rules are loaded as shipped except that each {@code for:} is 5 s, so
 * the test need not wait minutes; {@code promtool test rules} checks the real durations.
 */
class MonitoringIT {
  private static final Path MONITORING = Path.of("..", "monitoring");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLLECTION = "monitoring";
  private static LocalStack stack;
  private static SwitchableHttpProxy openSearch;
  private static IndexService watchedIndex;
  private static RealPrometheus prometheus;

  @BeforeAll
  static void startPrometheusAndDropDocuments() throws Exception {
    String binary = RealPrometheus.binary();
    assumeTrue(binary != null || System.getenv("CI") != null, "prometheus is not installed (CI installs it)");
    assertThat(binary).as("prometheus must be installed in CI (.ci/run installs it)").isNotNull();
    stack = SharedStack.get();
    LocalConfig config = stack.config();
    openSearch = new SwitchableHttpProxy(URI.create(config.openSearchUrl()));
    String alias = "monitoring-" + System.nanoTime();
    watchedIndex = new IndexService(IndexConfig.from(Settings.of(Map.of(
        "kafka.bootstrap.servers", stack.bootstrapServers(), "registry.url", config.registryUrl(),
        "opensearch.url", openSearch.url(), "index.alias", alias, "index.group.id", alias,
        "index.ops.port", "0", "index.backoff.initial", "200ms", "index.backoff.max", "1s"))));
    watchedIndex.start();

    Path rules = Files.createTempFile("docpipe-alerts-", ".yml");
    Files.writeString(rules, Files.readString(MONITORING.resolve("alerts.yml"))
        .replaceAll("(?m)^(\\s+for:) \\S+$", "$1 5s"));
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    jobs.put("docpipe-ingest", List.of("127.0.0.1:" + config.ingestOpsPort()));
    jobs.put("docpipe-enrich", List.of("127.0.0.1:" + config.enrichOpsPort()));
    jobs.put("docpipe-index", List.of("127.0.0.1:" + config.indexOpsPort(), "127.0.0.1:" + watchedIndex.opsPort()));
    prometheus = new RealPrometheus(jobs, List.of(rules));
    // Every target scraped once before the documents go through, so that each counter's increase falls
    // between two scrapes (a series first seen after the documents passed would show no rate).
    Await.until("every target scraped", Duration.ofSeconds(60),
        () -> prometheus.query("up == 1").size() == 4
            && prometheus.query("docpipe_end_to_end_latency_seconds_count").size() == 2
            && prometheus.query("docpipe_enrich_documents_total").size() >= 2
            && prometheus.query("docpipe_ingest_files_total").size() >= 4,
        scraped -> scraped);

    // Documents of its own (the samples would become repeats of other tests' copies, or theirs of these).
    Path folder = Files.createDirectories(config.inbox().resolve(COLLECTION));
    long run = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      Files.writeString(folder.resolve("report-" + i + ".txt"), "Monitoring report " + i + " of run " + run
          + "\n\nThe committee met in Geneva on 12 March 2024 to review run " + run + ", item " + i + ".\n\n"
          + "Every monitoring report ends with the same closing paragraph about the review schedule.\n");
    }
    try (OpenSearchQueries os = new OpenSearchQueries(config)) {
      Await.until("the samples searchable", Duration.ofSeconds(120),
          () -> os.countOrZero("{\"term\":{\"source.collection\":\"" + COLLECTION + "\"}}"), n -> n == 5);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (watchedIndex != null) {
      watchedIndex.close();
    }
    if (openSearch != null) {
      openSearch.close();
    }
  }

  @Test
  void everyDashboardPanelShowsDataFromTheStack() throws Exception {
    List<Path> dashboards;
    try (Stream<Path> files = Files.list(MONITORING.resolve("dashboards"))) {
      dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(dashboards).hasSize(3);
    int queries = 0;
    for (Path file : dashboards) {
      JsonNode dashboard = JSON.readTree(file.toFile());
      for (JsonNode variable : dashboard.path("templating").path("list")) {
        if (variable.path("type").asText().equals("query")) {
          String selector = labelValuesSelector(variable.path("definition").asText());
          Await.until(file.getFileName() + " variable $" + variable.path("name").asText() + ": " + selector,
              Duration.ofSeconds(60), () -> prometheus.series(selector).size(), n -> n > 0);
        }
      }
      for (JsonNode panel : dashboard.path("panels")) {
        assertThat(panel.path("type").asText()).as("current panel types only").isIn("timeseries", "stat");
        for (JsonNode target : panel.path("targets")) {
          String expr = substitute(target.path("expr").asText());
          String what = file.getFileName() + " / " + panel.path("title").asText() + ": " + expr;
          // Kafka client metrics appear up to 15 s after a client gets partitions, then need a scrape.
          Await.until(what, Duration.ofSeconds(90), () -> finiteValues(prometheus.query(expr)), n -> n > 0);
          queries++;
        }
      }
    }
    assertThat(queries).isGreaterThan(30);
  }

  @Test
  void stoppingOpenSearchUnderAnIndexServiceFiresTheNotReadyAlert() throws Exception {
    String instance = "127.0.0.1:" + watchedIndex.opsPort();
    Await.until("the watched index service scraped as ready", Duration.ofSeconds(60),
        () -> prometheus.query("docpipe_health_ready{instance=\"" + instance + "\"} == 1").size(), n -> n == 1);
    openSearch.setDown(true);
    try {
      JsonNode alert = Await.until("DocpipeNotReady firing for " + instance, Duration.ofSeconds(90),
          () -> firing("DocpipeNotReady", instance), a -> a != null);
      assertThat(alert.path("labels").path("service").asText()).isEqualTo("index");
      assertThat(alert.path("labels").path("severity").asText()).isEqualTo("warning");
      assertThat(alert.path("annotations").path("runbook_url").asText()).endsWith("#docpipenotready");
      assertThat(firing("DocpipeNotReady", "127.0.0.1:" + stack.config().indexOpsPort()))
          .as("the stack's own index service, whose OpenSearch is up, is not alerted").isNull();
    } finally {
      openSearch.setDown(false);
    }
    Await.until("the alert resolved once OpenSearch is back", Duration.ofSeconds(90),
        () -> firing("DocpipeNotReady", instance) == null && pending("DocpipeNotReady", instance) == null,
        resolved -> resolved);
  }

  private static JsonNode firing(String alertName, String instance) {
    return alert(alertName, instance, "firing");
  }

  private static JsonNode pending(String alertName, String instance) {
    return alert(alertName, instance, "pending");
  }

  private static JsonNode alert(String alertName, String instance, String state) {
    for (JsonNode alert : prometheus.alerts()) {
      if (alert.path("labels").path("alertname").asText().equals(alertName)
          && alert.path("labels").path("instance").asText().equals(instance)
          && alert.path("state").asText().equals(state)) {
        return alert;
      }
    }
    return null;
  }

  /** Grafana's substitutions for "All" and a rate window that covers the documents' passage. */
  static String substitute(String expr) {
    return expr.replace("$__rate_interval", "5m").replace("$service", ".*").replace("$instance", ".*");
  }

  /** The series selector of {@code label_values(selector, label)}. */
  private static String labelValuesSelector(String definition) {
    Matcher m = Pattern.compile("label_values\\((.*),\\s*\\w+\\)").matcher(definition);
    assertThat(m.matches()).as("a label_values query: " + definition).isTrue();
    return substitute(m.group(1));
  }

  private static int finiteValues(JsonNode result) {
    List<Double> values = new ArrayList<>();
    for (JsonNode sample : result) {
      values.add(Double.parseDouble(sample.path("value").get(1).asText()));
    }
    return (int) values.stream().filter(v -> !v.isNaN() && !v.isInfinite()).count();
  }
}
