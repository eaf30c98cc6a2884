package io.docpipe.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a service's {@code main} does: start, stop cleanly on SIGTERM/Ctrl-C, and fail start-up plainly. */
public final class ServiceMain {
  /** Exit status for invalid configuration. */
  public static final int BAD_CONFIG = 2;
  /** Exit status for any other start-up failure. */
  public static final int START_FAILED = 1;
  private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);
  /** Read by the {@code docpipe} launcher script, not by the services: never reported as unknown. */
  private static final java.util.Set<String> LAUNCHER_SETTINGS = java.util.Set.of("java.opts");

  private ServiceMain() {}

  /** A service that can be started and closed. */
  public interface Service extends AutoCloseable {
    void start() throws Exception;

    @Override
    void close();
  }

  /** A factory that reads and validates the service's configuration. */
  @FunctionalInterface
  public interface Factory {
    Service create(Settings settings);
  }

  public static void run(String name, Factory factory) {
    Service service;
    try {
      Settings settings = Settings.fromEnvironment();
      service = factory.create(settings);
      settings.unread().stream().filter(key -> !LAUNCHER_SETTINGS.contains(key)).forEach(key -> LOG.warn(
          "{}: {} is not a setting of this service; ignored", name, Settings.envName(key)));
    } catch (ConfigException e) {
      System.err.println(name + ": " + e.getMessage());
      System.exit(BAD_CONFIG);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, name + "-shutdown"));
    try {
      service.start();
    } catch (Exception e) {
      LOG.error("{} failed to start", name, e);
      System.exit(START_FAILED);
    }
  }
}
