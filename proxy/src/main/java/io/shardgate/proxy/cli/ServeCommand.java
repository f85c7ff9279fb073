package io.shardgate.proxy.cli;

import io.shardgate.proxy.frontend.TlsConfig;
import io.shardgate.proxy.server.ShardgateServer;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleProblem;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.RuleValidationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.shardgate.proxy.ops.HangupSignal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code shardgate serve --config rules.yaml [--config more.yaml] [--port 3307]}: the proxy. */
@Command(name = "serve", description = "Serve the logical databases of the rule files over the MySQL protocol.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "rule file (repeatable)")
    List<Path> configs;

    @Option(names = "--port", defaultValue = "3307", description = "MySQL protocol port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--admin-port", defaultValue = "9307",
            description = "admin HTTP port for /health and /metrics (default ${DEFAULT-VALUE}; -1 to disable)")
    int adminPort;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String bind;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "certificate chain for TLS (with --tls-key)")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "private key for TLS (PKCS#8 PEM)")
    Path tlsKey;

    @Option(names = "--shutdown-timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "on SIGTERM, how long running statements may finish before they are cancelled "
                    + "(e.g. 30s, 2m; default ${DEFAULT-VALUE})")
    String shutdownTimeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        List<RuleSet> rules;
        try {
            rules = new RuleLoader(System::getenv).loadAll(configs);
        } catch (RuleValidationException e) {
            e.problems().stream().map(RuleProblem::toString).forEach(spec.commandLine().getErr()::println);
            return 1;
        }
        if ((tlsCertificate == null) != (tlsKey == null)) {
            spec.commandLine().getErr().println("--tls-cert and --tls-key go together; give both or neither");
            return 2;
        }
        Duration timeout;
        try {
            timeout = ShutdownTimeout.parse(shutdownTimeout);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        TlsConfig tls = tlsCertificate == null ? TlsConfig.none() : TlsConfig.fromPem(tlsCertificate, tlsKey);
        List<Path> files = List.copyOf(configs);
        ShardgateServer server = ShardgateServer.start(rules, () -> new RuleLoader(System::getenv).loadAll(files), bind,
                port, tls).withShutdownTimeout(timeout);
        HangupSignal.install(server.reloader());
        if (adminPort >= 0) {
            server.withAdmin(bind, adminPort);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shardgate-shutdown"));
        spec.commandLine().getOut().println("Shardgate serving " + server.engine().databases() + " on " + bind + ":"
                + server.port());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
