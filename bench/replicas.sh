#!/usr/bin/env bash
# Replicas: throughput through nginx to one SQLite replica, one PostgreSQL replica and two
# PostgreSQL replicas on one PostgreSQL server, and how long an edit takes to reach the other
# replica under that load. See bench/README.md, "Replicas".
#
#   bench/replicas.sh                 ~4 minutes
#   DURATION=5 WARMUP=5 bench/replicas.sh   a short run, to try the harness
#
# Needs what run.sh needs, and a PostgreSQL server's binaries (Debian's postgresql package,
# installed with apt-get when missing). Everything runs on loopback and is stopped on exit.
set -Eeuo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
export PATH="$PATH:/usr/sbin:/sbin"
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-32}
EDITS=${EDITS:-50}
POLL_MS=${POLL_MS:-5}           # the probe's pause between two calls to replica 2
WORK=${WORK:-/tmp/switchboard-replicas}
PG_PORT=18432
export SWITCHBOARD_KEK_PASSPHRASE=switchboard-bench-passphrase-not-a-secret
export SWITCHBOARD_ADMIN_PASSWORD=switchboard-bench-admin-not-a-secret
export SWITCHBOARD_ALLOW_PRIVATE_API_BASE=true SWITCHBOARD_API_BASE_ALLOWED_SCHEMES=http,https
JAVA_OPTS=${GATEWAY_JAVA_OPTS:--XX:+UseSerialGC -Xmx512m -XX:MaxNewSize=32m}
ADMIN="admin:$SWITCHBOARD_ADMIN_PASSWORD"
T0=$(date +%s)

log() { printf '[%s +%4ss] %s\n' "$(date +%H:%M:%S)" "$(($(date +%s) - T0))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PIDS=()
PG_BIN=
cleanup() {
  local rc=$?
  set +e
  for f in "$WORK"/nginx/*.pid; do [ -f "$f" ] && kill -QUIT "$(cat "$f")" 2>/dev/null; done
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  [ -n "$PG_BIN" ] && as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# PostgreSQL refuses to run as root: as root, run its commands as the user postgres.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# --- tools
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$PG_BIN" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${GATEWAY_JAR:-$ROOT/target/switchboard.jar}
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -DskipTests package) || die "build failed"
for port in 18080 18091 18092 18093 18095 $PG_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is in use"; fi
done

rm -rf "$WORK"
mkdir -p "$WORK/nginx/tmp" "$WORK/gateway"
cp "$JAR" "$WORK/gateway/"
[ -d "$(dirname "$JAR")/libs" ] && cp -r "$(dirname "$JAR")/libs" "$WORK/gateway/"
ln -sfn "$BENCH/responses" "$WORK/nginx/responses"

# --- PostgreSQL: a cluster of its own on a port of its own
log "starting PostgreSQL ($PG_BIN) on :$PG_PORT"
mkdir -p "$WORK/pg" "$WORK/pgsock"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg" "$WORK/pgsock" && chmod 755 "$WORK"
as_postgres "$PG_BIN/initdb" -D "$WORK/pg" -U switchboard --auth=trust >"$WORK/pg-init.log" 2>&1 || die "initdb failed"
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" \
  -o "-p $PG_PORT -k $WORK/pgsock -c max_connections=100 -c synchronous_commit=on" start >/dev/null || die "PostgreSQL did not start"
as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U switchboard switchboard
PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/switchboard?user=switchboard"

# --- upstream and gateways
nginx -p "$WORK/nginx/" -e "$WORK/nginx/startup.log" -c "$BENCH/nginx.conf" || die "nginx (upstream) failed"
wait_http() { local deadline=$(($(date +%s) + 90)); until curl -s -o /dev/null -m 2 "$1"; do
  [ "$(date +%s)" -lt "$deadline" ] || die "$1 did not answer"; sleep 0.2; done; }
start_gateway() {  # port db
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -jar "$WORK/gateway/switchboard.jar" serve \
    --host 127.0.0.1 --port "$1" --db "$2" >>"$WORK/gateway-$1.log" 2>&1 &
  PIDS+=("$!")
  eval "GW_PID_$1=$!"
  wait_http "http://127.0.0.1:$1/health"
}
api() {  # port path json
  curl -sf -X POST "http://127.0.0.1:$1/api/3.0/mlflow/gateway/$2" -u "$ADMIN" -H 'Content-Type: application/json' \
    -d "$3" || die "POST $2 on :$1 failed"
}
jget() { python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."): d=d[k]
print(d)' "$1"; }
configure() {  # port: a caller with a key, and endpoint "chat" -> the static upstream; prints the key
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$1/api/2.0/mlflow/users/create" -u "$ADMIN" \
    -H 'Content-Type: application/json' -d '{"username":"bench-caller","password":"bench-caller-not-a-secret"}'
  local sid did eid
  sid=$(api "$1" secrets/create '{"secret_name":"bench","secret_value":"sk-bench","provider":"custom",
        "auth_config":{"api_base":"http://127.0.0.1:18080/v1"}}' | jget secret.secret_id)
  did=$(api "$1" model-definitions/create "{\"name\":\"bench\",\"secret_id\":\"$sid\",\"provider\":\"custom\",
        \"model_name\":\"gpt-4o-mini\"}" | jget model_definition.model_definition_id)
  eid=$(api "$1" endpoints/create "{\"name\":\"chat\",\"model_configs\":[{\"model_definition_id\":\"$did\"}]}" |
        jget endpoint.endpoint_id)
  api "$1" endpoints/permissions/create "{\"endpoint_id\":\"$eid\",\"username\":\"bench-caller\",\"permission\":\"USE\"}" >/dev/null
  echo "$did" >"$WORK/definition-$1"
  curl -sf -X POST "http://127.0.0.1:$1/api/3.0/mlflow/gateway/gateway-keys/create" \
    -u "bench-caller:bench-caller-not-a-secret" -H 'Content-Type: application/json' -d '{"name":"bench"}' | jget key
}

log "starting replicas 1 and 2 on PostgreSQL (:18091, :18092) and one on SQLite (:18093)"
start_gateway 18091 "$PG_URL"
KEY_PG=$(configure 18091)
start_gateway 18092 "$PG_URL"
start_gateway 18093 "$WORK/gateway.db"
KEY_SQLITE=$(configure 18093)
nginx -p "$WORK/nginx/" -e "$WORK/nginx/startup.log" -c "$BENCH/nginx-replicas.conf" || die "nginx (replicas) failed"
wait_http http://127.0.0.1:18095/health

cpu() { local sum=0 p; for p in "$@"; do sum=$((sum + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}'))); done; echo "$sum"; }
CLK=$(getconf CLK_TCK)
RESULTS=$WORK/results.txt
: >"$RESULTS"
measure() {  # label port key pids...
  local label=$1 port=$2 key=$3 out="$WORK/wrk-$2.txt" c0 c1
  shift 3
  (cd "$BENCH" && wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s post.lua "http://127.0.0.1:$port/gateway/openai/v1/chat/completions" \
     -- bodies/chat.json "H=Authorization:Bearer $key") >/dev/null 2>&1
  c0=$(cpu "$@")
  (cd "$BENCH" && wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s post.lua \
     "http://127.0.0.1:$port/gateway/openai/v1/chat/completions" -- bodies/chat.json "H=Authorization:Bearer $key") >"$out" 2>&1
  c1=$(cpu "$@")
  python3 - "$label" "$out" $((c1 - c0)) "$CLK" "$DURATION" $# <<'EOF' | tee -a "$RESULTS"
import json, re, sys
label, out, ticks, clk, duration, replicas = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
j = json.loads(re.search(r"BENCH_JSON (\{.*\})", open(out).read()).group(1))
rps = j["requests"] / (j["duration_us"] / 1e6)
errors = j["err_status"] + j["err_connect"] + j["err_read"] + j["err_write"] + j["err_timeout"]
cpu_ms = ticks / clk * 1000 / max(1, j["requests"]) * 1000
print(f"| {label} | {rps:,.0f} | {rps / replicas:,.0f} | {j['p50_us'] / 1000:.2f} | {j['p99_us'] / 1000:.2f} | {cpu_ms:.1f} | {errors} |")
EOF
}

log "measuring through nginx: ${WARMUP}s warm-up and ${DURATION}s each"
echo "| set-up (through nginx) | req/s | req/s per replica | p50 ms | p99 ms | gateway CPU ms / 1k calls | errors |" >"$WORK/table.md"
echo "|---|---|---|---|---|---|---|" >>"$WORK/table.md"
# shellcheck disable=SC2154
measure "one replica, SQLite" 18097 "$KEY_SQLITE" "$GW_PID_18093"
measure "one replica, PostgreSQL" 18096 "$KEY_PG" "$GW_PID_18091"
measure "two replicas, PostgreSQL" 18095 "$KEY_PG" "$GW_PID_18091" "$GW_PID_18092" &
LOAD=$!
sleep $((WARMUP + 2))
: >"$WORK/propagation.txt"
[ "$EDITS" -gt 0 ] && log "under the two-replica load: $EDITS endpoints made through replica 1, timed until replica 2 serves each" &&
python3 - "$EDITS" "$KEY_PG" "$ADMIN" "$(cat "$WORK/definition-18091")" "$POLL_MS" <<'EOF' | tee "$WORK/propagation.txt"
import base64, json, sys, time, urllib.error, urllib.request
edits, key, admin, definition, poll = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) / 1000
auth = "Basic " + base64.b64encode(admin.encode()).decode()
def post(port, path, body, authorization):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": authorization})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, None
delays = []
for i in range(edits):
    name = f"edit-{i}"
    start = time.monotonic()
    status, created = post(18091, "/api/3.0/mlflow/gateway/endpoints/create",
                           {"name": name, "model_configs": [{"model_definition_id": definition}]}, auth)
    assert status == 200, status
    eid = created["endpoint"]["endpoint_id"]
    post(18091, "/api/3.0/mlflow/gateway/endpoints/permissions/create",
         {"endpoint_id": eid, "username": "bench-caller", "permission": "USE"}, auth)
    while post(18092, "/gateway/openai/v1/chat/completions",
               {"model": name, "messages": [{"role": "user", "content": "hi"}]}, "Bearer " + key)[0] != 200:
        if time.monotonic() - start > 30:
            sys.exit(f"edit {i} did not reach replica 2 within 30 s")
        time.sleep(poll)  # the probe must not take a core from the load it measures
    delays.append((time.monotonic() - start) * 1000)
delays.sort()
pick = lambda q: delays[min(len(delays) - 1, int(q * len(delays)))]
print(f"propagation of {edits} edits under load (made on replica 1, served by replica 2, including the "
      f"permission grant): p50 {pick(0.5):.0f} ms, p90 {pick(0.9):.0f} ms, p99 {pick(0.99):.0f} ms, max {delays[-1]:.0f} ms")
EOF
wait "$LOAD"
cat "$RESULTS" >>"$WORK/table.md"
{ echo; cat "$WORK/table.md"; echo; cat "$WORK/propagation.txt"; } | tee "$WORK/replicas.md"
log "done; raw outputs in $WORK"
