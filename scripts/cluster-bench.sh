#!/usr/bin/env bash
# Issue 23's cluster figures (docs/benchmarks.md, "Cluster scenarios"): on a throwaway PostgreSQL, with the release
# binaries (build both first: swift build -c release --scratch-path .build-release --product seminar, then
# --product seminar-bench), a database of its own for each run:
#   (a) flood of 10,000 split over 2 nodes, and the same flood on 1 node on PostgreSQL (the cross-node overhead);
#   (b) failover of 5,000 people over 2 nodes, one killed mid-chat;
#   (c) the commit rate of one hot room (200 talkers), on 2 nodes and on 1.
# One JSON line per run appended to OUTDIR/cluster.jsonl (labelled, with the load before it), a summary at the end.
# About 12 minutes at full scale; keep the machine otherwise idle. SCALE=smoke runs every step small and short.
# Usage: scripts/cluster-bench.sh OUTDIR
set -u
cd "$(dirname "$0")/.."
out=${1:?OUTDIR}; mkdir -p "$out"; out=$(cd "$out" && pwd); jsonl=$out/cluster.jsonl
ulimit -n 20000
bin=.build-release/release; bench=$bin/seminar-bench; seminar=${SEMINAR:-$bin/seminar}  # SEMINAR=PATH: another server build
[ -x "$seminar" ] && [ -x "$bench" ] || { echo "build the release binaries first (see the top of $0)" >&2; exit 1; }
if [ "${SCALE:-full}" = smoke ]; then
  flood=(--clients 200 --ramp 5 --duration 10 --chat-every 2 --silent 0.95 --seed 1)
  failover=(--clients 200 --talkers 10 --chat-every 1 --ramp 5 --duration 15 --kill-after 5 --settle 20)
  hot=(--talkers 20 --ramp 2 --duration 5)
else
  flood=(--clients 10000 --ramp 60 --duration 60 --chat-every 15 --silent 0.999 --seed 1)
  failover=(--clients 5000 --talkers 20 --chat-every 2 --ramp 60 --duration 60 --kill-after 20 --settle 30)
  hot=(--talkers 200 --ramp 10 --duration 20)
fi

work=$(mktemp -d); chmod 755 "$work"  # the postgres user must reach its folder inside
nodes=()
stop_nodes() { for pid in "${nodes[@]}"; do kill "$pid" 2>/dev/null; done; for pid in "${nodes[@]}"; do wait "$pid" 2>/dev/null; done; nodes=(); }
cleanup() { stop_nodes; scripts/test-postgres.sh stop "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
url=$(scripts/test-postgres.sh start "$work/pg") || exit 1
createdb=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/createdb

# A fresh database for one run (postgres://seminar:PASSWORD@127.0.0.1:PORT/seminar → …/NAME); its URL.
database() {
  local rest=${url#postgres://seminar:}; local password=${rest%%@*} port=${rest##*:}; port=${port%%/*}
  PGPASSWORD=$password "$createdb" -h 127.0.0.1 -p "$port" -U seminar "$1" && echo "${url%/*}/$1"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_healthy() { for _ in $(seq 600); do curl -sf "http://127.0.0.1:$1/healthz" > /dev/null && return 0; sleep 0.2; done; echo "node on $1 did not start" >&2; return 1; }
# Starts N nodes on database $2 one after the other (the first loads the demo seminar); sets urls and pids.
start_nodes() {
  local count=$1 database_url=$2 port dir; urls=""; pids=""
  for i in $(seq "$count"); do
    port=$(free_port); dir="$work/node-$port"; mkdir -p "$dir"
    SEMINAR_BCRYPT_COST=4 SEMINAR_LOGIN_PER_MINUTE=1000000 SEMINAR_CONNECTIONS_PER_ADDRESS=20000 SEMINAR_MESSAGE_RATE=1000 \
      SEMINAR_MESSAGE_BURST=1000 "$seminar" serve --port "$port" --data "$dir" --database-url "$database_url" > "$dir/log" 2>&1 &
    nodes+=($!); wait_healthy "$port" || exit 1
    urls="${urls:+$urls,}http://127.0.0.1:$port"; pids="${pids:+$pids,}$!"
  done
}
run() { local label=$1; shift; local load line; load=$(cut -d' ' -f1 /proc/loadavg)
  "$@" --json | tee "$out/last.txt"; line=$(tail -1 "$out/last.txt")
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["label"]=sys.argv[2]; d["loadBefore"]=float(sys.argv[3]); print(json.dumps(d))' \
    "$line" "$label" "$load" >> "$jsonl" || echo "$label: no JSON line" >&2; }

start_nodes 2 "$(database flood2)"
run "flood, 2 nodes" $bench flood --nodes "$urls" --node-pids "$pids" "${flood[@]}"
stop_nodes
start_nodes 1 "$(database flood1)"
run "flood, 1 node on PostgreSQL" $bench flood --url "$urls" --server-pid "$pids" --node-pids "$pids" "${flood[@]}"
stop_nodes
start_nodes 2 "$(database failover)"
run "failover, 2 nodes" $bench failover --nodes "$urls" --node-pids "$pids" --victim 0 "${failover[@]}"
stop_nodes
start_nodes 2 "$(database hot2)"
run "hot room, 2 nodes" $bench hot-room --nodes "$urls" --node-pids "$pids" "${hot[@]}"
stop_nodes
start_nodes 1 "$(database hot1)"
run "hot room, 1 node on PostgreSQL" $bench hot-room --nodes "$urls" --node-pids "$pids" "${hot[@]}"
stop_nodes
rm -f "$out/last.txt"

echo; echo "== summary ($jsonl)"
python3 - "$jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line); s = d["scenario"]; head = f'{d["label"]:32} load {d["loadBefore"]:4.2f}  '
    if s == "flood":
        c = d["chatDelivery"]; text = f'joined {d["connected"]}/{d["clients"]}, chat p50/p95/p99 {c["p50"]:.0f}/{c["p95"]:.0f}/{c["p99"]:.0f} ms'
        for key, name in (("sameNodeDelivery", "same node"), ("crossNodeDelivery", "cross node")):
            if key in d: text += f', {name} p95 {d[key]["p95"]:.0f} ms'
        text += f', pings {d["ping"]["answered"]}/{d["ping"]["sent"]}'
    elif s == "failover":
        r = d["resume"]; text = (f'{d["onVictim"]} on the victim, {d["resumed"]} back in {d["allBackS"]:.1f} s (p50/p95 {r["p50"]:.0f}/{r["p95"]:.0f} ms), '
                                 f'acked {d["ackedBeforeKill"]}+{d["ackedAfterKill"]}, lost {d["lost"]}, duplicated {d["duplicated"]}')
    elif s == "hot-room":
        text = f'{d["ackedPerS"]:.0f} messages/s acknowledged, ack p50/p95 {d["ack"]["p50"]:.0f}/{d["ack"]["p95"]:.0f} ms, refused {d["refused"]}'
    else:
        text = line.strip()
    print(head + text)
PY
