package io.shardgate.proxy.frontend;

import java.util.Objects;

/**
 * A proxy account. The password is held in clear (from the rule file) so that both auth plugins
 * can verify a client without a per-plugin stored digest. A client that starts with another
 * plugin than {@code plugin} is asked to switch to it, as MySQL does for an account's plugin.
 */
public record UserAccount(String name, String password, AuthPlugin plugin) {

    public UserAccount {
        Objects.requireNonNull(name, "name");
        password = password == null ? "" : password;
        Objects.requireNonNull(plugin, "plugin");
    }

    /** An account that authenticates with caching_sha2_password, MySQL 8's default. */
    public UserAccount(String name, String password) {
        this(name, password, AuthPlugin.CACHING_SHA2_PASSWORD);
    }
}
