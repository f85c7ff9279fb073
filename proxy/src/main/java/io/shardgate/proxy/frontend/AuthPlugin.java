package io.shardgate.proxy.frontend;

import java.util.Optional;

/** The authentication plugins the proxy speaks, by their protocol names. */
public enum AuthPlugin {
    MYSQL_NATIVE_PASSWORD("mysql_native_password"),
    CACHING_SHA2_PASSWORD("caching_sha2_password");

    private final String protocolName;

    AuthPlugin(String protocolName) {
        this.protocolName = protocolName;
    }

    public String protocolName() {
        return protocolName;
    }

    public static Optional<AuthPlugin> byName(String name) {
        for (AuthPlugin plugin : values()) {
            if (plugin.protocolName.equals(name)) {
                return Optional.of(plugin);
            }
        }
        return Optional.empty();
    }
}
