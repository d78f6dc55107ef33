#!/usr/bin/env bash
# Switchboard benchmarks: one command, reproducible on a 2-core machine. See bench/README.md.
#
#   bench/run.sh                  full run (~10 min), refreshes the results table in bench/README.md
#   QUICK=1 bench/run.sh          every step for a few seconds (a smoke test of the harness; the
#                                 figures mean nothing and the README is left alone)
#
# Everything it starts (nginx x2, the paced upstream, the gateway, Portkey) runs on loopback and is
# stopped by PID on exit. Work files go to $WORK (default /tmp/switchboard-bench).
set -Eeuo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
export PATH="$PATH:/usr/sbin:/sbin"

# ------------------------------------------------------------------ settings (env overrides)
secs() { local v=${1%s}; echo "${v%.*}"; }   # "20s" -> 20
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
  DURATION=$(secs "${DURATION:-3}"); WARMUP=$(secs "${WARMUP:-4}"); RATE_DURATION=$(secs "${RATE_DURATION:-3}")
  STREAMS=${STREAMS:-200}; SLOW_EVENTS=${SLOW_EVENTS:-3}; TTFT_REQUESTS=${TTFT_REQUESTS:-10}; STREAMS_WARMUP=${STREAMS_WARMUP:-2}
  UPDATE_README=${UPDATE_README:-0}
else
  DURATION=$(secs "${DURATION:-20}"); WARMUP=$(secs "${WARMUP:-30}"); RATE_DURATION=$(secs "${RATE_DURATION:-20}")
  STREAMS=${STREAMS:-10000}; SLOW_EVENTS=${SLOW_EVENTS:-30}; TTFT_REQUESTS=${TTFT_REQUESTS:-200}
  UPDATE_README=${UPDATE_README:-1}
fi
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
RATE=${RATE:-1000}
SLOW_INTERVAL_MS=${SLOW_INTERVAL_MS:-1000}
SLOW_RAMP=${SLOW_RAMP:-1000}                  # client connections opened per second
TTFT_FIRST_MS=${TTFT_FIRST_MS:-50}
TTFT_INTERVAL_MS=${TTFT_INTERVAL_MS:-10}
TTFT_EVENTS=${TTFT_EVENTS:-3}
LAUNCHER_JAVA_OPTS=$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$ROOT/switchboard")
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS-$LAUNCHER_JAVA_OPTS}   # JVM options for the load runs (default: ./switchboard's)
STREAMS_JAVA_OPTS=${STREAMS_JAVA_OPTS-$LAUNCHER_JAVA_OPTS}   # the concurrent streams' gateway (a 512 MB heap)
STREAMS_WARMUP=${STREAMS_WARMUP:-15}          # seconds of streamed load before the concurrent streams
PROBE_STREAMS=${PROBE_STREAMS:-$([ "$QUICK" = 1 ] && echo 50 || echo 2000)}   # 0: no probe run
PORTKEY=${PORTKEY:-1}                         # 0 skips scenario (f)
PORTKEY_VERSION=${PORTKEY_VERSION:-1.15.2}
PORTKEY_HONO_NODE_SERVER=${PORTKEY_HONO_NODE_SERVER:-1.13.8}
RETRIES=${RETRIES:-$([ "$QUICK" = 1 ] && echo 0 || echo 2)}   # repeats of a run disturbed by other processes
RETRY_PAUSE=${RETRY_PAUSE:-10}
PHASES=${PHASES:-ceiling unary usage stream rate ttft portkey concurrent}   # a subset reruns only those
PROFILE=${PROFILE:-0}                         # 1: JFR during (c), (d), (e); hot frames in $WORK/*.hot.txt
AUTH=${AUTH:-on}                              # off: the gateway runs with --auth off and calls carry no key
BUDGET=${BUDGET:-off}                         # on: a GLOBAL REJECT budget, never reached, that every call checks and counts
RATELIMIT=${RATELIMIT:-off}                   # on: a rate limit on every endpoint, never reached, that every call checks and counts
KEEP=${KEEP:-0}                               # 1: leave everything running at the end, until Ctrl-C
WORK=${WORK:-/tmp/switchboard-bench}
PORTKEY_DIR=${PORTKEY_DIR:-/tmp/switchboard-bench-portkey}
UP_PORT=18080        # fixed in nginx.conf
PROXY_PORT=18081     # fixed in nginx-proxy.conf
PACED_PORT=${PACED_PORT:-18070}
GW_PORT=${GW_PORT:-18090}
PORTKEY_PORT=${PORTKEY_PORT:-18787}
export SWITCHBOARD_KEK_PASSPHRASE=${SWITCHBOARD_KEK_PASSPHRASE:-switchboard-bench-passphrase-not-a-secret}
# The upstreams are on loopback over http: lift the api_base guard for this gateway only.
export SWITCHBOARD_ALLOW_PRIVATE_API_BASE=true
export SWITCHBOARD_API_BASE_ALLOWED_SCHEMES=http,https
# Authentication is on, as by default: the management calls sign in as admin (HTTP Basic), and
# every call to the gateway carries a gateway key of a user who may use the endpoints.
export SWITCHBOARD_ADMIN_PASSWORD=${SWITCHBOARD_ADMIN_PASSWORD:-switchboard-bench-admin-not-a-secret}
GW_KEY=          # the gateway key, once made
export SWITCHBOARD_AUTH=$AUTH

RESULTS=$WORK/results.jsonl
UP=http://127.0.0.1:$UP_PORT
PROXY=http://127.0.0.1:$PROXY_PORT
GW=http://127.0.0.1:$GW_PORT
API=$GW/api/3.0/mlflow/gateway
T0=$(date +%s)

log() { printf '[%s +%4ss] %s\n' "$(date +%H:%M:%S)" "$(($(date +%s) - T0))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ------------------------------------------------------------------ tools
install_packages() {
  log "installing: $*"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v curl >/dev/null || missing+=(curl)
  command -v python3 >/dev/null || missing+=(python3)
  if ! command -v nginx >/dev/null; then missing+=(nginx-light); fi
  if [ ${#missing[@]} -gt 0 ]; then
    install_packages "${missing[@]}" || { [[ " ${missing[*]} " == *" nginx-light "* ]] &&
      install_packages "${missing[@]/nginx-light/nginx}"; } || die "could not install ${missing[*]}"
  fi
  command -v nginx >/dev/null && command -v wrk >/dev/null || die "nginx and wrk are required"
}
find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64
               /usr/lib/jvm/java-21-openjdk-amd64)
  local java_bin
  java_bin=$(command -v java || true)
  [ -n "$java_bin" ] && candidates+=("$(dirname "$(dirname "$(readlink -f "$java_bin")")")")
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/jcmd" ] || continue
    local major
    major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then JAVA_HOME=$home; export JAVA_HOME; return; fi
  done
  die "no JDK 21+ with jcmd found; set JAVA_HOME"
}

# ------------------------------------------------------------------ processes
STARTED_PIDS=()
NGINX_PIDFILES=()
cleanup() {
  local rc=$?
  set +e
  for f in "${NGINX_PIDFILES[@]}"; do [ -f "$f" ] && kill -QUIT "$(cat "$f")" 2>/dev/null; done
  for p in "${STARTED_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  sleep 1
  for p in "${STARTED_PIDS[@]}"; do kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null; done
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_http() {  # url [seconds]
  local url=$1 deadline=$(($(date +%s) + ${2:-60}))
  until curl -s -o /dev/null -m 2 "$url"; do
    [ "$(date +%s)" -lt "$deadline" ] || die "$url did not answer"
    sleep 0.2
  done
}
stop_pid() {  # pid [seconds]
  local p=$1 deadline=$(($(date +%s) + ${2:-20}))
  kill -TERM "$p" 2>/dev/null || return 0
  while kill -0 "$p" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then kill -KILL "$p" 2>/dev/null; break; fi
    sleep 0.2
  done
  wait "$p" 2>/dev/null || true
  forget_pid "$p"
}
forget_pid() {  # an exited process: never signal its (possibly reused) pid later
  local kept=() q
  for q in "${STARTED_PIDS[@]}"; do [ "$q" = "$1" ] || kept+=("$q"); done
  STARTED_PIDS=("${kept[@]}")
}
tree_pids() { echo "$1"; pgrep -P "$1" || true; }                       # nginx master + workers
cpu_ticks() {  # utime+stime (clock ticks) summed over the pids
  local sum=0 p v
  for p in "$@"; do
    v=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}') || v=0
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
}
rss_kb() {
  local sum=0 p v
  for p in "$@"; do
    v=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null) || v=0
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
}
bench_pids() {  # every process of the benchmark (their CPU is not "other")
  local p
  for p in "${UP_PID:-}" "${PROXY_PID:-}"; do [ -n "$p" ] && tree_pids "$p"; done
  for p in "${PACED_PID:-}" "${GW_PID:-}" "${PK_PID:-}" $$; do [ -n "$p" ] && echo "$p"; done
}
heap_mb() {  # GC.heap_info output -> "committed used" in MB (G1's one heap line, or Serial's generations summed)
  python3 -c '
import re, sys
t = open(sys.argv[1]).read()
parts = re.findall(r"total (?:reserved \d+K, committed )?(\d+)K, used (\d+)K", t)
print(*(f"{sum(int(p[i]) for p in parts) / 1024:.0f}" for i in (0, 1)) if parts else "null null")' "$1"
}
proc_field() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

start_nginx() {  # conf pidfile
  mkdir -p "$WORK/nginx/tmp"
  ln -sfn "$BENCH/responses" "$WORK/nginx/responses"
  nginx -p "$WORK/nginx/" -e "$WORK/nginx/startup.log" -c "$BENCH/$1" || die "nginx failed to start with $1"
  NGINX_PIDFILES+=("$WORK/nginx/$2")
}
GW_PID=
start_gateway() {  # java options...
  # shellcheck disable=SC2068
  "$JAVA_HOME/bin/java" $@ --enable-native-access=ALL-UNNAMED -jar "$WORK/gateway/switchboard.jar" \
    serve --host 127.0.0.1 --port "$GW_PORT" --db "$WORK/gateway.db" >>"$WORK/gateway.log" 2>&1 &
  GW_PID=$!
  STARTED_PIDS+=("$GW_PID")
  wait_http "$GW/health" 90
}

# ------------------------------------------------------------------ load helpers
SINCE_CPU=0
wrk_run() {  # out url body duration [post.lua args...]
  local out=$1 url=$2 body=$3 dur=$4
  shift 4
  [[ -n "$GW_KEY" && "$url" == "$GW"/* ]] && set -- "$@" "H=Authorization:Bearer $GW_KEY"
  # `times` adds wrk's CPU (the subshell's children) to the output, for the "other CPU" estimate
  (cd "$BENCH" && wrk -t"$THREADS" -c"$CONNECTIONS" -d"${dur}s" --timeout 10s --latency -s post.lua "$url" \
     -- "bodies/$body" "$@"; rc=$?; times; exit $rc) >"$out" 2>&1 || log "wrk exited non-zero for $url (see $out)"
}
warm() {  # seconds url body [post.lua args...]
  local s=$1 url=$2 body=$3
  shift 3
  [ "$s" -gt 0 ] || return 0
  log "  warm-up ${s}s: $url"
  wrk_run "$WORK/warmup.txt" "$url" "$body" "$s" "$@"
  grep -E '^BENCH_JSON' "$WORK/warmup.txt" | sed 's/^/    /' >&2 || true
}
measure() {  # id family label proc pids url body [post.lua args...]
  local id=$1 family=$2 label=$3 proc=$4 pids=$5 url=$6 body=$7
  shift 7
  local out="$WORK/wrk-$id.txt" t0 t1 attempt rc
  for ((attempt = 0; attempt <= RETRIES; attempt++)); do
    python3 "$BENCH/report.py" snapshot "$WORK/cpu-snapshot.json"
    # shellcheck disable=SC2086
    t0=$(cpu_ticks $pids)
    maybe_profile_start "$id"
    wrk_run "$out" "$url" "$body" "$DURATION" "$@"
    # shellcheck disable=SC2086
    t1=$(cpu_ticks $pids)
    maybe_profile_stop "$id"
    rc=0
    # shellcheck disable=SC2086
    python3 "$BENCH/report.py" load --out "$RESULTS" --id "$id" --family "$family" --label "$label" \
      --proc "$proc" --wrk "$out" --ticks $((t1 - t0)) --clk "$CLK" --rss-kb "$(rss_kb $pids)" \
      --snapshot "$WORK/cpu-snapshot.json" --exclude "$(bench_pids)" >&2 || rc=$?
    [ "$rc" = 3 ] || break
    [ "$attempt" -lt "$RETRIES" ] && { log "  other processes used the CPU during $id; again in ${RETRY_PAUSE}s"; sleep "$RETRY_PAUSE"; }
  done
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || log "no result for $id (see $out)"
}
measure_rate() {  # id label url body [post.lua args...]
  local id=$1 label=$2 url=$3 body=$4
  shift 4
  local out="$WORK/rate-$id.txt" attempt rc
  for ((attempt = 0; attempt <= RETRIES; attempt++)); do
    python3 "$BENCH/report.py" snapshot "$WORK/cpu-snapshot.json"
    wrk_run "$out" "$url" "$body" "$RATE_DURATION" "rate=$RATE" "threads=$THREADS" "$@"
    rc=0
    python3 "$BENCH/report.py" rate --out "$RESULTS" --id "$id" --label "$label" --rate "$RATE" --wrk "$out" \
      --clk "$CLK" --snapshot "$WORK/cpu-snapshot.json" --exclude "$(bench_pids)" >&2 || rc=$?
    [ "$rc" = 3 ] || break
    [ "$attempt" -lt "$RETRIES" ] && { log "  other processes used the CPU during rate $id; again in ${RETRY_PAUSE}s"; sleep "$RETRY_PAUSE"; }
  done
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || log "no result for rate $id (see $out)"
}
maybe_profile_start() {
  [ "$PROFILE" = 1 ] && [ -n "$GW_PID" ] && [[ "$1" == c-unary || "$1" == d-unary || "$1" == e-* ]] || return 0
  "$JAVA_HOME/bin/jcmd" "$GW_PID" JFR.start name="bench-$1" settings=profile filename="$WORK/$1.jfr" >/dev/null
}
maybe_profile_stop() {
  [ "$PROFILE" = 1 ] && [ -n "$GW_PID" ] && [[ "$1" == c-unary || "$1" == d-unary || "$1" == e-* ]] || return 0
  "$JAVA_HOME/bin/jcmd" "$GW_PID" JFR.stop name="bench-$1" >/dev/null
  "$JAVA_HOME/bin/jfr" print --stack-depth 64 --events jdk.ExecutionSample "$WORK/$1.jfr" >"$WORK/$1.samples.txt"
  python3 "$BENCH/hot_frames.py" "$WORK/$1.samples.txt" >"$WORK/$1.hot.txt" || true
  log "  profile: $WORK/$1.hot.txt"
}

# ------------------------------------------------------------------ management API
api() {  # path json -> response body (fails on HTTP >= 400)
  local resp code
  resp=$(curl -s -w '\n%{http_code}' -X POST "$API/$1" -H 'Content-Type: application/json' -d "$2" \
    -u "admin:$SWITCHBOARD_ADMIN_PASSWORD")
  code=${resp##*$'\n'}
  resp=${resp%$'\n'*}
  [ "$code" -lt 400 ] || { log "POST $1 -> $code: $resp"; return 1; }
  printf '%s' "$resp"
}
jget() { python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."): d=d[k]
print(d)' "$1"; }
endpoint() {  # name provider model api_base [more endpoint fields, e.g. "usage_tracking":false]
  local name=$1 provider=$2 model=$3 base=$4 more=${5:+,$5} sid did eid
  sid=$(api secrets/create "{\"secret_name\":\"bench-$name\",\"secret_value\":{\"api_key\":\"sk-bench-$name\"},
        \"provider\":\"$provider\",\"auth_config\":{\"api_base\":\"$base\"}}" | jget secret.secret_id) || return 1
  did=$(api model-definitions/create "{\"name\":\"bench-$name\",\"secret_id\":\"$sid\",\"provider\":\"$provider\",
        \"model_name\":\"$model\"}" | jget model_definition.model_definition_id) || return 1
  eid=$(api endpoints/create "{\"name\":\"$name\",\"model_configs\":[{\"model_definition_id\":\"$did\",
        \"linkage_type\":\"PRIMARY\"}]$more}" | jget endpoint.endpoint_id) || return 1
  if [ "$RATELIMIT" = on ]; then  # requests counted as calls start, tokens as they end
    api rate-limits/create "{\"endpoint_id\":\"$eid\",\"queries_per_minute\":1000000000000,
        \"tokens_per_minute\":1000000000000}" >/dev/null || return 1
  fi
  [ "$AUTH" = on ] || return 0
  api endpoints/permissions/create "{\"endpoint_id\":\"$eid\",\"username\":\"bench-caller\",\"permission\":\"USE\"}" \
    >/dev/null
}
caller_key() {  # a user who may use the endpoints (given USE on each as it is made), and a key of theirs
  [ "$AUTH" = on ] || return 0
  curl -s -o /dev/null -X POST "$GW/api/2.0/mlflow/users/create" -u "admin:$SWITCHBOARD_ADMIN_PASSWORD" \
    -H 'Content-Type: application/json' -d '{"username":"bench-caller","password":"bench-caller-not-a-secret"}'
  GW_KEY=$(curl -s -X POST "$API/gateway-keys/create" -u "bench-caller:bench-caller-not-a-secret" \
    -H 'Content-Type: application/json' -d '{"name":"bench"}' | jget key) || die "could not make a gateway key"
  log "  every call carries a gateway key of user bench-caller, who has USE on each endpoint"
}
check() {  # label url body expect-substring [curl args...]
  local label=$1 url=$2 body=$3 expect=$4 out code
  shift 4
  [[ -n "$GW_KEY" && "$url" == "$GW"/* ]] && set -- "$@" -H "Authorization: Bearer $GW_KEY"
  out=$(curl -s -m 30 -w '\n%{http_code}' -H 'Content-Type: application/json' "$@" -d @"$BENCH/bodies/$body" "$url") || true
  code=${out##*$'\n'}
  if [ "$code" = 200 ] && [[ "$out" == *"$expect"* ]]; then log "  ok: $label"; return 0; fi
  log "  FAILED: $label -> HTTP $code: $(printf '%s' "${out%$'\n'*}" | head -c 300)"
  return 1
}

# ================================================================== main
ensure_tools
find_java
CLK=$(getconf CLK_TCK)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
FD_LIMIT=$(ulimit -n)

# Every process from a previous run must be gone (ports are fixed).
for port in $UP_PORT $PROXY_PORT $PACED_PORT $GW_PORT $PORTKEY_PORT; do
  if curl -s -o /dev/null -m 1 "http://127.0.0.1:$port/"; then die "port $port is in use; stop whatever listens there"; fi
done
rm -rf "$WORK"
mkdir -p "$WORK/gateway"
: >"$RESULTS"
log "work dir $WORK; JAVA_HOME=$JAVA_HOME; duration ${DURATION}s, warm-up ${WARMUP}s, rate runs ${RATE_DURATION}s; quick=$QUICK"

# --- gateway jar: a private copy, so a concurrent rebuild cannot change it mid-run
JAR=${GATEWAY_JAR:-$ROOT/target/switchboard.jar}
GATEWAY_JAR_SET=${GATEWAY_JAR:+1}
if [ ! -f "$JAR" ]; then
  log "building the gateway (./mvnw -q -DskipTests package)"
  (cd "$ROOT" && ./mvnw -q -DskipTests package) || die "build failed"
fi
cp "$JAR" "$WORK/gateway/switchboard.jar"
[ -d "$(dirname "$JAR")/libs" ] && cp -r "$(dirname "$JAR")/libs" "$WORK/gateway/libs"

# --- Portkey (scenario f), installed once into $PORTKEY_DIR
PORTKEY_OK=0
PORTKEY_JS=$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js
if [ "$PORTKEY" = 1 ] && command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -f "$PORTKEY_JS" ] || ! grep -q "\"version\": \"$PORTKEY_VERSION\"" \
       "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/package.json" 2>/dev/null; then
    log "installing @portkey-ai/gateway@$PORTKEY_VERSION into $PORTKEY_DIR"
    mkdir -p "$PORTKEY_DIR"
    # @hono/node-server is pinned: with 1.14+ Portkey's streams fail with "TypeError: immutable"
    # (Portkey-AI/gateway#1389), the Response shim hands back fetch's immutable headers.
    cat >"$PORTKEY_DIR/package.json" <<EOF
{"name": "switchboard-bench-portkey", "private": true,
 "dependencies": {"@portkey-ai/gateway": "$PORTKEY_VERSION"},
 "overrides": {"@hono/node-server": "$PORTKEY_HONO_NODE_SERVER"}}
EOF
    (cd "$PORTKEY_DIR" && npm install --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1) ||
      log "Portkey did not install (see $WORK/npm.log); scenario (f) skipped"
  fi
  [ -f "$PORTKEY_JS" ] && PORTKEY_OK=1
fi

# --- metadata
python3 - "$RESULTS" <<EOF
import json, os, platform, re, subprocess, sys, time
def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:
        return ""
cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read())
mem = re.search(r"MemTotal:\s*(\d+)", open("/proc/meminfo").read())
dirty = " (with uncommitted changes)" if sh("git -C '$ROOT' status --porcelain -- src pom.xml") else ""
meta = {"kind": "meta", "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "host": platform.node(),
        "nproc": os.cpu_count(), "cpu": cpu.group(1).strip() if cpu else "?",
        "mem": f"{int(mem.group(1)) / 1048576:.0f} GB" if mem else "?",
        "loadavg_at_start": open("/proc/loadavg").read().split()[0],
        "jdk": sh("'$JAVA_HOME/bin/java' -version 2>&1 | head -1"),
        "nginx": sh("nginx -v 2>&1").replace("nginx version: ", ""),
        "wrk": sh("wrk -v 2>&1 | head -1").split(" Copyright")[0],
        "node": sh("node --version") or "absent",
        "portkey": ("@portkey-ai/gateway " + "$PORTKEY_VERSION" + " (@hono/node-server $PORTKEY_HONO_NODE_SERVER)")
                   if $PORTKEY_OK else ("not installed" if "$PORTKEY" == "1" else "skipped (PORTKEY=0)"),
        "gateway": ("commit " + (sh("git -C '$ROOT' rev-parse --short HEAD") or "?") + dirty) if not "$GATEWAY_JAR_SET"
                   else "$JAR" + " (built " + time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(os.path.getmtime("$JAR")))
                   + ", sha256 " + sh("sha256sum '$JAR'")[:12] + ")",
        "gateway_java_opts": "$GATEWAY_JAVA_OPTS", "auth": "$AUTH", "budget": "$BUDGET", "rate_limit": "$RATELIMIT", "threads": $THREADS, "connections": $CONNECTIONS,
        "duration": "${DURATION} s", "warmup": "${WARMUP} s", "rate": $RATE, "rate_duration": "${RATE_DURATION} s",
        "ttft_first_ms": $TTFT_FIRST_MS, "ttft_interval_ms": $TTFT_INTERVAL_MS, "ttft_requests": $TTFT_REQUESTS,
        "quick": $QUICK == 1, "fd_limit": $FD_LIMIT}
open(sys.argv[1], "a").write(json.dumps(meta) + "\n")
print("  " + json.dumps(meta), file=sys.stderr)
EOF
awk '{ if ($1 > 0.5) exit 1 }' /proc/loadavg ||
  log "WARNING: load average $(cut -d' ' -f1 /proc/loadavg) at start: something else is using the CPU"

# --- upstreams
log "starting nginx (static upstream :$UP_PORT, reverse proxy :$PROXY_PORT) and the paced upstream (:$PACED_PORT)"
start_nginx nginx.conf nginx-upstream.pid
start_nginx nginx-proxy.conf nginx-proxy.pid
python3 "$BENCH/paced_upstream.py" --port "$PACED_PORT" >"$WORK/paced.log" 2>&1 &
PACED_PID=$!
STARTED_PIDS+=("$PACED_PID")
wait_http "$UP/health"; wait_http "$PROXY/health"; wait_http "http://127.0.0.1:$PACED_PORT/health"
UP_PID=$(cat "$WORK/nginx/nginx-upstream.pid")
PROXY_PID=$(cat "$WORK/nginx/nginx-proxy.pid")

# --- gateway
log "starting Switchboard on :$GW_PORT (SQLite $WORK/gateway.db${GATEWAY_JAVA_OPTS:+, $GATEWAY_JAVA_OPTS})"
start_gateway $GATEWAY_JAVA_OPTS
log "configuring endpoints over the management API"
caller_key
endpoint chat custom gpt-4o-mini "$UP/v1" || die "could not create endpoint 'chat'"
endpoint chat-stream custom gpt-4o-mini "$UP/stream/v1" || die "could not create endpoint 'chat-stream'"
# The same call with usage tracking on and off (OpenAI's gpt-4o-mini, so each record is priced).
endpoint usage-on openai gpt-4o-mini "$UP/v1" || die "could not create endpoint 'usage-on'"
endpoint usage-off openai gpt-4o-mini "$UP/v1" '"usage_tracking":false' || die "could not create endpoint 'usage-off'"
endpoint ttft custom gpt-4o-mini \
  "http://127.0.0.1:$PACED_PORT/paced/$TTFT_FIRST_MS/$TTFT_INTERVAL_MS/$TTFT_EVENTS/v1" || die "endpoint 'ttft'"
endpoint slow-stream custom gpt-4o-mini \
  "http://127.0.0.1:$PACED_PORT/paced/$SLOW_INTERVAL_MS/$SLOW_INTERVAL_MS/$SLOW_EVENTS/v1" || die "endpoint 'slow-stream'"
if [ "$BUDGET" = on ]; then
  api budgets/create '{"budget_amount": 1000000000, "duration": {"unit": "MONTHS", "value": 1},
      "target_scope": "GLOBAL", "budget_action": "REJECT"}' >/dev/null || die "could not create the budget"
  log "  a GLOBAL REJECT budget of \$1,000,000,000 a month: every call checks it, every priced call adds to it"
fi
ANTHROPIC=0
if endpoint chat-anthropic anthropic claude-3-5-haiku-20241022 "$UP/v1" 2>/dev/null &&
   check "Anthropic target via /mlflow/invocations (runs only once the gateway has an Anthropic provider)" \
     "$GW/gateway/chat-anthropic/mlflow/invocations" invocations.json '"chat.completion"' 2>/dev/null; then
  ANTHROPIC=1
fi

log "smoke checks"
ok=1
check "(a) upstream chat" "$UP/v1/chat/completions" chat.json '"usage"' || ok=0
check "(a) upstream stream" "$UP/stream/v1/chat/completions" chat-stream.json 'data: [DONE]' || ok=0
check "(a) upstream Anthropic message" "$UP/v1/messages" chat.json '"type":"message"' || ok=0
check "(a) upstream embeddings" "$UP/v1/embeddings" chat.json '"embedding"' || ok=0
check "(b) proxy chat" "$PROXY/v1/chat/completions" chat.json '"usage"' || ok=0
check "(c) gateway OpenAI route" "$GW/gateway/openai/v1/chat/completions" chat.json '"usage"' || ok=0
check "(c) gateway OpenAI embeddings" "$GW/gateway/openai/v1/embeddings" embeddings.json '"embedding"' || true
check "(d) gateway /mlflow/invocations" "$GW/gateway/chat/mlflow/invocations" invocations.json '"usage"' || ok=0
check "(e) gateway stream pass-through" "$GW/gateway/openai/v1/chat/completions" chat-stream.json 'data: [DONE]' || ok=0
check "(e) gateway stream translated" "$GW/gateway/chat-stream/mlflow/invocations" invocations-stream.json \
  'data: [DONE]' || ok=0
check "paced stream via gateway" "$GW/gateway/openai/v1/chat/completions" ttft-stream.json 'data: [DONE]' || ok=0
[ "$ok" = 1 ] || die "smoke checks failed; see $WORK/gateway.log"

phase() { [[ " $PHASES " == *" $1 "* ]]; }
KEY_HEADER=()   # the gateway key, for stream_client.py's calls to the gateway
[ -n "$GW_KEY" ] && KEY_HEADER=(--header "Authorization: Bearer $GW_KEY")

# --- (a), (b): the ceiling
if phase ceiling; then
log "(a) direct and (b) nginx reverse proxy"
warm 2 "$UP/v1/chat/completions" chat.json
measure a-unary unary "(a) nginx static upstream, direct" "nginx upstream" "$(tree_pids "$UP_PID")" \
  "$UP/v1/chat/completions" chat.json
warm 2 "$PROXY/v1/chat/completions" chat.json
measure b-unary unary "(b) nginx reverse proxy (keep-alive)" "nginx proxy" "$(tree_pids "$PROXY_PID")" \
  "$PROXY/v1/chat/completions" chat.json
measure a-stream stream "(a) nginx static upstream, direct" "nginx upstream" "$(tree_pids "$UP_PID")" \
  "$UP/stream/v1/chat/completions" chat-stream.json
measure b-stream stream "(b) nginx reverse proxy (keep-alive)" "nginx proxy" "$(tree_pids "$PROXY_PID")" \
  "$PROXY/stream/v1/chat/completions" chat-stream.json
fi

# --- (c), (d): unary through the gateway
if phase unary; then
log "(c), (d) Switchboard unary: warm-up ${WARMUP}s, then measure"
warm $((WARMUP / 2)) "$GW/gateway/openai/v1/chat/completions" chat.json
warm $((WARMUP - WARMUP / 2)) "$GW/gateway/chat/mlflow/invocations" invocations.json
measure c-unary unary "(c) Switchboard OpenAI route, pass-through" "Switchboard JVM" "$GW_PID" \
  "$GW/gateway/openai/v1/chat/completions" chat.json
measure d-unary unary "(d) Switchboard /mlflow/invocations, canonical" "Switchboard JVM" "$GW_PID" \
  "$GW/gateway/chat/mlflow/invocations" invocations.json
if [ "$ANTHROPIC" = 1 ]; then
  warm 5 "$GW/gateway/chat-anthropic/mlflow/invocations" invocations.json
  measure d-anthropic-unary unary "(d) Switchboard /mlflow/invocations → Anthropic target" "Switchboard JVM" \
    "$GW_PID" "$GW/gateway/chat-anthropic/mlflow/invocations" invocations.json
fi
fi

# --- usage tracking off and on: the same pass-through call, alternating (off on on off, on off off on)
metric() {  # the value of a counter in /metrics (0 when absent)
  curl -s -u "admin:$SWITCHBOARD_ADMIN_PASSWORD" "$GW/metrics" |
    awk -v m="$1" '$1 == m { v = $2 } END { printf "%d\n", v + 0 }'
}
if phase usage; then
log "(c) usage tracking off and on, alternating: warm-up ${WARMUP}s, then measure"
warm $((WARMUP / 2)) "$GW/gateway/openai/v1/chat/completions" usage-off.json
warm $((WARMUP - WARMUP / 2)) "$GW/gateway/openai/v1/chat/completions" usage-on.json
for run in off-1 on-1 on-2 off-2 on-3 off-3 off-4 on-4; do
  mode=${run%-*}
  written0=$(metric switchboard_usage_records_written_total)
  dropped0=$(metric switchboard_usage_records_dropped_total)
  measure "c-usage-$run" unary "(c) pass-through, usage tracking $mode (run ${run#*-})" "Switchboard JVM" "$GW_PID" \
    "$GW/gateway/openai/v1/chat/completions" "usage-$mode.json"
  sleep 1   # the writer's last batch
  written=$(( $(metric switchboard_usage_records_written_total) - written0 ))
  dropped=$(( $(metric switchboard_usage_records_dropped_total) - dropped0 ))
  printf '{"kind": "usage", "id": "c-usage-%s", "tracking": "%s", "written": %d, "dropped": %d, "seconds": %d}\n' \
    "$run" "$mode" "$written" "$dropped" "$DURATION" >>"$RESULTS"
  log "  usage records written during c-usage-$run: $written ($dropped dropped)"
done
fi

# --- (e): streams through the gateway
if phase stream; then
log "(e) Switchboard streams: warm-up ${WARMUP}s, then measure"
warm $((WARMUP / 2)) "$GW/gateway/openai/v1/chat/completions" chat-stream.json
warm $((WARMUP - WARMUP / 2)) "$GW/gateway/chat-stream/mlflow/invocations" invocations-stream.json
measure e-pass-stream stream "(e) Switchboard OpenAI route, pass-through" "Switchboard JVM" "$GW_PID" \
  "$GW/gateway/openai/v1/chat/completions" chat-stream.json
measure e-trans-stream stream "(e) Switchboard /mlflow/invocations, translated" "Switchboard JVM" "$GW_PID" \
  "$GW/gateway/chat-stream/mlflow/invocations" invocations-stream.json
fi

# --- fixed rate: added latency
if phase rate; then
log "fixed rate ${RATE} req/s, ${RATE_DURATION}s each"
measure_rate a "(a) nginx static upstream, direct" "$UP/v1/chat/completions" chat.json
measure_rate b "(b) nginx reverse proxy" "$PROXY/v1/chat/completions" chat.json
measure_rate c "(c) Switchboard OpenAI route" "$GW/gateway/openai/v1/chat/completions" chat.json
measure_rate d "(d) Switchboard /mlflow/invocations" "$GW/gateway/chat/mlflow/invocations" invocations.json
fi

# --- time to first token
if phase ttft; then
log "time to first token (paced upstream: first event after ${TTFT_FIRST_MS} ms), $TTFT_REQUESTS requests per path"
ttft() {  # id label url body
  local key=()
  [[ "$3" == "$GW"/* ]] && key=("${KEY_HEADER[@]}")
  python3 "$BENCH/stream_client.py" ttft "$3" "$BENCH/bodies/$4" --requests "$TTFT_REQUESTS" "${key[@]}" \
    2>>"$WORK/ttft.log" |
    python3 "$BENCH/report.py" json --out "$RESULTS" --kind ttft --field "id=$1" --field "label=$2" >&2 || true
}
python3 "$BENCH/stream_client.py" ttft "$GW/gateway/openai/v1/chat/completions" "$BENCH/bodies/ttft-stream.json" \
  "${KEY_HEADER[@]}" \
  --requests 20 >/dev/null 2>&1 || true   # warm the paced path
ttft direct "direct to the paced upstream" \
  "http://127.0.0.1:$PACED_PORT/paced/$TTFT_FIRST_MS/$TTFT_INTERVAL_MS/$TTFT_EVENTS/v1/chat/completions" ttft-stream.json
ttft pass "Switchboard OpenAI route, pass-through" "$GW/gateway/openai/v1/chat/completions" ttft-stream.json
ttft translated "Switchboard /mlflow/invocations, translated" "$GW/gateway/ttft/mlflow/invocations" \
  invocations-stream.json
fi

GW_ERRORS=$(grep -cE ' (ERROR|WARN) ' "$WORK/gateway.log" || true)
log "gateway log: $GW_ERRORS WARN/ERROR lines so far"

# --- (f) Portkey
if ! phase portkey; then
  :
elif [ "$PORTKEY_OK" = 1 ]; then
  log "(f) Portkey on :$PORTKEY_PORT"
  (cd "$PORTKEY_DIR" && NODE_ENV=production exec node "$PORTKEY_JS" --port="$PORTKEY_PORT" --headless \
     >"$WORK/portkey.log" 2>&1) &
  PK_PID=$!
  STARTED_PIDS+=("$PK_PID")
  wait_http "http://127.0.0.1:$PORTKEY_PORT/" 60
  PK=(H=x-portkey-provider:openai "H=Authorization:Bearer sk-bench")
  pk_ok=1
  check "(f) Portkey chat" "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" chat.json '"usage"' \
    -H 'x-portkey-provider: openai' -H "x-portkey-custom-host: $UP/v1" -H 'Authorization: Bearer sk-bench' || pk_ok=0
  check "(f) Portkey stream" "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" chat-stream.json 'data: [DONE]' \
    -H 'x-portkey-provider: openai' -H "x-portkey-custom-host: $UP/stream/v1" -H 'Authorization: Bearer sk-bench' ||
    pk_ok=0
  if [ "$pk_ok" = 1 ]; then
    warm $((WARMUP / 2)) "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" chat.json "${PK[@]}" \
      "H=x-portkey-custom-host:$UP/v1"
    warm $((WARMUP - WARMUP / 2)) "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" chat-stream.json "${PK[@]}" \
      "H=x-portkey-custom-host:$UP/stream/v1"
    measure f-unary unary "(f) Portkey gateway (Node), OpenAI custom host" "Portkey node" "$PK_PID" \
      "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" chat.json "${PK[@]}" "H=x-portkey-custom-host:$UP/v1"
    measure f-stream stream "(f) Portkey gateway (Node), OpenAI custom host" "Portkey node" "$PK_PID" \
      "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" chat-stream.json "${PK[@]}" \
      "H=x-portkey-custom-host:$UP/stream/v1"
  else
    python3 "$BENCH/report.py" json --out "$RESULTS" --kind note \
      --field "text=Portkey installed but did not answer correctly; see portkey.log" <<<"{}" >/dev/null
  fi
  stop_pid "$PK_PID" 10
else
  python3 "$BENCH/report.py" json --out "$RESULTS" --kind note \
    --field "text=Scenario (f) skipped: Portkey not installed (PORTKEY=$PORTKEY)" <<<"{}" >/dev/null
fi

# --- concurrent slow streams on a fresh gateway with a bounded heap
concurrent_streams() {  # streams kind file-tag
  local want=$1 kind=$2 tag=$3 heap_idle= base_fds max_streams
  log "concurrent slow streams ($kind): a fresh gateway with $STREAMS_JAVA_OPTS"
  stop_pid "$GW_PID" 20
  start_gateway $STREAMS_JAVA_OPTS
  # A gateway in service is warm: its relay code is compiled, and a parked stream's frames (kept on
  # the heap by its virtual thread) are half the size of interpreted ones.
  warm "$STREAMS_WARMUP" "$GW/gateway/openai/v1/chat/completions" chat-stream.json
  "$JAVA_HOME/bin/jcmd" "$GW_PID" GC.run >/dev/null 2>&1 || true
  "$JAVA_HOME/bin/jcmd" "$GW_PID" GC.heap_info >"$WORK/heap-idle$tag.txt" 2>&1 || true
  read -r _ heap_idle < <(heap_mb "$WORK/heap-idle$tag.txt")
  base_fds=$(ls "/proc/$GW_PID/fd" | wc -l)
  max_streams=$(((FD_LIMIT - base_fds - 200) / 2))
  RUN_STREAMS=$want
  if [ "$RUN_STREAMS" -gt "$max_streams" ]; then
    log "WARNING: open-files limit $FD_LIMIT allows ~$max_streams relayed streams (2 fds each); running $max_streams"
    RUN_STREAMS=$max_streams
  fi
  curl -s "http://127.0.0.1:$PACED_PORT/reset" >/dev/null
  log "  $RUN_STREAMS streams, ${SLOW_EVENTS} events each, one every ${SLOW_INTERVAL_MS} ms"
  python3 "$BENCH/stream_client.py" concurrent "$GW/gateway/openai/v1/chat/completions" "${KEY_HEADER[@]}" \
    "$BENCH/bodies/slow-stream.json" --streams "$RUN_STREAMS" --expect-events "$SLOW_EVENTS" --ramp "$SLOW_RAMP" \
    --timeout $((SLOW_EVENTS * SLOW_INTERVAL_MS / 1000 + RUN_STREAMS / SLOW_RAMP + 45)) \
    >"$WORK/streams$tag.out" 2>"$WORK/streams$tag.err" &
  CLIENT_PID=$!
  STARTED_PIDS+=("$CLIENT_PID")
  : >"$WORK/streams$tag.samples"
  (
    while kill -0 "$CLIENT_PID" 2>/dev/null; do
      echo "$(proc_field "$GW_PID" VmRSS) $(proc_field "$GW_PID" Threads) $(ls "/proc/$GW_PID/fd" 2>/dev/null | wc -l)" \
        >>"$WORK/streams$tag.samples"
      sleep 1
    done
  ) &
  SAMPLER_PID=$!
  STARTED_PIDS+=("$SAMPLER_PID")
  local heap_used= heap_committed= heap_live= rss_at_peak= open_at_sample=
  local rss_peak threads_peak fds_peak rss_hwm paced_health
  # Sample when every stream is open, or (if that never happens) once the ramp is over.
  deadline=$(($(date +%s) + RUN_STREAMS / SLOW_RAMP + 15))
  while kill -0 "$CLIENT_PID" 2>/dev/null && ! grep -q '^ALL_OPEN' "$WORK/streams$tag.out"; do
    [ "$(date +%s)" -lt "$deadline" ] || break
    sleep 0.5
  done
  if grep -q '^ALL_OPEN' "$WORK/streams$tag.out"; then
    sleep 2
    open_at_sample=$RUN_STREAMS
    log "  all $RUN_STREAMS streams open; sampling heap and RSS"
  else
    open_at_sample=$(grep -o 'open=[0-9]*' "$WORK/streams$tag.err" | tail -1 | cut -d= -f2)
    log "  WARNING: not every stream is open ($(tail -1 "$WORK/streams$tag.err")); sampling heap and RSS anyway"
  fi
  if kill -0 "$GW_PID" 2>/dev/null; then
    "$JAVA_HOME/bin/jcmd" "$GW_PID" GC.heap_info >"$WORK/heap-peak$tag.txt" 2>&1 || true
    rss_at_peak=$(proc_field "$GW_PID" VmRSS)
    timeout 60 "$JAVA_HOME/bin/jcmd" "$GW_PID" GC.class_histogram >"$WORK/heap-peak-histogram$tag.txt" 2>&1 || true  # full GC
    "$JAVA_HOME/bin/jcmd" "$GW_PID" GC.heap_info >"$WORK/heap-peak-after-gc$tag.txt" 2>&1 || true
    read -r heap_committed heap_used < <(heap_mb "$WORK/heap-peak$tag.txt")
    read -r _ heap_live < <(heap_mb "$WORK/heap-peak-after-gc$tag.txt")
  fi
  wait "$CLIENT_PID" || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  forget_pid "$CLIENT_PID"
  forget_pid "$SAMPLER_PID"
  paced_health=$(curl -s "http://127.0.0.1:$PACED_PORT/health")
  read -r rss_peak threads_peak fds_peak < <(awk 'BEGIN {r=0;t=0;f=0} {if ($1>r) r=$1; if ($2>t) t=$2; if ($3>f) f=$3}
    END {printf "%.0f %d %d\n", r/1024, t, f}' "$WORK/streams$tag.samples")
  rss_hwm=$(awk '/^VmHWM:/ {printf "%.0f", $2/1024}' "/proc/$GW_PID/status")
  grep '^RESULT' "$WORK/streams$tag.out" | python3 "$BENCH/report.py" json --out "$RESULTS" --kind "$kind" \
    --field "requested=$want" --field "java_opts=$STREAMS_JAVA_OPTS" --field "interval_ms=$SLOW_INTERVAL_MS" \
    --field "events=$SLOW_EVENTS" --field "ramp=$SLOW_RAMP" --field "fd_limit=$FD_LIMIT" \
    --field "heap_used_mb=${heap_used:-null}" --field "heap_committed_mb=${heap_committed:-null}" \
    --field "heap_live_mb=${heap_live:-null}" --field "heap_idle_mb=${heap_idle:-null}" \
    --field "open_at_sample=${open_at_sample:-null}" --field "rss_at_all_open_mb=$(( ${rss_at_peak:-0} / 1024 ))" \
    --field "rss_peak_sample_mb=${rss_peak:-null}" --field "rss_hwm_mb=${rss_hwm:-null}" \
    --field "threads_peak=${threads_peak:-null}" --field "fds_peak=${fds_peak:-null}" \
    --field "upstream=$paced_health" >&2 || true
}

if phase concurrent; then
  # a smaller run first, that fits any sane heap: the clean live-heap cost of one open stream
  [ "$PROBE_STREAMS" -gt 0 ] && concurrent_streams "$PROBE_STREAMS" streams_probe -probe
  concurrent_streams "$STREAMS" streams ""
fi

# --- gateway log health
errs=$(grep -cE ' (ERROR|WARN) ' "$WORK/gateway.log" || true)
if [ "${errs:-0}" -gt 0 ]; then
  python3 "$BENCH/report.py" json --out "$RESULTS" --kind note --field "text=The gateway logged $errs WARN/ERROR lines \
during the run; first: \`$(grep -m1 -E ' (ERROR|WARN) ' "$WORK/gateway.log" | cut -c1-200 | tr -d '\`"\\')\`" \
    <<<"{}" >/dev/null
fi

# --- report
log "results"
args=(render "$RESULTS" --md "$WORK/results.md")
[ "$UPDATE_README" = 1 ] && args+=(--readme "$BENCH/README.md")
python3 "$BENCH/report.py" "${args[@]}"
log "done in $(($(date +%s) - T0)) s; raw outputs in $WORK"
if [ "${KEEP:-0}" = 1 ]; then
  log "KEEP=1: upstreams and gateway stay up (gateway pid $GW_PID, $GW); Ctrl-C or SIGTERM to stop them"
  while true; do sleep 3600 & wait $!; done   # wait returns at once on a signal; the trap cleans up
fi
