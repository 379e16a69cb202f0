#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian machine: installs what is missing (Debian's chromium,
# chromium-driver, node-acorn, coturn, haproxy, postgresql, janus, janus-tools and ffmpeg, PyPI's selenium, pytest, websocket-client, axe-selenium-python and aiosmtpd), builds, runs the
# Swift tests, then the real-browser suite against the built server.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==== %s ====\n' "$*"; }

section "Checking what the tests need"
missing_debs=()
dpkg -s libsqlite3-dev >/dev/null 2>&1 || missing_debs+=(libsqlite3-dev)
command -v chromium >/dev/null 2>&1 || missing_debs+=(chromium)
# libvips makes the smaller renditions of uploaded images (loaded at run time; the server works without it).
ldconfig -p 2>/dev/null | grep -q 'libvips.so.42 ' || missing_debs+=(libvips42)
command -v chromedriver >/dev/null 2>&1 || missing_debs+=(chromium-driver)
command -v openssl >/dev/null 2>&1 || missing_debs+=(openssl)
# acorn (and node with it) checks that the served, minified scripts are the same programs as Web/'s (test_served_client.py).
[ -e /usr/share/nodejs/acorn/dist/acorn.mjs ] || missing_debs+=(node-acorn)
# coturn's turnserver: test_turn_relay.py starts a throwaway relay on loopback (its package's daemon stays off).
command -v turnserver >/dev/null 2>&1 || missing_debs+=(coturn)
# HAProxy: test_deployment.py runs deploy/haproxy.cfg in front of a node (TLS on loopback; its daemon stays off).
[ -x /usr/sbin/haproxy ] || command -v haproxy >/dev/null 2>&1 || missing_debs+=(haproxy)
# PostgreSQL: the cluster store's tests run against a throwaway server (scripts/test-postgres.sh; its daemon stays off).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing_debs+=(postgresql)
# Janus (VideoRoom): Tests/Media starts a throwaway one in a network namespace (iproute2's `ip netns`; as root).
command -v janus >/dev/null 2>&1 || missing_debs+=(janus)
command -v ip >/dev/null 2>&1 || missing_debs+=(iproute2)
# janus-tools' janus-pp-rec makes the stage's recordings playable, ffmpeg joins their sound and video
# (Tests/Media/test_recording.py; the server says recording is unavailable without janus-pp-rec).
command -v janus-pp-rec >/dev/null 2>&1 || missing_debs+=(janus-tools)
command -v ffmpeg >/dev/null 2>&1 || missing_debs+=(ffmpeg)
if [ ${#missing_debs[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing_debs[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_debs[@]}" >/dev/null
  # Where systemd runs, the package starts its daemon with the stock configuration: the tests need none of it.
  if command -v systemctl >/dev/null 2>&1; then
    for daemon in coturn haproxy postgresql janus; do
      if [[ " ${missing_debs[*]} " == *" $daemon "* ]]; then $SUDO systemctl disable --now "$daemon" >/dev/null 2>&1 || true; fi
    done
  fi
fi
missing_py=()
python3 -c 'import selenium' 2>/dev/null || missing_py+=(selenium)
python3 -c 'import pytest' 2>/dev/null || missing_py+=(pytest)
python3 -c 'import websocket' 2>/dev/null || missing_py+=(websocket-client)
python3 -c 'import axe_selenium_python' 2>/dev/null || missing_py+=(axe-selenium-python)
# A throwaway SMTP server for the mail tests (Tests/Browser/smtp_sink.py); openssl makes its self-signed certificate.
python3 -c 'import aiosmtpd' 2>/dev/null || missing_py+=(aiosmtpd)
if [ ${#missing_py[@]} -gt 0 ]; then
  echo "installing PyPI packages: ${missing_py[*]}"
  python3 -m pip install -q "${missing_py[@]}"
fi

section "Building (debug) with tests"
swift build --build-tests

section "Swift tests (Core, Store on SQLite and PostgreSQL, live server)"
postgres_dir=$(mktemp -d); chmod 755 "$postgres_dir"  # the postgres user must reach its folder inside
SEMINAR_TEST_DATABASE_URL=$(scripts/test-postgres.sh start "$postgres_dir/pg")
export SEMINAR_TEST_DATABASE_URL
trap 'scripts/test-postgres.sh stop "$postgres_dir/pg"; rm -rf "$postgres_dir"' EXIT
swift test --skip-build
scripts/test-postgres.sh stop "$postgres_dir/pg"; rm -rf "$postgres_dir"; trap - EXIT

section "Web client string tables"
if command -v node >/dev/null 2>&1; then node Tests/Browser/check_i18n.mjs; else echo "node not installed: skipped"; fi

section "Load generator smoke (small and short; timings never gate)"
# Waits (up to 60 s) until the server on port $1 answers /healthz.
wait_healthy() {
  python3 - "$1" <<'PY'
import sys, time, urllib.request
for _ in range(300):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=1); break
    except OSError:
        time.sleep(0.2)
PY
}
bench_data=$(mktemp -d)
bench_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SEMINAR_BCRYPT_COST=4 SEMINAR_LOGIN_PER_MINUTE=1000000 SEMINAR_CONNECTIONS_PER_ADDRESS=20000 SEMINAR_MESSAGE_RATE=1000 \
  SEMINAR_MESSAGE_BURST=1000 .build/debug/seminar serve --port "$bench_port" --data "$bench_data" > "$bench_data/server.log" 2>&1 &
bench_pid=$!
trap 'kill $bench_pid 2>/dev/null; rm -rf "$bench_data"' EXIT
wait_healthy "$bench_port"
bench=(.build/debug/seminar-bench)
url="http://127.0.0.1:$bench_port"
# The generator's threads under SCHED_BATCH and unpaced here (--scheduling batch --poll-every 0), so that the options
# keep working; the other scenarios run with the defaults (normal, paced every 2 ms).
timeout 120 "${bench[@]}" join-storm --url "$url" --clients 20 --server-pid "$bench_pid" --scheduling batch --poll-every 0 --json
# Pings every second here, so that the smoke sees them go out and come back (every 10 s in the real profile).
flood_out=$(timeout 120 "${bench[@]}" flood --url "$url" --clients 20 --ramp 1 --duration 3 --chat-every 1 --silent 0.8 --seed 7 \
  --ping-every 1 --json)
printf '%s\n' "$flood_out"
flood_line=$(printf '%s\n' "$flood_out" | tail -1)
python3 -c '
import json, sys
run = json.loads(sys.argv[1])
assert run["connected"] == 20 and run["deliveries"] > 0, run
assert run["ping"]["sent"] >= 20 and run["ping"]["answered"] == run["ping"]["sent"], run["ping"]
' "$flood_line"
timeout 120 "${bench[@]}" resume --url "$url" --clients 10 --messages 40 --rate 40 --json
timeout 120 "${bench[@]}" scheduler --people 200 --slots 8 --tables 50 --json
# search seeds with the `seminar` CLI built beside the bench and runs its own throwaway server (no --url).
timeout 120 "${bench[@]}" search --posts 2000 --queries 100 --json
timeout 120 "${bench[@]}" broadcast-capacity --url "$url" --start 10 --step 10 --max 30 --messages-per-sender 5 --json
# The bare stack the scenarios are compared with (docs/benchmarks.md): the same scenarios, unchanged, against it.
baseline_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${bench[@]}" baseline-server --port "$baseline_port" > "$bench_data/baseline.log" 2>&1 &
baseline_pid=$!
trap 'kill $bench_pid $baseline_pid 2>/dev/null; rm -rf "$bench_data"' EXIT
wait_healthy "$baseline_port"
baseline_url="http://127.0.0.1:$baseline_port"
timeout 120 "${bench[@]}" flood --url "$baseline_url" --clients 20 --ramp 1 --duration 3 --chat-every 1 --silent 0.8 --json
timeout 120 "${bench[@]}" resume --url "$baseline_url" --clients 10 --messages 40 --rate 40 --json
timeout 120 "${bench[@]}" broadcast-capacity --url "$baseline_url" --start 10 --step 10 --max 30 --messages-per-sender 5 --json
kill "$baseline_pid" 2>/dev/null
kill "$bench_pid" 2>/dev/null
trap - EXIT
rm -rf "$bench_data"

section "Browser tests (Chromium headless)"
SEMINAR_BIN="$PWD/.build/debug/seminar" SEMINAR_ROOT="$PWD" python3 -m pytest -q Tests/Browser

section "Media tests (the stage on Janus, in a network namespace)"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo -E"
SEMINAR_BIN="$PWD/.build/debug/seminar" SEMINAR_ROOT="$PWD" $SUDO bash Tests/Media/netns.sh
