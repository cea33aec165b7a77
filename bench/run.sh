#!/usr/bin/env bash
# Runs every benchmark of a release build, each engine next to its named baseline in the
# same run, pinned to one core. Usage: bench/run.sh BUILD_DIR (make bench does this).
# Results: the console tables, and JSON in BUILD_DIR/bench-results/.
set -euo pipefail
build=${1:-build-release}
out="$build/bench-results"
mkdir -p "$out"
pin=()
if command -v taskset >/dev/null && [ "$(nproc)" -gt 1 ]; then pin=(taskset -c 1); fi

run() {  # run NAME BINARY [ARGS...]
  local name=$1 bin=$2
  shift 2
  if [ ! -x "$bin" ]; then echo "missing $bin" >&2; return 1; fi
  echo "== $name"
  "${pin[@]}" "$bin" --benchmark_out="$out/$name.json" --benchmark_out_format=json \
    --benchmark_counters_tabular=true "$@"
  echo
}

# Ingest: parse-only and parse+store (3 items a declaration), against nlohmann::json and a
# plain one-row-per-document SQLite insert.
run ingest "$build/bench/keruen_ingest_benchmark"
# The SQLite store alone: insert, unchanged re-put, amend, queries.
run store "$build/src/keruen/store/keruen_store_benchmark"
# NCTS CC015C XML, with and without XSD validation.
run ncts "$build/src/keruen/ingest/ncts/keruen_ncts_benchmark"
# HTTP: NDJSON batches end to end over loopback (server and client share the machine).
"$build/src/keruen/api/keruen_api_benchmark" --benchmark_out="$out/api.json" \
  --benchmark_out_format=json --benchmark_counters_tabular=true
# Sanctions screening: the index against brute force over every name (same queries, same
# scorer), build over all lists, p50/p99, batch throughput, and a synthetic 1,000,000-name list.
run screening "$build/src/keruen/screening/match/keruen_screening_match_benchmark"
# Name analysis (transliteration forms) and list import, each list and all together.
run name_analysis "$build/src/keruen/screening/text/keruen_screening_text_benchmark"
run list_import "$build/src/keruen/screening/lists/keruen_screening_lists_benchmark"
# The simulator: 1,000,000 declarations without positions, and a month with positions.
run sim "$build/src/keruen/sim/keruen_sim_benchmark" \
  --benchmark_filter='BM_Simulate/per_day:(1000|33334)/' --benchmark_min_time=0.01
# Transit tracking on a simulated month (1000/day, with positions): parse + monitor in memory
# against nlohmann::json, TrackingService into SQLite against a plain INSERT, 100,000
# concurrent movements' memory, and detection of the planted ghost transits, seal breaches and
# route deviations (one iteration; the counters are the report).
run tracking "$build/src/keruen/tracking/keruen_tracking_benchmark"
# The risk engine end to end on a simulated month (every party screened against every list,
# classification, rules, ledger, graph, lanes) against brute-force screening; and the rules
# alone.
run risk "$build/src/keruen/risk/keruen_risk_benchmark"
# Payments: one decision a payment, the index of declarations against scanning them all.
run payments "$build/src/keruen/payments/keruen_payments_benchmark"
# The party graph: nearest listed party for every party, against a naive BFS.
run party_graph "$build/src/keruen/ledger/keruen_ledger_graph_benchmark"
# Controlled goods: classification against the public lists vs a scan of every listed code.
run goods "$build/src/keruen/goods/keruen_goods_benchmark"
# The virtual warehouse: 10,000,000 goods items booked, then the top re-exporters, against
# DuckDB running the same query on the same items (from npm; answers compared).
bash "$(dirname "$0")/ledger_vs_duckdb.sh" "$build"
echo "JSON results in $out/"
