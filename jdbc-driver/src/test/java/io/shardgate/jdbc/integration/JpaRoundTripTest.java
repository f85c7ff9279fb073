package io.shardgate.jdbc.integration;

import io.shardgate.testing.MariaDbCluster;
import io.shardgate.testing.MariaDbServer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.Table;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain JPA application (Hibernate ORM, which picks its MySQL dialect from the driver's metadata) on a {@code jdbc:shardgate:file:} URL
 * over the shared MariaDB cluster: entities are persisted, found by id, queried with JPQL across
 * shards, updated and removed, and each row is checked where it must live — on the physical table
 * of its shard, read directly from that server.
 */
class JpaRoundTripTest {

    private static final String DATABASE = "sg_jpa";
    private static MariaDbCluster cluster;
    private static Path rules;
    private static EntityManagerFactory factory;

    @Entity(name = "Account")
    @Table(name = "accounts")
    public static class Account {
        @Id
        @Column(name = "user_id")
        Integer userId;
        @Column(name = "name", length = 20, nullable = false)
        String name;
        @Column(name = "balance", precision = 10, scale = 2, nullable = false)
        BigDecimal balance;

        public Account() {
        }

        Account(int userId, String name, String balance) {
            this.userId = userId;
            this.name = name;
            this.balance = new BigDecimal(balance);
        }
    }

    @Entity(name = "Note")
    @Table(name = "notes")
    public static class Note {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY) // filled by Shardgate's snowflake key generator
        @Column(name = "note_id")
        Long noteId;
        @Column(name = "user_id", nullable = false)
        Integer userId;
        @Column(name = "body", length = 100)
        String body;

        public Note() {
        }

        Note(int userId, String body) {
            this.userId = userId;
            this.body = body;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        cluster = MariaDbCluster.shared(2, 2);
        ClusterRules.freshDatabase(cluster, DATABASE);
        rules = ClusterRules.file(cluster, DATABASE, "best-effort");
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:shardgate:file:" + rules);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE accounts (user_id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, "
                    + "balance DECIMAL(10,2) NOT NULL)");
            statement.execute("CREATE TABLE notes (note_id BIGINT PRIMARY KEY, user_id INT NOT NULL, body VARCHAR(100))");
        }
        factory = new HibernatePersistenceConfiguration("shardgate-jpa")
                .managedClass(Account.class)
                .managedClass(Note.class)
                .property(PersistenceConfiguration.JDBC_URL, "jdbc:shardgate:file:" + rules)
                .property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "none")
                .property("hibernate.connection.pool_size", "2")
                .createEntityManagerFactory();
    }

    @AfterAll
    static void stop() throws Exception {
        if (factory != null) {
            factory.close();
        }
        Files.deleteIfExists(rules);
    }

    @Test
    void entitiesMakeTheRoundTripThroughTheShards() throws Exception {
        inTransaction(em -> {
            for (Account account : List.of(new Account(1, "ann", "100.00"), new Account(2, "bo", "50.00"),
                    new Account(3, "cy", "75.50"), new Account(4, "di", "10.00"))) {
                em.persist(account);
            }
        });
        // each row is on its shard's physical table (mod 4: keys 1, 4 → g0; 2, 3 → g1)
        assertThat(physicalRows(0, "accounts_1")).containsExactly("1:ann");
        assertThat(physicalRows(0, "accounts_0")).containsExactly("4:di");
        assertThat(physicalRows(1, "accounts_0")).containsExactly("2:bo");
        assertThat(physicalRows(1, "accounts_1")).containsExactly("3:cy");

        EntityManager em = factory.createEntityManager();
        try {
            Account cy = em.find(Account.class, 3);
            assertThat(cy.name).isEqualTo("cy");
            assertThat(cy.balance).isEqualByComparingTo("75.50");
            List<String> rich = em.createQuery("SELECT a.name FROM Account a WHERE a.balance >= :min ORDER BY a.balance DESC",
                    String.class).setParameter("min", new BigDecimal("50")).getResultList();
            assertThat(rich).containsExactly("ann", "cy", "bo");
            Long count = em.createQuery("SELECT COUNT(a) FROM Account a", Long.class).getSingleResult();
            assertThat(count).isEqualTo(4);
            BigDecimal total = em.createQuery("SELECT SUM(a.balance) FROM Account a", BigDecimal.class).getSingleResult();
            assertThat(total).isEqualByComparingTo("235.50");
            List<Account> page = em.createQuery("SELECT a FROM Account a ORDER BY a.userId", Account.class)
                    .setFirstResult(1).setMaxResults(2).getResultList();
            assertThat(page).extracting(a -> a.userId).containsExactly(2, 3);
        } finally {
            em.close();
        }

        // a transfer across groups (best-effort policy), then a removal
        inTransaction(tx -> {
            Account ann = tx.find(Account.class, 1);
            Account bo = tx.find(Account.class, 2);
            ann.balance = ann.balance.subtract(new BigDecimal("30.00"));
            bo.balance = bo.balance.add(new BigDecimal("30.00"));
        });
        inTransaction(tx -> tx.remove(tx.find(Account.class, 4)));
        assertThat(physicalRows(0, "accounts_0")).isEmpty();
        EntityManager check = factory.createEntityManager();
        try {
            assertThat(check.find(Account.class, 1).balance).isEqualByComparingTo("70.00");
            assertThat(check.find(Account.class, 2).balance).isEqualByComparingTo("80.00");
            assertThat(check.find(Account.class, 4)).isNull();
        } finally {
            check.close();
        }
    }

    @Test
    void generatedIdsComeFromShardgatesKeyGenerator() throws Exception {
        Note first = new Note(5, "first");
        Note second = new Note(6, "second");
        inTransaction(em -> em.persist(first));
        inTransaction(em -> em.persist(second));
        assertThat(first.noteId).isNotNull().isPositive();
        assertThat(second.noteId).isGreaterThan(first.noteId);
        assertThat(physicalRows(0, "notes_1", "note_id", "body")).containsExactly(first.noteId + ":first");
        assertThat(physicalRows(1, "notes_0", "note_id", "body")).containsExactly(second.noteId + ":second");
        EntityManager em = factory.createEntityManager();
        try {
            assertThat(em.find(Note.class, second.noteId)).isNotNull()
                    .satisfies(n -> assertThat(n.body).isEqualTo("second"));
            List<Note> mine = em.createQuery("SELECT n FROM Note n WHERE n.userId = :u", Note.class)
                    .setParameter("u", 5).getResultList();
            assertThat(mine).extracting(n -> n.noteId).containsExactly(first.noteId);
        } finally {
            em.close();
        }
    }

    private interface Work {
        void run(EntityManager em);
    }

    private static void inTransaction(Work work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            work.run(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static List<String> physicalRows(int group, String table) throws Exception {
        return physicalRows(group, table, "user_id", "name");
    }

    /** "key:value" of every row of a physical table, read directly from the group's leader. */
    private static List<String> physicalRows(int group, String table, String key, String value) throws Exception {
        MariaDbServer leader = cluster.group(group).leader();
        try (Connection connection = leader.connect(DATABASE); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + key + ", " + value + " FROM " + table + " ORDER BY " + key)) {
            List<String> list = new java.util.ArrayList<>();
            while (rows.next()) {
                list.add(rows.getString(1) + ":" + rows.getString(2));
            }
            return list;
        }
    }
}
