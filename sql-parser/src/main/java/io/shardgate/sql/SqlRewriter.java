package io.shardgate.sql;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a statement's original text at token positions for one physical target; never
 * regenerates SQL from a tree. Thread-safe, stateless.
 *
 * <p>Every change is an edit of the original text (replace a range, delete a range, insert at a
 * position); edits are applied in text order, and the {@code ?} markers that survive are reported
 * with their original indexes, so parameters follow their markers through any edit.
 */
public final class SqlRewriter {

    private static final int[] NO_MARKERS = new int[0];

    /** Replace [start, end) by text; markers = original indexes of the ? markers inside text. */
    private record Edit(int start, int end, String text, int[] markers, int sequence) {
    }

    public RewrittenSql rewrite(SqlStatement statement, RewriteSpec spec) {
        String sql = statement.sql();
        RewriteTokens tokens = statement.tokens() == null ? RewriteTokens.NONE : statement.tokens();
        Map<String, String> tables = spec.tables() == null ? Map.of() : spec.tables();
        List<Edit> edits = new ArrayList<>();
        List<Edit> renames = new ArrayList<>();

        for (TableRef ref : statement.tables()) {
            String physical = ref.systemSchema() ? null : tables.get(ref.name());
            if (physical != null) {
                renames.add(new Edit(ref.start(), ref.end(), quotedLike(sql, ref.end(), physical), NO_MARKERS,
                        renames.size()));
            }
        }
        for (RewriteTokens.Qualifier q : tokens.qualifiers) {
            String physical = tables.get(q.table());
            if (physical != null) {
                renames.add(new Edit(q.start(), q.end(), quotedLike(sql, q.end(), physical), NO_MARKERS,
                        renames.size()));
            }
        }
        boolean dropHaving = spec.appendDerived() && tokens.having != null && tokens.havingStart >= 0;
        if (dropHaving) {
            // Shards return whole groups; the merge applies HAVING once they are complete.
            renames.removeIf(e -> e.start() >= tokens.havingStart && e.start() < tokens.havingEnd);
        }
        renames.sort(Comparator.comparingInt(Edit::start));
        edits.addAll(renames);
        if (dropHaving) {
            edits.add(new Edit(tokens.havingStart, tokens.havingEnd, "", NO_MARKERS, edits.size()));
        }

        if (spec.limit() != null && tokens.limitStart >= 0) {
            edits.add(new Edit(tokens.limitStart, tokens.limitEnd, "LIMIT " + spec.limit(), NO_MARKERS, edits.size()));
        }
        if (spec.appendDerived() && tokens.selectListEnd >= 0 && !tokens.derived.isEmpty()) {
            StringBuilder text = new StringBuilder();
            List<Integer> markers = new ArrayList<>();
            for (RewriteTokens.DerivedColumn d : tokens.derived) {
                text.append(", ").append(d.prefix());
                apply(sql, tokens.markers, renames, d.start(), d.end(), text, markers);
                text.append(d.suffix());
            }
            edits.add(new Edit(tokens.selectListEnd, tokens.selectListEnd, text.toString(), toArray(markers),
                    edits.size()));
        }
        if (statement instanceof InsertStatement insert) {
            insertEdits(insert, spec, tokens, edits);
        }
        edits.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::sequence));
        StringBuilder out = new StringBuilder(sql.length() + 32);
        List<Integer> markers = new ArrayList<>();
        apply(sql, tokens.markers, edits, 0, sql.length(), out, markers);
        return new RewrittenSql(out.toString(), toArray(markers));
    }

    private static void insertEdits(InsertStatement insert, RewriteSpec spec, RewriteTokens tokens, List<Edit> edits) {
        int rows = tokens.rowStarts.length;
        BitSet keep = spec.insertRows();
        if (keep != null && !(tokens.setListEnd >= 0 && keep.get(0))) { // SET form: one row, kept
            if (rows == 0) {
                throw new IllegalArgumentException("cannot split rows of an INSERT without a VALUES list: "
                        + insert.sql());
            }
            int first = keep.nextSetBit(0);
            if (first < 0 || first >= rows) {
                throw new IllegalArgumentException("insertRows keeps none of the " + rows + " rows of: " + insert.sql());
            }
            if (first > 0) {
                edits.add(new Edit(tokens.rowStarts[0], tokens.rowStarts[first], "", NO_MARKERS, edits.size()));
            }
            for (int j = first + 1; j < rows; j++) {
                if (!keep.get(j)) {
                    edits.add(new Edit(tokens.rowEnds[j - 1], tokens.rowEnds[j], "", NO_MARKERS, edits.size()));
                }
            }
        }
        if (spec.insertColumn() != null) {
            List<String> values = spec.insertColumnValues();
            if (values == null || values.size() != insert.rows().size()) {
                throw new IllegalArgumentException("insertColumnValues needs one value per original row ("
                        + insert.rows().size() + "), got " + (values == null ? "none" : values.size()));
            }
            if (tokens.setListEnd >= 0) {
                edits.add(new Edit(tokens.setListEnd, tokens.setListEnd,
                        ", " + spec.insertColumn() + " = " + values.get(0), NO_MARKERS, edits.size()));
                return;
            }
            if (tokens.columnListClose < 0 || rows == 0) {
                throw new IllegalArgumentException("cannot add column " + spec.insertColumn()
                        + ": the INSERT has no column list or no VALUES rows; list the columns explicitly: "
                        + insert.sql());
            }
            edits.add(new Edit(tokens.columnListClose, tokens.columnListClose,
                    (insert.columns().isEmpty() ? "" : ", ") + spec.insertColumn(), NO_MARKERS, edits.size()));
            for (int j = 0; j < rows; j++) {
                if (keep == null || keep.get(j)) {
                    int close = tokens.rowEnds[j] - 1;
                    String sep = insert.rows().get(j).isEmpty() ? "" : ", ";
                    edits.add(new Edit(close, close, sep + values.get(j), NO_MARKERS, edits.size()));
                }
            }
        }
    }

    /**
     * Copies sql[from, to) to {@code out} with the edits that lie inside it applied, and collects
     * the original indexes of the markers that remain, in text order.
     */
    private static void apply(String sql, int[] markerOffsets, List<Edit> edits, int from, int to, StringBuilder out,
                              List<Integer> markers) {
        int cursor = from;
        int m = firstMarkerAtOrAfter(markerOffsets, from);
        for (Edit e : edits) {
            if (e.start() < cursor || e.start() < from || e.end() > to) {
                continue; // outside the range, or inside text an earlier edit replaced
            }
            out.append(sql, cursor, e.start());
            while (m < markerOffsets.length && markerOffsets[m] < e.start()) {
                markers.add(m++);
            }
            while (m < markerOffsets.length && markerOffsets[m] < e.end()) {
                m++;
            }
            out.append(e.text());
            for (int marker : e.markers()) {
                markers.add(marker);
            }
            cursor = e.end();
        }
        out.append(sql, cursor, to);
        while (m < markerOffsets.length && markerOffsets[m] < to) {
            markers.add(m++);
        }
    }

    private static int firstMarkerAtOrAfter(int[] offsets, int from) {
        int m = 0;
        while (m < offsets.length && offsets[m] < from) {
            m++;
        }
        return m;
    }

    /** The physical name, back-quoted when the original reference ended with a back-quote. */
    private static String quotedLike(String sql, int end, String physical) {
        return end > 0 && sql.charAt(end - 1) == '`' ? "`" + physical.replace("`", "``") + "`" : physical;
    }

    private static int[] toArray(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
