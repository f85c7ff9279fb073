package io.shardgate.rules.config;

import java.util.List;
import java.util.Map;

/**
 * One rule file, loaded and validated: one logical database. Maps keep file order.
 * Tables not in {@code tables} are single tables living in {@code defaultGroup}.
 */
public record RuleSet(String source, String database, List<UserRule> users, Map<String, GroupRule> groups,
                      String defaultGroup, Map<String, TableRule> tables, ReadRule reads, WriteRule writes,
                      Policies policies, TransactionRule transactions) {

    /** A rule set with the default {@code transactions:} settings. */
    public RuleSet(String source, String database, List<UserRule> users, Map<String, GroupRule> groups,
                   String defaultGroup, Map<String, TableRule> tables, ReadRule reads, WriteRule writes,
                   Policies policies) {
        this(source, database, users, groups, defaultGroup, tables, reads, writes, policies, TransactionRule.DEFAULT);
    }

    /** The rule of a logical table (name in any case), or null when it is a single table. */
    public TableRule table(String name) {
        return tables.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
