package io.shardgate.proxy.backend;

import io.shardgate.rules.config.DataSourceRule;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where the direct lane connects for one backend server, read from its JDBC URL: host, port,
 * physical database and credentials. Only plain single-host {@code jdbc:mysql://} and
 * {@code jdbc:mariadb://} URLs whose options change nothing the server sees qualify; a URL with
 * any other option (session variables, another character set, time-zone conversion, failover
 * hosts …) keeps that server on the JDBC path, which honours every option.
 *
 * @param tlsDisabled the URL turns TLS off; when it does not, the lane only uses servers that do not
 *                    offer TLS (it speaks plain TCP, and must not downgrade what Connector/J would negotiate)
 */
public record BackendEndpoint(String host, int port, String database, String user, String password,
                              boolean tlsDisabled) {

    private static final int DEFAULT_PORT = 3306;

    /** URL options that only concern the Java driver, or that the lane honours (TLS off). */
    private static final Set<String> HARMLESS_OPTIONS = Set.of("usessl", "sslmode", "allowpublickeyretrieval",
            "useserverprepstmts", "cacheprepstmts", "prepstmtcachesize", "prepstmtcachesqllimit",
            "rewritebatchedstatements", "useunicode", "connecttimeout", "sockettimeout", "tcpkeepalive",
            "uselocalsessionstate", "elidesetautocommits", "nettimeoutforstreamingresults", "maintaintimestats",
            "cacheserverconfiguration", "cacheresultsetmetadata", "allowmultiqueries", "permitmysqlscheme",
            "usecursorfetch", "defaultfetchsize", "characterencoding", "autoreconnect", "pooling");

    private static final Set<String> UTF8_NAMES = Set.of("utf8", "utf-8", "utf8mb4");

    /** The endpoint for a data source, or empty when its URL must stay on the JDBC path. */
    public static Optional<BackendEndpoint> of(DataSourceRule source) {
        String url = source.url();
        String lower = url.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:mysql://")) {
            rest = url.substring("jdbc:mysql://".length());
        } else if (lower.startsWith("jdbc:mariadb://")) {
            rest = url.substring("jdbc:mariadb://".length());
        } else {
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String hostPort = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        if (hostPort.isEmpty() || hostPort.contains(",") || hostPort.contains("(") || hostPort.contains("@")) {
            return Optional.empty();
        }
        int question = path.indexOf('?');
        String database = question < 0 ? path : path.substring(0, question);
        if (database.isEmpty()) {
            return Optional.empty();
        }
        boolean tlsDisabled = false;
        if (question >= 0) {
            for (String option : path.substring(question + 1).split("&")) {
                if (option.isEmpty()) {
                    continue;
                }
                int eq = option.indexOf('=');
                String key = (eq < 0 ? option : option.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : option.substring(eq + 1).toLowerCase(Locale.ROOT);
                if (!HARMLESS_OPTIONS.contains(key)) {
                    return Optional.empty();
                }
                if (key.equals("characterencoding") && !UTF8_NAMES.contains(value)) {
                    return Optional.empty();
                }
                if (key.equals("usessl") && value.equals("false") || key.equals("sslmode")
                        && (value.equals("disabled") || value.equals("disable"))) {
                    tlsDisabled = true;
                }
            }
        }
        String host;
        int port = DEFAULT_PORT;
        try {
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                host = hostPort.substring(1, close);
                if (close + 1 < hostPort.length()) {
                    port = Integer.parseInt(hostPort.substring(close + 2));
                }
            } else {
                int colon = hostPort.lastIndexOf(':');
                host = colon < 0 ? hostPort : hostPort.substring(0, colon);
                if (colon >= 0) {
                    port = Integer.parseInt(hostPort.substring(colon + 1));
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(new BackendEndpoint(host, port, database, source.user() == null ? "" : source.user(),
                source.password() == null ? "" : source.password(), tlsDisabled));
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database; // never the password
    }
}
