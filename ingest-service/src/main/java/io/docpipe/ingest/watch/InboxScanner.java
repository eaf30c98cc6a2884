package io.docpipe.ingest.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.docpipe.runtime.Backoff;
import io.docpipe.runtime.WorkLoopHealth;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds files in the inbox (subfolders included) with watch events plus a periodic full rescan, which
 * also catches overflowed events, network filesystems and files that arrived while the service was down.
 * Files that stay unchanged for the quiet period are handed on, once, until they are released.
 */
public final class InboxScanner implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(InboxScanner.class);
  private static final Duration TICK = Duration.ofMillis(200);

  private final Path inbox;
  private final InboxPolicy policy;
  private final StableFileTracker tracker;
  private final Duration rescanInterval;
  private final Consumer<Path> onStable;
  private final Consumer<Set<Path>> onRescan;
  private final String doneMarker;
  private final Clock clock;
  /** Files handed on and not yet moved out (or given up for a retry); never handed on twice at once. */
  private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean running = true;

  /**
   * @param doneMarker when not null, a file is taken only once {@code <file><doneMarker>} exists beside it
   * @param onRescan called after each full rescan with every file found (for deletion tracking)
   */
  public InboxScanner(Path inbox, InboxPolicy policy, StableFileTracker tracker, Duration rescanInterval,
      String doneMarker, Consumer<Path> onStable, Consumer<Set<Path>> onRescan, Clock clock) {
    this.inbox = inbox;
    this.policy = policy;
    this.tracker = tracker;
    this.rescanInterval = rescanInterval;
    this.doneMarker = doneMarker;
    this.onStable = onStable;
    this.onRescan = onRescan;
    this.clock = clock;
  }

  /** The marker file that says a data file is complete, in done-marker mode. */
  public Path markerOf(Path file) {
    return doneMarker == null ? null : file.resolveSibling(file.getFileName() + doneMarker);
  }

  /** Files skipped by policy, with the size and modified time they had: not offered again until changed. */
  private final Map<Path, String> skipped = new ConcurrentHashMap<>();
  private volatile WorkLoopHealth health = new WorkLoopHealth("inbox-scanner", java.time.Duration.ofMinutes(5));

  /** When each pending file (tracked or in flight) was first seen: its arrival, for latency and age. */
  private final Map<Path, Instant> arrivals = new ConcurrentHashMap<>();

  /** Called when a handed-on file is done with (moved out, or left in the inbox for a retry). */
  public void release(Path file) {
    inFlight.remove(file);
    arrivals.remove(file);
  }

  /** When the scanner first saw a pending file, or null when it is not pending. */
  public Instant arrivalOf(Path file) {
    return arrivals.get(file);
  }

  /** How long the oldest pending file has waited since it was first seen; zero when none is pending. */
  public Duration oldestPendingAge() {
    Instant oldest = null;
    for (Instant arrival : arrivals.values()) {
      if (oldest == null || arrival.isBefore(oldest)) {
        oldest = arrival;
      }
    }
    return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
  }

  /** Called when a file was skipped by policy: it stays in the inbox and is not offered again as it is. */
  public void skip(Path file) {
    arrivals.remove(file);
    try {
      skipped.put(file, signature(Files.readAttributes(file, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS)));
    } catch (IOException e) {
      skipped.remove(file);
    }
  }

  private static String signature(BasicFileAttributes attrs) {
    return attrs.size() + "/" + attrs.lastModifiedTime().toMillis();
  }

  public int pending() {
    return tracker.size() + inFlight.size();
  }

  public void stop() {
    running = false;
  }

  /** Where the scanner reports its health (its readiness and liveness); set before it runs. */
  public void reportTo(WorkLoopHealth health) {
    this.health = health;
  }

  /**
   * Scans until stopped. A failure of the watch or a rescan (the inbox unmounted or deleted, a filesystem
   * error) is reported and retried after a back-off with a fresh watch; the scanner never just stops.
   */
  @Override
  public void run() {
    Backoff backoff = new Backoff(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30));
    try {
      while (running) {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
          scan(watcher);
        } catch (IOException | RuntimeException e) {
          LOG.error("inbox scanner failed; starting over in about {} s", backoff.currentStep().toSeconds(), e);
          health.failing("inbox scanner failed: " + e);
          backoff.sleep(() -> running);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Error e) {
      health.died(e);
      throw e;
    }
  }

  private void scan(WatchService watcher) throws IOException, InterruptedException {
    Instant nextRescan = Instant.EPOCH;
    while (running) {
      if (!clock.instant().isBefore(nextRescan)) {
        rescan(watcher);
        nextRescan = clock.instant().plus(rescanInterval);
      }
      WatchKey key = watcher.poll(waitMillis(), TimeUnit.MILLISECONDS);
      while (key != null) {
        drain(watcher, key);
        key = watcher.poll();
      }
      for (StableFileTracker.Due due : tracker.takeStable(clock.instant())) {
        handOn(due);
      }
      health.progress(); // one full turn: the scanner is not stuck (a handOn blocked on full workers is)
    }
  }

  /**
   * One more look before a file is handed on: a file changed since it was last seen (no watch events on a
   * network filesystem, a writer whose clock lags behind) is tracked again with a new quiet period.
   */
  public void handOn(StableFileTracker.Due due) {
    Path file = due.file();
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attrs.isOther() || (attrs.size() == due.size()
          && attrs.lastModifiedTime().toMillis() == due.modifiedMillis())) {
        if (inFlight.add(file)) {
          onStable.accept(file);
        }
      } else if (!attrs.isDirectory()) {
        tracker.changedAtLastLook(file, attrs.size(), attrs.lastModifiedTime().toMillis(), clock.instant());
      }
    } catch (IOException e) {
      arrivals.remove(file); // gone (moved or deleted) since it was last seen
    }
  }

  /** Wakes up when the next file becomes due rather than on a fixed tick: no latency added to the quiet period. */
  private long waitMillis() {
    Instant due = tracker.nextDue();
    if (due == null) {
      return TICK.toMillis();
    }
    return Math.max(1, Math.min(TICK.toMillis(), Duration.between(clock.instant(), due).toMillis() + 1));
  }

  private void drain(WatchService watcher, WatchKey key) {
    Path dir = (Path) key.watchable();
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == OVERFLOW) {
        rescan(watcher);
        continue;
      }
      Path file = dir.resolve((Path) event.context());
      if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        register(watcher, file);
        rescanFolder(watcher, file);
      } else {
        observe(file);
      }
    }
    key.reset();
  }

  private void rescan(WatchService watcher) {
    Set<Path> seen = new java.util.HashSet<>();
    if (rescanFolder(watcher, inbox, seen)) {
      onRescan.accept(seen);
    }
    LOG.debug("rescan complete: {} files", seen.size());
  }

  private void rescanFolder(WatchService watcher, Path folder) {
    rescanFolder(watcher, folder, new java.util.HashSet<>());
  }

  /** Walks a folder, observing every file; true when the whole walk succeeded. */
  private boolean rescanFolder(WatchService watcher, Path folder, Set<Path> seen) {
    boolean[] complete = {true};
    try {
      Files.walkFileTree(folder, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(inbox) && policy.isIgnored(inbox.relativize(dir))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          register(watcher, dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          seen.add(file);
          observe(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          complete[0] = false;
          seen.add(file);
          LOG.warn("cannot look at {}: {}", file, e.toString());
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.warn("rescan of {} failed: {}", folder, e.toString());
      return false;
    }
    return complete[0];
  }

  public void observe(Path file) {
    if (doneMarker != null) {
      if (file.getFileName().toString().endsWith(doneMarker)) {
        String name = file.getFileName().toString();
        file = file.resolveSibling(name.substring(0, name.length() - doneMarker.length()));
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          return;
        }
      } else if (!Files.exists(markerOf(file), LinkOption.NOFOLLOW_LINKS)) {
        return; // not complete until its marker appears
      }
    }
    if (inFlight.contains(file) || policy.isIgnored(inbox.relativize(file))) {
      return;
    }
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      if (attrs.isOther()) {
        // A pipe or device never "completes": hand it on so that it fails with its reason.
        arrivals.putIfAbsent(file, clock.instant());
        tracker.observe(file, 1, 0, clock.instant());
      } else if (!attrs.isDirectory() && !signature(attrs).equals(skipped.get(file))) {
        arrivals.putIfAbsent(file, clock.instant());
        tracker.observe(file, attrs.size(), attrs.lastModifiedTime().toMillis(), clock.instant());
      }
    } catch (IOException e) {
      tracker.forget(file); // gone (moved or deleted) before we looked
      arrivals.remove(file);
    }
  }

  private final Set<Path> registered = ConcurrentHashMap.newKeySet();

  private void register(WatchService watcher, Path dir) {
    if (registered.add(dir)) {
      try {
        dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY);
      } catch (IOException e) {
        registered.remove(dir);
        LOG.warn("cannot watch {} (the periodic rescan still covers it): {}", dir, e.toString());
      }
    }
  }
}
