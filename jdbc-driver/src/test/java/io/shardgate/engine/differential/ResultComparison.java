package io.shardgate.engine.differential;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Compares the sharded result with the reference result the way a user would: same columns, and
 * the same rows — in the same order when the statement has a total ORDER BY, else as multisets.
 * Values compare by meaning, not by Java type: integers by value (an Integer 3 equals a Long 3);
 * decimals by value AND scale when {@code exactScale} (MySQL's AVG of an INT has 4 decimals, and
 * a merge must give the same), by value only otherwise; floating point to 9 significant digits;
 * strings exactly, or as a case- and accent-insensitive collation sees them when the case says so.
 */
final class ResultComparison {

    private final boolean exactScale;

    ResultComparison(boolean exactScale) {
        this.exactScale = exactScale;
    }

    /** Null when equal, else what differs (for the failure message). */
    String difference(DifferentialCase c, ResultTable expected, ResultTable actual) {
        if (expected.isCount() || actual.isCount()) {
            return expected.updateCount() == actual.updateCount() ? null
                    : "affected rows: expected " + expected.updateCount() + ", got " + actual.updateCount();
        }
        if (!lower(expected.labels()).equals(lower(actual.labels()))) {
            return "columns: expected " + expected.labels() + ", got " + actual.labels();
        }
        boolean anyCase = c.anyCase() != null;
        List<List<String>> want = canonical(expected.rows(), anyCase);
        List<List<String>> got = canonical(actual.rows(), anyCase);
        if (!c.ordered()) {
            want.sort(ResultComparison::compareRows);
            got.sort(ResultComparison::compareRows);
        }
        if (want.equals(got)) {
            return null;
        }
        StringBuilder diff = new StringBuilder();
        diff.append(c.ordered() ? "rows (in order)" : "rows (as multisets)").append(": expected ").append(want.size())
                .append(" rows, got ").append(got.size());
        int first = 0;
        while (first < Math.min(want.size(), got.size()) && want.get(first).equals(got.get(first))) {
            first++;
        }
        diff.append("; first difference at row ").append(first);
        diff.append("\n      expected ").append(window(want, first));
        diff.append("\n      got      ").append(window(got, first));
        return diff.toString();
    }

    private static List<String> lower(List<String> labels) {
        return labels.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
    }

    private static String window(List<List<String>> rows, int from) {
        int to = Math.min(rows.size(), from + 5);
        return (from > 0 ? "… " : "") + rows.subList(Math.min(from, to), to) + (to < rows.size() ? " …" : "");
    }

    private static int compareRows(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private List<List<String>> canonical(List<List<Object>> rows, boolean anyCase) {
        List<List<String>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>(row.size());
            for (Object value : row) {
                cells.add(cell(value, anyCase));
            }
            out.add(cells);
        }
        return out;
    }

    /** The value's meaning as text: equal texts mean values a user would call equal. */
    String cell(Object value, boolean anyCase) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            if (exactScale) {
                return d.toPlainString();
            }
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.9g", d);
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof byte[] bytes) {
            return "x'" + HexFormat.of().formatHex(bytes) + "'";
        }
        if (value instanceof String s) {
            return "'" + (anyCase ? fold(s) : s) + "'";
        }
        return value.toString(); // dates and times print the same for the same value
    }

    /** What a case- and accent-insensitive collation keeps of a string. */
    private static String fold(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
