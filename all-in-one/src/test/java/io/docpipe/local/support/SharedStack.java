package io.docpipe.local.support;

import io.docpipe.local.LocalConfig;
import io.docpipe.local.LocalStack;
import io.docpipe.runtime.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One real stack (KRaft broker, Apicurio registry, OpenSearch node, three services) per test JVM, on free
 * loopback ports and a fresh data directory, shared by every integration test and stopped at JVM exit.
 */
public final class SharedStack {
  private static LocalStack stack;
  private static LocalConfig config;

  private SharedStack() {}

  public static synchronized LocalStack get() {
    if (stack == null) {
      try {
        Path data = Files.createTempDirectory("docpipe-it-");
        config = LocalConfig.from(Settings.of(Map.of(
            "local.data.dir", data.toString(),
            "local.kafka.port", Integer.toString(freePort()),
            "local.controller.port", Integer.toString(freePort()),
            "local.registry.port", Integer.toString(freePort()),
            "local.opensearch.port", Integer.toString(freePort()),
            "local.ingest.ops.port", Integer.toString(freePort()),
            "local.enrich.ops.port", Integer.toString(freePort()),
            "local.index.ops.port", Integer.toString(freePort()))));
        start();
        Runtime.getRuntime().addShutdownHook(new Thread(SharedStack::stop, "shared-stack-stop"));
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the shared test stack", e);
      }
    }
    return stack;
  }

  /** Stops the stack and starts a new one over the same data directory and ports. */
  public static synchronized LocalStack restart() throws Exception {
    return restartWith(Map.of());
  }

  /** Restarts the stack with these settings on top of the test defaults (e.g. a new tagger version). */
  public static synchronized LocalStack restartWith(Map<String, String> settings) throws Exception {
    stop();
    start(settings);
    return stack;
  }

  private static void start() throws Exception {
    start(Map.of());
  }

  private static void start(Map<String, String> extra) throws Exception {
    // Short quiet period and rescan so tests do not wait on production-sized timers.
    Map<String, String> settings = new java.util.HashMap<>(Map.of("ingest.quiet.period", "300ms",
        "ingest.rescan.interval", "1s", "index.batch.linger", "100ms", "topics.partitions", "2",
        "ingest.extensions", "txt,md,pdf,docx,odt,rtf,html,eml,csv,zip"));
    settings.putAll(extra);
    stack = new LocalStack(config, Map.copyOf(settings));
    stack.start();
  }

  private static synchronized void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
