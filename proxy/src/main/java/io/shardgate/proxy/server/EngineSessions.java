package io.shardgate.proxy.server;

import io.shardgate.engine.Engine;
import io.shardgate.engine.EngineSession;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.proxy.compat.CompatContext;
import io.shardgate.proxy.compat.CompatSession;
import io.shardgate.proxy.frontend.ClientLogin;
import io.shardgate.proxy.frontend.SessionFactory;
import io.shardgate.proxy.frontend.UserAccount;
import io.shardgate.rules.config.DataSourceRule;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.UserRule;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy's sessions over the engine: accounts come from the rule files' {@code users} (an
 * account may use the databases of the files that list it), the greeting's version is the
 * backends' own, so clients choose their SQL as they would against the real server, and each
 * engine session is wrapped in a {@link CompatSession}, which answers what a MySQL server answers
 * itself (system variables, SHOW VARIABLES, information_schema …) over the logical schema.
 */
public final class EngineSessions implements SessionFactory {

    /** Greeted when the backends are H2 (the demo): a MySQL 8 that clients know how to talk to. */
    static final String EMBEDDED_VERSION = "8.0.36-shardgate";

    private final Engine engine;
    private final Map<String, UserAccount> accounts = new LinkedHashMap<>();
    private final Map<String, List<String>> databasesOfUser = new LinkedHashMap<>();
    private final DataSourceRule versionSource;
    private final CompatContext compat;
    private volatile String serverVersion;

    /**
     * @param maxPacketSize the largest packet clients may send (what they see as max_allowed_packet)
     */
    public EngineSessions(Engine engine, List<RuleSet> rules, long maxPacketSize) {
        this.engine = engine;
        this.compat = new CompatContext(engine, this::serverVersion, maxPacketSize);
        for (RuleSet ruleSet : rules) {
            for (UserRule user : ruleSet.users()) {
                accounts.putIfAbsent(user.name(), new UserAccount(user.name(), user.password()));
                databasesOfUser.computeIfAbsent(user.name(), name -> new ArrayList<>())
                        .add(ruleSet.database().toLowerCase(Locale.ROOT));
            }
        }
        RuleSet first = rules.get(0);
        this.versionSource = first.groups().get(first.defaultGroup()).leader();
    }

    @Override
    public Optional<UserAccount> user(String name) {
        return Optional.ofNullable(accounts.get(name));
    }

    @Override
    public EngineSession open(ClientLogin login) {
        String database = login.database();
        if (database != null && !database.isEmpty()) {
            if (engine.database(database) == null) {
                throw new ShardgateException(ErrorCode.UNKNOWN_DATABASE, database);
            }
            if (!databasesOfUser.getOrDefault(login.user(), List.of()).contains(database.toLowerCase(Locale.ROOT))) {
                throw new ShardgateException(ErrorCode.DB_ACCESS_DENIED, login.user(), login.host(), database);
            }
        }
        EngineSession session = engine.openSession(database);
        return new CompatSession(session, compat, login.connectionId(), login.user(), login.host(), login.collationId());
    }

    /** The default group leader's version of the first database, asked once (H2 greets as MySQL 8). */
    @Override
    public String serverVersion() {
        String version = serverVersion;
        if (version == null) {
            version = askVersion();
        }
        return version;
    }

    private String askVersion() {
        if (versionSource.url().startsWith("jdbc:h2:")) {
            serverVersion = EMBEDDED_VERSION;
            return EMBEDDED_VERSION;
        }
        try (Connection connection = DriverManager.getConnection(versionSource.url(), versionSource.user(),
                versionSource.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT VERSION()")) {
            if (rows.next()) {
                serverVersion = rows.getString(1);
                return serverVersion;
            }
            return EMBEDDED_VERSION;
        } catch (SQLException e) {
            // The backend is down: greet anyway (clients learn of the outage on their first
            // statement) and ask again on the next connection.
            return EMBEDDED_VERSION;
        }
    }
}
