package io.shardgate.proxy.ops;

import io.shardgate.engine.EngineWarning;
import io.shardgate.engine.ExecutionResult;
import io.shardgate.engine.QueryResult;
import io.shardgate.engine.UpdateResult;
import io.shardgate.engine.merge.ListCursor;
import io.shardgate.engine.metadata.LocalColumns;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.proxy.hotspot.Hotspots;
import io.shardgate.sql.AdminStatement;
import io.shardgate.sql.SqlStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operations statements the proxy answers for every session: {@code RELOAD SHARDGATE RULES}
 * and {@code SHOW SHARDGATE HOTSPOTS}. Anything else is left to the session (null).
 */
public final class AdminCommands {

    /** Hot keys listed per table by SHOW SHARDGATE HOTSPOTS. */
    static final int HOT_KEYS_SHOWN = 10;

    private final RuleReloader reloader;
    private final Hotspots hotspots;

    public AdminCommands(RuleReloader reloader, Hotspots hotspots) {
        this.reloader = reloader;
        this.hotspots = hotspots;
    }

    /** The answer to {@code sql}, or null when it is not one of ours. */
    public ExecutionResult answer(String sql) {
        if (!mayBeOurs(sql)) {
            return null; // every statement passes here: keep the common case to a character test
        }
        String words = normalize(sql);
        return switch (words) {
            case "RELOAD SHARDGATE RULES" -> reload();
            case "SHOW SHARDGATE HOTSPOTS" -> hotspots();
            default -> null;
        };
    }

    /** The answer to a prepared statement, or null when it is not one of ours. */
    public ExecutionResult answer(SqlStatement statement) {
        if (statement instanceof AdminStatement admin) {
            return switch (admin.command()) {
                case RELOAD_RULES -> reload();
                case SHOW_HOTSPOTS -> hotspots();
                default -> null;
            };
        }
        return null;
    }

    private ExecutionResult reload() {
        RuleReloader.Outcome outcome = reloader.reload();
        if (!outcome.reloaded()) {
            throw new ShardgateException(ErrorCode.RULES_RELOAD_FAILED, "RELOAD SHARDGATE RULES rejected the rule "
                    + "files; the running rules (generation " + outcome.generation() + ") stay. "
                    + outcome.problems().size() + " problem(s): " + String.join("; ", outcome.problems())
                    + ". Fix the files (shardgate validate FILE lists the same) and reload again");
        }
        return new UpdateResult(0, 0, List.of(new EngineWarning("Note", 1105, "rules reloaded: generation "
                + outcome.generation() + " serves " + outcome.databases() + "; sessions move to it after their "
                + "current statement or transaction")));
    }

    private ExecutionResult hotspots() {
        List<Object[]> rows = new ArrayList<>();
        for (Hotspots.ShardShare share : hotspots.shardShares()) {
            rows.add(new Object[] {share.database(), share.table(), "shard", share.shard(), share.statements(), 0L,
                    percent(share.share())});
        }
        for (Hotspots.HotKey key : hotspots.hotKeys(HOT_KEYS_SHOWN)) {
            rows.add(new Object[] {key.database(), key.table(), "key", key.key(), key.count(), key.error(),
                    percent(key.share())});
        }
        return new QueryResult(List.of(LocalColumns.text("database"), LocalColumns.text("table"),
                LocalColumns.text("kind"), LocalColumns.text("name"), LocalColumns.number("count"),
                LocalColumns.number("error"), LocalColumns.text("share")), new ListCursor(rows), List.of());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static boolean mayBeOurs(String sql) {
        if (sql.length() > 80) {
            return false;
        }
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (!Character.isWhitespace(c)) {
                return (c == 'R' || c == 'r' || c == 'S' || c == 's') && mentionsShardgate(sql);
            }
        }
        return false;
    }

    private static boolean mentionsShardgate(String sql) {
        for (int i = 0; i + 9 <= sql.length(); i++) {
            if (sql.regionMatches(true, i, "SHARDGATE", 0, 9)) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String sql) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }
}
