package io.docpipe.ingest.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Gives every file a visible end state: published files move to the processed tree, failed files to the
 * failed tree with {@code <name>.error.txt} beside them saying why. Relative paths are kept.
 */
public final class FileOutcomes {
  private final Path processedDir;
  private final Path failedDir;

  public FileOutcomes(Path processedDir, Path failedDir) {
    this.processedDir = processedDir;
    this.failedDir = failedDir;
  }

  public Path published(Path file, Path relative) throws IOException {
    return move(file, processedDir.resolve(relative.toString()));
  }

  public Path failed(Path file, Path relative, String reason) throws IOException {
    Path target = move(file, failedDir.resolve(relative.toString()));
    Path note = target.resolveSibling(target.getFileName() + ".error.txt");
    Files.writeString(note, "file: " + relative + "\nfailed at: " + Instant.now() + "\nreason: " + reason
        + "\n", StandardCharsets.UTF_8);
    return target;
  }

  /** Keep-in-place mode: the file stays; the reason is written to the failed tree under its path. */
  public Path failedInPlace(Path relative, String reason) throws IOException {
    Path note = failedDir.resolve(relative.toString() + ".error.txt");
    Files.createDirectories(note.getParent());
    Files.writeString(note, "file: " + relative + " (left in place)\nfailed at: " + Instant.now() + "\nreason: "
        + reason + "\n", StandardCharsets.UTF_8);
    return note;
  }

  private static Path move(Path file, Path target) throws IOException {
    if (!Files.isDirectory(target.getParent())) { // createDirectories alone throws and catches when it exists
      Files.createDirectories(target.getParent());
    }
    try {
      return Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      return Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
