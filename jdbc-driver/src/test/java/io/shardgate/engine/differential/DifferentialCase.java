package io.shardgate.engine.differential;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of a differential case file: SQL that runs on the sharded layout and on the plain
 * reference database, with what the file says about it.
 *
 * @param section        the {@code ##} heading the entry sits under
 * @param line           the line its SQL starts on (for messages)
 * @param sql            the statement, without the closing semicolon
 * @param parameters     values for {@code ?} markers ({@code -- params:}), bound on both sides
 * @param notOnH2        why H2 answers differently from MySQL ({@code -- not-h2:}), or null
 * @param anyCase        why strings compare as the collation sees them ({@code -- any-case:}),
 *                       e.g. MySQL returns any one member of a group of 'a'/'A', or null
 * @param expectedError  for refused statements ({@code -- error:}): the MySQL error number, else 0
 * @param expectedText   for refused statements ({@code -- message:}): text the error must contain
 */
record DifferentialCase(String section, int line, String sql, List<Object> parameters, String notOnH2,
                        String anyCase, int expectedError, String expectedText) {

    private static final Pattern ORDER_BY = Pattern.compile("\\bORDER\\s+BY\\b", Pattern.CASE_INSENSITIVE);

    /**
     * Whether rows compare in order: the statement has an ORDER BY outside parentheses (every such
     * ORDER BY in the case files is total, so both sides must give one order). Others compare as
     * multisets, since neither MySQL nor a merge promises an order.
     */
    boolean ordered() {
        return ORDER_BY.matcher(outsideParentheses(sql)).find();
    }

    private static String outsideParentheses(String text) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0) {
                out.append(c);
                continue;
            }
            out.append(' ');
        }
        return out.toString();
    }

    /** "aggregates:118" — where to find the entry. */
    String where() {
        return section + ":" + line;
    }

    @Override
    public String toString() {
        return where() + " " + sql.replaceAll("\\s+", " ");
    }
}
