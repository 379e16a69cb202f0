#!/usr/bin/env bash
# The issue's targets, each against a fresh release server (and the flood also against the bare stack), one JSON
# line per run appended to OUT. Usage: scripts/targets-run.sh OUT [PORT]
# SIZES="18000 10000 5000" (the default) sets the flood sizes; SEED=1 (the default) the talkers' chat times, so that
# two runs, or the app and the bare stack, face the same messages at the same moments.
# Build first: swift build -c release --scratch-path .build-release --product seminar (and --product seminar-bench).
# See docs/benchmarks.md. Takes about 15 minutes; keep the machine otherwise idle.
set -u
cd "$(dirname "$0")/.."
out=$1
port=${2:-18800}
bin=.build-release/release
bench=$bin/seminar-bench

wait_healthy() {
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$1/healthz" > /dev/null && return 0; sleep 0.2; done
  echo "server on $1 did not start" >&2; return 1
}

# A fresh server with the limits that let one machine play thousands of people; its pid in $server.
start_app() {
  data=$(mktemp -d)
  SEMINAR_BCRYPT_COST=4 SEMINAR_LOGIN_PER_MINUTE=1000000 SEMINAR_CONNECTIONS_PER_ADDRESS=20000 \
    SEMINAR_MESSAGE_RATE=1000 SEMINAR_MESSAGE_BURST=1000 $bin/seminar serve --port "$port" --data "$data" > "$data/log" 2>&1 &
  server=$!
  wait_healthy "$port"
}

stop() { kill "$server"; wait "$server" 2> /dev/null; port=$((port + 1)); }

run() { # label, then the bench arguments; prints the JSON line with the label and the load average before the run
  local label=$1; shift
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  line=$("$@" --json | tail -1)
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["label"]=sys.argv[2]; d["loadBefore"]=float(sys.argv[3]); print(json.dumps(d))' \
    "$line" "$label" "$load" | tee -a "$out"
}

start_app; run app $bench join-storm --url "http://127.0.0.1:$port" --clients 5000 --server-pid "$server"; stop
start_app; run app $bench resume --url "http://127.0.0.1:$port" --clients 5000 --messages 400 --rate 50 --server-pid "$server"; stop
for clients in ${SIZES:-18000 10000 5000}; do
  start_app
  run app $bench flood --url "http://127.0.0.1:$port" --clients $clients --ramp 60 --duration 60 --chat-every 15 --silent 0.999 --seed "${SEED:-1}" --server-pid "$server"
  stop
  $bench baseline-server --port "$port" > /dev/null 2>&1 &
  server=$!; wait_healthy "$port"
  run "bare stack" $bench flood --url "http://127.0.0.1:$port" --clients $clients --ramp 60 --duration 60 --chat-every 15 --silent 0.999 --seed "${SEED:-1}" --server-pid "$server"
  stop
done
