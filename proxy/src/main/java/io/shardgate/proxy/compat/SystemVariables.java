package io.shardgate.proxy.compat;

import io.shardgate.engine.EngineSession;
import io.shardgate.engine.EngineWarning;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.proxy.compat.SqlTokens.Kind;
import io.shardgate.proxy.compat.SqlTokens.Token;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The system variables of one client session, as {@code SELECT @@x} and SHOW VARIABLES report
 * them: what the engine session owns (autocommit, isolation, LAST_INSERT_ID, warnings), what the
 * session SET (kept by the engine), the character sets the client announced in its handshake, and
 * otherwise the server's global values ({@link ServerFacts}) with the proxy's own facts on top
 * (version, max_allowed_packet). Values are typed as MySQL types them in a SELECT: integers for
 * numbers and for ON/OFF switches, text otherwise; SHOW VARIABLES prints switches as ON/OFF.
 */
final class SystemVariables {

    /** Variables whose values are words that merely include ON and OFF: not switches. */
    private static final Set<String> NOT_SWITCHES = Set.of("query_cache_type", "gtid_mode", "enforce_gtid_consistency",
            "session_track_transaction_info", "binlog_row_image", "innodb_change_buffering");

    /** Variables that exist per session only (no global value in SHOW GLOBAL VARIABLES). */
    private static final Set<String> SESSION_ONLY = Set.of("warning_count", "error_count", "last_insert_id",
            "identity", "pseudo_thread_id", "timestamp", "insert_id", "rand_seed1", "rand_seed2", "in_transaction",
            "external_user", "proxy_user");

    private final ServerFacts facts;
    private final Map<String, String> serverOverrides;
    private final EngineSession session;
    private final long connectionId;
    private final String handshakeCollation;
    private final List<EngineWarning> warnings;

    /**
     * @param serverOverrides what the proxy states instead of the backend (version, max_allowed_packet …)
     * @param handshakeCollation the collation the client asked for in its handshake, or null
     * @param warnings the warnings of the session's last statement
     */
    SystemVariables(ServerFacts facts, Map<String, String> serverOverrides, EngineSession session, long connectionId,
                    String handshakeCollation, List<EngineWarning> warnings) {
        this.facts = facts;
        this.serverOverrides = serverOverrides;
        this.session = session;
        this.connectionId = connectionId;
        this.handshakeCollation = handshakeCollation;
        this.warnings = warnings;
    }

    /** {@code @@name} ({@code global} for {@code @@global.name}), typed; ERR 1193 for an unknown name. */
    Object value(String name, boolean global) {
        String key = name.toLowerCase(Locale.ROOT);
        String text = global ? globalText(key) : sessionText(key);
        if (text == null && !known(key, global)) {
            throw new ShardgateException(ErrorCode.UNKNOWN_SYSTEM_VARIABLE, name);
        }
        return typed(key, text);
    }

    /** SHOW [GLOBAL|SESSION] VARIABLES: every variable with its value text, sorted by name. */
    List<Object[]> list(boolean global) {
        Map<String, String> all = new TreeMap<>(facts.globals());
        all.putAll(serverOverrides);
        if (!global) {
            for (String name : List.copyOf(all.keySet())) {
                all.put(name, sessionText(name));
            }
            for (String name : session.sessionVariables().keySet()) {
                if (!name.equals("names") && !name.contains(" ")) {
                    all.put(name, sessionText(name));
                }
            }
            for (String name : List.of("warning_count", "error_count", "last_insert_id", "identity")) {
                all.put(name, sessionText(name));
            }
        }
        List<Object[]> rows = new ArrayList<>();
        all.forEach((name, value) -> rows.add(new Object[] {name, value == null ? "" : shown(name, value)}));
        return rows;
    }

    private boolean known(String key, boolean global) {
        return facts.globals().containsKey(key) || serverOverrides.containsKey(key)
                || (!global && session.sessionVariables().containsKey(key))
                || key.equals("character_set_results") || key.equals("character_set_client")
                || key.equals("character_set_connection") || key.equals("collation_connection");
    }

    private String globalText(String key) {
        String override = serverOverrides.get(key);
        if (override != null) {
            return override;
        }
        String global = facts.global(key);
        if (global == null && SESSION_ONLY.contains(key)) {
            return sessionText(key);
        }
        return global;
    }

    /** The session's value text: the engine's state, then what the session SET, then the global value. */
    private String sessionText(String key) {
        Map<String, String> set = session.sessionVariables();
        switch (key) {
            case "autocommit" -> {
                return session.autocommit() ? "1" : "0";
            }
            case "transaction_isolation", "tx_isolation" -> {
                String level = isolationName(session.transactionIsolation());
                return level != null ? level : globalText(key) != null ? globalText(key)
                        : globalText(key.equals("tx_isolation") ? "transaction_isolation" : "tx_isolation");
            }
            case "transaction_read_only", "tx_read_only" -> {
                String value = set.containsKey(key) ? set.get(key)
                        : set.get(key.equals("tx_read_only") ? "transaction_read_only" : "tx_read_only");
                return value == null ? switchText(globalText(key), "0") : switchText(decode(value, key), "0");
            }
            case "last_insert_id", "identity" -> {
                return Long.toString(session.lastInsertId());
            }
            case "warning_count" -> {
                return Long.toString(warnings.size());
            }
            case "error_count" -> {
                return Long.toString(warnings.stream().filter(w -> w.level().equalsIgnoreCase("Error")).count());
            }
            case "pseudo_thread_id" -> {
                return Long.toString(connectionId);
            }
            case "in_transaction" -> {
                return session.inTransaction() ? "1" : "0";
            }
            case "timestamp" -> {
                return BigDecimal.valueOf(System.currentTimeMillis(), 3).toPlainString();
            }
            case "character_set_client", "character_set_connection", "character_set_results" -> {
                if (set.containsKey(key)) {
                    return decode(set.get(key), key);
                }
                String names = set.containsKey("names") ? decode(set.get("names"), "names") : null;
                if (names != null) {
                    return names;
                }
                String handshake = handshakeCollation == null ? null : facts.charsetOf(handshakeCollation);
                return handshake != null ? handshake : globalText(key);
            }
            case "collation_connection" -> {
                if (set.containsKey(key)) {
                    return decode(set.get(key), key);
                }
                String names = set.containsKey("names") ? decode(set.get("names"), "names") : null;
                if (names != null) {
                    String collation = facts.defaultCollation(names);
                    return collation != null ? collation : globalText(key);
                }
                return handshakeCollation != null ? handshakeCollation : globalText(key);
            }
            default -> {
                if (set.containsKey(key) && !serverOverrides.containsKey(key)) {
                    return decode(set.get(key), key);
                }
                return globalText(key);
            }
        }
    }

    /** SHOW VARIABLES prints switches as ON/OFF where a SELECT gives 1/0. */
    private String shown(String name, String value) {
        if (isSwitch(name) && (value.equals("1") || value.equals("0"))) {
            return value.equals("1") ? "ON" : "OFF";
        }
        return value;
    }

    private static String switchText(String value, String otherwise) {
        if (value == null) {
            return otherwise;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "ON", "1", "TRUE" -> "1";
            case "OFF", "0", "FALSE" -> "0";
            default -> value;
        };
    }

    private boolean isSwitch(String name) {
        if (NOT_SWITCHES.contains(name)) {
            return false;
        }
        String global = facts.global(name);
        return global != null && (global.equalsIgnoreCase("ON") || global.equalsIgnoreCase("OFF"))
                || name.equals("autocommit") || name.endsWith("read_only");
    }

    /** A value text typed as a SELECT returns it. */
    private Object typed(String name, String text) {
        if (text == null) {
            return null;
        }
        if (isSwitch(name)) {
            String bit = switchText(text, text);
            if (bit.equals("1") || bit.equals("0")) {
                return Long.parseLong(bit);
            }
        }
        if (text.matches("-?\\d{1,18}")) {
            return Long.parseLong(text);
        }
        if (text.matches("\\d{19,20}")) {
            return new BigInteger(text);
        }
        if (text.matches("-?\\d+\\.\\d+")) {
            return new BigDecimal(text);
        }
        return text;
    }

    /**
     * The value of what the engine kept for a SET: a literal ('…', a number, NULL, a word such as
     * ON or utf8mb4), or, where the backend could not evaluate it (H2), an expression as written,
     * of which CONCAT of literals and variables is evaluated here (MariaDB Connector/J sends
     * {@code sql_mode = CONCAT(@@sql_mode, ',STRICT_TRANS_TABLES')}).
     */
    private String decode(String text, String name) {
        if (text == null) {
            return null;
        }
        List<Token> tokens = SqlTokens.tokenize(text);
        if (tokens.size() == 1) {
            Token token = tokens.get(0);
            if (token.kind() == Kind.WORD && token.is("NULL")) {
                return null;
            }
            if (token.kind() == Kind.STRING || token.kind() == Kind.NUMBER || token.kind() == Kind.WORD
                    || token.kind() == Kind.NAME) {
                return token.text();
            }
            if (token.kind() == Kind.SYSTEM_VARIABLE) {
                return argument(token, name);
            }
        }
        if (tokens.size() >= 3 && tokens.get(0).is("CONCAT") && tokens.get(1).isSymbol("(")
                && tokens.get(tokens.size() - 1).isSymbol(")")) {
            StringBuilder value = new StringBuilder();
            for (int i = 2; i < tokens.size() - 1; i++) {
                Token token = tokens.get(i);
                if (token.isSymbol(",")) {
                    continue;
                }
                if (token.kind() == Kind.STRING || token.kind() == Kind.NUMBER) {
                    value.append(token.text());
                } else if (token.kind() == Kind.SYSTEM_VARIABLE) {
                    String argument = argument(token, name);
                    value.append(argument == null ? "" : argument);
                } else {
                    return text;
                }
            }
            return value.toString();
        }
        return text;
    }

    /** A variable inside a SET expression; the variable being set reads its global value. */
    private String argument(Token token, String name) {
        String variable = token.text().toLowerCase(Locale.ROOT);
        int dot = variable.indexOf('.');
        boolean global = dot > 0 && variable.startsWith("global");
        String bare = dot > 0 ? variable.substring(dot + 1) : variable;
        return global || bare.equals(name) ? globalText(bare) : sessionText(bare);
    }

    private static String isolationName(int level) {
        return switch (level) {
            case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ-UNCOMMITTED";
            case Connection.TRANSACTION_READ_COMMITTED -> "READ-COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE-READ";
            case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
            default -> null;
        };
    }
}
