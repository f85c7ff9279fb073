package io.shardgate.proxy.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP reloads the rule files, as daemons conventionally do ({@code kill -HUP <pid>}, or
 * {@code docker kill --signal HUP}). Uses {@code sun.misc.Signal} (module jdk.unsupported), the
 * only signal API the JDK has; where it is unavailable (not a POSIX system) the proxy logs that
 * and {@code RELOAD SHARDGATE RULES} remains. The reload runs on its own thread: a signal handler
 * must return promptly.
 */
public final class HangupSignal {

    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {
    }

    /**
     * Installs the handler; the returned handle puts the previous one back. When this platform does
     * not deliver SIGHUP to Java, logs why and returns a handle that does nothing.
     */
    public static AutoCloseable install(RuleReloader reloader) {
        try {
            Signal hup = new Signal("HUP");
            sun.misc.SignalHandler previous = Signal.handle(hup, signal -> {
                Thread thread = new Thread(() -> {
                    LOG.info("SIGHUP: reloading the rule files");
                    reloader.reload(); // logs the outcome, with every problem when the files are rejected
                }, "shardgate-reload");
                thread.setDaemon(true);
                thread.start();
            });
            return () -> Signal.handle(hup, previous);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            LOG.warn("SIGHUP cannot be handled here ({}); reload the rules with RELOAD SHARDGATE RULES", e.toString());
            return () -> { };
        }
    }
}
