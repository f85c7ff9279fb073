package io.shardgate.proxy.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -HUP reloads the rule files; a bad file on SIGHUP leaves the rules as they were. */
class HangupSignalTest {

    @TempDir
    Path directory;

    @Test
    void sighupReloadsTheRuleFiles() throws Exception {
        try (OpsShop shop = OpsShop.start(directory);
             AutoCloseable handler = HangupSignal.install(shop.server.reloader())) {
            int before = shop.server.generation();
            hangup();
            awaitGeneration(shop, before + 1);

            shop.rewrite("database: shop\ngroups: {}\n"); // no group: invalid
            int attempts = shop.server.reloader().attempts();
            hangup();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (shop.server.reloader().attempts() == attempts && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(shop.server.reloader().last().reloaded()).isFalse();
            assertThat(shop.server.reloader().last().problems()).isNotEmpty();
            assertThat(shop.server.generation()).isEqualTo(before + 1);
            shop.rewrite(OpsShop.rules(shop.g0, shop.g1, ""));
            hangup();
            awaitGeneration(shop, before + 2);
            assertThat(shop.server.engine().databases()).containsExactly("shop");
        }
    }

    private static void hangup() throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid()))
                .inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static void awaitGeneration(OpsShop shop, int generation) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (shop.server.generation() < generation) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("SIGHUP did not reload: generation " + shop.server.generation());
            }
            Thread.sleep(10);
        }
        assertThat(shop.server.generation()).isEqualTo(generation);
    }
}
