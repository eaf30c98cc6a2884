package io.docpipe.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds what the build prepared for the embedded components: the unpacked registry server and the
 * OpenSearch engine's classpath. Looks at system properties first, then up from the working directory
 * for the module build outputs.
 */
final class Artifacts {
  private Artifacts() {}

  static Path registryRunnerJar() throws IOException {
    Path dir = locate("docpipe.local.registry.dir", "all-in-one/target/apicurio-registry",
        "target/apicurio-registry");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
          .orElseThrow(() -> new IOException("no registry runner jar in " + dir
              + "; build with ./mvnw -DskipTests install"));
    }
  }

  /** The OpenSearch engine's classpath: its module's classes plus its dependencies. */
  static String openSearchClasspath() throws IOException {
    Path file = locate("docpipe.local.opensearch.classpath", "embedded-opensearch/target/runtime-classpath.txt",
        "../embedded-opensearch/target/runtime-classpath.txt");
    Path classes = file.resolveSibling("classes").toAbsolutePath();
    return classes + java.io.File.pathSeparator + Files.readString(file).strip();
  }

  private static Path locate(String property, String... relatives) throws IOException {
    Optional<String> configured = Optional.ofNullable(System.getProperty(property));
    if (configured.isPresent()) {
      return Path.of(configured.get());
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (String relative : relatives) {
        Path candidate = dir.resolve(relative);
        if (Files.exists(candidate)) {
          return candidate.normalize();
        }
      }
    }
    throw new IOException("cannot find " + relatives[0] + " (set -D" + property
        + "); build first with ./mvnw -DskipTests install");
  }
}
