package io.shardgate.rules.algorithm;

/**
 * A bad algorithm parameter, naming it so that the rule loader can point at its line in the rule
 * file. Providers may throw a plain IllegalArgumentException instead; then the whole algorithm is
 * blamed.
 */
public class AlgorithmParameterException extends IllegalArgumentException {

    private final String parameter;

    /** @param parameter the key in the algorithm map, as written (e.g. {@code bounds}) */
    public AlgorithmParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
