package io.docpipe.ingest;

import io.docpipe.ingest.publish.FileOutcomes;
import io.docpipe.ingest.publish.Ledger;
import io.docpipe.ingest.watch.InboxScanner;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a file in the inbox once its version is settled, by {@code DOCPIPE_INGEST_MODE}: moved to the
 * processed or failed tree ({@code move}), or left where it is and remembered by the ledger ({@code keep}, a
 * failure's reason written beside it in the failed tree).
 */
interface FileEndStates {
  void published(Path file, Path relative) throws IOException;

  void failed(Path file, Path relative, String reason) throws IOException;

  /**
   * A version the ledger holds as settled already (e.g. by a run that crashed before finishing the file); true
   * when the file left the inbox (its done-marker goes too).
   */
  boolean settledBefore(Path file, Path relative, Ledger.Entry entry) throws IOException;

  static FileEndStates of(IngestConfig.Mode mode, FileOutcomes outcomes, InboxScanner scanner) {
    return mode == IngestConfig.Mode.MOVE ? new Move(outcomes) : new Keep(outcomes, scanner);
  }

  /** Published files go to the processed tree, failed ones to the failed tree with the reason beside them. */
  record Move(FileOutcomes outcomes) implements FileEndStates {
    private static final Logger LOG = LoggerFactory.getLogger(FileEndStates.class);

    @Override
    public void published(Path file, Path relative) throws IOException {
      outcomes.published(file, relative);
    }

    @Override
    public void failed(Path file, Path relative, String reason) throws IOException {
      outcomes.failed(file, relative, reason);
    }

    @Override
    public boolean settledBefore(Path file, Path relative, Ledger.Entry entry) throws IOException {
      if (entry.state() == Ledger.State.PUBLISHED) {
        published(file, relative);
      } else {
        failed(file, relative, entry.reason());
      }
      LOG.info("{} was already {} (ledger); moved it to its end state", relative,
          entry.state().name().toLowerCase(java.util.Locale.ROOT));
      return true;
    }
  }

  /** Files stay; the scanner passes over settled versions; a failure's reason goes to the failed tree. */
  record Keep(FileOutcomes outcomes, InboxScanner scanner) implements FileEndStates {
    @Override
    public void published(Path file, Path relative) {
      scanner.skip(file);
    }

    @Override
    public void failed(Path file, Path relative, String reason) throws IOException {
      outcomes.failedInPlace(relative, reason);
      scanner.skip(file);
    }

    @Override
    public boolean settledBefore(Path file, Path relative, Ledger.Entry entry) {
      scanner.skip(file);
      return false;
    }
  }
}
