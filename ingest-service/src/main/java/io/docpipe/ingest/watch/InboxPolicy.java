package io.docpipe.ingest.watch;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Which files in the inbox are ingested, which are ignored (temporary, hidden) and which are skipped. */
public final class InboxPolicy {
  private final Set<String> extensions;

  public InboxPolicy(Set<String> extensions) {
    this.extensions = extensions;
  }

  /** Temporary and hidden files are not documents: editors, copies and downloads make them. */
  public boolean isIgnored(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.endsWith("~") || name.startsWith("~$")) {
        return true;
      }
    }
    String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".swp") || name.endsWith(".swx") || name.endsWith(".tmp")
        || name.endsWith(".part") || name.endsWith(".crdownload") || name.endsWith(".partial");
  }

  /** True when the file's extension is one the service ingests (every file, when no list is set). */
  public boolean isSupported(Path relative) {
    if (extensions.isEmpty()) {
      return true;
    }
    String name = relative.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
