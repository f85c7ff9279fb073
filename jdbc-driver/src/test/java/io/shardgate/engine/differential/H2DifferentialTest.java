package io.shardgate.engine.differential;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/**
 * The differential cases on H2 (fast, always run): four H2 shards (two in-memory databases in
 * MySQL mode, two physical tables each) behind {@code jdbc:shardgate:}, against one H2 database.
 * <p>
 * H2 is not MySQL. To keep it close, every H2 database here runs with {@code IGNORECASE=TRUE}, so
 * that VARCHAR columns compare case-insensitively as under MySQL's default collations. What still
 * differs is marked {@code -- not-h2:} in the case file and skipped here (visibly, with the reason):
 * accents ('Émile' and 'emile' are two values on H2, one on MySQL), and results whose type H2
 * chooses differently. Decimals compare by value only on H2, since H2 gives e.g. AVG another scale
 * than MySQL; the MariaDB run ({@link MariaDbDifferentialTest}) checks scales.
 */
class H2DifferentialTest {

    private static final String OPTIONS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;IGNORECASE=TRUE;DB_CLOSE_DELAY=0";
    private static final List<Connection> open = new ArrayList<>();
    private static Path rulesFile;

    @BeforeAll
    static void databases() throws Exception {
        org.h2.Driver.load();
        String id = Long.toString(System.nanoTime(), 36);
        String g0 = "jdbc:h2:mem:diff_" + id + "_g0" + OPTIONS + ";LAZY_QUERY_EXECUTION=1";
        String g1 = "jdbc:h2:mem:diff_" + id + "_g1" + OPTIONS + ";LAZY_QUERY_EXECUTION=1";
        open.add(DriverManager.getConnection(g0, "sa", "")); // the in-memory databases live while these do
        open.add(DriverManager.getConnection(g1, "sa", ""));
        rulesFile = Files.createTempFile("shardgate-diff-h2-", ".yaml");
        Files.writeString(rulesFile, DifferentialRun.rules(g0, g1, "sa", ""));
        open.add(DriverManager.getConnection("jdbc:h2:mem:diff_" + id + "_reference" + OPTIONS, "sa", ""));
        open.add(DriverManager.getConnection("jdbc:shardgate:file:" + rulesFile));
    }

    @AfterAll
    static void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        Files.deleteIfExists(rulesFile);
    }

    @TestFactory
    List<DynamicTest> shardedResultsEqualOneDatabase() throws Exception {
        DifferentialRun run = new DifferentialRun("h2", true, open.get(3), open.get(2));
        run.load();
        DifferentialRun.assertSpread(open.subList(0, 2));
        return run.tests();
    }
}
