#!/usr/bin/env bash
# deploy/: the image definition, the compose stack and the Kubernetes manifests, validated with
# tools that need no Docker engine and no cluster. Every check also runs on a deliberately broken
# copy of its file and must fail there, so a check that passes everything is caught too.
#   Dockerfile      scripted rules (multi-stage, non-root USER, HEALTHCHECK, EXPOSE, STOPSIGNAL …)
#   healthcheck.sh  against a throw-away HTTP server answering 200, then 503, then nothing
#   compose         docker-compose config (Debian's docker-compose: schema and variables), then the
#                   topology (deploy/check: server ids, GTIDs, follower → leader, proxies, rules)
#   kubernetes      deploy/check: fabric8 model, strict (unknown fields, types, duplicates), plus
#                   cross-document rules and the deployment policy; its own tests break each file
#   rule files      bin/shardgate validate on the compose rules and on the ConfigMap's rules
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$PWD"
tmp="$(mktemp -d)"
server_pid=""
# Broken compose copies live beside the original, so that relative paths resolve the same way.
broken="deploy/compose/.compose.broken.$$.yaml"
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp" "$root/$broken"
}
trap cleanup EXIT

passed=0
failed=0
ok() { echo "   ok: $*"; passed=$((passed + 1)); }
bad() { echo "   FAILED: $*" >&2; failed=$((failed + 1)); }
# must_fail "what" "pattern" command…: the command is a check run on a broken file; it has to fail,
# and for the expected reason (its output matches the extended regex), not because of a typo here.
must_fail() {
  local what="$1" pattern="$2"; shift 2
  if "$@" >"$tmp/out" 2>&1; then
    bad "$what: the check passed a broken file"; cat "$tmp/out" >&2
  elif ! grep -q -E -- "$pattern" "$tmp/out"; then
    bad "$what: failed, but not with /$pattern/"; cat "$tmp/out" >&2
  else
    ok "$what: rejected ($(grep -E -m1 -- "$pattern" "$tmp/out" | cut -c1-160))"
  fi
}
# mutate in out sed-script: a broken copy; an unchanged copy would make a negative test vacuous.
mutate() {
  sed -e "$3" "$1" > "$2"
  if cmp -s "$1" "$2"; then echo "deploy.sh: sed '$3' changed nothing in $1; fix the test" >&2; exit 1; fi
}
# must_pass "what" command…
must_pass() {
  local what="$1"; shift
  if "$@" >"$tmp/out" 2>&1; then
    ok "$what"
  else
    bad "$what"; cat "$tmp/out" >&2
  fi
}

# ---- tools -----------------------------------------------------------------------------------
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "== installing docker-compose (Debian package; validates compose files without an engine)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
fi

# ---- 1. Dockerfile ---------------------------------------------------------------------------
echo "== deploy/Dockerfile"
# Prints each broken rule; exit 1 if any. $1: a Dockerfile; .dockerignore is read from the repo root.
dockerfile_rules() {
  local f="$1" problems=0
  local last_from; last_from=$(grep -n -i '^FROM ' "$f" | tail -n1 | cut -d: -f1)
  local runtime; runtime=$(tail -n +"${last_from:-1}" "$f")
  say() { echo "$f: $*"; problems=$((problems + 1)); }
  [ "$(grep -c -i '^FROM ' "$f")" -ge 2 ] || say "expected a multi-stage build (a build stage and a runtime stage)"
  grep -q -i -E '^FROM .* AS build' "$f" || say "expected the first stage named: FROM … AS build"
  grep -q -E 'mvn .*-pl proxy -am .*package|mvn .*package.* -pl proxy -am' "$f" || say "expected the build stage to run mvn … -pl proxy -am package"
  grep -i -E '^FROM ' "$f" | grep -q -i -E ':latest|^FROM [^: ]+( |$)' && say "expected pinned base images (no :latest, no untagged FROM)"
  local user; user=$(echo "$runtime" | grep -i -E '^USER ' | tail -n1 | awk '{print $2}')
  if [ -z "$user" ]; then say "expected a USER in the runtime stage (the proxy must not run as root)"
  elif [[ "$user" =~ ^(root|0)(:|$) ]]; then say "USER $user is root; expected a non-root user"; fi
  echo "$runtime" | grep -q -E '^HEALTHCHECK ' || say "expected a HEALTHCHECK in the runtime stage"
  echo "$runtime" | grep -q -E '^HEALTHCHECK +NONE' && say "HEALTHCHECK NONE; expected a check of /health on 9307"
  echo "$runtime" | grep -q -E '^EXPOSE .*\b3307\b' || say "expected EXPOSE 3307 (MySQL protocol)"
  echo "$runtime" | grep -q -E '^EXPOSE .*\b9307\b' || say "expected EXPOSE 9307 (admin: /health, /metrics)"
  echo "$runtime" | grep -q -E '^STOPSIGNAL +SIGTERM' || say "expected STOPSIGNAL SIGTERM (the proxy drains on it)"
  echo "$runtime" | grep -q -E '^ENTRYPOINT +\[' || say "expected ENTRYPOINT in exec form, so java gets the signals"
  echo "$runtime" | grep -q -E 'MaxRAMPercentage' || say "expected a container-aware heap (-XX:MaxRAMPercentage) in JAVA_OPTS"
  echo "$runtime" | grep -q '/etc/shardgate/' || say "expected the default command to read rules from /etc/shardgate/"
  grep -q -i -E '^ADD +https?://' "$f" && say "expected no ADD from a URL (unpinned download)"
  # Files the runtime stage COPYs from the context must exist and not be excluded by .dockerignore.
  local src
  for src in $(echo "$runtime" | grep -E '^COPY ' | grep -v -- '--from=' | awk '{for (i = 2; i < NF; i++) if ($i !~ /^--/) print $i}'); do
    [ -e "$root/$src" ] || say "COPY $src: no such file in the build context"
    grep -q -x -F "!$src" "$root/.dockerignore" || say "COPY $src: expected '!$src' in .dockerignore (deploy/ is excluded)"
  done
  [ "$problems" -eq 0 ]
}
dockerignore_rules() {
  local f="$1" problems=0
  grep -q -x -E '\*\*/target/?' "$f" || { echo "$f: expected **/target/ excluded"; problems=1; }
  grep -q -x -E '\.git/?' "$f" || { echo "$f: expected .git excluded"; problems=1; }
  grep -q -E '\.env' "$f" || { echo "$f: expected .env files excluded (secrets)"; problems=1; }
  [ "$problems" -eq 0 ]
}
must_pass "Dockerfile rules" dockerfile_rules deploy/Dockerfile
must_pass ".dockerignore rules" dockerignore_rules .dockerignore
must_pass "healthcheck.sh syntax" bash -n deploy/healthcheck.sh
mutate deploy/Dockerfile "$tmp/Dockerfile.no-user" '/^USER /d'
must_fail "Dockerfile without USER" "expected a USER" dockerfile_rules "$tmp/Dockerfile.no-user"
mutate deploy/Dockerfile "$tmp/Dockerfile.root" 's/^USER .*/USER root/'
must_fail "Dockerfile with USER root" "is root" dockerfile_rules "$tmp/Dockerfile.root"
mutate deploy/Dockerfile "$tmp/Dockerfile.no-healthcheck" '/^HEALTHCHECK /,/CMD/d'
must_fail "Dockerfile without HEALTHCHECK" "expected a HEALTHCHECK" dockerfile_rules "$tmp/Dockerfile.no-healthcheck"
mutate deploy/Dockerfile "$tmp/Dockerfile.no-3307" 's/^EXPOSE 3307 9307/EXPOSE 9307/'
must_fail "Dockerfile without EXPOSE 3307" "expected EXPOSE 3307" dockerfile_rules "$tmp/Dockerfile.no-3307"
mutate deploy/Dockerfile "$tmp/Dockerfile.single-stage" '/^FROM .* AS build/,/^ && cp /d'
must_fail "single-stage Dockerfile" "multi-stage" dockerfile_rules "$tmp/Dockerfile.single-stage"
mutate .dockerignore "$tmp/dockerignore.no-target" '/^\*\*\/target\/$/d'
must_fail ".dockerignore without target/" "target/ excluded" dockerignore_rules "$tmp/dockerignore.no-target"

# ---- 2. the image's health check against a throw-away admin server -----------------------------
echo "== deploy/healthcheck.sh"
cat > "$tmp/FakeAdmin.java" <<'EOF'
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** GET /health answers the status code written in the file args[0]; prints the port it listens on. */
public class FakeAdmin {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            int status = Integer.parseInt(Files.readString(Path.of(args[0])).strip());
            byte[] body = (status == 200 ? "ok\n" : "group g0: no reachable leader\n").getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        Thread.sleep(120_000); // ends by itself even if the script that started it does not kill it
        server.stop(0);
    }
}
EOF
echo 200 > "$tmp/status"
java "$tmp/FakeAdmin.java" "$tmp/status" > "$tmp/port" 2>"$tmp/fake.err" &
server_pid=$!
for _ in $(seq 1 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port="$(head -n1 "$tmp/port" 2>/dev/null || true)"
if [ -z "$port" ]; then
  bad "the fake admin server did not start"; cat "$tmp/fake.err" >&2
else
  must_pass "healthy when GET /health is 200" env SHARDGATE_ADMIN_PORT="$port" bash deploy/healthcheck.sh
  echo 503 > "$tmp/status"
  must_fail "health check when GET /health is 503" "answered 503" env SHARDGATE_ADMIN_PORT="$port" bash deploy/healthcheck.sh
  kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""
  must_fail "health check with nothing listening" "nothing listens" env SHARDGATE_ADMIN_PORT="$port" bash deploy/healthcheck.sh
fi

# ---- 3. compose ------------------------------------------------------------------------------
echo "== deploy/compose ($(docker-compose version --short 2>/dev/null || echo docker-compose))"
compose_config() { docker-compose -f "$1" --env-file deploy/compose/.env.example config -q; }
must_pass "compose.yaml: docker-compose config" compose_config deploy/compose/compose.yaml
# Without .env the passwords are unset: the ${VAR:?…} guards must stop compose.
: > "$tmp/empty.env"
must_fail "compose.yaml without .env" "Missing mandatory value.*copy .env.example to .env" \
  env -u MYSQL_ROOT_PASSWORD -u REPL_PASSWORD -u DB_PASSWORD -u APP_PASSWORD \
  docker-compose -f deploy/compose/compose.yaml --env-file "$tmp/empty.env" config -q
mutate deploy/compose/compose.yaml "$broken" '0,/^    depends_on:/s//    depend_on:/'
must_fail "compose.yaml with a misspelt key (depend_on)" "depend_on" compose_config "$broken"
mutate deploy/compose/compose.yaml "$broken" 's/^    retries: 5/    retries: "five"/'
must_fail "compose.yaml with a wrong type (retries: five)" "not a valid integer" compose_config "$broken"
mutate deploy/compose/compose.yaml "$broken" 's/^      - "3308:3307"/      - "3308:3307:tcp"/'
must_fail "compose.yaml with a malformed port" "3308:3307:tcp|[Ii]nvalid|port" compose_config "$broken"
rm -f "$broken"
# The image's entrypoint sources non-executable *.sh init files (docker_process_sql is defined
# there) and executes executable ones (where it is not): they must stay non-executable.
not_executable() { [ ! -x "$1" ] || { echo "$1 is executable; expected mode 644 (chmod -x)"; return 1; }; }
for script in deploy/compose/initdb/*.sh; do
  must_pass "$(basename "$script") syntax" bash -n "$script"
  must_pass "$(basename "$script") is sourced, not executed" not_executable "$script"
done

# ---- 4. deploy/check: its tests, then the compose topology and the Kubernetes manifests ----------
echo "== deploy/check (fabric8 Kubernetes model; its tests break every manifest on purpose)"
if mvn -B -ntp -q -f deploy/check/pom.xml package > "$tmp/check-build.log" 2>&1; then
  tests=$(cat deploy/check/target/surefire-reports/*.txt 2>/dev/null | awk '/^Tests run:/ { sum += $3 } END { print sum + 0 }')
  ok "deploy/check built, ${tests:-0} tests passed"
  check() { java -cp "deploy/check/target/classes:$(cat deploy/check/target/classpath.txt)" io.shardgate.deploy.check.DeployCheck "$@"; }
  docker-compose -f deploy/compose/compose.yaml --env-file deploy/compose/.env.example config > "$tmp/compose.normalized.yaml"
  must_pass "compose topology and rules.yaml agree" check compose "$tmp/compose.normalized.yaml" deploy/compose/rules.yaml
  mutate "$tmp/compose.normalized.yaml" "$tmp/compose.same-id.yaml" 's/--server-id=101/--server-id=100/'
  must_fail "compose with two servers of one server id" "is also mysql-g0-leader's|is also mysql-g0-follower's" check compose "$tmp/compose.same-id.yaml" deploy/compose/rules.yaml
  must_pass "Kubernetes manifests" check kubernetes deploy/kubernetes --rules-out "$tmp/k8s-rules.yaml"
  cp -r deploy/kubernetes "$tmp/kubernetes"
  mutate deploy/kubernetes/deployment.yaml "$tmp/kubernetes/deployment.yaml" 's/readinessProbe:/readinessProbes:/'
  must_fail "Kubernetes manifests with a misspelt field (readinessProbes)" "unknown field 'readinessProbes'" check kubernetes "$tmp/kubernetes"
else
  bad "deploy/check did not build or its tests failed"; tail -n 60 "$tmp/check-build.log" >&2
fi

# ---- 5. the rule files, with Shardgate's own validator ------------------------------------------
echo "== rule files (bin/shardgate validate)"
# The launcher builds proxy/target/shardgate.jar if it is missing (CI's mvn verify has built it).
export APP_PASSWORD=ci-app DB_PASSWORD=ci-db
before=$failed
must_pass "deploy/compose/rules.yaml" bin/shardgate validate deploy/compose/rules.yaml
if [ -s "$tmp/k8s-rules.yaml" ]; then
  must_pass "rules.yaml of the Kubernetes ConfigMap" bin/shardgate validate "$tmp/k8s-rules.yaml"
fi
# Only meaningful once the validator runs at all: a launcher that cannot start fails every file.
if [ "$failed" -eq "$before" ]; then
  mutate deploy/compose/rules.yaml "$tmp/rules.broken.yaml" 's/shard-key: user_id/shard-kee: user_id/'
  must_fail "rules.yaml with a misspelt key (shard-kee)" "shard-kee|shard-key" bin/shardgate validate "$tmp/rules.broken.yaml"
fi

echo "deploy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
