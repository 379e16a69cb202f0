#!/usr/bin/env bash
# One flood run with or without permessage-deflate, measuring bytes on loopback and the server's CPU and memory.
# Usage: scripts/deflate-run.sh on|off CLIENTS PORT (release build in .build-release; docs/benchmarks.md).
set -u
cd "$(dirname "$0")/.."
d=$(mktemp -d)
comp=false; flag=""
if [ "$1" = on ]; then comp=true; flag="--deflate"; fi
SEMINAR_WEB_SOCKET_COMPRESSION=$comp SEMINAR_BCRYPT_COST=4 SEMINAR_LOGIN_PER_MINUTE=1000000 SEMINAR_CONNECTIONS_PER_ADDRESS=20000 \
  SEMINAR_MESSAGE_RATE=1000 SEMINAR_MESSAGE_BURST=1000 .build-release/release/seminar serve --port $3 --data $d > $d/log 2>&1 &
pid=$!
python3 - "$3" <<'PY'
import sys, time, urllib.request
for _ in range(300):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=1); break
    except OSError:
        time.sleep(0.2)
PY
tick() { awk '{print $14+$15}' /proc/$pid/stat; }
b0=$(cat /sys/class/net/lo/statistics/tx_bytes); c0=$(tick)
out=$(timeout 300 .build-release/release/seminar-bench flood --url http://127.0.0.1:$3 --clients $2 --ramp 20 --duration 30 --chat-every 15 --silent 0.995 --server-pid $pid $flag --json | tail -1)
b1=$(cat /sys/class/net/lo/statistics/tx_bytes); c1=$(tick)
kill $pid; wait $pid 2>/dev/null; rm -rf $d
python3 - "$1" "$2" "$b0" "$b1" "$c0" "$c1" "$out" <<'PY'
import json, sys, os
mode, clients, b0, b1, c0, c1, out = sys.argv[1:]
line = json.loads(out)
hz = os.sysconf('SC_CLK_TCK')
result = {"scenario": "flood-deflate", "deflate": mode == "on", "clients": int(clients), "loopbackMiB": (int(b1)-int(b0))/1048576,
          "serverCpuS": (int(c1)-int(c0))/hz, "serverRssMiB": line.get("serverRssMiB"), "chatDelivery": line.get("chatDelivery"),
          "connected": line.get("connected"), "deliveries": line.get("deliveries"), "ping": line.get("ping")}
print(json.dumps(result))
PY
