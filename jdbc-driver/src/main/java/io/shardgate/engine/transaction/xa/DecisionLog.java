package io.shardgate.engine.transaction.xa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The durable record of commit decisions, one text file {@value #FILE} in the XA log directory.
 * A line {@code C <gtrid> <groups>} is written and fsynced before the first XA COMMIT of a
 * transaction (the decision: from then on the transaction commits, whatever happens); a line
 * {@code D <gtrid>} when every branch has committed (not fsynced: if it is lost, recovery finds
 * no prepared branch left and only drops the decision); {@code A <gtrid>} withdraws a decision whose
 * fsync failed (that transaction is rolled back). Concurrent decisions share fsyncs (group commit). A transaction with no {@code C} line
 * is rolled back by recovery (presumed abort). A last line without its newline was torn by a crash
 * during the write, before the fsync returned and so before any commit: it is ignored.
 * The log is rewritten with only the undone decisions after recovery, and when it grows past
 * {@value #COMPACT_BYTES} bytes. Holding the log also holds the directory's lock file, so one
 * directory serves one engine at a time. Thread-safe.
 */
final class DecisionLog implements AutoCloseable {

    static final String FILE = "decisions.log";
    static final String LOCK = "lock";
    static final long COMPACT_BYTES = 16L << 20;

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel channel;
    /** Commit decisions without a done line: gtrid → groups, in log order. */
    private final Map<String, List<String>> undone = new LinkedHashMap<>();
    // Group commit: decisions appended so far, decisions known to be on disk, and whether a thread
    // is syncing right now (the others wait for its sync, or do the next one, instead of each paying
    // for its own fsync under the lock).
    private long appended;
    private long durable;
    private boolean syncing;

    private DecisionLog(Path file, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} and reads its log.
     *
     * @throws IllegalStateException when another engine (in this process or another) holds the directory
     */
    static DecisionLog open(Path dir) {
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("the XA log directory " + dir.toAbsolutePath() + " is in use by "
                        + "another Shardgate engine (in this process or another); each instance needs its own "
                        + "directory: set transactions.xa-log-dir");
            }
            DecisionLog log = new DecisionLog(dir.resolve(FILE), lockChannel, lock);
            long valid = log.read();
            log.channel = FileChannel.open(log.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            if (log.channel.size() > valid) {
                log.channel.truncate(valid); // a torn last line: the next one must not be appended to it
                log.channel.force(false);
            }
            return log;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("cannot open the XA decision log in " + dir.toAbsolutePath() + ": " + e
                    + "; check that transactions.xa-log-dir names a writable directory", e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** Reads the complete lines of the log; returns their length in bytes. */
    private long read() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end == 0) {
            return 0;
        }
        String text = new String(bytes, 0, end - 1, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length >= 2 && parts[0].equals("C")) {
                List<String> groups = parts.length < 3 || parts[2].isEmpty() ? List.of()
                        : Arrays.stream(parts[2].split(",")).map(g -> URLDecoder.decode(g, StandardCharsets.UTF_8))
                        .toList();
                undone.put(parts[1], groups);
            } else if (parts.length >= 2 && (parts[0].equals("D") || parts[0].equals("A"))) {
                undone.remove(parts[1]);
            }
        }
        return end;
    }

    Path file() {
        return file;
    }

    /**
     * Records and fsyncs the decision to commit {@code gtrid}; returns only when it is on disk.
     * Concurrent decisions share fsyncs: one thread syncs everything appended before it started,
     * while the others append the next batch and wait for that sync, or do the next one.
     *
     * @throws IOException when the decision may not be on disk; it is then withdrawn (an
     *                     {@code A} line), and the caller must roll the transaction back
     */
    void commit(String gtrid, List<String> groups) throws IOException {
        List<String> encoded = groups.stream().map(g -> URLEncoder.encode(g, StandardCharsets.UTF_8)).toList();
        long mine;
        synchronized (this) {
            append("C " + gtrid + " " + String.join(",", encoded) + "\n");
            undone.put(gtrid, List.copyOf(groups)); // before any compaction can rewrite the file without it
            mine = ++appended;
        }
        try {
            while (true) {
                FileChannel toSync;
                long target;
                synchronized (this) {
                    while (syncing && durable < mine) {
                        waitForSync();
                    }
                    if (durable >= mine) {
                        return;
                    }
                    syncing = true;
                    target = appended;
                    toSync = channel;
                }
                boolean synced = false;
                try {
                    toSync.force(false); // without the lock: others append the next batch meanwhile
                    synced = true;
                } finally {
                    synchronized (this) {
                        syncing = false;
                        if (synced) {
                            durable = Math.max(durable, target);
                        }
                        notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            withdraw(gtrid);
            throw e;
        }
    }

    /** Takes back a decision that may not have reached the disk (the transaction is rolled back instead). */
    private synchronized void withdraw(String gtrid) {
        undone.remove(gtrid);
        try {
            append("A " + gtrid + "\n");
            channel.force(false);
        } catch (IOException ignored) {
            // the disk is failing; recovery finds the branches rolled back, so a stale C line commits nothing
        }
    }

    private void waitForSync() throws IOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the decision log to reach the disk", e);
        }
    }

    /** Records that every branch of {@code gtrid} has committed. */
    synchronized void done(String gtrid) {
        if (undone.remove(gtrid) == null) {
            return;
        }
        try {
            append("D " + gtrid + "\n");
            if (channel.size() > COMPACT_BYTES) {
                compact();
            }
        } catch (IOException e) {
            // harmless: recovery finds no prepared branch of it and drops the decision then
        }
    }

    synchronized boolean decided(String gtrid) {
        return undone.containsKey(gtrid);
    }

    synchronized Map<String, List<String>> undone() {
        return new LinkedHashMap<>(undone);
    }

    /** Drops the decisions matching {@code resolved} (every branch of theirs is known to be committed). */
    synchronized void forget(Predicate<String> resolved) {
        undone.keySet().removeIf(resolved);
    }

    /** Rewrites the log with only the undone decisions (written to a new file, fsynced, then renamed over). */
    synchronized void compact() throws IOException {
        while (syncing) {
            waitForSync(); // a sync in flight uses the channel this replaces
        }
        Path temp = file.resolveSibling(FILE + ".tmp");
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<String>> entry : undone.entrySet()) {
            List<String> encoded = new ArrayList<>();
            for (String group : entry.getValue()) {
                encoded.add(URLEncoder.encode(group, StandardCharsets.UTF_8));
            }
            text.append("C ").append(entry.getKey()).append(' ').append(String.join(",", encoded)).append('\n');
        }
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        channel.close();
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        forceDirectory(file.getParent());
    }

    private void append(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Makes a rename durable where the platform allows syncing a directory (Linux does; elsewhere it is skipped). */
    private static void forceDirectory(Path dir) {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | RuntimeException e) {
            // not supported on this platform
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(channel);
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
