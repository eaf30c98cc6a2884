package io.docpipe.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The index layout: an index template for {@code <alias>-v*}, a versioned index behind a stable alias.
 * Writers and readers use the alias; a mapping change is a new version plus an alias swap.
 */
public final class IndexLayout {
  public static final String DEFAULT_ALIAS = "docpipe-documents";
  private final String alias;

  public IndexLayout(String alias) {
    this.alias = alias;
  }

  public String alias() {
    return alias;
  }

  public String firstIndex() {
    return alias + "-v1";
  }

  /**
   * Puts the template and, if the alias does not exist yet, creates the first index behind it; an existing
   * index gets the template's mappings too, so fields added to the mapping apply without a reindex.
   */
  public void ensure(OpenSearchConnection connection) {
    String template = template();
    connection.send("PUT", "/_index_template/" + alias, template);
    if (connection.status("HEAD", "/_alias/" + alias) == 200) {
      try {
        String mappings = OpenSearchConnection.JSON.readTree(template).path("template").path("mappings").toString();
        connection.send("PUT", "/" + alias + "/_mapping", mappings);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return;
    }
    try {
      connection.send("PUT", "/" + firstIndex(), "{\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}");
    } catch (OpenSearchException e) {
      if (e.status() != 400) { // 400 resource_already_exists: another instance won the race
        throw e;
      }
    }
  }

  /** The index template's JSON, for this alias. */
  public String template() {
    try (InputStream in = IndexLayout.class.getResourceAsStream("index-template.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${alias}", alias);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
