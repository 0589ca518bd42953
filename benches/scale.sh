#!/usr/bin/env bash
# Scale benchmark: generate N résumés, ingest them (wall time, triples/s, peak RSS, store and
# query-index size), time the indexed queries through the CLI (process start included) with the
# index and with plain SPARQL (--no-index), every named query in-process (benches/queries.rs),
# and the GraphML export (full and people-orgs-tech views: wall time and peak RSS).
# Usage: benches/scale.sh [N...] (default: 1000 10000); SKIP_EXPORT=1 skips the export. Needs a release build; GNU time for peak memory (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/careergraph-target}"
cargo=${CARGO:-cargo} # e.g. CARGO=/path/to/a/cargo/wrapper
$cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release/careergraph"
work="${BENCH_DIR:-$(mktemp -d)}"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
cli_time() { # label, then the query arguments: wall time and rows of one CLI run
  local label=$1; shift
  local start rows
  start=$(date +%s.%N)
  rows=$("$bin" --store "$store" query "$@" --format csv --timeout 3600 | tail -n +2 | wc -l)
  printf '  [%s] cli %-40s %7.2f s  %s rows  (load %s)\n' "$n" "$label" "$(echo "$(date +%s.%N) - $start" | bc)" "$rows" "$(cut -d' ' -f1 /proc/loadavg)"
}
cli_first() { # label, then the query arguments: wall time of one CLI run until its first 1,000 rows
  local label=$1; shift
  local start
  start=$(date +%s.%N)
  "$bin" --store "$store" query "$@" --format csv --timeout 3600 | head -1001 > /dev/null
  printf '  [%s] cli first 1,000 rows %-25s %7.2f s  (load %s)\n' "$n" "$label" "$(echo "$(date +%s.%N) - $start" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"; store="$work/db-$n"
  rm -rf "$store"
  [ -d "$corpus" ] || "$bin" generate --count "$n" --seed 42 --out "$corpus" >/dev/null
  mb=$(du -sm "$corpus" | cut -f1)
  if command -v /usr/bin/time >/dev/null; then
    /usr/bin/time -f "%e %M" -o "$work/time-$n" "$bin" --quiet --store "$store" ingest "$corpus"
    read -r secs rss < "$work/time-$n"
  else
    start=$(date +%s.%N); "$bin" --quiet --store "$store" ingest "$corpus"; secs=$(echo "$(date +%s.%N) - $start" | bc); rss=0
  fi
  triples=$("$bin" --store "$store" stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["triples"])')
  python3 - "$n" "$mb" "$secs" "$rss" "$triples" <<'PY'
import sys
n, mb, secs, rss, triples = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print(f"ingest/{n}: {secs:.1f} s wall, {n/secs:.0f} résumés/s, {triples/secs:.0f} triples/s, {triples} triples, corpus {mb:.0f} MB, peak RSS {rss/1024:.0f} MB")
PY
  echo "  [$n] store $(du -sh "$store" | cut -f1), query index $(du -h "$store/careergraph.index" | cut -f1)"
  for q in "go-qps-10k" "knows" "scale"; do
    cli_time "$q (index)" "$q"
    cli_time "$q (--no-index)" "$q" --no-index
  done
  for q in people experience metrics recent; do # listing queries: the first 1,000 rows
    cli_first "$q (index)" "$q"
    cli_first "$q (--no-index)" "$q" --no-index
  done
  runs=5; [ "$n" -lt 50000 ] || runs=1
  BENCH_RUNS=$runs BENCH_STORE="$store" $cargo bench --quiet --bench queries 2>/dev/null | sed "s/^/  [$n] /"
  [ -z "${SKIP_EXPORT:-}" ] || continue
  for view in full people-orgs-tech; do # streamed: peak RSS should not grow with the store
    if command -v /usr/bin/time >/dev/null; then
      /usr/bin/time -f "%e %M" -o "$work/time-g-$n" "$bin" --quiet --store "$store" export --format graphml --view "$view" --out "$work/g-$n.graphml"
      read -r secs rss < "$work/time-g-$n"
    else
      start=$(date +%s.%N); "$bin" --quiet --store "$store" export --format graphml --view "$view" --out "$work/g-$n.graphml"; secs=$(echo "$(date +%s.%N) - $start" | bc); rss=0
    fi
    echo "  [$n] export/graphml $view: $secs s, peak RSS $((rss / 1024)) MB, $(du -h "$work/g-$n.graphml" | cut -f1)  (load $(cut -d' ' -f1 /proc/loadavg))"
    rm -f "$work/g-$n.graphml"
  done
done
