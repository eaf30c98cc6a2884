package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.IngestProcess;
import io.docpipe.local.support.OwnBroker;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.ingest.extract.DocumentIds;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MB file and a document with 20 M characters of text go through ingest at default limits and a
 * 512 MB heap: one record each, compressed with zstd under the topics' 100 MiB max.message.bytes. Uses a
 * broker of its own so the shared stack's enrichment does not have to take them in a test-sized heap.
 */
class LargeDocumentIT {
  @TempDir
  Path work;

  @Test
  void aHundredMegabyteFileAndTwentyMillionCharactersOfTextArePublished() throws Exception {
    LocalStack stack = SharedStack.get();
    try (EmbeddedKafkaBroker broker = OwnBroker.start(work.resolve("broker"))) {
      try (IngestProcess ingest = new IngestProcess(stack, work, "large", Map.of(
          "DOCPIPE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()))) {
        Path folder = Files.createDirectories(ingest.inbox().resolve("large"));
        Path pdf = CrashSafetyIT.bigPdf(folder.resolve("scan.pdf"), 100);
        StringBuilder text = new StringBuilder(20_000_100);
        String sentence = "Pakistan and the Taliban met again on October 7, 2001, in Islamabad. ";
        while (text.length() < 20_000_000) {
          text.append(sentence);
        }
        text.setLength(20_000_000);
        Files.writeString(folder.resolve("archive.txt"), text);
        assertThat(Files.size(pdf)).isGreaterThan(100L * 1024 * 1024);

        ingest.start();
        Await.until("both published", Duration.ofSeconds(240), () -> Files.exists(pdf)
            || Files.exists(folder.resolve("archive.txt")), pending -> !pending);
        assertThat(ingest.processed().resolve("large").resolve("scan.pdf")).exists();
        assertThat(ingest.processed().resolve("large").resolve("archive.txt")).exists();
      }
      var raw = RawTopic.raw(broker.bootstrapServers());
      var deserializer = Topics.RAW_DOCUMENTS.valueSerde(new SchemaRegistryClient(
          RegistryClientConfig.of(URI.create(stack.config().registryUrl())))).deserializer();
      var records = raw.get(DocumentIds.forRelativePath("large/archive.txt"));
      assertThat(records).hasSize(1);
      RawDocument archive = deserializer.deserialize(Topics.RAW_DOCUMENTS.name(), records.get(0).value());
      assertThat(archive.getText()).hasSize(20_000_000);
      assertThat(raw.get(DocumentIds.forRelativePath("large/scan.pdf"))).hasSize(1);
    }
  }
}
