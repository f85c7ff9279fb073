package io.shardgate.jdbc;

import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Shardgate JDBC URL: {@code jdbc:shardgate:file:/path/rules.yaml} or
 * {@code jdbc:shardgate:classpath:rules.yaml}, optionally followed by {@code ?database=name} to
 * choose among several logical databases. Several rule files are separated by commas:
 * {@code jdbc:shardgate:file:/a.yaml,classpath:b.yaml}.
 */
record ShardgateUrl(String url, List<String> locations, String database) {

    static final String PREFIX = "jdbc:shardgate:";

    static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    static ShardgateUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw new SQLException("not a Shardgate URL: " + url + " (expected " + PREFIX
                    + "file:/path/rules.yaml or " + PREFIX + "classpath:rules.yaml)", "08001");
        }
        String rest = url.substring(PREFIX.length());
        String database = null;
        int query = rest.indexOf('?');
        if (query >= 0) {
            for (String parameter : rest.substring(query + 1).split("&")) {
                int eq = parameter.indexOf('=');
                if (eq > 0 && parameter.substring(0, eq).equalsIgnoreCase("database")) {
                    database = parameter.substring(eq + 1);
                }
            }
            rest = rest.substring(0, query);
        }
        List<String> locations = new ArrayList<>();
        for (String location : rest.split(",")) {
            String l = location.trim();
            String lower = l.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("file:") && !lower.startsWith("classpath:") || l.indexOf(':') == l.length() - 1) {
                throw new SQLException("cannot read rule file location '" + l + "' in " + url + ": expected "
                        + "file:/path/rules.yaml or classpath:rules.yaml", "08001");
            }
            locations.add(l);
        }
        return new ShardgateUrl(url, List.copyOf(locations), database);
    }

    /** Loads and validates the rule files ({@code ${env:NAME}} from the process environment). */
    List<RuleSet> load() throws SQLException {
        RuleLoader loader = new RuleLoader();
        List<RuleSet> rules = new ArrayList<>();
        try {
            for (String location : locations) {
                if (location.toLowerCase(Locale.ROOT).startsWith("file:")) {
                    rules.add(loader.load(Path.of(location.substring("file:".length()))));
                } else {
                    String resource = location.substring("classpath:".length());
                    rules.add(loader.load(location, readResource(resource)));
                }
            }
        } catch (RuntimeException e) {
            throw new SQLException("cannot load Shardgate rules from " + url + ": " + e.getMessage(), "08001", e);
        }
        return rules;
    }

    private static String readResource(String resource) throws SQLException {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ShardgateUrl.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new SQLException("rule file " + name + " is not on the class path", "08001");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read rule file " + name + " from the class path: " + e.getMessage(),
                    "08001", e);
        }
    }
}
