package io.shardgate.engine.keygen;

import io.shardgate.rules.config.TableRule;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.function.Function;

/**
 * Chooses the snowflake worker id of this instance. Ids from two instances can only collide when
 * both have the same worker id, so, in order:
 * <ol>
 *   <li>the key generator's {@code worker-id} in the rule file — only right when one instance
 *       uses that file, since every instance reading it gets the same id;</li>
 *   <li>the system property {@code shardgate.worker-id}, else the environment variable
 *       {@code SHARDGATE_WORKER_ID} — the way to give each of several instances its own id
 *       (e.g. the pod ordinal of a StatefulSet);</li>
 *   <li>derived: a hash of host name and process id, modulo 1024. Instances on different hosts
 *       or processes usually differ, but not surely: with n instances the chance that two share an
 *       id is about n²/2048 (≈ 5% for 10 instances, ≈ 39% for 32). Set one of the above when ids
 *       from several instances go to the same table.</li>
 * </ol>
 */
public final class WorkerId {

    public static final String PROPERTY = "shardgate.worker-id";
    public static final String ENVIRONMENT = "SHARDGATE_WORKER_ID";

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final String hostAndProcess;

    /** The worker id source of this JVM: its system properties, environment, host name and pid. */
    public static WorkerId ofThisProcess() {
        return new WorkerId(System::getProperty, System::getenv, hostName() + "/" + ProcessHandle.current().pid());
    }

    public WorkerId(Function<String, String> systemProperties, Function<String, String> environment,
                    String hostAndProcess) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.hostAndProcess = hostAndProcess;
    }

    /** The worker id for a table's key generator (null generator: the instance default). */
    public int resolve(TableRule.KeyGenerator generator) {
        Map<String, Object> params = generator == null || generator.params() == null ? Map.of() : generator.params();
        Object configured = params.get("worker-id");
        if (configured != null) {
            return parse(configured, "key-generator worker-id of column " + generator.column());
        }
        String property = systemProperties.apply(PROPERTY);
        if (property != null && !property.isBlank()) {
            return parse(property, "system property " + PROPERTY);
        }
        String env = environment.apply(ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return parse(env, "environment variable " + ENVIRONMENT);
        }
        return derived();
    }

    /** The hash-derived id (step 3). */
    public int derived() {
        int h = 0x9747b28c;
        for (int i = 0; i < hostAndProcess.length(); i++) {
            h = (h ^ hostAndProcess.charAt(i)) * 0x01000193; // FNV-1a, enough to spread similar names
        }
        h ^= h >>> 16;
        return Math.floorMod(h, SnowflakeGenerator.MAX_WORKER_ID + 1);
    }

    private static int parse(Object value, String where) {
        long id;
        try {
            id = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a whole number between 0 and "
                    + SnowflakeGenerator.MAX_WORKER_ID + ", got '" + value + "'");
        }
        if (id < 0 || id > SnowflakeGenerator.MAX_WORKER_ID) {
            throw new IllegalArgumentException(where + " must be between 0 and " + SnowflakeGenerator.MAX_WORKER_ID
                    + ", got " + id);
        }
        return (int) id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
