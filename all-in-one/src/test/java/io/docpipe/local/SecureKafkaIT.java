package io.docpipe.local;

import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docpipe.enrich.EnrichConfig;
import io.docpipe.enrich.EnrichService;
import io.docpipe.index.IndexConfig;
import io.docpipe.index.IndexService;
import io.docpipe.ingest.IngestConfig;
import io.docpipe.ingest.IngestService;
import io.docpipe.runtime.Settings;
import io.docpipe.schemas.Topics;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services against a real broker that requires SASL_SSL (PLAIN over TLS, a certificate from keytool)
 * and authorizes with ACLs (KRaft's StandardAuthorizer): with their credentials, trust store and ACLs the
 * three services carry a file to the index; a client without credentials, with a wrong password, or
 * authenticated as a principal without ACLs is refused; a client that does not trust the certificate fails
 * the TLS handshake and never falls back to plaintext.
 */
class SecureKafkaIT {
  private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
      + "username=\"%s\" password=\"%s\";";
  private static Path dir;
  private static EmbeddedKafkaBroker broker;
  private static Path trustStore;

  @BeforeAll
  static void startSecureBroker() throws Exception {
    dir = Files.createTempDirectory("secure-kafka");
    Path keyStore = dir.resolve("broker.p12");
    keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
        keyStore.toString(), "-storepass", "broker-ks", "-keypass", "broker-ks");
    Path cert = dir.resolve("broker.cer");
    keytool("-exportcert", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass", "broker-ks",
        "-file", cert.toString());
    trustStore = dir.resolve("trust.p12");
    keytool("-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-storetype", "PKCS12",
        "-keystore", trustStore.toString(), "-storepass", "trust-ts");
    int port = freePort();
    int internal = freePort();
    int controller = freePort();
    Map<String, String> secure = new HashMap<>();
    secure.put("listeners", "SASL_SSL://localhost:" + port + ",BROKER://localhost:" + internal
        + ",CONTROLLER://localhost:" + controller);
    secure.put("advertised.listeners", "SASL_SSL://localhost:" + port + ",BROKER://localhost:" + internal);
    secure.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT");
    secure.put("inter.broker.listener.name", "BROKER");
    secure.put("sasl.enabled.mechanisms", "PLAIN");
    secure.put("listener.name.sasl_ssl.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule "
        + "required username=\"admin\" password=\"admin-secret\" user_admin=\"admin-secret\" "
        + "user_docpipe=\"docpipe-secret\" user_intruder=\"intruder-secret\";");
    secure.put("ssl.keystore.location", keyStore.toString());
    secure.put("ssl.keystore.password", "broker-ks");
    secure.put("ssl.key.password", "broker-ks");
    secure.put("ssl.keystore.type", "PKCS12");
    secure.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    // The broker's own listeners (loopback only here) and the admin are super users; clients get ACLs.
    secure.put("super.users", "User:ANONYMOUS;User:admin");
    broker = new EmbeddedKafkaBroker(dir.resolve("kafka"), port, controller, secure);
    broker.start();
    try (Admin admin = Admin.create(client("admin", "admin-secret"))) {
      List<AclBinding> acls = new java.util.ArrayList<>();
      for (ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID)) {
        acls.add(allow(new ResourcePattern(type, "docpipe", PatternType.PREFIXED)));
      }
      acls.add(allow(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL)));
      admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void theServicesCarryAFileToTheIndexWithTheirCredentials() throws Exception {
    LocalStack stack = SharedStack.get();
    String alias = "secure-" + System.nanoTime();
    Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap.servers", broker.bootstrapServers());
    settings.put("kafka.security.protocol", "SASL_SSL");
    settings.put("kafka.sasl.mechanism", "PLAIN");
    settings.put("kafka.sasl.jaas.config", String.format(JAAS, "docpipe", "docpipe-secret"));
    settings.put("kafka.ssl.truststore.location", trustStore.toString());
    settings.put("kafka.ssl.truststore.password", "trust-ts");
    settings.put("kafka.ssl.truststore.type", "PKCS12");
    settings.put("registry.url", stack.config().registryUrl());
    settings.put("opensearch.url", stack.config().openSearchUrl());
    settings.put("topics.partitions", "1");
    settings.put("ingest.inbox.dir", dir.resolve("inbox").toString());
    settings.put("ingest.processed.dir", dir.resolve("processed").toString());
    settings.put("ingest.failed.dir", dir.resolve("failed").toString());
    settings.put("ingest.quiet.period", "200ms");
    settings.put("ingest.ops.port", "0");
    settings.put("enrich.ops.port", "0");
    settings.put("enrich.state.dir", dir.resolve("streams").toString());
    settings.put("index.ops.port", "0");
    settings.put("index.alias", alias);
    Files.createDirectories(dir.resolve("inbox"));
    try (IngestService ingest = new IngestService(IngestConfig.from(Settings.of(settings)));
        EnrichService enrich = new EnrichService(EnrichConfig.from(Settings.of(settings)));
        IndexService index = new IndexService(IndexConfig.from(Settings.of(settings)));
        OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      ingest.start();
      enrich.start();
      index.start();
      Await.until("all three services ready over SASL_SSL", Duration.ofSeconds(120),
          () -> ingest.isReady() && enrich.isReady() && index.isReady(), ok -> ok);
      Files.writeString(dir.resolve("inbox").resolve("secure.txt"), "Pervez Musharraf spoke in Islamabad.\n");
      Await.until("the file indexed through the secured broker", Duration.ofSeconds(120),
          () -> os.countIn(alias, "{\"term\":{\"source.file_name\":\"secure.txt\"}}"), n -> n == 1);
    }
  }

  @Test
  void clientsWithoutCredentialsOrAclsAreRefused() {
    Map<String, Object> wrongPassword = client("docpipe", "not-the-password");
    assertThatThrownBy(() -> send(wrongPassword, Topics.RAW_DOCUMENTS.name()))
        .hasCauseInstanceOf(SaslAuthenticationException.class);
    // Authenticated, but no ACL for this principal.
    assertThatThrownBy(() -> send(client("intruder", "intruder-secret"), "docpipe.intrusion"))
        .hasCauseInstanceOf(TopicAuthorizationException.class);
    // No credentials at all: a TLS client without SASL does not get past the handshake of a SASL_SSL listener.
    Map<String, Object> anonymous = new HashMap<>(client("docpipe", "docpipe-secret"));
    anonymous.put("security.protocol", "SSL");
    anonymous.remove("sasl.mechanism");
    anonymous.remove("sasl.jaas.config");
    assertThatThrownBy(() -> send(anonymous, Topics.RAW_DOCUMENTS.name()))
        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateFailsWithoutFallingBackToPlaintext() {
    Map<String, Object> untrusting = new HashMap<>(client("docpipe", "docpipe-secret"));
    untrusting.remove("ssl.truststore.location");
    untrusting.remove("ssl.truststore.password");
    untrusting.remove("ssl.truststore.type");
    assertThatThrownBy(() -> send(untrusting, Topics.RAW_DOCUMENTS.name()))
        .hasCauseInstanceOf(SslAuthenticationException.class)
        .satisfies(e -> assertThat(e.getCause().getMessage()).containsIgnoringCase("SSL handshake failed"));
  }

  private static void send(Map<String, Object> props, String topic) throws Exception {
    Map<String, Object> producer = new HashMap<>(props);
    producer.put("max.block.ms", 15_000);
    producer.put("delivery.timeout.ms", 15_000);
    producer.put("request.timeout.ms", 10_000);
    try (KafkaProducer<String, String> p = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
      p.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e;
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new ExecutionException(e);
    }
  }

  private static Map<String, Object> client(String user, String password) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("security.protocol", "SASL_SSL");
    props.put("sasl.mechanism", "PLAIN");
    props.put("sasl.jaas.config", String.format(JAAS, user, password));
    props.put("ssl.truststore.location", trustStore.toString());
    props.put("ssl.truststore.password", "trust-ts");
    props.put("ssl.truststore.type", "PKCS12");
    return props;
  }

  private static AclBinding allow(ResourcePattern pattern) {
    return new AclBinding(pattern, new AccessControlEntry("User:docpipe", "*", AclOperation.ALL,
        AclPermissionType.ALLOW));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }
}
