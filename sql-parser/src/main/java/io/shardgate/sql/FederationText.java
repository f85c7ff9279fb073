package io.shardgate.sql;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.sql.lex.MySqlLexer;
import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;

import java.math.BigDecimal;
import java.util.List;

/**
 * The text a federated join hands to Calcite's planner: the statement in the Calcite form the
 * analyzer parses (MySQL-only clauses left out, names Calcite reserves quoted), with each {@code ?}
 * marker replaced by its value as a literal, so every condition is a constant the planner can push
 * down to the shards. Operators that the analysis maps to a wider one for routing ({@code XOR} →
 * OR, {@code DIV} → /, bit operators) would compute a different value here, so a statement using
 * them is refused rather than answered wrongly.
 */
public final class FederationText {

    private FederationText() {
    }

    /** The Calcite text of {@code sql} with {@code parameters} inlined as literals. */
    public static String of(String sql, List<?> parameters) {
        SqlTokens t = MySqlLexer.tokenize(sql);
        CalciteTextWriter writer = new CalciteTextWriter(t);
        MySqlOnlySyntax.adapt(t, writer, 0, t.size());
        for (int i = 0; i < t.size(); i++) {
            if (t.type(i) == TokenType.PARAM) {
                int ordinal = t.parameterOrdinal(i);
                if (ordinal >= parameters.size()) {
                    throw new ShardgateException(ErrorCode.WRONG_ARGUMENTS, "statement: parameter " + (ordinal + 1)
                            + " of " + parameters.size() + " was not bound");
                }
                writer.replace(i, literal(parameters.get(ordinal)));
            } else if (t.isAnyWord(i, "XOR", "DIV", "REGEXP", "RLIKE", "SOUNDS") || t.isSymbol(i, "|")
                    || t.isSymbol(i, "&") || t.isSymbol(i, "^") || t.isSymbol(i, "<<") || t.isSymbol(i, ">>")
                    || t.isSymbol(i, "->") || t.isSymbol(i, "->>") || t.isSymbol(i, "<=>")) {
                throw new ShardgateException(ErrorCode.NOT_SUPPORTED, "operator " + t.text(i)
                        + " in a federated (cross-shard) join; Shardgate evaluates such joins itself and cannot "
                        + "compute it: write the condition without it, or make the join co-located");
            }
        }
        writer.emit(0, t.size());
        return writer.build().text();
    }

    /** A value as a standard SQL literal (strings quoted the standard way: quotes doubled). */
    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return value + "E0";
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof java.sql.Date || value instanceof java.time.LocalDate) {
            return "DATE '" + value + "'";
        }
        if (value instanceof java.sql.Timestamp ts) {
            return "TIMESTAMP '" + ts.toLocalDateTime().toString().replace('T', ' ') + "'";
        }
        if (value instanceof java.time.LocalDateTime ldt) {
            return "TIMESTAMP '" + ldt.toString().replace('T', ' ') + "'";
        }
        if (value instanceof byte[] bytes) {
            return "X'" + java.util.HexFormat.of().formatHex(bytes) + "'";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }
}
