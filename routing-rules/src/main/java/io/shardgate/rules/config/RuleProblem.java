package io.shardgate.rules.config;

/**
 * One thing wrong in a rule file, printed as {@code file:line:col: what is wrong; what is expected}.
 * Line and column are 1-based; both are 0 when the problem has no position (an unreadable file).
 */
public record RuleProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
    }
}
