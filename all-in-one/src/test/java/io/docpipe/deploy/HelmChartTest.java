package io.docpipe.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.docpipe.enrich.EnrichConfig;
import io.docpipe.index.IndexConfig;
import io.docpipe.ingest.IngestConfig;
import io.docpipe.runtime.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart, with Helm's own code (helm-java): lint --strict and template with every ci/*-values.yaml,
 * the rendered manifests validated against the Kubernetes schemas (npm kubernetes-models), and the rules
 * that matter checked on them: restricted pod security, probes, one Recreate ingest, enrich as a StatefulSet,
 * no service links, secrets only by reference, and only DOCPIPE_* variables the services read.
 */
class HelmChartTest {
  private static final Path CHART = Tools.ROOT.resolve("helm/docpipe");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> ciValues() throws IOException {
    return Tools.files(CHART.resolve("ci"), "-values.yaml").stream();
  }

  @ParameterizedTest
  @MethodSource("ciValues")
  void lintsStrictlyWithTheValues(Path values) throws Exception {
    // helm-java's lint reads the chart's values.yaml only: lint a copy whose values.yaml has these merged in.
    Path copy = Files.createTempDirectory("chart-lint-").resolve("docpipe");
    copyResolvingLinks(CHART, copy);
    ObjectNode merged = (ObjectNode) YAML.readTree(CHART.resolve("values.yaml").toFile());
    merge(merged, YAML.readTree(values.toFile()));
    YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
    LintResult lint = new Helm(copy).lint().strict().call();
    assertThat(lint.isFailed()).as(values.getFileName() + ": " + lint.getMessages()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("ciValues")
  void rendersRestrictedWorkloadsWithProbesAndKnownSettings(Path values) throws Exception {
    List<JsonNode> manifests = render(values);
    JsonNode valuesTree = YAML.readTree(values.toFile());
    int workloads = 0;
    for (JsonNode manifest : manifests) {
      String kind = manifest.path("kind").asText();
      if (!kind.equals("Deployment") && !kind.equals("StatefulSet")) {
        continue;
      }
      workloads++;
      String name = manifest.path("metadata").path("name").asText();
      String component = manifest.path("metadata").path("labels").path("app.kubernetes.io/component").asText();
      JsonNode pod = manifest.path("spec").path("template").path("spec");
      checkRestricted(name, pod);
      assertThat(pod.path("enableServiceLinks").isBoolean() && !pod.path("enableServiceLinks").asBoolean())
          .as(name + ": enableServiceLinks false").isTrue();
      JsonNode container = pod.path("containers").get(0);
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
      assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
      checkSettings(name, component, container.path("env"));
      switch (component) {
        case "ingest" -> {
          assertThat(kind).isEqualTo("Deployment");
          assertThat(manifest.path("spec").path("replicas").asInt()).as("one ingest per inbox").isEqualTo(1);
          assertThat(manifest.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
          assertThat(pod.path("volumes").toString()).contains("persistentVolumeClaim");
        }
        case "enrich" -> {
          assertThat(kind).isEqualTo("StatefulSet");
          assertThat(manifest.path("spec").path("volumeClaimTemplates").size()).isEqualTo(1);
          assertThat(manifest.path("spec").path("replicas").asInt())
              .isEqualTo(valuesTree.path("enrich").path("replicas").asInt(2));
        }
        case "index" -> {
          assertThat(kind).isEqualTo("Deployment");
          assertThat(manifest.path("spec").path("replicas").asInt())
              .isEqualTo(valuesTree.path("index").path("replicas").asInt(2));
        }
        default -> throw new AssertionError("unknown component " + component);
      }
    }
    assertThat(workloads).isEqualTo(valuesTree.path("index").path("enabled").asBoolean(true) ? 3 : 2);
  }

  @Test
  void everyOptionalObjectRendersWhenEnabled() throws Exception {
    List<String> kinds = render(CHART.resolve("ci/full-values.yaml")).stream()
        .map(m -> m.path("kind").asText()).toList();
    assertThat(kinds).contains("PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor", "PrometheusRule",
        "ConfigMap", "Service", "PersistentVolumeClaim");
    JsonNode rule = render(CHART.resolve("ci/full-values.yaml")).stream()
        .filter(m -> m.path("kind").asText().equals("PrometheusRule")).findFirst().orElseThrow();
    JsonNode shipped = YAML.readTree(Tools.ROOT.resolve("monitoring/alerts.yml").toFile());
    assertThat(rule.path("spec").path("groups")).as("the chart ships monitoring/alerts.yml as is")
        .isEqualTo(shipped.path("groups"));
    assertThat(render(CHART.resolve("ci/default-values.yaml")).stream().map(m -> m.path("kind").asText()))
        .doesNotContain("PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor", "PrometheusRule", "ConfigMap");
  }

  @Test
  void valuesSchemaRejectsWrongValues() {
    Path defaults = CHART.resolve("ci/default-values.yaml");
    assertThatThrownBy(() -> new Helm(CHART).template().withValuesFile(defaults).set("index.replicas", "many").call())
        .hasMessageContaining("replicas");
    assertThatThrownBy(() -> new Helm(CHART).template().set("registry.url", "http://registry:8081").call())
        .hasMessageContaining("bootstrapServers");
    assertThatThrownBy(() -> new Helm(CHART).template().withValuesFile(defaults).set("ingest.replicas", 3).call())
        .as("ingest has no replicas setting: always one").hasMessageContaining("replicas");
    assertThatThrownBy(() -> new Helm(CHART).template().withValuesFile(defaults)
        .set("kafka.settings.sasl\\.jaas\\.config", "secret").call())
        .as("a SASL secret belongs in existingSecret").hasMessageContaining("/kafka/settings");
  }

  @Test
  void renderedManifestsMatchTheKubernetesSchemas() throws Exception {
    String node = Tools.require("node", "nodejs");
    String npm = Tools.require("npm", "npm");
    Path checker = Tools.ROOT.resolve("helm/schema-check");
    if (!Files.isDirectory(checker.resolve("node_modules/kubernetes-models"))) {
      Tools.Result install = Tools.run(checker, npm, "ci", "--no-audit", "--no-fund", "--loglevel=error");
      assertThat(install.status()).as("npm ci: " + install.output()).isZero();
    }
    for (Path values : ciValues().toList()) {
      Path manifests = Files.createTempFile("manifests-", ".json");
      JSON.writeValue(manifests.toFile(), render(values));
      Tools.Result validation = Tools.run(checker, node, "validate.mjs", manifests.toString());
      assertThat(validation.status()).as(values.getFileName() + ": " + validation.output()).isZero();
      assertThat(validation.output()).contains("valid:");
    }
  }

  private static List<JsonNode> render(Path values) throws IOException {
    String rendered = new Helm(CHART).template().withName("demo").withNamespace("docpipe")
        .withKubeVersion("1.30.0").withValuesFile(values).call();
    List<JsonNode> manifests = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(rendered)) {
      Iterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class);
      docs.forEachRemaining(doc -> {
        if (doc != null && !doc.isNull() && doc.has("kind")) {
          manifests.add(doc);
        }
      });
    }
    return manifests;
  }

  /** The restricted Pod Security Standard, on a pod spec and each container. */
  private static void checkRestricted(String name, JsonNode pod) {
    JsonNode podSecurity = pod.path("securityContext");
    assertThat(podSecurity.path("runAsNonRoot").asBoolean()).as(name + " runAsNonRoot").isTrue();
    assertThat(podSecurity.path("runAsUser").asInt(-1)).as(name + " runAsUser").isPositive();
    assertThat(podSecurity.path("seccompProfile").path("type").asText()).as(name + " seccomp").isEqualTo("RuntimeDefault");
    for (String hostField : new String[] {"hostNetwork", "hostPID", "hostIPC"}) {
      assertThat(pod.path(hostField).asBoolean(false)).as(name + " " + hostField).isFalse();
    }
    assertThat(pod.path("volumes").toString()).as(name + " hostPath").doesNotContain("hostPath");
    boolean tmpIsEmptyDir = false;
    for (JsonNode volume : pod.path("volumes")) {
      if (volume.path("name").asText().equals("tmp") && volume.has("emptyDir")) {
        tmpIsEmptyDir = true;
      }
    }
    assertThat(tmpIsEmptyDir).as(name + ": /tmp is an emptyDir").isTrue();
    for (JsonNode container : pod.path("containers")) {
      JsonNode security = container.path("securityContext");
      assertThat(security.path("allowPrivilegeEscalation").isBoolean()
          && !security.path("allowPrivilegeEscalation").asBoolean()).as(name + " allowPrivilegeEscalation").isTrue();
      assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(name + " readOnlyRootFilesystem").isTrue();
      assertThat(security.path("capabilities").path("drop").toString()).as(name + " drops ALL").contains("\"ALL\"");
      assertThat(security.path("capabilities").path("add").size()).as(name + " adds no capability").isZero();
      assertThat(security.path("privileged").asBoolean(false)).as(name + " privileged").isFalse();
      assertThat(container.path("volumeMounts").toString()).as(name + " mounts /tmp").contains("\"/tmp\"");
    }
  }

  /** Secrets only from Secrets, and every DOCPIPE_* variable one the component's config reads. */
  private static void checkSettings(String name, String component, JsonNode env) {
    Map<String, String> values = new HashMap<>();
    for (JsonNode variable : env) {
      String variableName = variable.path("name").asText();
      boolean secretName = variableName.matches(".*(PASSWORD|TOKEN|API_KEY|JAAS|SECRET).*");
      if (variable.has("valueFrom")) {
        assertThat(variable.path("valueFrom").has("secretKeyRef")).as(name + " " + variableName).isTrue();
        values.put(variableName, "from-a-secret");
      } else {
        assertThat(secretName).as(name + ": " + variableName + " must come from a Secret").isFalse();
        values.put(variableName, variable.path("value").asText());
      }
    }
    Settings settings = Settings.of(values, new java.util.Properties(), Map.of());
    Consumer<Settings> config = switch (component) {
      case "ingest" -> IngestConfig::from;
      case "enrich" -> EnrichConfig::from;
      default -> IndexConfig::from;
    };
    config.accept(settings);
    assertThat(settings.unread()).as(name + ": DOCPIPE_* variables " + component + " does not read").isEmpty();
    assertThat(values.get("DOCPIPE_" + component.toUpperCase(Locale.ROOT) + "_OPS_HOST")).isEqualTo("0.0.0.0");
  }

  private static void merge(ObjectNode into, JsonNode from) {
    from.fields().forEachRemaining(field -> {
      JsonNode existing = into.get(field.getKey());
      if (existing instanceof ObjectNode target && field.getValue().isObject()) {
        merge(target, field.getValue());
      } else {
        into.set(field.getKey(), field.getValue());
      }
    });
  }

  private static void copyResolvingLinks(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
