#!/usr/bin/env bash
# Benchmark over real HTTP (issue 18 §5): a mixed professional workload (open a file,
# search, page through a list, save a plan, write a note, the work list, the evaluation)
# with K concurrent clients against `eenplan serve`, on a demo data set of N families.
# Prints per scenario requests, errors, req/s and p50/p90/p99, with req/s and p99 as
# ratios to /healthz measured in the same run. Figures, never assertions: it fails only
# when a scenario had errors (or nothing could start).
#
#   scripts/bench.sh [FAMILIES] [sqlite|postgres|postgres2]     (default 2000 sqlite)
#     sqlite     one server on a SQLite file
#     postgres   one server on a PostgreSQL database
#     postgres2  two servers on one PostgreSQL database, the clients spread over both
#
# Environment (all optional):
#   EENPLAN_BENCH_CLIENTS=8        concurrent clients per scenario
#   EENPLAN_BENCH_SECONDS=5        seconds per scenario
#   EENPLAN_BENCH_ONLY=plan,note   only these scenarios (see eenplan-bench --help)
#   EENPLAN_BENCH_DIR=/big/disk    where the SQLite data set goes; a data set found there
#                                  (bench-N.sqlite) is reused, and one made there is kept
#   EENPLAN_BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432   the PostgreSQL server
#   EENPLAN_BENCH_PGDB=eenplan_bench_N   the PostgreSQL database: reused when it holds a
#                                  data set, made from the demo when missing or empty
#   EENPLAN_BENCH_KEEP=1           keep a data set this run made (default: removed)
#   EENPLAN_BENCH_MAINTENANCE=1    after the workload, time `verify`, `verify --deep` and
#                                  the backup (`eenplan backup` on SQLite, `pg_dump -Fc` on
#                                  PostgreSQL) with their peak memory, and print the size
#                                  of the data set and of the backup
# After the workload it prints each server's peak resident memory (VmHWM).
# The servers run without the hourly reminders (--remind-every-minutes 0), so a reminder
# run does not land in one scenario's figures. The writes (plan versions, notes) stay
# in a reused data set.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
families="${1:-2000}"
backend="${2:-sqlite}"
case "$backend" in
  sqlite | postgres | postgres2) ;;
  *) echo "bench.sh: backend is sqlite, postgres or postgres2, not '$backend'" >&2; exit 2 ;;
esac
if ! [[ "$families" =~ ^[1-9][0-9]*$ ]]; then
  echo "bench.sh: FAMILIES is a positive number, not '$families'" >&2
  exit 2
fi
clients="${EENPLAN_BENCH_CLIENTS:-8}"
seconds="${EENPLAN_BENCH_SECONDS:-5}"
keep="${EENPLAN_BENCH_KEEP:-}"
target="${CARGO_TARGET_DIR:-target}"

cargo build --release --quiet -p eenplan -p eenplan-bench
bin="$target/release/eenplan"
bench="$target/release/eenplan-bench"

work="$(mktemp -d)"
pids=()
made_sqlite=""
made_pg=""
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n "$made_sqlite" && -z "$keep" ]]; then
    rm -f "$made_sqlite" "$made_sqlite-wal" "$made_sqlite-shm"
  fi
  if [[ -n "$made_pg" && -z "$keep" ]]; then
    psql "$pg_admin" -Atqc "drop database if exists $made_pg" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Runs a command with its wall time and peak memory written to $work/timed (GNU time
# where installed; the wall time alone otherwise).
timed() {
  local start=$SECONDS
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f "%e s, peak %M KB" -o "$work/timed" "$@"
  else
    "$@" && echo "$((SECONDS - start)) s" >"$work/timed"
  fi
}

# Makes the demo data set, timed.
demo() {
  timed "$bin" demo --no-serve --families "$families" --database "$1" >"$work/demo.log" 2>&1 \
    || { cat "$work/demo.log" >&2; echo "bench.sh: the demo failed" >&2; exit 1; }
  echo "data set: $families families made in $(cat "$work/timed")"
}

if [[ "$backend" == sqlite ]]; then
  dir="${EENPLAN_BENCH_DIR:-$work}"
  mkdir -p "$dir"
  file="$dir/bench-$families.sqlite"
  db="sqlite://$file"
  if [[ -f "$file" ]]; then
    echo "data set: reusing $file"
  else
    demo "$db"
    # Kept when made in EENPLAN_BENCH_DIR, the place to reuse it from.
    [[ -z "${EENPLAN_BENCH_DIR:-}" ]] && made_sqlite="$file"
  fi
else
  pg="${EENPLAN_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
  pg="${pg%/}"
  pg_admin="$pg/postgres"
  name="${EENPLAN_BENCH_PGDB:-eenplan_bench_$families}"
  if ! [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]]; then
    echo "bench.sh: EENPLAN_BENCH_PGDB is a plain lower-case name, not '$name'" >&2
    exit 2
  fi
  db="$pg/$name"
  if [[ -z "$(psql "$pg_admin" -Atqc "select 1 from pg_database where datname = '$name'")" ]]; then
    psql "$pg_admin" -Atqc "create database $name" >/dev/null
    made_pg="$name"
  fi
  tables=$(psql "$db" -Atqc "select count(*) from information_schema.tables where table_schema = 'public'")
  if [[ "$tables" == 0 ]]; then
    demo "$db"
  else
    echo "data set: reusing PostgreSQL database $name"
  fi
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
instances=1
[[ "$backend" == postgres2 ]] && instances=2
urls=()
for i in $(seq 1 "$instances"); do
  port=$(free_port)
  "$bin" serve --insecure-cookies --database "$db" --listen "127.0.0.1:$port" \
    --remind-every-minutes 0 >"$work/serve-$i.log" 2>&1 &
  pids+=("$!")
  ok=""
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then ok=1; break; fi
    sleep 0.5
  done
  if [[ -z "$ok" ]]; then
    cat "$work/serve-$i.log" >&2
    echo "bench.sh: server $i never answered /healthz" >&2
    exit 1
  fi
  urls+=(--url "http://127.0.0.1:$port")
done

echo "backend: $backend ($instances server(s)), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
only=()
[[ -n "${EENPLAN_BENCH_ONLY:-}" ]] && only=(--only "$EENPLAN_BENCH_ONLY")
status=0
"$bench" --database "$db" "${urls[@]}" --clients "$clients" --seconds "$seconds" "${only[@]}" \
  || status=$?
for i in $(seq 1 "$instances"); do
  echo "server $i: peak resident memory $(awk '/VmHWM/ {print $2, $3}' "/proc/${pids[$((i - 1))]}/status" 2>/dev/null || echo unknown)"
done
if [[ -n "${EENPLAN_BENCH_MAINTENANCE:-}" ]]; then
  for what in "" --deep; do
    timed "$bin" verify --database "$db" $what >"$work/verify.log" 2>&1 \
      || { tail -5 "$work/verify.log" >&2; status=1; }
    echo "verify${what:+ $what}: $(cat "$work/timed")"
  done
  if [[ "$backend" == sqlite ]]; then
    echo "data set size: $(du -h "$file" | cut -f1) (SQLite file)"
    timed "$bin" backup --database "$db" --to "$work/backup.sqlite" >"$work/backup.log" 2>&1 \
      || { cat "$work/backup.log" >&2; status=1; }
    echo "backup: $(cat "$work/timed"), $(du -h "$work/backup.sqlite" | cut -f1)"
  else
    echo "data set size: $(psql "$db" -Atqc "select pg_size_pretty(pg_database_size(current_database()))")"
    timed pg_dump -Fc -f "$work/backup.dump" "$db" || status=1
    echo "backup (pg_dump -Fc): $(cat "$work/timed"), $(du -h "$work/backup.dump" | cut -f1)"
  fi
fi
for i in $(seq 1 "$instances"); do
  if grep -q '"level":"ERROR"\|ERROR' "$work/serve-$i.log"; then
    echo "server $i logged errors:" >&2
    grep 'ERROR' "$work/serve-$i.log" | head -5 >&2
  fi
done
exit "$status"
