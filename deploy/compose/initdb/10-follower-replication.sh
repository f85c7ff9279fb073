# Sourced by the mysql image's entrypoint on a follower's first start (empty data directory).
# compose.yaml starts a follower only once its leader is healthy, so the leader already has the
# repl account, the schema and their GTIDs; with SOURCE_AUTO_POSITION the follower fetches every
# transaction it lacks from the leader's binary log, the init of the leader included.
# Needs: SOURCE_HOST (the leader's service name), REPL_PASSWORD.
: "${SOURCE_HOST:?set SOURCE_HOST to the leader of this group, e.g. mysql-g0-leader}"
: "${REPL_PASSWORD:?set REPL_PASSWORD (see .env.example)}"

if ! declare -F docker_process_sql >/dev/null; then
  echo "$(basename "${BASH_SOURCE[0]}"): run it through the mysql image's entrypoint, which sources it (keep it non-executable)" >&2
  exit 1
fi

docker_process_sql <<SQL
CHANGE REPLICATION SOURCE TO
  SOURCE_HOST = '${SOURCE_HOST}',
  SOURCE_PORT = 3306,
  SOURCE_USER = 'repl',
  SOURCE_PASSWORD = '${REPL_PASSWORD}',
  SOURCE_AUTO_POSITION = 1,
  SOURCE_CONNECT_RETRY = 5,
  GET_SOURCE_PUBLIC_KEY = 1;
START REPLICA;

-- Followers refuse writes from everyone but replication, also after a restart (PERSIST writes
-- mysqld-auto.cnf in the data directory). Promotion turns this off again (README.md).
SET PERSIST super_read_only = ON;
SQL
