package labregister.elasticsearch;

import java.nio.file.Path;
import java.util.Map;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.PluginsLoader;

/**
 * One Elasticsearch node on 127.0.0.1 with the modules under HOME/modules, started without
 * the distribution's launcher (which is not on Maven Central). Security is absent: loopback
 * only, for tests and development. Arguments: HOME HTTP_PORT TRANSPORT_PORT.
 */
public final class Node {
    private Node() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "labregister")
            .put("node.name", "labregister")
            .put("network.host", "127.0.0.1")
            .put("http.port", args[1])
            .put("transport.port", args[2])
            .put("discovery.type", "single-node")
            .put("action.destructive_requires_name", false)
            .build();
        LogConfigurator.configureESLogging();
        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = new Environment(settings, home.resolve("config"));
        PluginsLoader plugins = PluginsLoader.createPluginsLoader(
            PluginsLoader.loadModulesBundles(home.resolve("modules")),
            PluginsLoader.loadPluginsBundles(home.resolve("plugins")),
            Map.of());
        org.elasticsearch.node.Node node = new org.elasticsearch.node.Node(environment, plugins);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception error) {
                error.printStackTrace();
            }
        }));
        node.start();
        // The node's own threads are daemons; this one keeps the process alive until stopped.
        Thread.currentThread().join();
    }
}
