package io.docpipe.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Third-party command-line tools the deployment tests run; .ci/run installs them (CI fails without them). */
final class Tools {
  /** The repository root (tests run in the all-in-one module). */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private Tools() {}

  /** The tool's path; skips the test outside CI when it is missing, fails it in CI. */
  static String require(String tool, String debianPackage) {
    String found = null;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        found = Path.of(dir, tool).toString();
        break;
      }
    }
    assumeTrue(found != null || System.getenv("CI") != null,
        tool + " is not installed (apt-get install --no-install-recommends " + debianPackage + "; CI does)");
    assertThat(found).as(tool + " must be installed in CI (.ci/run installs " + debianPackage + ")").isNotNull();
    return found;
  }

  /** Runs a command in a directory; returns its exit status and output. */
  static Result run(Path dir, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + List.of(command));
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  record Result(int status, String output) {}

  static List<Path> files(Path dir, String suffix) throws IOException {
    List<Path> found = new ArrayList<>();
    try (var stream = Files.list(dir)) {
      stream.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().forEach(found::add);
    }
    return found;
  }
}
