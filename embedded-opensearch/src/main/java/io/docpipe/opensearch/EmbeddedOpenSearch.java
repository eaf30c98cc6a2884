package io.docpipe.opensearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch 2.19 engine for local runs and tests, started from Maven Central jars in its own
 * JVM. It has no security plugin: never expose it beyond loopback. Arguments: data directory, HTTP port.
 * It stops when its standard input closes, so it never outlives the launcher that started it.
 */
public final class EmbeddedOpenSearch {
  private static final Collection<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class,
      PainlessPlugin.class, CommonAnalysisPlugin.class, MapperExtrasPlugin.class,
      ReindexPlugin.class);

  private EmbeddedOpenSearch() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: EmbeddedOpenSearch DATA_DIR HTTP_PORT");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(home.resolve("data"));
    Files.createDirectories(home.resolve("logs"));
    Files.createDirectories(home.resolve("config"));
    Settings settings = Settings.builder()
        .put("cluster.name", "docpipe-local")
        .put("node.name", "docpipe-local")
        .put("discovery.type", "single-node")
        .put("network.host", "127.0.0.1")
        .put("http.port", args[1])
        .put("transport.port", "19300-19399")
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("path.logs", home.resolve("logs").toString())
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .put("action.auto_create_index", false)
        .build();
    Node node = new LocalNode(InternalSettingsPreparer.prepareEnvironment(settings, java.util.Map.of(),
        home.resolve("config"), () -> "docpipe-local"));
    node.start();
    System.out.println("OPENSEARCH READY " + args[1]);
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(node), "opensearch-shutdown"));
    // Stop when the parent goes away (its end of our stdin closes).
    while (System.in.read() >= 0) {
      // keep reading
    }
    close(node);
    System.exit(0);
  }

  private static void close(Node node) {
    try {
      node.close();
    } catch (Exception e) {
      System.err.println("error stopping OpenSearch: " + e);
    }
  }

  private static final class LocalNode extends Node {
    LocalNode(Environment environment) {
      super(environment, PLUGINS, true);
    }
  }
}
