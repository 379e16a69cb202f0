#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian machine: installs what is missing (Debian's chromium and
# chromium-driver, PyPI's selenium, pytest and websocket-client), builds, runs the Swift tests, then the
# real-browser suite against the built server.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==== %s ====\n' "$*"; }

section "Checking what the tests need"
missing_debs=()
dpkg -s libsqlite3-dev >/dev/null 2>&1 || missing_debs+=(libsqlite3-dev)
command -v chromium >/dev/null 2>&1 || missing_debs+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing_debs+=(chromium-driver)
if [ ${#missing_debs[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing_debs[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_debs[@]}" >/dev/null
fi
missing_py=()
python3 -c 'import selenium' 2>/dev/null || missing_py+=(selenium)
python3 -c 'import pytest' 2>/dev/null || missing_py+=(pytest)
python3 -c 'import websocket' 2>/dev/null || missing_py+=(websocket-client)
if [ ${#missing_py[@]} -gt 0 ]; then
  echo "installing PyPI packages: ${missing_py[*]}"
  python3 -m pip install -q "${missing_py[@]}"
fi

section "Building (debug) with tests"
swift build --build-tests

section "Swift tests (Core, Store, live server)"
swift test --skip-build

section "Web client string tables"
if command -v node >/dev/null 2>&1; then node Tests/Browser/check_i18n.mjs; else echo "node not installed: skipped"; fi

section "Browser tests (Chromium headless)"
SEMINAR_BIN="$PWD/.build/debug/seminar" SEMINAR_ROOT="$PWD" python3 -m pytest -q Tests/Browser
