package io.shardgate.proxy.frontend;

import java.util.Map;

/**
 * Who logged in, for {@link SessionFactory#open}: the proxy's connection id (what clients see as
 * CONNECTION_ID() and pass to KILL), the account, the client's address, the database it asked for
 * (null for none), whether it asked for CLIENT_FOUND_ROWS (affected rows = matched rows, not
 * changed rows), its connection attributes (_client_name, program_name …) and the collation id it
 * chose in its handshake (what character_set_client and collation_connection start as; 0 if unknown).
 */
public record ClientLogin(long connectionId, String user, String host, String database, boolean foundRows,
                          Map<String, String> attributes, int collationId) {
}
