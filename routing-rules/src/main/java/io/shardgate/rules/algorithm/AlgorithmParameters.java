package io.shardgate.rules.algorithm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads of one algorithm's parameter map, with messages that name the algorithm and the
 * parameter. Used by the built-in providers; user providers may use it too.
 */
public final class AlgorithmParameters {

    private final String type;
    private final Map<String, Object> params;

    public AlgorithmParameters(String type, Map<String, Object> params) {
        this.type = type;
        this.params = params == null ? Map.of() : params;
    }

    /** Rejects any key not in {@code allowed}, listing the allowed ones. */
    public AlgorithmParameters allowOnly(Set<String> allowed) {
        for (String key : params.keySet()) {
            if (!allowed.contains(key)) {
                String expected = allowed.isEmpty()
                        ? type + " takes no parameters; write algorithm: " + type
                        : "parameters of " + type + ": " + String.join(", ", allowed.stream().sorted().toList());
                throw new AlgorithmParameterException(key, "unknown parameter '" + key + "' for " + type + "; " + expected);
            }
        }
        return this;
    }

    public boolean has(String name) {
        return params.get(name) != null;
    }

    /** An integer in [min, max], or {@code defaultValue} when absent. */
    public int integer(String name, int defaultValue, int min, int max) {
        Object value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        ShardKey key = value instanceof Number || value instanceof String ? ShardKey.of(value) : null;
        if (key == null || !key.fitsInLong() || key.longValue() < min || key.longValue() > max) {
            throw new AlgorithmParameterException(name, type + " " + name + " " + describe(value)
                    + " is out of range; expected an integer from " + min + " to " + max);
        }
        return (int) key.longValue();
    }

    /** A list of integers, as keys (may be empty). */
    public List<ShardKey> integers(String name, String example) {
        Object value = params.get(name);
        if (value == null) {
            throw new AlgorithmParameterException(name, type + " needs " + name + "; expected e.g. " + example);
        }
        if (!(value instanceof List<?> list)) {
            throw new AlgorithmParameterException(name, type + " " + name + " is not a list of integers; expected e.g. "
                    + example);
        }
        List<ShardKey> keys = new ArrayList<>(list.size());
        for (Object element : list) {
            ShardKey key = element instanceof Number || element instanceof String ? ShardKey.of(element) : null;
            if (key == null || !key.isIntegral()) {
                throw new AlgorithmParameterException(name, type + " " + name + " contains " + describe(element)
                        + ", which is not an integer; expected e.g. " + example);
            }
            keys.add(key);
        }
        return keys;
    }

    private static String describe(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
