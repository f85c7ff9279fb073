package io.shardgate.proxy.frontend;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** A ProxyServer on an ephemeral port over a {@link FakeEngine}, for real-client tests. */
final class RunningProxy implements AutoCloseable {

    static final String WORKER_PREFIX = "test-worker-";

    final FakeEngine engine = new FakeEngine();
    final ProxyServer server;
    final int port;
    private final ExecutorService workers;

    RunningProxy(TlsConfig tls, ProxyOptions options) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread thread = new Thread(r, WORKER_PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        workers = Executors.newCachedThreadPool(threads);
        server = new ProxyServer(engine, tls, workers, options);
        port = server.start("127.0.0.1", 0).getPort();
    }

    RunningProxy() {
        this(TlsConfig.none(), ProxyOptions.defaults().withIoThreads(2));
    }

    String mysqlUrl(String parameters) {
        return "jdbc:mysql://127.0.0.1:" + port + "/shop?sslMode=DISABLED&connectTimeout=5000&socketTimeout=30000"
                + (parameters.isEmpty() ? "" : "&" + parameters);
    }

    String mariadbUrl(String parameters) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/shop?connectTimeout=5000&socketTimeout=30000"
                + (parameters.isEmpty() ? "" : "&" + parameters);
    }

    @Override
    public void close() throws InterruptedException {
        server.stop();
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Waits (polling, with a deadline) until the condition holds. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting until " + what).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
