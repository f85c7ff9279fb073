package io.shardgate.sql;

import io.shardgate.sql.lex.SqlTokens;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a {@link CalciteText} with Calcite's core parser (MySQL lex and conformance), and with the
 * Babel parser when the core one refuses: the core parser is about four times faster, Babel knows
 * more syntax ({@code <=>}, more functions). Only parsing: no validation, no planner.
 */
final class CalciteParsing {

    static final SqlParser.Config CORE = SqlParser.config()
            .withLex(Lex.MYSQL)
            .withConformance(SqlConformanceEnum.MYSQL_5)
            .withIdentifierMaxLength(65_536)
            .withParserFactory(FailFastParsers.CORE);

    static final SqlParser.Config BABEL = CORE.withParserFactory(FailFastParsers.BABEL);

    private static final Pattern POSITION = Pattern.compile("at line (\\d+), column (\\d+)");

    private CalciteParsing() {
    }

    /**
     * Calcite builds AND/OR chains and nested parentheses recursively: past about 2,000 terms it
     * overflows a 512 KB thread stack, after seconds of work. Beyond these limits the statement is
     * not handed to Calcite (it is still classified, and routable by its tables).
     */
    static final int MAX_BOOLEAN_TERMS = 1_000;
    static final int MAX_NESTING = 100;

    /** The parsed tree, or a failure whose message points into the original SQL. */
    static Result parse(CalciteText text, String originalSql, SqlTokens tokens) {
        String tooComplex = tooComplex(tokens);
        if (tooComplex != null) {
            return new Result(null, tooComplex);
        }
        try {
            return new Result(SqlParser.create(text.text(), CORE).parseStmt(), null);
        } catch (SqlParseException | RuntimeException coreFailure) {
            try {
                return new Result(SqlParser.create(text.text(), BABEL).parseStmt(), null);
            } catch (SqlParseException | RuntimeException babelFailure) {
                return new Result(null, message(coreFailure, text, originalSql, tokens));
            }
        }
    }

    private static String tooComplex(SqlTokens t) {
        int terms = 0;
        int depth = 0;
        int maxDepth = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.isSymbol(i, '(')) {
                maxDepth = Math.max(maxDepth, ++depth);
            } else if (t.isSymbol(i, ')')) {
                depth--;
            } else if (t.isAnyWord(i, "AND", "OR", "XOR") || t.isSymbol(i, "&&") || t.isSymbol(i, "||")) {
                terms++;
            }
        }
        if (terms > MAX_BOOLEAN_TERMS) {
            return "statement too complex to analyze: " + terms + " AND/OR operators (at most " + MAX_BOOLEAN_TERMS
                    + "); write long OR chains on one column as IN (…)";
        }
        if (maxDepth > MAX_NESTING) {
            return "statement too complex to analyze: parentheses nested " + maxDepth + " deep (at most "
                    + MAX_NESTING + ")";
        }
        return null;
    }

    record Result(SqlNode node, String error) {
        boolean ok() {
            return node != null;
        }
    }

    /** First line of Calcite's message, its position translated to the original text. */
    private static String message(Exception e, CalciteText text, String sql, SqlTokens tokens) {
        String raw = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = raw.indexOf('\n');
        String first = (nl < 0 ? raw : raw.substring(0, nl)).strip();
        if (e instanceof SqlParseException spe && spe.getPos() != null) {
            SqlParserPos pos = spe.getPos();
            Matcher m = POSITION.matcher(first);
            if (m.find()) {
                int token = text.tokenAt(pos.getLineNum(), pos.getColumnNum());
                int offset = token >= 0 ? tokens.start(token) : sql.length();
                int line = 1;
                int lineStart = 0;
                for (int i = 0; i < offset && i < sql.length(); i++) {
                    if (sql.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                first = first.substring(0, m.start()) + "at line " + line + ", column " + (offset - lineStart + 1)
                        + first.substring(m.end());
            }
        }
        return first;
    }
}
