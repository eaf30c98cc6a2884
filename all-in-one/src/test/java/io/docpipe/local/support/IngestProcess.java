package io.docpipe.local.support;

import io.docpipe.local.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest service as a separate JVM, started exactly as {@code ./docpipe service ingest} does and
 * pointed at the shared stack's broker and registry, so that tests can kill it with SIGKILL by its PID.
 */
public final class IngestProcess implements AutoCloseable {
  private final ServiceProcess service;

  public IngestProcess(LocalStack stack, Path workDir, String transactionalId, Map<String, String> extra)
      throws IOException {
    Files.createDirectories(workDir);
    Map<String, String> env = new HashMap<>();
    env.put("DOCPIPE_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
    env.put("DOCPIPE_REGISTRY_URL", stack.config().registryUrl());
    env.put("DOCPIPE_INGEST_INBOX_DIR", workDir.resolve("inbox").toString());
    env.put("DOCPIPE_INGEST_PROCESSED_DIR", workDir.resolve("processed").toString());
    env.put("DOCPIPE_INGEST_FAILED_DIR", workDir.resolve("failed").toString());
    env.put("DOCPIPE_INGEST_TRANSACTIONAL_ID", transactionalId);
    env.put("DOCPIPE_INGEST_QUIET_PERIOD", "200ms");
    env.put("DOCPIPE_INGEST_RESCAN_INTERVAL", "1s");
    env.put("DOCPIPE_TOPICS_PARTITIONS", "2");
    // TEST_HEAP (not a service setting) caps the child JVM's heap for memory-bound tests.
    env.putAll(extra);
    this.service = new ServiceProcess("ingest", transactionalId, env);
  }

  public Path inbox() {
    return Path.of(service.setting("DOCPIPE_INGEST_INBOX_DIR"));
  }

  public Path processed() {
    return Path.of(service.setting("DOCPIPE_INGEST_PROCESSED_DIR"));
  }

  public Path failed() {
    return Path.of(service.setting("DOCPIPE_INGEST_FAILED_DIR"));
  }

  public int opsPort() {
    return service.opsPort();
  }

  public Path log() {
    return service.log();
  }

  /**
   * Under root, starts the service without the capabilities that let root read any file
   * ({@code setpriv --bounding-set -dac_override,-dac_read_search}): file permissions then apply to it as to
   * an operator's service account. Returns false when that is not possible here (no setpriv).
   */
  public boolean asNonPrivilegedWhenRoot() throws IOException, InterruptedException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return true;
    }
    List<String> setpriv = List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search");
    List<String> probe = new java.util.ArrayList<>(setpriv);
    probe.add("true");
    try {
      if (new ProcessBuilder(probe).redirectErrorStream(true).start().waitFor() != 0) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    service.launchWith(setpriv);
    return true;
  }

  public void start() throws IOException {
    service.start();
  }

  /** SIGKILL: no shutdown hook, no flush, no clean close. */
  public void kill() throws InterruptedException {
    service.kill();
  }

  public long pid() {
    return service.pid();
  }

  public boolean isAlive() {
    return service.isAlive();
  }

  public String metrics() throws Exception {
    return service.metrics();
  }

  public int readiness() {
    return service.readiness();
  }

  @Override
  public void close() {
    service.close();
  }
}
