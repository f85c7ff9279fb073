package io.shardgate.engine.backend;

import io.shardgate.rules.config.DataSourceRule;

/**
 * One backend server of a group: its leader ({@code follower == -1}) or its i-th follower.
 * Printable without credentials: {@link #describe()} names group, role and the URL up to its query
 * string (which may carry a password).
 */
public record BackendServer(String database, String group, int follower, DataSourceRule source) {

    public static final int LEADER = -1;

    public boolean isLeader() {
        return follower == LEADER;
    }

    /** "leader" or "follower-1" (1-based, as operators count). */
    public String role() {
        return isLeader() ? "leader" : "follower-" + (follower + 1);
    }

    /** The pool name: identifies database, group and role in logs, metrics and JMX. */
    public String poolName() {
        return "shardgate-" + database + "-" + group + "-" + role();
    }

    public BackendDialect dialect() {
        return BackendDialect.of(source.url());
    }

    /** "group g0 leader (jdbc:mysql://10.0.0.1:3306/shop_0)" — safe to log and to show clients. */
    public String describe() {
        return "group " + group + " " + role() + " (" + safeUrl(source.url()) + ")";
    }

    static String safeUrl(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }

    @Override
    public String toString() {
        return describe();
    }
}
