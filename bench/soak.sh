#!/usr/bin/env bash
# Soak: 30 minutes of mixed load through one gateway, sampling its heap, RSS, threads and file
# descriptors, to show they stay flat. See bench/README.md, "Soak".
#
#   bench/soak.sh               30 minutes (plus about a minute of set-up)
#   MINUTES=3 bench/soak.sh     a short run, to try the harness
#
# The set-up is run.sh's (nginx upstream, paced upstream, the gateway with authentication on),
# started with PHASES=none KEEP=1; this script adds its endpoints, drives the load, samples, and
# stops everything at the end. Work files go to $WORK (default /tmp/switchboard-soak).
set -Eeuo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MINUTES=${MINUTES:-30}
SAMPLE=${SAMPLE:-10}              # seconds between samples of RSS, threads, descriptors and heap
LIVE_EVERY=${LIVE_EVERY:-60}      # seconds between full GCs that measure the live heap
SOAK_STREAMS=${SOAK_STREAMS:-100} # paced streams kept open at all times
EDIT_INTERVAL=${EDIT_INTERVAL:-1} # seconds between configuration changes
WORK=${WORK:-/tmp/switchboard-soak}
export SWITCHBOARD_ADMIN_PASSWORD=${SWITCHBOARD_ADMIN_PASSWORD:-switchboard-bench-admin-not-a-secret}
SECONDS_TOTAL=$((MINUTES * 60))
GW=http://127.0.0.1:18090
API=$GW/api/3.0/mlflow/gateway
UP=http://127.0.0.1:18080
PACED=http://127.0.0.1:18070
ADMIN="admin:$SWITCHBOARD_ADMIN_PASSWORD"
T0=$(date +%s)

log() { printf '[%s +%4ss] %s\n' "$(date +%H:%M:%S)" "$(($(date +%s) - T0))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PIDS=()
cleanup() {
  local rc=$?
  set +e
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$WORK"
mkdir -p "$WORK/bodies"

# --- set-up: run.sh's upstreams and gateway, left running
log "setting up with run.sh (PHASES=none KEEP=1); its log: $WORK/setup.log"
PHASES=none KEEP=1 PORTKEY=0 UPDATE_README=0 WORK=$WORK/setup "$BENCH/run.sh" >"$WORK/setup.log" 2>&1 &
SETUP_PID=$!
PIDS+=("$SETUP_PID")
until grep -q 'KEEP=1: upstreams and gateway stay up' "$WORK/setup.log"; do
  kill -0 "$SETUP_PID" 2>/dev/null || die "run.sh stopped; see $WORK/setup.log"
  sleep 1
done
GW_PID=$(sed -n 's/.*gateway pid \([0-9]*\).*/\1/p' "$WORK/setup.log" | tail -1)
[ -n "$GW_PID" ] || die "no gateway pid in $WORK/setup.log"
JAVA_HOME=$(sed -n 's/.*JAVA_HOME=\([^;]*\);.*/\1/p' "$WORK/setup.log" | head -1)

api() {  # method route json -> body (fails on HTTP >= 400)
  local out code
  out=$(curl -s -w '\n%{http_code}' -X "$1" "$API/$2" -u "$ADMIN" -H 'Content-Type: application/json' -d "$3")
  code=${out##*$'\n'}
  [ "$code" -lt 400 ] || die "$1 $2 -> $code: ${out%$'\n'*}"
  printf '%s' "${out%$'\n'*}"
}
jget() { python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."): d=d[k]
print(d)' "$1"; }
definition() {  # name api_base -> model definition id
  local sid
  sid=$(api POST secrets/create "{\"secret_name\":\"$1\",\"secret_value\":{\"api_key\":\"sk-soak-not-a-secret\"},
        \"provider\":\"custom\",\"auth_config\":{\"api_base\":\"$2\"}}" | jget secret.secret_id)
  api POST model-definitions/create "{\"name\":\"$1\",\"secret_id\":\"$sid\",\"provider\":\"custom\",
        \"model_name\":\"gpt-4o-mini\"}" | jget model_definition.model_definition_id
}
endpoint() {  # name model_configs-json [more fields]
  local eid
  eid=$(api POST endpoints/create "{\"name\":\"$1\",\"model_configs\":$2${3:+,$3}}" | jget endpoint.endpoint_id)
  api POST endpoints/permissions/create "{\"endpoint_id\":\"$eid\",\"username\":\"soak-caller\",\"permission\":\"USE\"}" >/dev/null
}

log "configuring the soak's endpoints"
curl -s -o /dev/null -X POST "$GW/api/2.0/mlflow/users/create" -u "$ADMIN" -H 'Content-Type: application/json' \
  -d '{"username":"soak-caller","password":"soak-caller-not-a-secret"}'
KEY=$(curl -s -X POST "$API/gateway-keys/create" -u "soak-caller:soak-caller-not-a-secret" \
  -H 'Content-Type: application/json' -d '{"name":"soak"}' | jget key)
NGINX=$(definition soak-nginx "$UP/v1")
NGINX2=$(definition soak-nginx-2 "$UP/v1")
NGINX_STREAM=$(definition soak-nginx-stream "$UP/stream/v1")
FLAKY=$(definition soak-flaky "$PACED/flaky/2/429/v1")
DEAD=$(definition soak-dead "http://127.0.0.1:1/v1")   # nothing listens on port 1: refused at once
PACE=$(definition soak-paced "$PACED/paced/200/200/20/v1")
# A 429 on every second call, retried once as its retry-after-ms asks, then nginx as the fallback.
endpoint soak-flaky "[{\"model_definition_id\":\"$FLAKY\",\"linkage_type\":\"PRIMARY\"},
  {\"model_definition_id\":\"$NGINX\",\"linkage_type\":\"FALLBACK\",\"fallback_order\":1}]" \
  '"retry_config":{"max_retries":1,"initial_backoff_ms":10,"max_backoff_ms":1000}'
endpoint soak-flaky-stream "[{\"model_definition_id\":\"$FLAKY\",\"linkage_type\":\"PRIMARY\"},
  {\"model_definition_id\":\"$NGINX_STREAM\",\"linkage_type\":\"FALLBACK\",\"fallback_order\":1}]" \
  '"retry_config":{"max_retries":1,"initial_backoff_ms":10,"max_backoff_ms":1000}'
# A target that refuses every connection: it cools down, and is probed now and then.
endpoint soak-dead "[{\"model_definition_id\":\"$DEAD\",\"linkage_type\":\"PRIMARY\"},
  {\"model_definition_id\":\"$NGINX\",\"linkage_type\":\"FALLBACK\",\"fallback_order\":1}]"
# A traffic split whose weights the edits flip every other second.
endpoint soak-split "[{\"model_definition_id\":\"$NGINX\",\"linkage_type\":\"PRIMARY\",\"weight\":50},
  {\"model_definition_id\":\"$NGINX2\",\"linkage_type\":\"PRIMARY\",\"weight\":50}]"
endpoint soak-paced "[{\"model_definition_id\":\"$PACE\",\"linkage_type\":\"PRIMARY\"}]"

msg='"messages": [{"role": "user", "content": "Summarise the benefits of an AI gateway in two sentences."}]'
echo "{\"model\": \"soak-flaky\", $msg}" >"$WORK/bodies/flaky.json"
echo "{\"model\": \"soak-flaky-stream\", \"stream\": true, $msg}" >"$WORK/bodies/flaky-stream.json"
echo "{$msg}" >"$WORK/bodies/invocations.json"
echo "{\"model\": \"soak-dead\", $msg}" >"$WORK/bodies/dead.json"

# --- load: four wrk runs and the stream-and-edit client, all for the whole soak
log "soaking for $MINUTES min: wrk on soak-flaky (unary and streamed), soak-split, soak-dead; $SOAK_STREAMS paced streams; an edit every ${EDIT_INTERVAL}s"
wrk_bg() {  # name connections url body
  (cd "$BENCH" && exec wrk -t1 -c"$2" -d"${SECONDS_TOTAL}s" --timeout 30s -s post.lua "$3" \
     -- "$WORK/bodies/$4" "H=Authorization:Bearer $KEY") >"$WORK/wrk-$1.txt" 2>&1 &
  PIDS+=("$!")
}
wrk_bg flaky 4 "$GW/gateway/openai/v1/chat/completions" flaky.json
wrk_bg flaky-stream 2 "$GW/gateway/openai/v1/chat/completions" flaky-stream.json
wrk_bg split 2 "$GW/gateway/soak-split/mlflow/invocations" invocations.json
wrk_bg dead 2 "$GW/gateway/openai/v1/chat/completions" dead.json
(cd "$BENCH" && exec python3 soak_client.py "$GW" --seconds "$SECONDS_TOTAL" --key "$KEY" --admin "$ADMIN" \
   --upstream "$UP/v1" --streams "$SOAK_STREAMS" --edit-interval "$EDIT_INTERVAL") >"$WORK/client.txt" 2>"$WORK/client.err" &
CLIENT_PID=$!
PIDS+=("$CLIENT_PID")

# --- samples: t, RSS, threads, descriptors, heap used, live heap (after a full GC, every LIVE_EVERY s)
heap_used() { "$JAVA_HOME/bin/jcmd" "$GW_PID" GC.heap_info 2>/dev/null |
  python3 -c 'import re,sys; print(round(sum(int(u) for u in re.findall(r"used (\d+)K", sys.stdin.read().split("Metaspace")[0])) / 1024))'; }
echo "t_s,rss_mb,threads,fds,heap_used_mb,live_heap_mb" >"$WORK/samples.csv"
START=$(date +%s)
next_live=0
while kill -0 "$CLIENT_PID" 2>/dev/null; do
  t=$(($(date +%s) - START))
  live=""
  if [ "$t" -ge "$next_live" ]; then
    "$JAVA_HOME/bin/jcmd" "$GW_PID" GC.run >/dev/null 2>&1 || true
    live=$(heap_used)
    next_live=$((next_live + LIVE_EVERY))
  fi
  rss=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$GW_PID/status")
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$GW_PID/status")
  fds=$(find "/proc/$GW_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  echo "$t,$rss,$threads,$fds,$(heap_used),$live" >>"$WORK/samples.csv"
  sleep "$SAMPLE"
done
wait "$CLIENT_PID" || log "the stream-and-edit client exited non-zero (see $WORK/client.err)"
sleep 2   # wrk ends at the same second
curl -s -u "$ADMIN" "$GW/metrics" >"$WORK/metrics.txt" || true

log "report: $WORK/soak.md"
python3 - "$WORK" "$MINUTES" <<'EOF' | tee "$WORK/soak.md"
import csv, json, re, sys
work, minutes = sys.argv[1], int(sys.argv[2])
rows = list(csv.DictReader(open(f"{work}/samples.csv")))
def num(v):
    return None if v in ("", None) else float(v)
print(f"## Soak: {minutes} min of mixed load\n")
print("| minute | live heap MB (after full GC) | heap used MB | RSS MB | threads | descriptors |")
print("|---|---|---|---|---|---|")
step = max(1, minutes // 10) * 60
marks = sorted({0, *range(step, minutes * 60 + 1, step)})
for mark in marks:
    near = [r for r in rows if int(r["t_s"]) <= mark] or rows[:1]
    last = near[-1]
    live = [num(r["live_heap_mb"]) for r in near if num(r["live_heap_mb"]) is not None]
    print(f"| {mark // 60} | {live[-1]:.0f} | {num(last['heap_used_mb']):.0f} | {num(last['rss_mb']):.0f} "
          f"| {int(num(last['threads']))} | {int(num(last['fds']))} |")
print()
total, failures = 0, 0
for name in ("flaky", "flaky-stream", "split", "dead"):
    text = open(f"{work}/wrk-{name}.txt").read()
    m = re.search(r"BENCH_JSON (\{.*\})", text)
    if not m:
        print(f"- wrk {name}: no summary (see wrk-{name}.txt)")
        continue
    j = json.loads(m.group(1))
    errors = j["err_connect"] + j["err_read"] + j["err_write"] + j["err_status"] + j["err_timeout"]
    total += j["requests"]; failures += errors
    print(f"- wrk {name}: {j['requests']:,} calls, {errors} failed (non-2xx {j['err_status']}, "
          f"timeouts {j['err_timeout']}, socket {j['err_connect'] + j['err_read'] + j['err_write']})")
client = [l for l in open(f"{work}/client.txt") if l.startswith("SOAK ")]
counts = json.loads(client[-1][5:]) if client else {}
print(f"- streams and edits: {json.dumps(counts, sort_keys=True)}")
print(f"- unary and fast streams in all: {total:,} calls, {failures} failed")
live = [(int(r["t_s"]), num(r["live_heap_mb"])) for r in rows if num(r["live_heap_mb"]) is not None]
if len(live) >= 4:
    settled = [v for t, v in live if t >= min(300, minutes * 30)]
    first, last = settled[0], settled[-1]
    print(f"- live heap from minute {min(5, minutes // 2)} to the end: {first:.0f} -> {last:.0f} MB "
          f"(min {min(settled):.0f}, max {max(settled):.0f})")
for key in ("threads", "fds", "rss_mb"):
    values = [num(r[key]) for r in rows]
    half = values[len(values) // 2:]
    print(f"- {key}: first {values[0]:.0f}, second half min {min(half):.0f} max {max(half):.0f}, last {values[-1]:.0f}")
EOF
