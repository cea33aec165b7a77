#!/usr/bin/env bash
# The ledger's top re-exporters over 10,000,000 goods items, against DuckDB running the
# equivalent SQL on the same items, one core each. Usage: bench/ledger_vs_duckdb.sh BUILD_DIR
# (a Release build). DuckDB comes from npm (@duckdb/node-api), installed into BUILD_DIR.
set -euo pipefail
build=${1:-build-release}
bench="$build/src/keruen/ledger/keruen_ledger_benchmark"
work="$build/ledger-vs-duckdb"
mkdir -p "$work"
work=$(cd "$work" && pwd)
pin=()
if command -v taskset >/dev/null && [ "$(nproc)" -gt 1 ]; then pin=(taskset -c 1); fi
if [ ! -d "$work/node_modules/@duckdb/node-api" ]; then
  npm install --silent --prefix "$work" @duckdb/node-api >/dev/null
fi
echo "== writing 10,000,000 items (and Keruen's top 20) to $work/items.csv"
"$bench" --write-items "$work"
echo "== Keruen: booking the items, then the top-20 query"
"${pin[@]}" "$bench" --benchmark_counters_tabular=true
echo "== DuckDB: load the CSV, then the same query (median of 5)"
cp "$(dirname "$0")/ledger_duckdb.mjs" "$work/"
(cd "$work" && "${pin[@]}" node ledger_duckdb.mjs "$work")
if cmp -s "$work/keruen_top.csv" "$work/duckdb_top.csv"; then
  echo "same top 20 in both"
else
  echo "ANSWERS DIFFER: compare $work/keruen_top.csv and $work/duckdb_top.csv" >&2
  exit 1
fi
