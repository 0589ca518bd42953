#!/usr/bin/env bash
# careergraph vs Virtuoso 7 on the same generated résumés, one run, same machine: load
# (our ingest; Virtuoso's bulk loader over our N-Quads dump; our push into Virtuoso) and
# go-qps-10k (our CLI, whole process; Virtuoso's SPARQL endpoint over HTTP). Started by
# `benches/compare.sh --virtuoso [N]`; needs virtuoso-opensource-7-bin and a release build.
set -euo pipefail
N="${1:-1000}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; root="$(dirname "$here")"
bin="${CAREERGRAPH_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/careergraph}"
[ -x "$bin" ] || { echo "no release binary at $bin (cargo build --release or CAREERGRAPH_BIN)" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/careergraph-vs-virtuoso.XXXXXX")"
cleanup() { bash "$root/scripts/virtuoso.sh" stop "$work/virtuoso" || true; rm -rf "$work"; }
trap cleanup EXIT
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" --quiet generate --count "$N" --seed "${CG_BENCH_SEED:-42}" --out "$work/corpus"
t0=$(now); "$bin" --quiet --store "$work/db" ingest "$work/corpus"; t1=$(now)
triples=$("$bin" --store "$work/db" stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["triples"])')
echo "careergraph ingest ($N résumés → $triples quads): $(secs "$t0" "$t1") s"

eval "$(bash "$root/scripts/virtuoso.sh" start "$work/virtuoso")"
t0=$(now); "$bin" --quiet --store "$work/db" export --format nquads --out "$CAREERGRAPH_VIRTUOSO_LOAD_DIR/dump.nq.gz"; t1=$(now)
echo "careergraph export nquads.gz: $(secs "$t0" "$t1") s"
isql() { isql-vt "$CAREERGRAPH_VIRTUOSO_ISQL" dba dba exec="$1" >/dev/null; }
t0=$(now); isql "ld_dir('$CAREERGRAPH_VIRTUOSO_LOAD_DIR', 'dump.nq.gz', 'urn:unused'); rdf_loader_run(); checkpoint;"; t1=$(now)
echo "Virtuoso bulk load (ld_dir + rdf_loader_run + checkpoint): $(secs "$t0" "$t1") s"

# go-qps-10k with its defaults written in (Go's label key "go", threshold 10000).
query="$(sed -e 's/labelKey ?tech \./labelKey "go" ./' -e 's/?qps > ?min/?qps > 10000/' "$root/queries/go-qps-10k.rq")"
for i in 1 2 3; do
  t0=$(now); rows=$("$bin" --store "$work/db" query go-qps-10k --format csv | tail -n +2 | wc -l); t1=$(now)
  echo "careergraph go-qps-10k run $i: $(secs "$t0" "$t1") s, $rows rows"
done
for i in 1 2 3; do
  t0=$(now)
  rows=$(curl -s -X POST --data-urlencode "query=$query" -H 'Accept: text/csv' "$CAREERGRAPH_VIRTUOSO/sparql" | tail -n +2 | wc -l)
  t1=$(now)
  echo "Virtuoso go-qps-10k run $i: $(secs "$t0" "$t1") s, $rows rows"
done

isql "log_enable(3,1); DELETE FROM DB.DBA.RDF_QUAD WHERE __id2i(G) LIKE 'https://w3id.org/careergraph/%';"
t0=$(now); "$bin" --quiet --store "$work/db" push --endpoint "$CAREERGRAPH_VIRTUOSO/sparql-graph-crud"; t1=$(now)
echo "careergraph push into Virtuoso (GSP PUT per graph, --jobs 2): $(secs "$t0" "$t1") s"
