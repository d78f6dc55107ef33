#!/usr/bin/env bash
# The floor of the gateway's stack, side by side with (b) and (c): how fast a proxy built from the
# same parts goes when it does no gateway work. See "Where a unary call's time goes" in README.md.
#
#   bench/floor.sh            6 rounds of 10 s per contender, alternated, after a warm-up
#
# Contenders, all forwarding the unary chat body to the same nginx upstream over keep-alive:
#   (b) nginx reverse proxy; floor-helidon: Helidon's server + the gateway's HTTP client, bytes in,
#   bytes out; floor-sockets: a bare ServerSocket with a virtual thread per connection + the same
#   client; floor-netty: Netty's HTTP server and client on two event loops, each caller's connection
#   and the upstream connection it borrows on the same loop (floor-netty-1: one loop); (c) the
#   gateway's OpenAI pass-through route. Needs target/switchboard.jar and its libs; Netty's jars are
#   copied by Maven from bench/floor/pom.xml.
set -Eeuo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
ROUNDS=${ROUNDS:-6}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
WORK=${WORK:-/tmp/switchboard-bench}
JAVA_OPTS=$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$ROOT/switchboard")
JAR=$ROOT/target/switchboard.jar
[ -f "$JAR" ] || { echo "build first: ./mvnw -q -DskipTests package" >&2; exit 1; }
CP="$JAR:$(echo "$ROOT"/target/libs/*.jar | tr ' ' ':')"

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# nginx (upstream :18080, proxy :18081) and a configured gateway (:18090), left up by run.sh. The
# gateway runs without sign-in (AUTH=off), as the floors have none and wrk sends no key here.
KEEP=1 PHASES=none PORTKEY=0 UPDATE_README=0 AUTH=off WORK=$WORK "$BENCH/run.sh" >"$WORK.floor-setup.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do grep -q "KEEP=1" "$WORK.floor-setup.log" 2>/dev/null && break; sleep 1; done
grep -q "KEEP=1" "$WORK.floor-setup.log" || { echo "setup failed: see $WORK.floor-setup.log" >&2; exit 1; }
GW_PID=$(grep -o "gateway pid [0-9]*" "$WORK.floor-setup.log" | awk '{print $3}')
JAVA_HOME=$(sed -n 's/.*JAVA_HOME=\([^;]*\);.*/\1/p' "$WORK.floor-setup.log" | head -1)   # the JDK run.sh chose

mkdir -p "$WORK/floor"
"$ROOT/mvnw" -q -f "$BENCH/floor/pom.xml" dependency:copy-dependencies -DoutputDirectory="$WORK/floor/libs" \
  >"$WORK/floor/maven.log" 2>&1 || { echo "could not fetch Netty: see $WORK/floor/maven.log" >&2; exit 1; }
CP="$CP:$(echo "$WORK"/floor/libs/*.jar | tr ' ' ':')"
"$JAVA_HOME/bin/javac" -cp "$CP" -d "$WORK/floor" "$BENCH"/floor/*.java
start_floor() {  # class port [args]
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $JAVA_OPTS -cp "$WORK/floor:$CP" "$1" "$2" 18080 /v1/chat/completions "${@:3}" \
    >"$WORK/floor/$1-$2.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 60); do
    curl -sf -o /dev/null -X POST --data @"$BENCH/bodies/chat.json" "http://127.0.0.1:$2/v1/chat/completions" && return
    sleep 0.5
  done
  echo "$1 did not answer" >&2; exit 1
}
start_floor FloorHelidon 18092; HELIDON_PID=${PIDS[-1]}
start_floor FloorSockets 18093; SOCKETS_PID=${PIDS[-1]}
start_floor FloorNetty 18094 2; NETTY_PID=${PIDS[-1]}
start_floor FloorNetty 18095 1; NETTY1_PID=${PIDS[-1]}
PROXY_MASTER=$(pgrep -f "nginx-proxy.conf" | head -1)
PROXY_PIDS="$PROXY_MASTER $(pgrep -P "$PROXY_MASTER" | tr '\n' ' ')"

cpu() { local t=0 p; for p in $1; do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo "$t"; }
run() {  # name url pids seconds -> "name req/s cpu-ms-per-1k non-2xx"
  local before after out requests
  before=$(cpu "$3")
  out=$(cd "$BENCH" && wrk -t2 -c32 -d"$4"s -s post.lua "$2" -- bodies/chat.json)
  after=$(cpu "$3")
  requests=$(echo "$out" | awk '/requests in/{print $1}')
  echo "$1 $(echo "$out" | awk '/Requests\/sec/{printf "%d", $2}') $(awk -v t=$((after - before)) -v r="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.1f", t * 1000000 / hz / r}') $(echo "$out" | awk '/Non-2xx/{n=$NF} END{print n+0}')"
}
CONTENDERS=(
  "b http://127.0.0.1:18081/v1/chat/completions $PROXY_PIDS"
  "floor-helidon http://127.0.0.1:18092/v1/chat/completions $HELIDON_PID"
  "floor-sockets http://127.0.0.1:18093/v1/chat/completions $SOCKETS_PID"
  "floor-netty http://127.0.0.1:18094/v1/chat/completions $NETTY_PID"
  "floor-netty-1 http://127.0.0.1:18095/v1/chat/completions $NETTY1_PID"
  "c http://127.0.0.1:18090/gateway/openai/v1/chat/completions $GW_PID"
)
echo "warm-up: 3 x 10 s per JVM contender" >&2
for _ in 1 2 3; do
  for c in "${CONTENDERS[@]:1}"; do read -r name url pids <<<"$c"; run "$name" "$url" "$pids" 10 >/dev/null; done
done
: >"$WORK/floor/rounds.txt"
for r in $(seq 1 "$ROUNDS"); do
  for c in "${CONTENDERS[@]}"; do
    read -r name url pids <<<"$c"
    run "$name" "$url" "$pids" "$SECONDS_PER_RUN" | tee -a "$WORK/floor/rounds.txt" >&2
  done
done
python3 - "$WORK/floor/rounds.txt" <<'PY'
import statistics, sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, rps, cpu, bad = line.split()
    if int(bad):
        sys.exit(f"{name} answered {bad} requests with a non-2xx status: its figures mean nothing")
    rows[name].append((float(rps), float(cpu)))
b = statistics.median(r for r, _ in rows["b"])
print("| contender | median req/s | × (b) | median CPU ms / 1k req | runs |")
print("|---|---:|---:|---:|---:|")
for name in ["b", "floor-netty", "floor-netty-1", "floor-helidon", "floor-sockets", "c"]:
    rps = statistics.median(r for r, _ in rows[name])
    cpu = statistics.median(c for _, c in rows[name])
    print(f"| {name} | {rps:,.0f} | {rps / b:.2f} | {cpu:.1f} | {len(rows[name])} |")
PY
