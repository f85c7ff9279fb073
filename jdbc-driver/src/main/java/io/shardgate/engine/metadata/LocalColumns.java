package io.shardgate.engine.metadata;

import io.shardgate.engine.ColumnMeta;

import java.sql.Types;

/** Column metadata for results the engine computes itself (SHOW TABLES, SELECT DATABASE(), …). */
public final class LocalColumns {

    private LocalColumns() {
    }

    public static ColumnMeta text(String label) {
        return new ColumnMeta("", "", "", label, label, Types.VARCHAR, "VARCHAR", 256, 0, true, false, false, false,
                false);
    }

    public static ColumnMeta number(String label) {
        return new ColumnMeta("", "", "", label, label, Types.BIGINT, "BIGINT", 20, 0, true, false, false, false,
                false);
    }

    public static ColumnMeta unsignedNumber(String label) {
        return new ColumnMeta("", "", "", label, label, Types.BIGINT, "BIGINT UNSIGNED", 20, 0, false, true, false,
                false, false);
    }

    public static ColumnMeta integer(String label) {
        return new ColumnMeta("", "", "", label, label, Types.INTEGER, "INT", 11, 0, true, false, false, false, false);
    }
}
