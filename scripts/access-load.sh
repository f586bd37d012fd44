#!/usr/bin/env bash
# Measures what the family guard costs per request (access decision + hash-chained
# access-log line) against a baseline in the same run. Makes a fresh demo database in a
# temporary directory; prints figures, asserts nothing.
#   bash scripts/access-load.sh [FAMILIES]          (default 300)
#   EENPLAN_LOAD_CLIENTS=32 bash scripts/access-load.sh  (concurrent clients, default 8)
# SQLite only for now: the demo generator makes SQLite databases.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
families="${1:-300}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="sqlite://$work/load.sqlite"
cargo build --release --quiet -p eenplan -p eenplan-web --example access_load
target/release/eenplan demo --no-serve --families "$families" --database "$db" >/dev/null
target/release/examples/access_load "$db"
