package io.docpipe.local;

import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import io.docpipe.local.support.Http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The container images `./mvnw verify` builds with Jib (target/jib-image.tar of each module) start and serve
 * their health endpoints as a container runtime would run them: layers unpacked into a root filesystem
 * mounted read-only, tmpfs on /tmp and /var/lib/docpipe (the image's volumes), /proc and /dev, the image's
 * entrypoint, environment and user (never root), in a private mount namespace (unshare + chroot; needs root,
 * as CI has). Each service is pointed at the shared test stack and must become live and ready; the
 * image's own healthcheck command (HealthProbe, used by docker-compose) must agree.
 */
class ImageIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void ingestImageRunsNonRootOnAReadOnlyRootAndIsLiveAndReady() throws Exception {
    runService("ingest", Map.of("DOCPIPE_INGEST_TRANSACTIONAL_ID", "image-it-" + System.nanoTime()));
  }

  @Test
  void enrichImageRunsNonRootOnAReadOnlyRootAndIsLiveAndReady() throws Exception {
    runService("enrich", Map.of("DOCPIPE_ENRICH_APPLICATION_ID", "image-it-" + System.nanoTime()));
  }

  @Test
  void indexImageRunsNonRootOnAReadOnlyRootAndIsLiveAndReady() throws Exception {
    String name = "image-it-" + System.nanoTime();
    runService("index", Map.of("DOCPIPE_INDEX_ALIAS", name, "DOCPIPE_INDEX_GROUP_ID", name,
        "DOCPIPE_OPENSEARCH_URL", SharedStack.get().config().openSearchUrl()));
  }

  @Test
  void commandLineImageRunsItsCommands() throws Exception {
    Image image = Image.unpack(requireImage("all-in-one"));
    image.checkProductionRules();
    Process cli = image.start(List.of("--help"), Map.of());
    assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(cli.exitValue()).as(output).isZero();
    assertThat(output).contains("search", "tail", "enrich");
  }

  private static void runService(String service, Map<String, String> settings) throws Exception {
    LocalStack stack = SharedStack.get();
    Image image = Image.unpack(requireImage(service + "-service"));
    image.checkProductionRules();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> env = new LinkedHashMap<>(settings);
    env.put("DOCPIPE_" + service.toUpperCase(Locale.ROOT) + "_OPS_PORT", Integer.toString(port));
    env.put("DOCPIPE_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
    env.put("DOCPIPE_REGISTRY_URL", stack.config().registryUrl());
    Process process = image.start(List.of(), env);
    String base = "http://127.0.0.1:" + port;
    try {
      Await.until(service + " image live", Duration.ofSeconds(90), () -> status(base + "/health/live"),
          s -> s == 200);
      Await.until(service + " image ready", Duration.ofSeconds(120), () -> status(base + "/health/ready"),
          s -> s == 200);
      Process probe = image.start(List.of("java", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp", "/app/libs/*",
          "io.docpipe.runtime.HealthProbe", base + "/health/ready"), Map.of(), true);
      assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(probe.exitValue()).as("the image's healthcheck command: "
          + new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    assertThat(process.exitValue()).as("stopped cleanly by SIGTERM, see " + image.log).isIn(0, 143);
  }

  private static Path requireImage(String module) {
    Path tar = ROOT.resolve(module).resolve("target/jib-image.tar");
    boolean root = "root".equals(System.getProperty("user.name"));
    assumeTrue(System.getenv("CI") != null || (root && Files.exists(tar)),
        "needs root (unshare, chroot, mount) and the images `./mvnw verify` builds; CI has both");
    assertThat(root).as("the image test runs as root in CI").isTrue();
    assertThat(tar).as("Jib's image tar of " + module).exists();
    return tar;
  }

  private static int status(String url) {
    try {
      return Http.status(url);
    } catch (Exception e) {
      return -1;
    }
  }

  /** An image tar unpacked: its configuration and a root filesystem of its layers. */
  private record Image(JsonNode config, Path rootfs, Path log) {
    static Image unpack(Path tar) throws IOException, InterruptedException {
      Path dir = Files.createTempDirectory("image-it-");
      exec(dir, "tar", "-xf", tar.toString());
      JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile()).get(0);
      JsonNode config = JSON.readTree(dir.resolve(manifest.path("Config").asText()).toFile()).path("config");
      Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
      for (JsonNode layer : manifest.path("Layers")) {
        exec(dir, "tar", "-xf", dir.resolve(layer.asText()).toString(), "-C", rootfs.toString());
      }
      // Mount points and files a container runtime provides.
      Files.createDirectories(rootfs.resolve("proc"));
      Files.createDirectories(rootfs.resolve("dev"));
      Files.writeString(rootfs.resolve("etc/hosts"), "127.0.0.1 localhost "
          + java.net.InetAddress.getLocalHost().getHostName() + "\n");
      Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(tar.getParent().getParent()
          .getFileName() + "-image-" + System.nanoTime() + ".log");
      return new Image(config, rootfs, log);
    }

    /** Non-root, no secrets in the environment or the layers, writable volumes for /tmp and state. */
    void checkProductionRules() throws IOException {
      String user = config.path("User").asText();
      assertThat(user).as("image user").isNotBlank().doesNotStartWith("0").doesNotStartWith("root");
      config.path("Env").forEach(e -> assertThat(e.asText().split("=", 2)[0])
          .as("no secret in the image's environment").doesNotContainIgnoringCase("PASSWORD")
          .doesNotContainIgnoringCase("SECRET").doesNotContainIgnoringCase("TOKEN")
          .doesNotContainIgnoringCase("API_KEY"));
      assertThat(config.path("Volumes").has("/tmp")).isTrue();
      assertThat(config.path("Volumes").has("/var/lib/docpipe")).isTrue();
      try (var files = Files.walk(rootfs)) {
        List<String> secrets = files.map(p -> rootfs.relativize(p).toString())
            .filter(p -> p.matches(".*\\.(jks|p12|pfx|pem|key|keystore)$") || p.endsWith("id_rsa")
                || p.endsWith(".env"))
            .toList();
        assertThat(secrets).as("key stores or keys in the image").isEmpty();
      }
    }

    Process start(List<String> args, Map<String, String> settings) throws IOException {
      return start(args, settings, false);
    }

    /** Runs the entrypoint (with args) or, when {@code replace}, args instead, as the image's user. */
    Process start(List<String> args, Map<String, String> settings, boolean replace) throws IOException {
      List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--propagation", "private",
          "bash", "-c", RUN, "run-image", rootfs.toString(), config.path("User").asText()));
      if (!replace) {
        config.path("Entrypoint").forEach(e -> command.add(e.asText()));
      }
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().clear();
      config.path("Env").forEach(e -> {
        String[] pair = e.asText().split("=", 2);
        builder.environment().put(pair[0], pair[1]);
      });
      builder.environment().putAll(settings);
      if (!replace && args.isEmpty()) {
        builder.redirectOutput(log.toFile());
      }
      return builder.start();
    }

    private static final String RUN = String.join("\n",
        "set -e",
        "R=\"$1\"; U=\"$2\"; shift 2",
        "mount --bind \"$R\" \"$R\"",
        "mount -o remount,bind,ro \"$R\"",
        "mount -t tmpfs -o mode=1777 tmpfs \"$R/tmp\"",
        "mount -t tmpfs -o uid=${U%%:*},gid=${U##*:},mode=0755 tmpfs \"$R/var/lib/docpipe\"",
        "mount -t proc proc \"$R/proc\"",
        "mount --bind /dev \"$R/dev\"",
        "cd \"$R\"",
        "exec /usr/sbin/chroot --userspec=\"$U\" \"$R\" \"$@\"");

    private static void exec(Path dir, String... command) throws IOException, InterruptedException {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }
  }
}
