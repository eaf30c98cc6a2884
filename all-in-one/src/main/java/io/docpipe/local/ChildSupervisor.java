package io.docpipe.local;

import io.docpipe.runtime.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the local stack's child JVMs (the registry, OpenSearch) running: one that exits (crashed, killed,
 * out of memory) is started again with the same settings and data, and the launcher says so. Repeated
 * failures to start back off (1 s doubling to 30 s) instead of spinning.
 */
final class ChildSupervisor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChildSupervisor.class);
  private static final Duration CHECK_EVERY = Duration.ofMillis(500);

  /** A child and how to start it (start waits until it answers). */
  record Supervised(ChildJvm child, Restart restart) {}

  @FunctionalInterface
  interface Restart {
    void run() throws Exception;
  }

  private final List<Supervised> children;
  private final Thread thread;
  private final AtomicInteger restarts = new AtomicInteger();
  private volatile boolean stopping;

  ChildSupervisor(List<Supervised> children) {
    this.children = children;
    this.thread = new Thread(this::watch, "child-supervisor");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  int restarts() {
    return restarts.get();
  }

  private void watch() {
    Backoff backoff = Backoff.startup();
    while (!stopping) {
      boolean allUp = true;
      for (Supervised s : children) {
        ChildJvm child = s.child();
        if (stopping || child.isClosed() || child.isAlive()) {
          continue;
        }
        allUp = false;
        System.err.printf("docpipe: %s exited (status %d); restarting it (log: %s)%n", child, child.exitStatus(),
            child.logFile());
        LOG.warn("{} exited with status {}; restarting it", child, child.exitStatus());
        try {
          s.restart().run();
          restarts.incrementAndGet();
          System.err.printf("docpipe: %s restarted%n", child);
          LOG.info("{} restarted", child);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          LOG.warn("{} did not restart: {}; trying again in about {} s", child, e.toString(),
              backoff.currentStep().toSeconds());
          try {
            backoff.sleep(() -> !stopping);
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
      if (allUp) {
        backoff.reset();
      }
      try {
        Thread.sleep(CHECK_EVERY.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
