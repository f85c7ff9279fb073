package io.shardgate.testing;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Work that must run at the same time as the test's own (a statement that blocks while another
 * proceeds), each on a thread of its own. {@code CompletableFuture.supplyAsync} without an
 * executor is not that: on a 2-core machine newer JDKs run such tasks one after the other in the
 * common pool, so a second blocking task would wait for the first.
 */
public final class OwnThread {

    private OwnThread() {
    }

    public static <T> CompletableFuture<T> supply(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, OwnThread::start);
    }

    public static CompletableFuture<Void> run(Runnable work) {
        return CompletableFuture.runAsync(work, OwnThread::start);
    }

    private static void start(Runnable task) {
        Thread thread = new Thread(task, "test-own-thread");
        thread.setDaemon(true);
        thread.start();
    }
}
