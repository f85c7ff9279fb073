package io.shardgate.engine;

/** A MySQL-style warning: level (Note/Warning/Error), code, message. */
public record EngineWarning(String level, int code, String message) {
}
