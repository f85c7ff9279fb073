package io.shardgate.rules.config;

/** One backend server: JDBC URL and credentials (a follower's default to its leader's). */
public record DataSourceRule(String url, String user, String password, int weight) {
    @Override
    public String toString() {
        return "DataSourceRule[url=" + url + ", user=" + user + ", password=***, weight=" + weight + "]";
    }
}
