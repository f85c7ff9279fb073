package io.shardgate.proxy.server;

import io.shardgate.proxy.frontend.TlsConfig;
import io.shardgate.rules.config.RuleLoader;

import java.nio.file.Path;
import java.util.List;

/**
 * The proxy of the XA fault test in a child JVM: serves the rule file {@code args[0]} on a free
 * port, prints {@code PORT <n>} and serves until killed (or until it halts at the crash point
 * named by the system property {@code shardgate.test.crash-point}).
 */
public final class XaProxyChild {

    private XaProxyChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        ShardgateServer server = ShardgateServer.start(List.of(new RuleLoader().load(Path.of(args[0]))), "127.0.0.1", 0,
                TlsConfig.none());
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // not synchronization: the child simply lives until the parent kills it
    }
}
