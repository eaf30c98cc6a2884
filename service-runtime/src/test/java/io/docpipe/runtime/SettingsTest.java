package io.docpipe.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @Test
  void readsPrefixedEnvironmentAndSystemPropertiesWithOverridesOnTop() {
    Properties props = new Properties();
    props.setProperty("docpipe.ingest.workers", "4");
    props.setProperty("unrelated", "x");
    Settings settings = Settings.of(Map.of("DOCPIPE_INGEST_INBOX_DIR", "/in", "DOCPIPE_INGEST_WORKERS", "2",
        "HOME", "/root"), props, Map.of("ingest.quiet.period", "3s"));
    assertThat(settings.string("ingest.inbox.dir", "x")).isEqualTo("/in");
    assertThat(settings.integer("ingest.workers", 1, 1, 10)).isEqualTo(4);
    assertThat(settings.duration("ingest.quiet.period", Duration.ZERO)).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.optional("home")).isEmpty();
  }

  @Test
  void reportsEveryProblemAtOnceNamingTheVariable() {
    Settings settings = Settings.of(Map.of("a.number", "lots", "a.flag", "maybe", "a.wait", "soon",
        "a.url", "not a url"));
    settings.integer("a.number", 1, 0, 10);
    settings.bool("a.flag", false);
    settings.duration("a.wait", Duration.ZERO);
    settings.uri("a.url", "http://x");
    settings.required("a.missing");
    assertThatThrownBy(settings::validate).isInstanceOfSatisfying(ConfigException.class, e -> {
      assertThat(e.problems()).hasSize(5);
      assertThat(e.getMessage()).contains("DOCPIPE_A_NUMBER", "DOCPIPE_A_FLAG", "DOCPIPE_A_WAIT",
          "DOCPIPE_A_URL", "DOCPIPE_A_MISSING");
    });
  }

  @Test
  void rangesAreChecked() {
    Settings settings = Settings.of(Map.of("n", "11"));
    assertThat(settings.integer("n", 3, 0, 10)).isEqualTo(3);
    assertThatThrownBy(settings::validate).hasMessageContaining("between 0 and 10");
  }

  @Test
  void sizesAndDurationsHaveUnits() {
    assertThat(Settings.parseSize("16m")).isEqualTo(16L * 1024 * 1024);
    assertThat(Settings.parseSize("2kb")).isEqualTo(2048);
    assertThat(Settings.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Settings.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Settings.parseDuration("PT2S")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void secretsComeFromFilesWhenGiven(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("password");
    Files.writeString(file, "s3cret\n");
    Settings settings = Settings.of(Map.of("db.password.file", file.toString(), "other.password", "plain"));
    assertThat(settings.secret("db.password")).contains("s3cret");
    assertThat(settings.secret("other.password")).contains("plain");
    Settings broken = Settings.of(Map.of("db.password.file", dir.resolve("missing").toString()));
    assertThat(broken.secret("db.password")).isEmpty();
    assertThatThrownBy(broken::validate).hasMessageContaining("cannot read secret file");
  }

  @Test
  void kafkaSettingsPassClientPropertiesThroughAndHideThemFromToString() {
    KafkaSettings kafka = KafkaSettings.from(Settings.of(Map.of("kafka.bootstrap.servers", "b:9092",
        "kafka.sasl.jaas.config", "secret-jaas", "registry.basic.auth.user", "u",
        "registry.basic.auth.password", "pw")));
    assertThat(kafka.clientProperties()).containsEntry("sasl.jaas.config", "secret-jaas")
        .containsEntry("bootstrap.servers", "b:9092");
    assertThat(kafka.registry().basicAuthPassword()).contains("pw");
    assertThat(kafka.toString()).doesNotContain("secret-jaas").doesNotContain("pw");
  }

  @Test
  void unreadNamesTheVariablesNoAccessorAskedFor() {
    Settings settings = Settings.of(Map.of("DOCPIPE_INGEST_QUIET_PERIOD", "2s", "DOCPIPE_INGEST_QUIET_PERIODS", "3s",
        "DOCPIPE_KAFKA_SECURITY_PROTOCOL", "SSL"), new Properties(), Map.of());
    settings.duration("ingest.quiet.period", Duration.ofSeconds(1));
    settings.withPrefix("kafka.");
    assertThat(settings.unread()).containsExactly("ingest.quiet.periods");
    assertThat(Settings.envName("ingest.quiet.periods")).isEqualTo("DOCPIPE_INGEST_QUIET_PERIODS");
  }
}
