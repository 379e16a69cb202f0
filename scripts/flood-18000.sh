#!/usr/bin/env bash
# The 18,000 flood against a fresh release server, then against the bare stack, one JSON line each appended to OUT
# (docs/benchmarks.md). Build first as scripts/targets-run.sh says. About 6 minutes; keep the machine otherwise idle.
# Usage: scripts/flood-18000.sh OUT
set -u
cd "$(dirname "$0")/.."
out=$1; port=18900
bin=.build-release/release; bench=$bin/seminar-bench
wait_healthy() { for _ in $(seq 300); do curl -sf "http://127.0.0.1:$1/healthz" > /dev/null && return 0; sleep 0.2; done; return 1; }
run() { local label=$1; shift; local load; load=$(cut -d' ' -f1 /proc/loadavg); line=$("$@" --json | tail -1)
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["label"]=sys.argv[2]; d["loadBefore"]=float(sys.argv[3]); print(json.dumps(d))' "$line" "$label" "$load" | tee -a "$out"; }
data=$(mktemp -d)
SEMINAR_BCRYPT_COST=4 SEMINAR_LOGIN_PER_MINUTE=1000000 SEMINAR_CONNECTIONS_PER_ADDRESS=20000 SEMINAR_MESSAGE_RATE=1000 SEMINAR_MESSAGE_BURST=1000 \
  $bin/seminar serve --port $port --data "$data" > "$data/log" 2>&1 &
server=$!; wait_healthy $port
run app $bench flood --url "http://127.0.0.1:$port" --clients 18000 --ramp 60 --duration 60 --chat-every 15 --silent 0.999 --seed 1 --server-pid $server
kill $server; wait $server 2>/dev/null; port=$((port+1))
$bench baseline-server --port $port > /dev/null 2>&1 &
server=$!; wait_healthy $port
run "bare stack" $bench flood --url "http://127.0.0.1:$port" --clients 18000 --ramp 60 --duration 60 --chat-every 15 --silent 0.999 --seed 1 --server-pid $server
kill $server; wait $server 2>/dev/null
rm -rf "$data"
