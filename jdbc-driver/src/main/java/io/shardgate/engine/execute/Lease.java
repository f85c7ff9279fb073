package io.shardgate.engine.execute;

import io.shardgate.engine.backend.BackendServer;

import java.sql.Connection;

/**
 * A backend connection lent to one route unit. {@link #release()} gives it back: to the pool
 * outside a transaction, to nobody inside one (the transaction keeps it until COMMIT/ROLLBACK).
 */
public interface Lease {

    Connection connection();

    BackendServer server();

    /**
     * Whether other units of the same statement may get the same connection (inside a
     * transaction). Those units then run one after the other and read their rows whole, because a
     * MySQL connection cannot interleave two streaming results.
     */
    boolean shared();

    void release();
}
