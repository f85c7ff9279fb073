package io.shardgate.engine.transaction.xa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The identity of one Shardgate instance in XA ids: 8 random hex digits, created on first use
 * and kept in the file {@code node-id} of the XA log directory, so that the instance keeps it
 * across restarts (recovery finds its own branches by it). The snowflake worker id is not used:
 * when derived it hashes the process id, which changes on every restart, and when configured
 * every instance reading one rule file gets the same one. Two instances sharing backends have
 * different ids as long as each has its own XA log directory, which the directory lock enforces
 * on one host; copying a log directory copies its identity.
 */
public final class NodeId {

    static final String FILE = "node-id";
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{8}");

    private NodeId() {
    }

    /** The node id kept in {@code dir}, created there if it has none yet. */
    static String of(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (!FORMAT.matcher(id).matches()) {
                    throw new IllegalStateException(file + " holds '" + id + "', not a Shardgate node id (8 hex "
                            + "digits); restore the file, or delete it only if no XA transaction of this instance "
                            + "can still be prepared on a backend");
                }
                return id;
            }
            byte[] random = new byte[4];
            new SecureRandom().nextBytes(random);
            String id = HexFormat.of().formatHex(random);
            Path temp = dir.resolve(FILE + ".tmp");
            Files.writeString(temp, id + "\n", StandardCharsets.US_ASCII);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the node id " + file + ": " + e.getMessage(), e);
        }
    }
}
