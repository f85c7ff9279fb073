package io.shardgate.rules.route;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One golden case. Format:
 * <pre>
 * == name
 * SELECT … (one or more lines)
 * -- params: 7, 'abc', null, 1.5
 * -- transaction: g0          (an open transaction that touched g0; "--transaction:" alone = open, none touched)
 * variant SINGLE              (the expected plan as RoutePlanPrinter prints it, or "error CODE message")
 * …
 * </pre>
 */
record RouteCase(String name, String sql, List<Object> params, boolean inTransaction, List<String> transactionGroups,
                 String expected) {

    static List<RouteCase> parse(String text) {
        List<RouteCase> cases = new ArrayList<>();
        String[] blocks = ("\n" + text).split("\n== ");
        for (int b = 1; b < blocks.length; b++) {
            String[] lines = blocks[b].split("\n", -1);
            String name = lines[0].trim();
            StringBuilder sql = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            List<Object> params = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            boolean transaction = false;
            boolean inExpected = false;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (!inExpected && line.startsWith("-- params:")) {
                    params.addAll(values(line.substring("-- params:".length())));
                } else if (!inExpected && line.startsWith("-- transaction:")) {
                    transaction = true;
                    for (String group : line.substring("-- transaction:".length()).trim().split("\\s*,\\s*")) {
                        if (!group.isEmpty()) {
                            groups.add(group);
                        }
                    }
                } else if (inExpected || line.matches("^(variant|error) .*")) {
                    inExpected = true;
                    if (!line.isEmpty()) {
                        expected.append(line).append('\n');
                    }
                } else if (!line.isBlank()) {
                    sql.append(sql.length() == 0 ? "" : "\n").append(line);
                }
            }
            cases.add(new RouteCase(name, sql.toString(), params, transaction, groups, expected.toString()));
        }
        return cases;
    }

    private static List<Object> values(String text) {
        List<Object> values = new ArrayList<>();
        for (String raw : text.split(",")) {
            String value = raw.trim();
            if (value.equalsIgnoreCase("null")) {
                values.add(null);
            } else if (value.startsWith("'")) {
                values.add(value.substring(1, value.length() - 1));
            } else if (value.contains(".")) {
                values.add(new BigDecimal(value));
            } else {
                values.add(Long.parseLong(value));
            }
        }
        return values;
    }

    /** The case as text with {@code actual} as its expected block. */
    String withExpected(String actual) {
        StringBuilder text = new StringBuilder("== ").append(name).append('\n').append(sql).append('\n');
        if (!params.isEmpty()) {
            List<String> printed = new ArrayList<>();
            for (Object param : params) {
                printed.add(param == null ? "null" : param instanceof String s ? "'" + s + "'" : param.toString());
            }
            text.append("-- params: ").append(String.join(", ", printed)).append('\n');
        }
        if (inTransaction) {
            text.append("-- transaction: ").append(String.join(", ", transactionGroups)).append('\n');
        }
        return text.append(actual).append('\n').toString();
    }
}
