package io.docpipe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The alert rules: promtool accepts them and their unit tests pass, and each alert has what an on-call
 * engineer needs (a for:, a severity, a summary, a runbook section that exists) and a test that fires it.
 */
class AlertRulesTest {
  private static final Path MONITORING = Tools.ROOT.resolve("monitoring");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");
    Tools.Result check = Tools.run(MONITORING, promtool, "check", "rules", "alerts.yml");
    assertThat(check.status()).as(check.output()).isZero();
    Tools.Result test = Tools.run(MONITORING, promtool, "test", "rules", "alerts-test.yml");
    assertThat(test.status()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasForSeveritySummaryARunbookSectionAndAFiringTest() throws Exception {
    JsonNode rules = YAML.readTree(MONITORING.resolve("alerts.yml").toFile());
    JsonNode tests = YAML.readTree(MONITORING.resolve("alerts-test.yml").toFile());
    Set<String> anchors = new HashSet<>();
    for (String line : Files.readAllLines(Tools.ROOT.resolve("docs/runbooks.md"))) {
      if (line.startsWith("## ")) {
        anchors.add(line.substring(3).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
      }
    }
    Set<String> firedInTests = new HashSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        if (check.path("exp_alerts").size() > 0) {
          firedInTests.add(check.path("alertname").asText());
        }
      }
    }
    Set<String> alerts = new HashSet<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.path("alert").asText();
        alerts.add(name);
        assertThat(rule.path("for").asText()).as(name + " for:").matches("\\d+[smh]");
        assertThat(rule.path("labels").path("severity").asText()).as(name + " severity").isIn("warning", "critical");
        assertThat(rule.path("annotations").path("summary").asText()).as(name + " summary").isNotBlank();
        String runbook = rule.path("annotations").path("runbook_url").asText();
        assertThat(runbook).as(name + " runbook").contains("docs/runbooks.md#");
        assertThat(anchors).as(name + ": its runbook section").contains(runbook.substring(runbook.indexOf('#') + 1));
        assertThat(firedInTests).as(name + " is shown firing in alerts-test.yml").contains(name);
      }
    }
    assertThat(alerts).contains("DocpipeServiceDown", "DocpipeServiceAbsent", "DocpipeNotReady",
        "DocpipeConsumerLagGrowing", "DocpipeConsumerStalled", "DocpipeDeadLetters",
        "DocpipeOldestPendingFileTooOld", "DocpipeBulkFailures", "DocpipeStreamThreadsDead");
  }
}
