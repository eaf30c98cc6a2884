package io.docpipe.local.support;

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
 * A docpipe service as a separate JVM, started as {@code ./docpipe service <name>} does (its module's
 * classes and runtime classpath, configured by {@code DOCPIPE_*} variables), so that tests can kill it by
 * its PID. The ops port is a free one; the log goes to {@code target/it-logs}.
 */
public final class ServiceProcess implements AutoCloseable {
  private final String module;
  private final String mainClass;
  private final Map<String, String> env = new HashMap<>();
  private final Path log;
  private final int opsPort;
  private Process process;
  private List<String> launcher = List.of();

  /** @param service ingest, enrich or index */
  public ServiceProcess(String service, String instance, Map<String, String> settings) throws IOException {
    this.module = service + "-service";
    this.mainClass = "io.docpipe." + service + "." + Character.toUpperCase(service.charAt(0))
        + service.substring(1) + "Service";
    try (ServerSocket socket = new ServerSocket(0)) {
      opsPort = socket.getLocalPort();
    }
    env.put("DOCPIPE_" + service.toUpperCase(java.util.Locale.ROOT) + "_OPS_PORT", Integer.toString(opsPort));
    env.putAll(settings);
    Path logs = Files.createDirectories(Path.of("target", "it-logs"));
    this.log = logs.resolve(service + "-" + instance + "-" + System.nanoTime() + ".log");
  }

  public String setting(String name) {
    return env.get(name);
  }

  /** Runs the service under this prefix command (e.g. setpriv); set before {@link #start()}. */
  public void launchWith(List<String> prefix) {
    this.launcher = List.copyOf(prefix);
  }

  public int opsPort() {
    return opsPort;
  }

  public Path log() {
    return log;
  }

  public void start() throws IOException {
    Path dir = locate(module);
    String classpath = dir.resolve("target/classes") + java.io.File.pathSeparator
        + Files.readString(dir.resolve("target/runtime-classpath.txt")).strip();
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + env.getOrDefault("TEST_HEAP", "512m"), "-XX:+UseSerialGC",
        "-Dorg.slf4j.simpleLogger.log.io.docpipe=debug", "-cp", classpath, mainClass));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    process = builder.start();
  }

  /** SIGKILL: no shutdown hook, no flush, no clean close. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public String metrics() throws Exception {
    return Http.get("http://127.0.0.1:" + opsPort + "/metrics");
  }

  public int readiness() {
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
