package io.shardgate.proxy.cli;

import io.shardgate.proxy.frontend.TlsConfig;
import io.shardgate.proxy.server.DemoShop;
import io.shardgate.proxy.server.ShardgateServer;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code shardgate demo}: a sharded shop on four embedded H2 shards (MySQL mode) in two groups,
 * served over the MySQL protocol with a self-signed TLS certificate. Nothing to install.
 */
@Command(name = "demo", description = "Serve a sample sharded shop over embedded H2 shards; nothing to install.")
final class DemoCommand implements Callable<Integer> {

    static final String RULES = "demo/shop.yaml";
    static final String PASSWORD_VARIABLE = "SHARDGATE_DEMO_PASSWORD";

    @Option(names = "--port", defaultValue = "3307", description = "MySQL protocol port (default ${DEFAULT-VALUE})")
    int port;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String password = System.getenv().getOrDefault(PASSWORD_VARIABLE, "demo");
        RuleSet rules = loadDemoRules(password);
        ShardgateServer server = ShardgateServer.start(List.of(rules), "127.0.0.1", port, TlsConfig.selfSigned("localhost"));
        DemoShop.load(server.engine());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shardgate-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Shardgate demo: database shop on 4 embedded H2 shards in groups " + rules.groups().keySet()
                + " (users and orders sharded by user, countries broadcast).");
        out.println("Connect with:");
        out.println();
        out.println("  mysql -h127.0.0.1 -P" + server.port() + " -uapp -p" + password + " shop");
        out.println();
        out.println("Try: SELECT * FROM users WHERE id = 7;  EXPLAIN ROUTE SELECT country, COUNT(*) FROM users GROUP BY country;");
        out.println("Stop with Ctrl-C.");
        out.flush();
        stopped.await();
        return 0;
    }

    static RuleSet loadDemoRules(String password) throws IOException {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(RULES)) {
            if (in == null) {
                throw new IOException("missing resource " + RULES);
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new RuleLoader(name -> name.equals(PASSWORD_VARIABLE) ? password : System.getenv(name))
                    .load("classpath:" + RULES, yaml);
        }
    }
}
