#!/usr/bin/env bash
# Runs the media tests (Tests/Media: the stage on Janus) inside a throwaway network namespace, as root.
# Janus 1.1.2 gathers no ICE candidates on loopback, so the namespace has a veth pair with 127.0.0.2/32 on one end
# (media0): Janus gathers only there (ice_enforce_list), coturn listens and relays there, and our server, Chromium
# and the browsers' traffic stay on the namespace's own loopback. Nothing leaves the namespace; it is deleted after.
# Arguments go to pytest (e.g. -k watch); `--run COMMAND…` runs that command in the namespace instead (a benchmark:
# scripts/bench-janus-watchers.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
ns="seminar-media-$$"
ip netns add "$ns"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
ip -n "$ns" link set lo up
ip -n "$ns" link add media0 type veth peer name media1
ip -n "$ns" addr add 127.0.0.2/32 dev media0
ip -n "$ns" link set media0 up
ip -n "$ns" link set media1 up
if [ "${1:-}" = "--run" ]; then
  shift
  command=("$@")
else
  command=(python3 -m pytest -q -p no:cacheprovider Tests/Media "$@")
fi
SEMINAR_MEDIA_NETNS="$ns" ip netns exec "$ns" "${command[@]}"
