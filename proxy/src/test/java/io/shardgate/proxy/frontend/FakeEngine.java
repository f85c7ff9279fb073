package io.shardgate.proxy.frontend;

import io.shardgate.engine.ColumnMeta;
import io.shardgate.engine.EngineSession;
import io.shardgate.engine.EngineWarning;
import io.shardgate.engine.ExecutionResult;
import io.shardgate.engine.QueryResult;
import io.shardgate.engine.RowCursor;
import io.shardgate.engine.UpdateResult;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.sql.OtherStatement;
import io.shardgate.sql.SqlStatement;
import io.shardgate.sql.StatementKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory stand-in for the engine, enough for real clients to connect and for protocol tests
 * to check what comes back: the start-up variable queries, SET/transactions, an {@code items}
 * table (id, name, price, data), a {@code types} table with one value of every MySQL type and a
 * row of NULLs, a lazily generated {@code big} table, and statements that fail or block on demand.
 */
final class FakeEngine implements SessionFactory {

    static final String VERSION = "8.0.36-shardgate-test";

    final Map<String, UserAccount> users = new ConcurrentHashMap<>();
    final Map<Long, Object[]> items = new ConcurrentHashMap<>();
    final List<String> executedOn = new CopyOnWriteArrayList<>();
    final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
    final AtomicLong bigRowsProduced = new AtomicLong();
    volatile long bigRows = 10;
    volatile CountDownLatch sleeping = new CountDownLatch(1);

    FakeEngine() {
        users.put("app", new UserAccount("app", "secret"));
        users.put("native", new UserAccount("native", "n4tive", AuthPlugin.MYSQL_NATIVE_PASSWORD));
        users.put("nopass", new UserAccount("nopass", ""));
    }

    @Override
    public Optional<UserAccount> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    final List<ClientLogin> logins = new CopyOnWriteArrayList<>();

    @Override
    public EngineSession open(ClientLogin login) {
        logins.add(login);
        String database = login.database();
        if (database != null && !database.equals("shop")) {
            throw new ShardgateException(ErrorCode.UNKNOWN_DATABASE, database);
        }
        FakeSession session = new FakeSession(database);
        sessions.add(session);
        return session;
    }

    @Override
    public String serverVersion() {
        return VERSION;
    }

    static ColumnMeta column(String name, int jdbcType, String typeName, long length, int decimals, boolean nullable) {
        return new ColumnMeta("shop", "t", "t", name, name, jdbcType, typeName, length, decimals, nullable,
                typeName.contains("UNSIGNED"), false, false,
                typeName.contains("BLOB") || typeName.contains("BINARY"));
    }

    static final List<ColumnMeta> ITEM_COLUMNS = List.of(
            new ColumnMeta("shop", "items", "items", "id", "id", Types.BIGINT, "BIGINT", 20, 0, false, false, true, true, false),
            column("name", Types.VARCHAR, "VARCHAR", 100, 0, true),
            column("price", Types.DECIMAL, "DECIMAL", 10, 2, true),
            column("data", Types.LONGVARBINARY, "LONGBLOB", 4294967295L, 0, true));

    static final List<ColumnMeta> TYPE_COLUMNS = List.of(
            column("tiny", Types.TINYINT, "TINYINT", 4, 0, true),
            column("utiny", Types.TINYINT, "TINYINT UNSIGNED", 3, 0, true),
            column("small", Types.SMALLINT, "SMALLINT", 6, 0, true),
            column("medium", Types.INTEGER, "MEDIUMINT", 9, 0, true),
            column("int", Types.INTEGER, "INT", 11, 0, true),
            column("uint", Types.BIGINT, "INT UNSIGNED", 10, 0, true),
            column("big", Types.BIGINT, "BIGINT", 20, 0, true),
            column("ubig", Types.BIGINT, "BIGINT UNSIGNED", 20, 0, true),
            column("dec", Types.DECIMAL, "DECIMAL", 20, 4, true),
            column("flt", Types.REAL, "FLOAT", 12, 0, true),
            column("dbl", Types.DOUBLE, "DOUBLE", 22, 0, true),
            column("date", Types.DATE, "DATE", 10, 0, true),
            column("dt", Types.TIMESTAMP, "DATETIME", 26, 6, true),
            column("ts", Types.TIMESTAMP, "TIMESTAMP", 19, 0, true),
            column("tm", Types.TIME, "TIME", 10, 0, true),
            column("yr", Types.DATE, "YEAR", 4, 0, true),
            column("vc", Types.VARCHAR, "VARCHAR", 50, 0, true),
            column("txt", Types.LONGVARCHAR, "TEXT", 65535, 0, true),
            column("blb", Types.LONGVARBINARY, "BLOB", 65535, 0, true),
            column("vb", Types.VARBINARY, "VARBINARY", 16, 0, true),
            column("js", Types.LONGVARCHAR, "JSON", 4294967295L, 0, true),
            column("en", Types.CHAR, "ENUM", 5, 0, true),
            column("bool", Types.TINYINT, "TINYINT", 1, 0, true),
            column("zero", Types.DATE, "DATE", 10, 0, true));

    static final Object[] TYPE_VALUES = {
        -5, 250, -300, 70_000, -2_000_000_000, 4_000_000_000L, Long.MIN_VALUE, new BigInteger("18446744073709551615"),
        new BigDecimal("12345.6789"), 1.5f, 0.1, java.sql.Date.valueOf("2024-02-29"),
        LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000), java.sql.Timestamp.valueOf("2024-01-02 03:04:05"),
        java.sql.Time.valueOf("12:34:56"), java.sql.Date.valueOf("2024-01-01"), "héllo ✓", "long text",
        new byte[] {0, 1, (byte) 0xFF}, new byte[] {(byte) 0xCA, (byte) 0xFE}, "{\"a\": 1}", "small", true, "0000-00-00"};

    /** One client's session: current database, autocommit, transaction; statements by pattern. */
    final class FakeSession implements EngineSession {

        private static final Pattern VARIABLE = Pattern.compile("@@(?:session\\.|global\\.)?(\\w+)(?:\\s+AS\\s+`?(\\w+)`?)?",
                Pattern.CASE_INSENSITIVE);
        private static final Pattern SELECT_ITEMS = Pattern.compile(
                "SELECT \\* FROM items(?: WHERE id = (\\?|\\d+))?( LIMIT 0)?", Pattern.CASE_INSENSITIVE);
        private static final Pattern INSERT_ITEM = Pattern.compile(
                "INSERT INTO items ?\\(id, ?name, ?price(, ?data)?\\) VALUES ?\\((.*)\\)", Pattern.CASE_INSENSITIVE);

        volatile String database;
        volatile boolean autocommit = true;
        volatile boolean inTransaction;
        volatile boolean closed;
        volatile int resets;
        private List<EngineWarning> lastWarnings = List.of();

        FakeSession(String database) {
            this.database = database;
        }

        @Override
        public ExecutionResult execute(String sql, List<Object> parameters) {
            executedOn.add(Thread.currentThread().getName());
            String text = sql.strip().replaceAll("^/\\*.*?\\*/\\s*", "").replaceAll(";$", "").replaceAll("\\s+", " ").replace("`", "").strip();
            String upper = text.toUpperCase(Locale.ROOT);
            lastWarnings = List.of();
            if (upper.startsWith("SELECT @@")) {
                return variables(text);
            }
            if (upper.equals("SELECT DATABASE()")) {
                return rows(List.of(column("DATABASE()", Types.VARCHAR, "VARCHAR", 34, 0, true)),
                        List.<Object[]>of(new Object[] {database}));
            }
            if (upper.equals("SELECT 1") || upper.equals("SELECT 2") || upper.startsWith("SELECT CONNECTION_ID")) {
                return rows(List.of(column(text.substring(7), Types.BIGINT, "BIGINT", 1, 0, false)),
                        List.<Object[]>of(new Object[] {(long) (text.charAt(7) - '0')}));
            }
            if (upper.startsWith("SET AUTOCOMMIT")) {
                autocommit = upper.endsWith("1") || upper.endsWith("ON");
                inTransaction = inTransaction && !autocommit;
                return new UpdateResult(0, 0, List.of());
            }
            if (upper.startsWith("SET ")) {
                return new UpdateResult(0, 0, List.of());
            }
            if (upper.equals("BEGIN") || upper.equals("START TRANSACTION")) {
                inTransaction = true;
                return new UpdateResult(0, 0, List.of());
            }
            if (upper.equals("COMMIT") || upper.equals("ROLLBACK")) {
                inTransaction = false;
                return new UpdateResult(0, 0, List.of());
            }
            if (upper.equals("SHOW WARNINGS")) {
                return rows(List.of(column("Level", Types.VARCHAR, "VARCHAR", 7, 0, false),
                        column("Code", Types.INTEGER, "INT UNSIGNED", 4, 0, false),
                        column("Message", Types.VARCHAR, "VARCHAR", 512, 0, false)), List.of());
            }
            if (upper.equals("SELECT WARN")) {
                List<EngineWarning> warnings = List.of(new EngineWarning("Warning", 1235, "scatter read over 4 shards"),
                        new EngineWarning("Note", 1003, "flagged"));
                return new QueryResult(List.of(column("warn", Types.BIGINT, "BIGINT", 1, 0, false)),
                        new ListCursor(List.<Object[]>of(new Object[] {1L})), warnings);
            }
            if (upper.startsWith("SELECT SLEEP")) {
                try {
                    if (sleeping.await(30, TimeUnit.SECONDS)) {
                        sleeping = new CountDownLatch(1);
                        throw new ShardgateException(ErrorCode.QUERY_INTERRUPTED);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new ShardgateException(ErrorCode.INTERNAL, "SLEEP was never cancelled");
            }
            Matcher select = SELECT_ITEMS.matcher(text);
            if (select.matches()) {
                List<Object[]> found = new ArrayList<>();
                if (select.group(2) == null) {
                    Long id = select.group(1) == null ? null
                            : select.group(1).equals("?") ? ((Number) parameters.get(0)).longValue() : Long.parseLong(select.group(1));
                    items.keySet().stream().sorted().filter(k -> id == null || k.equals(id))
                            .forEach(k -> found.add(items.get(k).clone()));
                }
                return rows(ITEM_COLUMNS, found);
            }
            Matcher insert = INSERT_ITEM.matcher(text);
            if (insert.matches()) {
                return insert(insert.group(2), parameters, insert.group(1) != null);
            }
            if (upper.startsWith("DELETE FROM ITEMS")) {
                int count = items.size();
                items.clear();
                return new UpdateResult(count, 0, List.of());
            }
            if (upper.equals("SELECT * FROM TYPES")) {
                Object[] nulls = new Object[TYPE_VALUES.length];
                return rows(TYPE_COLUMNS, List.of(TYPE_VALUES.clone(), nulls));
            }
            if (upper.startsWith("SELECT * FROM BIG")) {
                return new QueryResult(List.of(column("n", Types.BIGINT, "BIGINT", 20, 0, false),
                        column("pad", Types.VARCHAR, "VARCHAR", 200, 0, false)), new BigCursor(bigRows), List.of());
            }
            if (upper.startsWith("SELECT * FROM MISSING")) {
                throw new ShardgateException(ErrorCode.UNKNOWN_TABLE, "shop.missing");
            }
            if (upper.startsWith("SELECT BROKEN")) {
                throw new IllegalStateException("a bug in the engine");
            }
            throw new ShardgateException(ErrorCode.PARSE_ERROR, "near '" + text + "' at line 1");
        }

        private ExecutionResult insert(String valuesText, List<Object> parameters, boolean withData) {
            List<Object> values = new ArrayList<>();
            if (parameters.isEmpty()) {
                for (String literal : valuesText.split(",")) {
                    String v = literal.strip();
                    values.add(v.startsWith("'") ? v.substring(1, v.length() - 1)
                            : v.equalsIgnoreCase("NULL") ? null : new BigDecimal(v));
                }
            } else {
                values.addAll(parameters);
            }
            long id = ((Number) values.get(0)).longValue();
            if (items.containsKey(id)) {
                throw new ShardgateException(ErrorCode.BACKEND_ERROR,
                        new SQLException("Duplicate entry '" + id + "' for key 'items.PRIMARY'", "23000", 1062),
                        "Duplicate entry '" + id + "' for key 'items.PRIMARY' (group g0)");
            }
            Object price = values.get(2) == null ? null : new BigDecimal(values.get(2).toString()).setScale(2);
            Object data = withData ? values.get(3) : null;
            if (data instanceof String text) {
                data = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            items.put(id, new Object[] {id, values.get(1) == null ? null : values.get(1).toString(), price, data});
            return new UpdateResult(1, id, List.of());
        }

        private ExecutionResult variables(String text) {
            List<ColumnMeta> columns = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            Matcher m = VARIABLE.matcher(text);
            while (m.find()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                String label = m.group(2) != null ? m.group(2) : m.group(0).split("\\s")[0];
                Object value = SERVER_VARIABLES.get(name);
                boolean number = value instanceof Long;
                columns.add(new ColumnMeta("", "", "", label, label, number ? Types.BIGINT : Types.VARCHAR,
                        number ? "BIGINT" : "VARCHAR", number ? 21 : 255, 0, true, false, false, false, false));
                values.add(value);
            }
            return rows(columns, List.<Object[]>of(values.toArray()));
        }

        private QueryResult rows(List<ColumnMeta> columns, List<Object[]> rows) {
            return new QueryResult(columns, new ListCursor(rows), List.of());
        }

        @Override
        public ExecutionResult execute(SqlStatement statement, List<Object> parameters) {
            return execute(statement.sql(), parameters);
        }

        @Override
        public SqlStatement prepare(String sql) {
            String upper = sql.strip().toUpperCase(Locale.ROOT);
            if (upper.startsWith("LOCK") || upper.startsWith("SELECT UNPREPARABLE")) {
                throw new ShardgateException(ErrorCode.UNPREPARABLE, sql);
            }
            if (upper.startsWith("SELECT * FROM MISSING")) {
                throw new ShardgateException(ErrorCode.UNKNOWN_TABLE, "shop.missing");
            }
            int markers = (int) sql.chars().filter(c -> c == '?').count();
            StatementKind kind = upper.startsWith("SELECT") ? StatementKind.SELECT : StatementKind.OTHER;
            return new OtherStatement(sql, kind, List.of(), markers, Map.of(), true, null, null, null);
        }

        @Override
        public List<ColumnMeta> resultColumns(SqlStatement statement) {
            String upper = statement.sql().toUpperCase(Locale.ROOT);
            if (upper.startsWith("SELECT * FROM ITEMS")) {
                return ITEM_COLUMNS;
            }
            if (upper.startsWith("SELECT * FROM TYPES")) {
                return TYPE_COLUMNS;
            }
            if (upper.startsWith("SELECT * FROM BIG")) {
                return List.of(column("n", Types.BIGINT, "BIGINT", 20, 0, false),
                        column("pad", Types.VARCHAR, "VARCHAR", 200, 0, false));
            }
            return List.of();
        }

        @Override
        public String database() {
            return database;
        }

        @Override
        public void useDatabase(String name) {
            if (!"shop".equals(name)) {
                throw new ShardgateException(ErrorCode.UNKNOWN_DATABASE, name);
            }
            database = name;
        }

        @Override
        public boolean autocommit() {
            return autocommit;
        }

        @Override
        public boolean inTransaction() {
            return inTransaction;
        }

        @Override
        public void setAutocommit(boolean on) {
            autocommit = on;
            inTransaction = inTransaction && !on;
        }

        @Override
        public void commit() {
            inTransaction = false;
        }

        @Override
        public void rollback() {
            inTransaction = false;
        }

        @Override
        public int transactionIsolation() {
            return 0;
        }

        @Override
        public void setTransactionIsolation(int level) {
        }

        @Override
        public long lastInsertId() {
            return 0;
        }

        @Override
        public List<Long> generatedKeys() {
            return List.of();
        }

        @Override
        public List<EngineWarning> warnings() {
            return lastWarnings;
        }

        @Override
        public void cancel() {
            sleeping.countDown();
        }

        @Override
        public void reset() {
            resets++;
            inTransaction = false;
            autocommit = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final Map<String, Object> SERVER_VARIABLES = new java.util.HashMap<>();

    static {
        SERVER_VARIABLES.put("auto_increment_increment", 1L);
        SERVER_VARIABLES.put("character_set_client", "utf8mb4");
        SERVER_VARIABLES.put("character_set_connection", "utf8mb4");
        SERVER_VARIABLES.put("character_set_results", null);
        SERVER_VARIABLES.put("character_set_server", "utf8mb4");
        SERVER_VARIABLES.put("collation_server", "utf8mb4_general_ci");
        SERVER_VARIABLES.put("collation_connection", "utf8mb4_general_ci");
        SERVER_VARIABLES.put("init_connect", "");
        SERVER_VARIABLES.put("interactive_timeout", 28800L);
        SERVER_VARIABLES.put("license", "GPL");
        SERVER_VARIABLES.put("lower_case_table_names", 0L);
        SERVER_VARIABLES.put("max_allowed_packet", 67108864L);
        SERVER_VARIABLES.put("net_write_timeout", 60L);
        SERVER_VARIABLES.put("performance_schema", 0L);
        SERVER_VARIABLES.put("sql_mode", "STRICT_TRANS_TABLES");
        SERVER_VARIABLES.put("system_time_zone", "UTC");
        SERVER_VARIABLES.put("time_zone", "SYSTEM");
        SERVER_VARIABLES.put("transaction_isolation", "REPEATABLE-READ");
        SERVER_VARIABLES.put("tx_isolation", "REPEATABLE-READ");
        SERVER_VARIABLES.put("transaction_read_only", 0L);
        SERVER_VARIABLES.put("wait_timeout", 28800L);
        SERVER_VARIABLES.put("version_comment", "Shardgate test");
        SERVER_VARIABLES.put("version", VERSION);
    }

    /** Rows held in a list. */
    static final class ListCursor implements RowCursor {
        private final List<Object[]> rows;
        private int index = -1;

        ListCursor(List<Object[]> rows) {
            this.rows = rows;
        }

        @Override
        public boolean next() {
            return ++index < rows.size();
        }

        @Override
        public Object value(int column) {
            return rows.get(index)[column];
        }

        @Override
        public void close() {
        }
    }

    /** {@code n} rows made on demand, counting how many the proxy pulled (for back-pressure tests). */
    final class BigCursor implements RowCursor {
        private final long total;
        private long current;

        BigCursor(long total) {
            this.total = total;
        }

        @Override
        public boolean next() {
            if (current >= total) {
                return false;
            }
            current++;
            bigRowsProduced.incrementAndGet();
            return true;
        }

        @Override
        public Object value(int column) {
            return column == 0 ? (Object) current : "x".repeat(100) + current;
        }

        @Override
        public void close() {
        }
    }
}
