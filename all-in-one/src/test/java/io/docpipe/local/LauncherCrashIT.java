package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.index.OpenSearchConnection;
import io.docpipe.index.OpenSearchSettings;
import io.docpipe.schemas.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos, long form only ({@code bench/chaos.sh}): the whole {@code docpipe start} (broker, services, and
 * through them the registry and OpenSearch children) killed with SIGKILL in the middle of a 300-file burst,
 * then started again over the same data. Every file must end exactly once: published and indexed once,
 * one committed record per document on the raw and enriched topics, nothing dead-lettered.
 */
@Tag("long-chaos")
class LauncherCrashIT {
  private static final int FILES = Integer.getInteger("chaos.files", 300);

  @TempDir
  Path work;

  @Test
  void killingTheWholeLauncherMidBurstLeavesEveryFileExactlyOnce() throws Exception {
    Path data = work.resolve("data");
    int kafka = freePort();
    int openSearch = freePort();
    Map<String, String> env = Map.of("DOCPIPE_LOCAL_DATA_DIR", data.toString(),
        "DOCPIPE_LOCAL_KAFKA_PORT", Integer.toString(kafka),
        "DOCPIPE_LOCAL_CONTROLLER_PORT", Integer.toString(freePort()),
        "DOCPIPE_LOCAL_REGISTRY_PORT", Integer.toString(freePort()),
        "DOCPIPE_LOCAL_OPENSEARCH_PORT", Integer.toString(openSearch),
        "DOCPIPE_LOCAL_INGEST_OPS_PORT", Integer.toString(freePort()),
        "DOCPIPE_LOCAL_ENRICH_OPS_PORT", Integer.toString(freePort()),
        "DOCPIPE_LOCAL_INDEX_OPS_PORT", Integer.toString(freePort()));
    Path log = work.resolve("launcher.log");
    Process launcher = start(env, log);
    try {
      Await.until("docpipe running", Duration.ofSeconds(240), () -> CrashSafetyIT.read(log),
          l -> l.contains("docpipe is running"));
      Path inbox = Files.createDirectories(data.resolve("inbox").resolve("burst"));
      for (int i = 0; i < FILES; i++) {
        Files.writeString(inbox.resolve("file-" + i + ".txt"), "Burst file " + i + " about Pervez Musharraf.\n");
      }
      Await.until("a third published", Duration.ofSeconds(120), () -> CrashSafetyIT.count(data.resolve("processed")),
          n -> n >= FILES / 3);
      launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

      Files.writeString(log, "");
      launcher = start(env, log);
      Await.until("docpipe running again", Duration.ofSeconds(240), () -> CrashSafetyIT.read(log),
          l -> l.contains("docpipe is running"));
      Await.until("every file published", Duration.ofSeconds(240),
          () -> CrashSafetyIT.count(data.resolve("processed")), n -> n == FILES);
      assertThat(CrashSafetyIT.count(data.resolve("failed"))).isZero();
      try (OpenSearchConnection os = new OpenSearchConnection(OpenSearchSettings.of(
          URI.create("http://localhost:" + openSearch)))) {
        Await.until("every file indexed", Duration.ofSeconds(180), () -> {
          try {
            return os.send("POST", "/docpipe-documents/_count", "{\"query\":{\"term\":{\"source.collection\":\"burst\"}}}")
                .path("count").asLong();
          } catch (RuntimeException e) {
            return -1L;
          }
        }, n -> n == FILES);
      }
      String bootstrap = "localhost:" + kafka;
      for (String topic : List.of(Topics.RAW_DOCUMENTS.name(), Topics.ENRICHED_DOCUMENTS.name())) {
        var records = RawTopic.byKey(bootstrap, topic);
        assertThat(records).as(topic).hasSize(FILES);
        assertThat(records.values()).as(topic + ": each document once").allSatisfy(r -> assertThat(r).hasSize(1));
      }
      assertThat(RawTopic.byKey(bootstrap, Topics.DEAD_LETTER)).as("nothing dead-lettered").isEmpty();
      System.out.printf("LauncherCrashIT: %d files, launcher killed after %d+ were published; %d indexed, each once%n",
          FILES, FILES / 3, FILES);
    } finally {
      launcher.destroy();
      launcher.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static Process start(Map<String, String> env, Path log) throws IOException {
    Path module = Path.of("").toAbsolutePath();
    String classpath = module.resolve("target/classes") + java.io.File.pathSeparator
        + Files.readString(module.resolve("target/runtime-classpath.txt")).strip();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-XX:+UseSerialGC", "-cp", classpath, "io.docpipe.local.DocpipeCli", "start")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    return builder.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
