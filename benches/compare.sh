#!/usr/bin/env bash
# Side-by-side comparison of careergraph with the Python tools a user would otherwise pick
# (spaCy + an EntityRuler for extraction; rdflib and pyoxigraph for load + SPARQL), on the
# same generated résumés, in one run.
#
#   benches/compare.sh [N]          # N résumés (default 1000)
#   benches/compare.sh --virtuoso [N]   # load/query times, careergraph vs Virtuoso 7
#                                       # (benches/compare-virtuoso.sh)
#
# Environment:
#   CAREERGRAPH_BIN   careergraph binary (default: $CARGO_TARGET_DIR/release/careergraph,
#                     then target/release/careergraph)
#   CG_BENCH_VENV     virtualenv to create/reuse (default: ~/.cache/careergraph-bench/venv)
#   CG_BENCH_SEED     corpus seed (default 1)
#   CG_BENCH_TIMEOUT  per-engine time limit in seconds for the Python engines (default 1800)
#   CG_BENCH_RDFLIB_TIMEOUT  time limit per rdflib query variant in seconds (default 600)
#   CG_BENCH_ARGS     extra arguments for compare.py (e.g. "--json results.json")
#
# Needs python3 with the venv module and network access to PyPI on the first run
# (pip install spacy rdflib pyoxigraph). spaCy's pretrained models are not used: the spaCy
# pipeline is spacy.blank("en"/"zh") + an EntityRuler over the careergraph vocabularies.
set -euo pipefail

if [ "${1:-}" = "--virtuoso" ]; then
  shift
  exec bash "$(dirname "${BASH_SOURCE[0]}")/compare-virtuoso.sh" "$@"
fi
N="${1:-1000}"
case "$N" in
  '' | *[!0-9]*) echo "usage: $0 [N]   (N = number of résumés, default 1000)" >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

bin="${CAREERGRAPH_BIN:-}"
if [ -z "$bin" ]; then
  for cand in "${CARGO_TARGET_DIR:+$CARGO_TARGET_DIR/release/careergraph}" "$root/target/release/careergraph"; do
    if [ -n "$cand" ] && [ -x "$cand" ]; then bin="$cand"; break; fi
  done
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "careergraph release binary not found: run 'cargo build --release' or set CAREERGRAPH_BIN" >&2
  exit 2
fi

venv="${CG_BENCH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/careergraph-bench/venv}"
if [ ! -x "$venv/bin/python" ]; then
  echo "creating virtualenv $venv" >&2
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import spacy, rdflib, pyoxigraph' 2>/dev/null; then
  echo "installing spacy rdflib pyoxigraph into $venv" >&2
  "$venv/bin/python" -m pip install --quiet --upgrade pip >&2
  "$venv/bin/python" -m pip install --quiet spacy rdflib pyoxigraph >&2
fi

export PYTHONDONTWRITEBYTECODE=1
work="$(mktemp -d "${TMPDIR:-/tmp}/careergraph-bench.XXXXXX")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

# shellcheck disable=SC2086  # CG_BENCH_ARGS is a list of words on purpose
"$venv/bin/python" "$here/compare.py" \
  --bin "$bin" \
  --root "$root" \
  --work "$work" \
  --count "$N" \
  --seed "${CG_BENCH_SEED:-1}" \
  --timeout "${CG_BENCH_TIMEOUT:-1800}" \
  --rdflib-timeout "${CG_BENCH_RDFLIB_TIMEOUT:-600}" \
  ${CG_BENCH_ARGS:-}
