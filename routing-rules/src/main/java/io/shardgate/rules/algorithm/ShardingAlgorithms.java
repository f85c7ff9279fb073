package io.shardgate.rules.algorithm;

import io.shardgate.rules.config.TableRule;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registry of algorithm providers: the built-ins ({@code mod}, {@code hash-mod}, {@code range},
 * {@code consistent-hash}), those found by ServiceLoader, and fully-qualified class names of
 * providers, loaded on demand. Immutable after construction; build one per class loader.
 */
public final class ShardingAlgorithms {

    private static final String SPI = ShardingAlgorithmProvider.class.getName();

    private final ClassLoader classLoader;
    private final Map<String, ShardingAlgorithmProvider> providers;

    /** Built-ins plus the services visible to the thread's context class loader (or this class's). */
    public ShardingAlgorithms() {
        this(defaultClassLoader());
    }

    /**
     * Built-ins plus the services visible to {@code classLoader}, which also loads providers named by class.
     *
     * @throws IllegalStateException when two providers claim one type key
     */
    public ShardingAlgorithms(ClassLoader classLoader) {
        this.classLoader = classLoader;
        Map<String, ShardingAlgorithmProvider> found = new LinkedHashMap<>();
        for (ShardingAlgorithmProvider provider : List.of(new ModAlgorithm.Provider(), new HashModAlgorithm.Provider(),
                new RangeAlgorithm.Provider(), new ConsistentHashAlgorithm.Provider())) {
            found.put(provider.type(), provider);
        }
        List<ShardingAlgorithmProvider> services = new ArrayList<>();
        ServiceLoader.load(ShardingAlgorithmProvider.class, classLoader).forEach(services::add);
        services.sort((a, b) -> a.type().compareTo(b.type()));
        for (ShardingAlgorithmProvider provider : services) {
            ShardingAlgorithmProvider earlier = found.putIfAbsent(provider.type(), provider);
            if (earlier != null && earlier.getClass() != provider.getClass()) {
                throw new IllegalStateException("sharding algorithm type '" + provider.type() + "' is claimed by both "
                        + earlier.getClass().getName() + " and " + provider.getClass().getName()
                        + "; expected one provider per type (remove one from META-INF/services/" + SPI + ")");
            }
        }
        this.providers = Collections.unmodifiableMap(found);
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ShardingAlgorithms.class.getClassLoader();
    }

    /** The registered type keys: built-ins first, then services in alphabetical order. */
    public List<String> types() {
        return List.copyOf(providers.keySet());
    }

    /** The algorithm of {@code spec} over {@code shardCount} shards. */
    public ShardingAlgorithm create(TableRule.AlgorithmSpec spec, int shardCount) {
        return provider(spec.type()).create(spec.params() == null ? Map.of() : spec.params(), shardCount);
    }

    /**
     * The provider registered for {@code type}, or the provider class that {@code type} names.
     *
     * @throws IllegalArgumentException naming the known types when there is none
     */
    public ShardingAlgorithmProvider provider(String type) {
        ShardingAlgorithmProvider provider = providers.get(type);
        if (provider != null) {
            return provider;
        }
        if (!type.contains(".")) {
            throw new IllegalArgumentException("unknown sharding algorithm '" + type + "'; expected one of "
                    + String.join(", ", providers.keySet()) + ", or the fully-qualified name of a class implementing "
                    + SPI);
        }
        return instantiate(type);
    }

    private ShardingAlgorithmProvider instantiate(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("sharding algorithm class " + className + " is not on the class path ("
                    + e + "); expected one of " + String.join(", ", providers.keySet())
                    + ", or a class implementing " + SPI + " in a jar on the class path");
        }
        if (!ShardingAlgorithmProvider.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("sharding algorithm class " + className + " does not implement " + SPI
                    + "; expected a provider class, whose create(params, shardCount) returns the algorithm");
        }
        try {
            return (ShardingAlgorithmProvider) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new IllegalArgumentException("sharding algorithm class " + className + " cannot be instantiated ("
                    + e + "); expected a public class with a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("sharding algorithm class " + className + " failed in its constructor: "
                    + e.getCause() + "; expected a constructor that does not throw", e.getCause());
        }
    }
}
