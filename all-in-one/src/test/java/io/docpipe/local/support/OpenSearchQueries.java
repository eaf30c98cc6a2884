package io.docpipe.local.support;

import io.docpipe.local.LocalConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.docpipe.index.OpenSearchConnection;
import io.docpipe.index.OpenSearchSettings;
import java.net.URI;

/** Queries the test stack's real OpenSearch node. */
public final class OpenSearchQueries implements AutoCloseable {
  private final OpenSearchConnection connection;

  public OpenSearchQueries(LocalConfig config) {
    connection = new OpenSearchConnection(OpenSearchSettings.of(URI.create(config.openSearchUrl())));
  }

  public JsonNode search(String body) {
    return connection.send("POST", "/docpipe-documents/_search", body);
  }

  public long count(String query) {
    return search("{\"size\":0,\"track_total_hits\":true,\"query\":" + query + "}")
        .path("hits").path("total").path("value").asLong();
  }

  /** Documents matching the query behind another alias (0 while it does not exist yet). */
  public long countIn(String alias, String query) {
    try {
      return connection.send("POST", "/" + alias + "/_search", "{\"size\":0,\"track_total_hits\":true,\"query\":"
          + query + "}").path("hits").path("total").path("value").asLong();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  public long countOrZero(String query) {
    try {
      return count(query);
    } catch (RuntimeException e) {
      return 0; // index not created yet
    }
  }

  @Override
  public void close() throws Exception {
    connection.close();
  }
}
