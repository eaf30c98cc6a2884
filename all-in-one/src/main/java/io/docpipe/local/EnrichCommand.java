package io.docpipe.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docpipe.enrich.LocalEnrichment;
import io.docpipe.enrich.text.TextEnricher;
import io.docpipe.ingest.extract.DocumentExtractor;
import io.docpipe.ingest.extract.DocumentIds;
import io.docpipe.ingest.extract.ExtractionException;
import io.docpipe.ingest.extract.ExtractionLimits;
import io.docpipe.ingest.extract.LanguageGuesser;
import io.docpipe.ingest.extract.RawDocuments;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.ReferenceDate;
import io.docpipe.schemas.ReferenceDateOrigin;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docpipe enrich FILE...}: the pipeline's extraction and enrichment on local files, without Kafka.
 * One JSON object per document on stdout, with the content of the enriched record.
 */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = {"Enrich files without Kafka: paragraphs with repeat markers (within each file and across the "
        + "files given, in order), entities and dates with character offsets into the text as read.",
        "Prints one JSON object per file on stdout (the enriched record's fields). Exit codes: 0 all files "
            + "enriched, 1 some file failed (reason on stderr), 2 bad arguments."})
public final class EnrichCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to enrich (any format ingest reads).")
  List<Path> files;

  @Option(names = "--reference-date", paramLabel = "YYYY-MM-DD",
      description = "Date to resolve relative and year-less dates against. Default: the document's own date "
          + "(from its metadata), else the file's modified date.")
  String referenceDate;

  @Option(names = "--near-similarity", defaultValue = "" + TextEnricher.NEAR_THRESHOLD, paramLabel = "0..1",
      description = "Similarity from which paragraphs are near repeats (default: ${DEFAULT-VALUE}).")
  double nearSimilarity;

  @Option(names = "--pretty", description = "Indent the JSON.")
  boolean pretty;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ReferenceDate override = null;
    if (referenceDate != null) {
      try {
        override = new ReferenceDate(LocalDate.parse(referenceDate).toString(), ReferenceDateOrigin.OVERRIDE);
      } catch (DateTimeParseException e) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--reference-date must be YYYY-MM-DD, got '" + referenceDate + "'");
      }
    }
    if (!(nearSimilarity > 0 && nearSimilarity <= 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--near-similarity must be in (0, 1]");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectMapper json = new ObjectMapper();
    LocalEnrichment enrichment = new LocalEnrichment(nearSimilarity, Clock.systemUTC());
    int failures = 0;
    try (DocumentExtractor extractor = new DocumentExtractor(new ExtractionLimits(128L * 1024 * 1024, 24_000_000,
        Duration.ofSeconds(60)), new LanguageGuesser())) {
      for (Path file : files) {
        try {
          byte[] bytes = Files.readAllBytes(file);
          var raw = RawDocuments.of(file, file.toString().replace(java.io.File.separatorChar, '/'),
              DocumentIds.sha256Hex(bytes), extractor.extract(file, bytes), java.time.Instant.now());
          EnrichedDocument document = enrichment.enrich(raw, override);
          var node = AvroJson.toJson(document, false);
          out.println(pretty ? json.writerWithDefaultPrettyPrinter().writeValueAsString(node)
              : json.writeValueAsString(node));
          out.flush();
        } catch (ExtractionException e) {
          failures++;
          err.println(file + ": " + e.getMessage());
        } catch (java.io.IOException e) {
          failures++;
          err.println(file + ": cannot read the file: " + e);
        }
      }
    }
    return failures == 0 ? 0 : 1;
  }
}
