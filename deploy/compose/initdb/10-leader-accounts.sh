# Sourced by the mysql image's entrypoint on a leader's first start (empty data directory), after
# the server is initialised and before it listens on the network. Creates the replication and
# backend accounts; replication copies them to the follower, so a promoted follower has them too.
# Needs: REPL_PASSWORD, DB_PASSWORD, SHARD_DATABASE (shop_0 or shop_1).
: "${REPL_PASSWORD:?set REPL_PASSWORD (see .env.example)}"
: "${DB_PASSWORD:?set DB_PASSWORD (see .env.example)}"
: "${SHARD_DATABASE:?set SHARD_DATABASE to the database of this group, e.g. shop_0}"

if ! declare -F docker_process_sql >/dev/null; then
  echo "$(basename "${BASH_SOURCE[0]}"): run it through the mysql image's entrypoint, which sources it (keep it non-executable)" >&2
  exit 1
fi

docker_process_sql <<SQL
CREATE USER 'repl'@'%' IDENTIFIED BY '${REPL_PASSWORD}';
GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%';

-- The backend account of the proxies. REPLICATION CLIENT and performance_schema: replication
-- state and lag for the group monitor; XA_RECOVER_ADMIN: XA RECOVER when cross-shard-transaction is xa;
-- PROCESS: other threads' lock waits (INNODB_TRX), to find deadlocks across groups.
CREATE USER 'shardgate'@'%' IDENTIFIED BY '${DB_PASSWORD}';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, CREATE TEMPORARY TABLES, LOCK TABLES
  ON ${SHARD_DATABASE}.* TO 'shardgate'@'%';
GRANT REPLICATION CLIENT, XA_RECOVER_ADMIN, PROCESS ON *.* TO 'shardgate'@'%';
GRANT SELECT ON performance_schema.* TO 'shardgate'@'%';
SQL
