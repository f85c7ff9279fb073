package io.shardgate.proxy.hotspot;

import io.shardgate.engine.observe.EngineObserver;
import io.shardgate.engine.observe.StatementEvent;
import io.shardgate.rules.config.DataNode;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.TableRule;
import io.shardgate.rules.route.RouteUnit;
import io.shardgate.sql.TableRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the traffic of each sharded table goes, so that a poor shard key shows before it hurts:
 * for every physical shard, the statements that touched it (its share of the table's traffic), and
 * the heaviest shard-key values in a bounded {@link SpaceSaving} sketch per table. Counts are
 * cumulative since the proxy started (they survive rule reloads; shards no longer in the rules keep
 * their counts). Shard-key values are user data (user ids, e-mail addresses …): they are shown to
 * SQL clients of the proxy ({@code SHOW SHARDGATE HOTSPOTS}) and never put in metric labels.
 */
public final class Hotspots implements EngineObserver {

    /** Counters per table; keys beyond the sketch's capacity are estimated, not lost. */
    public static final int DEFAULT_KEY_CAPACITY = 64;

    /** One shard's share of its table's statements. */
    public record ShardShare(String database, String table, String shard, long statements, double share) {
    }

    /** One of the heaviest shard-key values: estimated count (over-counted by at most {@code error}) and share. */
    public record HotKey(String database, String table, int rank, String key, long count, long error, double share) {
    }

    private record TableKey(String database, String table) {
    }

    private static final class TableTraffic {
        final Map<String, LongAdder> shards = new ConcurrentHashMap<>();
        final List<String> order = new ArrayList<>();
        final SpaceSaving<String> keys;

        TableTraffic(int capacity, TableRule.Sharded rule) {
            keys = new SpaceSaving<>(capacity);
            for (DataNode node : rule.nodes()) {
                shards.put(node.toString(), new LongAdder());
                order.add(node.toString());
            }
        }
    }

    private final int keyCapacity;
    private final Map<TableKey, TableTraffic> tables = new ConcurrentHashMap<>();

    public Hotspots() {
        this(DEFAULT_KEY_CAPACITY);
    }

    public Hotspots(int keyCapacity) {
        this.keyCapacity = keyCapacity;
    }

    @Override
    public void statementExecuted(StatementEvent event) {
        if (event.plan() == null || event.rules() == null || event.statement() == null || event.failed()) {
            return;
        }
        RuleSet rules = event.rules();
        List<String> seen = new ArrayList<>(2);
        for (TableRef ref : event.statement().tables()) {
            String name = ref.name().toLowerCase(Locale.ROOT);
            if (seen.contains(name) || !(rules.table(name) instanceof TableRule.Sharded sharded)) {
                continue;
            }
            seen.add(name);
            TableTraffic traffic = tables.computeIfAbsent(new TableKey(rules.database(), sharded.name()),
                    key -> new TableTraffic(keyCapacity, sharded));
            for (RouteUnit unit : event.plan().units()) {
                for (String node : unit.nodes()) {
                    LongAdder counter = traffic.shards.get(node);
                    if (counter != null) {
                        counter.increment();
                    }
                }
            }
            for (String value : ShardKeyValues.of(event.statement(), event.parameters(), sharded)) {
                traffic.keys.add(value);
            }
        }
    }

    /** Every shard of every sharded table that has had traffic, in rule order. */
    public List<ShardShare> shardShares() {
        List<ShardShare> shares = new ArrayList<>();
        for (Map.Entry<TableKey, TableTraffic> entry : sorted().entrySet()) {
            TableTraffic traffic = entry.getValue();
            long total = traffic.shards.values().stream().mapToLong(LongAdder::sum).sum();
            for (String shard : traffic.order) {
                long count = traffic.shards.get(shard).sum();
                shares.add(new ShardShare(entry.getKey().database(), entry.getKey().table(), shard, count,
                        total == 0 ? 0 : (double) count / total));
            }
        }
        return shares;
    }

    /** The {@code top} heaviest shard-key values of every sharded table, heaviest first. */
    public List<HotKey> hotKeys(int top) {
        List<HotKey> keys = new ArrayList<>();
        for (Map.Entry<TableKey, TableTraffic> entry : sorted().entrySet()) {
            SpaceSaving<String> sketch = entry.getValue().keys;
            long total = sketch.total();
            int rank = 0;
            for (SpaceSaving.Estimate<String> estimate : sketch.top(top)) {
                keys.add(new HotKey(entry.getKey().database(), entry.getKey().table(), ++rank, estimate.item(),
                        estimate.count(), estimate.error(), total == 0 ? 0 : (double) estimate.count() / total));
            }
        }
        return keys;
    }

    private Map<TableKey, TableTraffic> sorted() {
        Map<TableKey, TableTraffic> sorted = new LinkedHashMap<>();
        tables.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(TableKey::database)
                        .thenComparing(TableKey::table)))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }
}
