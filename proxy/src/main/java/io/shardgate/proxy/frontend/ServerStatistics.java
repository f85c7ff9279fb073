package io.shardgate.proxy.frontend;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Counters behind COM_STATISTICS, printed in MySQL's one-line format. */
final class ServerStatistics {

    private final long startNanos = System.nanoTime();
    private final AtomicLong questions = new AtomicLong();

    void question() {
        questions.incrementAndGet();
    }

    String line(int threads) {
        long uptime = Math.max(1, (System.nanoTime() - startNanos) / 1_000_000_000L);
        long asked = questions.get();
        return String.format(Locale.ROOT, "Uptime: %d  Threads: %d  Questions: %d  Slow queries: 0  Opens: 0  "
                + "Flush tables: 0  Open tables: 0  Queries per second avg: %.3f", uptime, threads, asked, (double) asked / uptime);
    }
}
