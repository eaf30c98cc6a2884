package io.docpipe.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft Kafka broker (broker and controller roles) running in this JVM. Its log
 * directory is formatted on first start and reused afterwards, so topics and offsets survive a restart.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private final Path logDir;
  private final int port;
  private final int controllerPort;
  private final Map<String, String> overrides;
  private KafkaRaftServer server;

  public EmbeddedKafkaBroker(Path logDir, int port, int controllerPort) {
    this(logDir, port, controllerPort, Map.of());
  }

  /**
   * @param overrides broker settings on top of the defaults (e.g. a SASL_SSL listener and an authorizer);
   *     the client listener stays on {@code port}
   */
  public EmbeddedKafkaBroker(Path logDir, int port, int controllerPort, Map<String, String> overrides) {
    this.logDir = logDir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.overrides = Map.copyOf(overrides);
  }

  /** A broker over the same log directory and ports, e.g. to start again after {@link #close()}. */
  public EmbeddedKafkaBroker sameAgain() {
    return new EmbeddedKafkaBroker(logDir, port, controllerPort, overrides);
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  public void start() throws IOException {
    Files.createDirectories(logDir);
    Properties props = properties();
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(props);
    }
    server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
  }

  private Properties properties() {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
    props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir.toAbsolutePath().toString());
    props.put("num.partitions", "3");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "false");
    // No broker-wide message.max.bytes: each topic that takes large records says so itself (TopicAdmin), as
    // it must on a production cluster with Kafka's defaults.
    props.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
    props.putAll(overrides);
    return props;
  }

  private void format(Properties props) throws IOException {
    Path config = logDir.resolveSibling(logDir.getFileName() + "-format.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "docpipe embedded broker");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
        config.toString(), "--standalone"}, new PrintStream(output, true, StandardCharsets.UTF_8));
    Files.deleteIfExists(config);
    if (status != 0) {
      throw new IOException("formatting the Kafka log dir failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }
}
