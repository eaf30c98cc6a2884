package io.docpipe.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingest service as a separate JVM, started exactly as {@code ./docpipe service ingest} does and
 * pointed at the shared stack's broker and registry, so that tests can kill it with SIGKILL by its PID.
 */
final class IngestProcess implements AutoCloseable {
  private final Map<String, String> env = new HashMap<>();
  private final Path log;
  private final int opsPort;
  private Process process;
  private List<String> launcher = List.of();

  IngestProcess(LocalStack stack, Path workDir, String transactionalId, Map<String, String> extra)
      throws IOException {
    Files.createDirectories(workDir);
    try (ServerSocket socket = new ServerSocket(0)) {
      opsPort = socket.getLocalPort();
    }
    env.put("DOCPIPE_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
    env.put("DOCPIPE_REGISTRY_URL", stack.config().registryUrl());
    env.put("DOCPIPE_INGEST_INBOX_DIR", workDir.resolve("inbox").toString());
    env.put("DOCPIPE_INGEST_PROCESSED_DIR", workDir.resolve("processed").toString());
    env.put("DOCPIPE_INGEST_FAILED_DIR", workDir.resolve("failed").toString());
    env.put("DOCPIPE_INGEST_TRANSACTIONAL_ID", transactionalId);
    env.put("DOCPIPE_INGEST_QUIET_PERIOD", "200ms");
    env.put("DOCPIPE_INGEST_RESCAN_INTERVAL", "1s");
    env.put("DOCPIPE_INGEST_OPS_PORT", Integer.toString(opsPort));
    env.put("DOCPIPE_TOPICS_PARTITIONS", "2");
    env.putAll(extra);
    // TEST_HEAP (not a service setting) caps the child JVM's heap for memory-bound tests.
    Path logs = Files.createDirectories(Path.of("target", "it-logs"));
    this.log = logs.resolve("ingest-" + transactionalId + "-" + System.nanoTime() + ".log");
  }

  Path inbox() {
    return Path.of(env.get("DOCPIPE_INGEST_INBOX_DIR"));
  }

  Path processed() {
    return Path.of(env.get("DOCPIPE_INGEST_PROCESSED_DIR"));
  }

  Path failed() {
    return Path.of(env.get("DOCPIPE_INGEST_FAILED_DIR"));
  }

  int opsPort() {
    return opsPort;
  }

  Path log() {
    return log;
  }

  /**
   * Under root, starts the service without the capabilities that let root read any file
   * ({@code setpriv --bounding-set -dac_override,-dac_read_search}): file permissions then apply to it as to
   * an operator's service account. Returns false when that is not possible here (no setpriv).
   */
  boolean asNonPrivilegedWhenRoot() throws IOException, InterruptedException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return true;
    }
    List<String> setpriv = List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search");
    List<String> probe = new ArrayList<>(setpriv);
    probe.add("true");
    try {
      if (new ProcessBuilder(probe).redirectErrorStream(true).start().waitFor() != 0) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    launcher = setpriv;
    return true;
  }

  void start() throws IOException {
    Path module = locate("ingest-service");
    String classpath = module.resolve("target/classes") + java.io.File.pathSeparator
        + Files.readString(module.resolve("target/runtime-classpath.txt")).strip();
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx" + env.getOrDefault("TEST_HEAP", "512m"), "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.log.io.docpipe.ingest=debug",
        "-cp", classpath, "io.docpipe.ingest.IngestService"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    process = builder.start();
  }

  /** SIGKILL: no shutdown hook, no flush, no clean close. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  String metrics() throws Exception {
    return Http.get("http://127.0.0.1:" + opsPort + "/metrics");
  }

  int readiness() {
    try {
      return Http.status("http://127.0.0.1:" + opsPort + "/health/ready");
    } catch (Exception e) {
      return -1;
    }
  }

  private static Path locate(String module) throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(module).resolve("target/runtime-classpath.txt"))) {
        return dir.resolve(module);
      }
    }
    throw new IOException(module + "/target/runtime-classpath.txt not found: build with ./mvnw verify");
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
