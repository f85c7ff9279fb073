#!/bin/bash
# Container health check of the Shardgate image: exit 0 when GET /health on the admin port answers
# 200 (every group has a reachable leader), 1 otherwise. JRE images ship no curl or wget, so this
# speaks HTTP/1.1 over bash's /dev/tcp. Port: $SHARDGATE_ADMIN_PORT (default 9307).
set -u
port="${SHARDGATE_ADMIN_PORT:-9307}"
host="${SHARDGATE_ADMIN_HOST:-127.0.0.1}"
if ! exec 3<>"/dev/tcp/${host}/${port}"; then
  echo "shardgate health: nothing listens on ${host}:${port} (admin port; set SHARDGATE_ADMIN_PORT if --admin-port differs)" >&2
  exit 1
fi
printf 'GET /health HTTP/1.1\r\nHost: %s:%s\r\nUser-Agent: shardgate-healthcheck\r\nConnection: close\r\n\r\n' \
  "$host" "$port" >&3
# Status line: HTTP/1.1 200 OK
if ! IFS=' ' read -r -t 4 _version status _reason <&3; then
  echo "shardgate health: no HTTP answer from ${host}:${port} within 4 s" >&2
  exit 1
fi
exec 3<&-
if [ "$status" = "200" ]; then
  exit 0
fi
echo "shardgate health: GET /health answered ${status:-nothing}; see GET /health or SHOW SHARDGATE GROUPS for the group without a reachable leader" >&2
exit 1
