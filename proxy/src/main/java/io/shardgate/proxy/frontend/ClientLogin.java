package io.shardgate.proxy.frontend;

import java.util.Map;

/**
 * Who logged in, for {@link SessionFactory#open}: the proxy's connection id (what clients see as
 * CONNECTION_ID() and pass to KILL), the account, the client's address, the database it asked for
 * (null for none), whether it asked for CLIENT_FOUND_ROWS (affected rows = matched rows, not
 * changed rows) and its connection attributes (_client_name, program_name …).
 */
public record ClientLogin(long connectionId, String user, String host, String database, boolean foundRows,
                          Map<String, String> attributes) {
}
