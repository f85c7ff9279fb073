package io.shardgate.sql;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * What to change in a statement's text for one physical target. Everything not mentioned stays
 * byte for byte as the client wrote it.
 *
 * @param tables         logical table name (lower case) → physical name; applied to every
 *                       {@link TableRef} and to column qualifiers that use the table name itself
 *                       (not an alias). Back-quoted references stay back-quoted; a schema
 *                       qualifier is dropped (the physical connection's database is used).
 * @param limit          when non-null, the LIMIT clause is replaced by {@code LIMIT <value>} with no
 *                       offset (multi-shard widening: offset+count); when the original LIMIT used
 *                       markers the replacement is a literal and the markers leave the parameter list
 * @param appendDerived  append {@link SelectStatement#derived()} to the select list
 * @param insertRows     for a multi-row INSERT, the rows to keep (by index); null keeps all
 * @param insertColumn   a column to add to an INSERT's column list, with one SQL literal text per
 *                       original row (generated keys); null for none
 */
public record RewriteSpec(Map<String, String> tables, Long limit, boolean appendDerived, BitSet insertRows,
                          String insertColumn, List<String> insertColumnValues) {

    public static RewriteSpec tablesOnly(Map<String, String> tables) {
        return new RewriteSpec(tables, null, false, null, null, null);
    }
}
