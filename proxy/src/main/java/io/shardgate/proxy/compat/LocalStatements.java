package io.shardgate.proxy.compat;

import io.shardgate.proxy.compat.LocalStatement.Expression;
import io.shardgate.proxy.compat.LocalStatement.InformationSchemaQuery;
import io.shardgate.proxy.compat.LocalStatement.Item;
import io.shardgate.proxy.compat.LocalStatement.Literal;
import io.shardgate.proxy.compat.LocalStatement.SessionFunction;
import io.shardgate.proxy.compat.LocalStatement.ShowServer;
import io.shardgate.proxy.compat.LocalStatement.ShowTable;
import io.shardgate.proxy.compat.LocalStatement.Subject;
import io.shardgate.proxy.compat.LocalStatement.SystemVariable;
import io.shardgate.proxy.compat.LocalStatement.TableSubject;
import io.shardgate.proxy.compat.LocalStatement.VariableSelect;
import io.shardgate.proxy.compat.SqlTokens.Kind;
import io.shardgate.proxy.compat.SqlTokens.Token;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognizes the statements the proxy answers itself ({@link LocalStatement}) from their tokens.
 * Anything not recognized exactly, even a variant of a recognized shape, is left to the engine:
 * a miss costs a backend round trip (or the backend's error), never a wrong answer.
 */
final class LocalStatements {

    /** Functions of the session that need no backend (with an empty argument list). */
    static final Set<String> SESSION_FUNCTIONS = Set.of("DATABASE", "SCHEMA", "USER", "CURRENT_USER", "SESSION_USER",
            "SYSTEM_USER", "CONNECTION_ID", "VERSION", "LAST_INSERT_ID");

    /** Words after DESCRIBE/EXPLAIN that make it the explanation of a statement, not of a table. */
    private static final Set<String> EXPLAINED = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH",
            "TABLE", "FORMAT", "EXTENDED", "PARTITIONS", "ANALYZE", "ROUTE", "FOR", "VALUES");

    private final String sql;
    private final List<Token> tokens;
    private int position;

    private LocalStatements(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    /** The local statement {@code sql} is, or empty when the engine should run it. */
    static Optional<LocalStatement> recognize(String sql) {
        List<Token> tokens = new ArrayList<>(SqlTokens.tokenize(sql));
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";")) {
            tokens.remove(tokens.size() - 1);
        }
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        LocalStatements parser = new LocalStatements(sql, tokens);
        Token first = tokens.get(0);
        try {
            if (first.is("SELECT") || first.isSymbol("(") || first.is("WITH")) {
                Optional<LocalStatement> catalog = parser.informationSchema();
                return catalog.isPresent() || !first.is("SELECT") ? catalog : parser.variableSelect();
            }
            if (first.is("SHOW")) {
                return parser.show();
            }
            if (first.is("DESCRIBE") || first.is("DESC") || first.is("EXPLAIN")) {
                return parser.describe();
            }
        } catch (NotLocal e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Thrown on the first token that does not fit a local shape. */
    private static final class NotLocal extends RuntimeException {
        NotLocal() {
            super(null, null, false, false);
        }
    }

    // ---- SELECT without tables ---------------------------------------------------------------------

    private Optional<LocalStatement> variableSelect() {
        position = 1;
        List<Item> items = new ArrayList<>();
        do {
            items.add(item());
        } while (accept(","));
        boolean noRows = false;
        if (acceptWord("FROM")) {
            expectWord("DUAL");
        }
        if (acceptWord("LIMIT")) {
            long first = count();
            long offset = 0;
            long count = first;
            if (accept(",")) {
                offset = first;
                count = count();
            } else if (acceptWord("OFFSET")) {
                offset = count();
            }
            noRows = count == 0 || offset > 0;
        }
        expectEnd();
        return Optional.of(new VariableSelect(List.copyOf(items), noRows));
    }

    private Item item() {
        int start = peek().start();
        Expression expression = expression();
        int end = tokens.get(position - 1).end();
        String label = expression instanceof Literal literal && tokens.get(position - 1).kind() == Kind.STRING
                ? String.valueOf(literal.value()) : sql.substring(start, end);
        if (acceptWord("AS")) {
            label = alias();
        } else if (!atEnd() && (peek().kind() == Kind.NAME || peek().kind() == Kind.STRING
                || peek().kind() == Kind.WORD && !peek().is("FROM") && !peek().is("LIMIT"))) {
            label = alias();
        }
        return new Item(expression, label);
    }

    private String alias() {
        Token token = next();
        if (token.kind() != Kind.NAME && token.kind() != Kind.STRING && token.kind() != Kind.WORD) {
            throw new NotLocal();
        }
        return token.text();
    }

    private Expression expression() {
        Token token = next();
        switch (token.kind()) {
            case SYSTEM_VARIABLE -> {
                String text = token.text();
                int dot = text.indexOf('.');
                if (dot > 0) {
                    String scope = text.substring(0, dot).toUpperCase(Locale.ROOT);
                    if (!scope.equals("GLOBAL") && !scope.equals("SESSION") && !scope.equals("LOCAL")) {
                        throw new NotLocal();
                    }
                    return new SystemVariable(scope.equals("LOCAL") ? "SESSION" : scope,
                            text.substring(dot + 1).toLowerCase(Locale.ROOT));
                }
                return new SystemVariable(null, text.toLowerCase(Locale.ROOT));
            }
            case NUMBER -> {
                return new Literal(number(token.text()));
            }
            case STRING -> {
                return new Literal(token.text());
            }
            case SYMBOL -> {
                if (token.text().equals("-") && !atEnd() && peek().kind() == Kind.NUMBER) {
                    Object value = number(next().text());
                    return new Literal(value instanceof Long l ? (Object) (-l) : ((BigDecimal) value).negate());
                }
                throw new NotLocal();
            }
            case WORD -> {
                String word = token.upper();
                switch (word) {
                    case "NULL" -> {
                        return new Literal(null);
                    }
                    case "TRUE" -> {
                        return new Literal(1L);
                    }
                    case "FALSE" -> {
                        return new Literal(0L);
                    }
                    default -> {
                        if (!SESSION_FUNCTIONS.contains(word)) {
                            throw new NotLocal();
                        }
                        if (accept("(")) {
                            expect(")");
                        } else if (!word.equals("CURRENT_USER")) {
                            throw new NotLocal();
                        }
                        return new SessionFunction(word);
                    }
                }
            }
            default -> throw new NotLocal();
        }
    }

    private static Object number(String text) {
        if (text.matches("\\d{1,18}")) {
            return Long.parseLong(text);
        }
        return new BigDecimal(text);
    }

    private long count() {
        Token token = next();
        if (token.kind() != Kind.NUMBER || !token.text().matches("\\d{1,18}")) {
            throw new NotLocal();
        }
        return Long.parseLong(token.text());
    }

    // ---- information_schema ------------------------------------------------------------------------

    /**
     * A query that names information_schema tables: the qualifier is dropped so that the query runs
     * over the logical schema's copies of those tables. Queries that also name other tables fail
     * there and fall back to the engine.
     */
    private Optional<LocalStatement> informationSchema() {
        StringBuilder rewritten = new StringBuilder();
        int copied = 0;
        boolean found = false;
        int markers = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.MARKER) {
                markers++;
            }
            if (token.isName() && token.text().equalsIgnoreCase("information_schema") && i + 1 < tokens.size()
                    && tokens.get(i + 1).isSymbol(".")) {
                rewritten.append(sql, copied, token.start());
                copied = tokens.get(i + 1).end();
                found = true;
            }
        }
        if (!found) {
            return Optional.empty();
        }
        int end = tokens.get(tokens.size() - 1).end();
        rewritten.append(sql, copied, Math.max(copied, end));
        return Optional.of(new InformationSchemaQuery(rewritten.toString(), markers));
    }

    // ---- SHOW --------------------------------------------------------------------------------------

    private Optional<LocalStatement> show() {
        position = 1;
        boolean global = false;
        if (acceptWord("GLOBAL")) {
            global = true;
        } else if (!acceptWord("SESSION")) {
            acceptWord("LOCAL");
        }
        Token what = next();
        if (what.kind() != Kind.WORD) {
            throw new NotLocal();
        }
        boolean scoped = position > 2;
        switch (what.upper()) {
            case "VARIABLES" -> {
                return server(Subject.VARIABLES, global, true);
            }
            case "STATUS" -> {
                return server(Subject.STATUS, global, true);
            }
            case "COLLATION" -> {
                return server(Subject.COLLATION, false, !scoped);
            }
            case "CHARSET" -> {
                return server(Subject.CHARACTER_SET, false, !scoped);
            }
            case "CHARACTER" -> {
                expectWord("SET");
                return server(Subject.CHARACTER_SET, false, !scoped);
            }
            case "STORAGE" -> {
                expectWord("ENGINES");
                return server(Subject.ENGINES, false, !scoped);
            }
            case "ENGINES" -> {
                return server(Subject.ENGINES, false, !scoped);
            }
            case "PLUGINS" -> {
                return server(Subject.PLUGINS, false, !scoped);
            }
            case "WARNINGS", "ERRORS" -> {
                if (scoped) {
                    throw new NotLocal();
                }
                skipLimit();
                expectEnd();
                return Optional.of(new ShowServer(what.upper().equals("WARNINGS") ? Subject.WARNINGS : Subject.ERRORS,
                        false, null, null, null));
            }
            case "COUNT" -> {
                expect("(");
                expect("*");
                expect(")");
                Token which = next();
                expectEnd();
                if (which.is("WARNINGS")) {
                    return Optional.of(new ShowServer(Subject.WARNING_COUNT, false, null, null, null));
                }
                if (which.is("ERRORS")) {
                    return Optional.of(new ShowServer(Subject.ERROR_COUNT, false, null, null, null));
                }
                throw new NotLocal();
            }
            case "CREATE" -> {
                Token object = next();
                if (object.is("DATABASE") || object.is("SCHEMA")) {
                    if (acceptWord("IF")) {
                        expectWord("NOT");
                        expectWord("EXISTS");
                    }
                    String name = name();
                    expectEnd();
                    return Optional.of(new ShowServer(Subject.CREATE_DATABASE, false, null, null, name));
                }
                if (object.is("TABLE")) {
                    String[] table = qualifiedName();
                    expectEnd();
                    return Optional.of(new ShowTable(TableSubject.CREATE_TABLE, table[1], table[0], null));
                }
                throw new NotLocal();
            }
            case "FULL", "COLUMNS", "FIELDS" -> {
                boolean full = what.is("FULL");
                if (full) {
                    Token columns = next();
                    if (!columns.is("COLUMNS") && !columns.is("FIELDS")) {
                        throw new NotLocal();
                    }
                }
                return table(full ? TableSubject.FULL_COLUMNS : TableSubject.COLUMNS, true);
            }
            case "INDEX", "INDEXES", "KEYS" -> {
                return table(TableSubject.INDEX, false);
            }
            default -> throw new NotLocal();
        }
    }

    private Optional<LocalStatement> server(Subject subject, boolean global, boolean allowed) {
        if (!allowed) {
            throw new NotLocal();
        }
        String like = null;
        String where = null;
        if (acceptWord("LIKE")) {
            like = string();
        } else if (acceptWord("WHERE")) {
            if (atEnd()) {
                throw new NotLocal();
            }
            where = sql.substring(peek().start(), tokens.get(tokens.size() - 1).end());
            position = tokens.size();
        }
        expectEnd();
        return Optional.of(new ShowServer(subject, global, like, where, null));
    }

    /** … FROM|IN table [FROM|IN database] [LIKE pattern]. */
    private Optional<LocalStatement> table(TableSubject subject, boolean likeAllowed) {
        if (!acceptWord("FROM") && !acceptWord("IN")) {
            throw new NotLocal();
        }
        String[] table = qualifiedName();
        String database = table[0];
        if (acceptWord("FROM") || acceptWord("IN")) {
            database = name();
        }
        String like = null;
        if (likeAllowed && acceptWord("LIKE")) {
            like = string();
        }
        expectEnd();
        return Optional.of(new ShowTable(subject, table[1], database, like));
    }

    /** DESCRIBE|DESC|EXPLAIN table [column]. */
    private Optional<LocalStatement> describe() {
        position = 1;
        if (atEnd() || !peek().isName() || peek().kind() == Kind.WORD && EXPLAINED.contains(peek().upper())) {
            throw new NotLocal();
        }
        String[] table = qualifiedName();
        String column = null;
        if (!atEnd()) {
            Token token = next();
            if (!token.isName() && token.kind() != Kind.STRING) {
                throw new NotLocal();
            }
            column = token.text();
        }
        expectEnd();
        return Optional.of(new ShowTable(TableSubject.COLUMNS, table[1], table[0], column));
    }

    // ---- token helpers -----------------------------------------------------------------------------

    private void skipLimit() {
        if (acceptWord("LIMIT")) {
            count();
            if (accept(",")) {
                count();
            }
        }
    }

    private String[] qualifiedName() {
        String first = name();
        if (accept(".")) {
            return new String[] {first, name()};
        }
        return new String[] {null, first};
    }

    private String name() {
        Token token = next();
        if (!token.isName()) {
            throw new NotLocal();
        }
        return token.text();
    }

    private String string() {
        Token token = next();
        if (token.kind() != Kind.STRING) {
            throw new NotLocal();
        }
        return token.text();
    }

    private boolean atEnd() {
        return position >= tokens.size();
    }

    private Token peek() {
        if (atEnd()) {
            throw new NotLocal();
        }
        return tokens.get(position);
    }

    private Token next() {
        Token token = peek();
        position++;
        return token;
    }

    private boolean accept(String symbol) {
        if (!atEnd() && tokens.get(position).isSymbol(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        if (!atEnd() && tokens.get(position).is(word)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            throw new NotLocal();
        }
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            throw new NotLocal();
        }
    }

    private void expectEnd() {
        if (!atEnd()) {
            throw new NotLocal();
        }
    }
}
