package io.docpipe.local.support;

import io.docpipe.local.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** A second real broker for tests that must stop Kafka or load it heavily without touching the shared one. */
public final class OwnBroker {
  private OwnBroker() {}

  public static EmbeddedKafkaBroker start(Path logDir) throws IOException {
    int port;
    int controllerPort;
    try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
      port = a.getLocalPort();
      controllerPort = b.getLocalPort();
    }
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, port, controllerPort);
    broker.start();
    return broker;
  }
}
