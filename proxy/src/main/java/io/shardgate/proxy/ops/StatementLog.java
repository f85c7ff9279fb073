package io.shardgate.proxy.ops;

import io.shardgate.engine.BackendException;
import io.shardgate.engine.observe.EngineObserver;
import io.shardgate.engine.observe.StatementEvent;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.route.RouteFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One INFO line per flagged statement (cross-shard join or transaction, scatter read or write,
 * broadcast write, hint override): its flags, tables, database and digest. Never the literals or
 * parameters: the digest replaces them with {@code ?}. Logger {@code io.shardgate.proxy.ops.StatementLog}.
 */
public final class StatementLog implements EngineObserver {

    private static final Logger LOG = LoggerFactory.getLogger(StatementLog.class);

    @Override
    public void statementExecuted(StatementEvent event) {
        if (event.plan() == null || event.plan().flags().isEmpty() || !LOG.isInfoEnabled()) {
            return;
        }
        String flags = event.plan().flags().stream().map(RouteFlag::kind).distinct()
                .map(kind -> kind.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
        LOG.info("flagged statement: flags={} database={} tables={} {}digest=\"{}\"", flags,
                event.rules() == null ? "" : event.rules().database(), event.statement().tableNames(),
                event.failed() ? "error=" + errorNumber(event.error()) + " " : "", SqlDigest.of(event.statement().sql()));
    }

    /** The code the client saw: the backend's own for backend errors. */
    private static int errorNumber(ShardgateException error) {
        return error instanceof BackendException backend ? backend.errorNumber()
                : error.code().mysqlCode();
    }
}
