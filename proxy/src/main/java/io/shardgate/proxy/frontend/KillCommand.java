package io.shardgate.proxy.frontend;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code KILL [CONNECTION | QUERY] id}: ids are the proxy's own connection ids (the ones clients
 * see in the greeting and CONNECTION_ID()), so the proxy answers it instead of a backend.
 */
record KillCommand(boolean queryOnly, long connectionId) {

    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*KILL\\s+(?:(CONNECTION|QUERY)\\s+)?(\\d{1,19})\\s*;?\\s*", Pattern.CASE_INSENSITIVE);

    static Optional<KillCommand> parse(String sql) {
        if (sql.length() > 64) {
            return Optional.empty();
        }
        Matcher m = SYNTAX.matcher(sql);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KillCommand("QUERY".equalsIgnoreCase(m.group(1)), Long.parseLong(m.group(2))));
    }
}
