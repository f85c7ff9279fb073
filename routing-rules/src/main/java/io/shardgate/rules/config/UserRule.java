package io.shardgate.rules.config;

/** A proxy account. The password never appears in toString. */
public record UserRule(String name, String password) {
    @Override
    public String toString() {
        return "UserRule[name=" + name + ", password=***]";
    }
}
