package io.shardgate.engine.differential;

import io.shardgate.testing.MariaDbCluster;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

/**
 * The differential cases on real MariaDB, which is the truth: every case must match exactly,
 * decimals with their scale. The sharded layout is database {@code sg_diff} on the leaders of the
 * shared cluster's two groups (two physical tables per sharded table in each); the reference is
 * database {@code sg_diff_ref} on group 0's leader, with the plain tables.
 */
class MariaDbDifferentialTest {

    private static final String SHARDS = "sg_diff";
    private static final String REFERENCE = "sg_diff_ref";
    private static MariaDbCluster cluster;
    private static Path rulesFile;
    private static Connection sharded;
    private static Connection reference;

    @BeforeAll
    static void databases() throws Exception {
        cluster = MariaDbCluster.shared(2, 2);
        MariaDbServer g0 = cluster.group(0).leader();
        MariaDbServer g1 = cluster.group(1).leader();
        for (MariaDbServer leader : List.of(g0, g1)) {
            leader.execute("DROP DATABASE IF EXISTS " + SHARDS, "CREATE DATABASE " + SHARDS);
        }
        g0.execute("DROP DATABASE IF EXISTS " + REFERENCE, "CREATE DATABASE " + REFERENCE);
        rulesFile = Files.createTempFile("shardgate-diff-mariadb-", ".yaml");
        Files.writeString(rulesFile, DifferentialRun.rules(g0.jdbcUrl(SHARDS), g1.jdbcUrl(SHARDS), MariaDbServer.USER,
                MariaDbServer.PASSWORD));
        sharded = DriverManager.getConnection("jdbc:shardgate:file:" + rulesFile);
        reference = g0.connect(REFERENCE);
    }

    @AfterAll
    static void close() throws Exception {
        if (sharded != null) {
            sharded.close();
        }
        if (reference != null) {
            reference.close();
        }
        Files.deleteIfExists(rulesFile);
    }

    @TestFactory
    List<DynamicTest> shardedResultsEqualOneDatabase() throws Exception {
        DifferentialRun run = new DifferentialRun("mariadb", false, sharded, reference);
        run.load();
        try (Connection g0 = cluster.group(0).leader().connect(SHARDS);
             Connection g1 = cluster.group(1).leader().connect(SHARDS)) {
            DifferentialRun.assertSpread(List.of(g0, g1));
        }
        return run.tests();
    }
}
