package io.shardgate.sql;

import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;

import java.io.Reader;

/**
 * Calcite's parsers with a cheap syntax-error path. When JavaCC reports a syntax error it first
 * re-runs every lookahead to list the tokens that could have come instead; in Calcite's grammar
 * that costs up to hundreds of milliseconds for an incomplete statement such as
 * {@code SELECT * FROM t WHERE}, which would let any client burn a core per statement. These
 * subclasses keep the error's position and offending token and skip the list of alternatives,
 * which Shardgate's messages do not show anyway.
 */
final class FailFastParsers {

    /**
     * One dummy expected sequence of length one: JavaCC's message shows as many encountered tokens
     * as the longest expected sequence, so this keeps "Encountered "x" at line l, column c".
     */
    private static final int[][] EXPECTED_ANYTHING = {{0}};

    static final SqlParserImplFactory CORE = FailFastCore::new;
    static final SqlParserImplFactory BABEL = FailFastBabel::new;

    private FailFastParsers() {
    }

    private static final class FailFastCore extends SqlParserImpl {
        FailFastCore(Reader reader) {
            super(reader);
        }

        @Override
        public org.apache.calcite.sql.parser.impl.ParseException generateParseException() {
            // (two classes of the same name: Calcite generates one per parser)
            return new org.apache.calcite.sql.parser.impl.ParseException(token, EXPECTED_ANYTHING, tokenImage);
        }
    }

    private static final class FailFastBabel extends SqlBabelParserImpl {
        FailFastBabel(Reader reader) {
            super(reader);
        }

        @Override
        public org.apache.calcite.sql.parser.babel.ParseException generateParseException() {
            return new org.apache.calcite.sql.parser.babel.ParseException(token, EXPECTED_ANYTHING, tokenImage);
        }
    }
}
