package io.docpipe.local;

import io.docpipe.runtime.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code docpipe start}: the whole pipeline on this machine, until Ctrl-C. */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start the embedded broker, registry and OpenSearch plus the three services. "
        + "Stops cleanly on Ctrl-C; a later start resumes with everything kept under the data directory.")
public final class StartCommand implements Callable<Integer> {
  @Option(names = "--data-dir", description = "Where all data lives (default: ./docpipe-data, or "
      + "DOCPIPE_LOCAL_DATA_DIR).")
  Path dataDir;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    Settings settings = dataDir == null ? Settings.fromEnvironment()
        : Settings.fromEnvironment(Map.of("local.data.dir", dataDir.toString()));
    LocalConfig config = LocalConfig.from(settings);
    LocalStack stack = new LocalStack(config, Map.of());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("docpipe: stopping...");
      stack.close();
      stopped.countDown();
    }, "docpipe-stop"));
    try {
      stack.start();
      awaitReady(stack);
    } catch (Exception e) {
      stack.close();
      throw e;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    out.printf("""

        docpipe is running (started in %.1f s). Data: %s

          Drop files into:              %s   (PDF, Office, HTML, e-mail, text, ...)
          Published files move to:      %s
          Failed files move to:         %s  (with <name>.error.txt saying why)

          Search:          ./docpipe search Musharraf   or   http://127.0.0.1:%d/search?q=Musharraf
          Enriched topic:  ./docpipe tail   (or kcat -C -b %s -t docpipe.documents.enriched)
          Kafka:           %s
          Schema registry: %s
          OpenSearch:      %s
          Metrics/health:  http://127.0.0.1:%d/metrics  :%d  :%d   (/health/live, /health/ready)

        Press Ctrl-C to stop.
        """, seconds, config.dataDir(), config.inbox(), config.dataDir().resolve("processed"),
        config.dataDir().resolve("failed"), config.indexOpsPort(), stack.bootstrapServers(), stack.bootstrapServers(),
        config.registryUrl(), config.openSearchUrl(), config.ingestOpsPort(), config.enrichOpsPort(),
        config.indexOpsPort());
    out.flush();
    stopped.await();
    return 0;
  }

  /** Every service ready (topics, schemas, ledger, stream threads, index): only then is the pipeline up. */
  private static void awaitReady(LocalStack stack) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(180);
    while (!stack.isReady()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the services did not become ready within 180 s; see the log above");
      }
      Thread.sleep(100);
    }
  }
}
