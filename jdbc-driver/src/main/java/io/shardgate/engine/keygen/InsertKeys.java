package io.shardgate.engine.keygen;

import io.shardgate.rules.config.TableRule;
import io.shardgate.rules.route.RouteContext;
import io.shardgate.sql.InsertStatement;
import io.shardgate.sql.SqlStatement;
import io.shardgate.sql.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fills the key-generator column of an INSERT that omits it: one new key per VALUES row, as the
 * column name and SQL literals that {@code RewriteSpec.insertColumn/insertColumnValues} add. The
 * router routes by these values when the key is also the shard key.
 */
public final class InsertKeys {

    /** The column to add and its values, one per row in row order. */
    public record Filled(String column, List<Long> keys) {
        /** The SQL literal of each key, for {@code RewriteSpec.insertColumnValues}. */
        public List<String> literals() {
            return keys.stream().map(String::valueOf).toList();
        }
    }

    private InsertKeys() {
    }

    /**
     * The keys to add to {@code insert}, or empty when nothing is to be generated: the table has no
     * key generator, the INSERT names the column already, it has no column list (values are
     * positional and must then include the key), or it is an INSERT … SELECT.
     */
    public static Optional<Filled> fill(SqlStatement statement, TableRule rule, RouteContext.KeySource keys) {
        if (!(statement instanceof InsertStatement insert) || !(rule instanceof TableRule.Sharded sharded)) {
            return Optional.empty();
        }
        TableRule.KeyGenerator generator = sharded.keyGenerator();
        if (generator == null || insert.select() || insert.columns().isEmpty()
                || (insert.kind() != StatementKind.INSERT && insert.kind() != StatementKind.REPLACE)
                || insert.columns().contains(generator.column())) {
            return Optional.empty();
        }
        List<Long> values = new ArrayList<>(insert.rows().size());
        for (int i = 0; i < insert.rows().size(); i++) {
            values.add(keys.next(sharded.name(), generator));
        }
        return Optional.of(new Filled(generator.column(), List.copyOf(values)));
    }
}
