package io.docpipe.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A component run as a child JVM (the registry, OpenSearch): started with its own classpath, its output in
 * a log file, its PID in a file so that a launcher killed with -9 cleans up after itself on the next start.
 */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Path pidFile;
  private final Path logFile;
  private Process process;
  private boolean closed;

  ChildJvm(String name, Path runDir) {
    this.name = name;
    this.pidFile = runDir.resolve(name + ".pid");
    this.logFile = runDir.resolve(name + ".log");
  }

  Path logFile() {
    return logFile;
  }

  /** True once started and while the process runs. */
  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The exit status of a child that exited, or -1 while it runs or before it started. */
  synchronized int exitStatus() {
    return process == null || process.isAlive() ? -1 : process.exitValue();
  }

  /** The child's process id, or -1 before it started. */
  synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  synchronized void start(List<String> jvmArgs, List<String> mainAndArgs) throws IOException {
    if (closed) {
      throw new IOException(name + " not started: the launcher is stopping");
    }
    Files.createDirectories(pidFile.getParent());
    killLeftover();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(mainAndArgs);
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .start(); // stdin stays a pipe: children that watch it stop when we go away
    Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
  }

  /** Waits until the URL answers 2xx, failing early if the child exits. */
  void awaitHttp(URI url, Duration timeout) throws IOException, InterruptedException, TimeoutException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with status " + process.exitValue() + "; see " + logFile);
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2))
            .build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new TimeoutException(name + " did not answer at " + url + " within " + timeout + "; see " + logFile);
  }

  private void killLeftover() throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      Optional<ProcessHandle> leftover = ProcessHandle.of(pid);
      if (leftover.isPresent() && leftover.get().info().command().map(c -> c.contains("java")).orElse(false)) {
        leftover.get().destroy();
        leftover.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (NumberFormatException | InterruptedException | java.util.concurrent.ExecutionException
        | TimeoutException e) {
      // stale or unreadable pid file: nothing to clean
    }
    Files.deleteIfExists(pidFile);
  }

  @Override
  public String toString() {
    return name;
  }

  /** Stops the child; a start that has not happened yet will not happen (stop can race a failing start). */
  @Override
  public synchronized void close() {
    closed = true;
    if (process == null) {
      return;
    }
    try {
      OutputStream stdin = process.getOutputStream();
      stdin.close();
    } catch (IOException ignored) {
      // already closed
    }
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      Files.deleteIfExists(pidFile);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // pid file already gone
    }
  }
}
