#!/usr/bin/env bash
# Extraction quality on the development sets in ../shared/eval-dev (never copied here), in one
# run: realdocs through the product's readers (docs/) and on the text renderings (ref/ plus
# the Markdown/text/HTML files), dotin (all 310) and ResumeNER dev with score.py, and, when
# OUT_DIR/layouts/{tpl,wl} hold renderings of scripts/layouts/render.py, the layout sets.
# Each record set is kept in OUT_DIR so that two binaries' records can be compared.
#
#   scripts/eval-dev.sh BIN [OUT_DIR]
#
# Development tool: not run in CI. Needs python3; PYTHONHASHSEED=0 keeps score.py's matching
# order (and so its figures) the same from run to run.
set -euo pipefail
bin="$(realpath "$1")"
out="$(realpath -m "${2:-$(mktemp -d)}")"
cd "$(dirname "$0")/.."
dev="${EVAL_DEV_DIR:-../shared/eval-dev}"
[ -d "$dev/realdocs" ] || { echo "eval-dev: $dev/realdocs not found" >&2; exit 2; }
mkdir -p "$out/refset"
summary() {
  python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
keep = ("person", "positions", "positions_precision", "position_dates", "education",
        "education_precision", "metrics", "skills")
print(f"{sys.argv[2]:10}", "  ".join(f"{k} {r[k]}" for k in keep if k in r))' "$1" "$2"
}
realdocs() { # name, folder, gold
  "$bin" extract --format jsonl "$2" > "$out/$1.jsonl" 2>/dev/null || true
  python3 "$dev/realdocs_score.py" "$3" "$out/$1.jsonl" --per-doc > "$out/$1.score"
  summary "$out/$1.score" "$1"
}
realdocs docs "$dev/realdocs/docs" "$dev/realdocs/gold.json"
cp "$dev"/realdocs/ref/* "$out/refset/"
cp "$dev"/realdocs/docs/*.md "$dev"/realdocs/docs/*.txt "$dev"/realdocs/docs/*.html "$out/refset/" 2>/dev/null || true
realdocs ref "$out/refset" "$dev/realdocs/gold.json"
for set in tpl wl; do
  if [ -f "$out/layouts/$set/gold.json" ]; then
    realdocs "$set" "$out/layouts/$set/docs" "$out/layouts/$set/gold.json"
  fi
done
# score.py runs the command on a folder of its own; tee keeps the records.
for set in dotin:dotin.train.jsonl resumener:resumener.dev.jsonl; do
  key="${set%%:*}"
  PYTHONHASHSEED=0 python3 "$dev/score.py" "$dev/${set#*:}" "$key" \
    --cmd "bash -c '\"$bin\" extract --format jsonl \"\$0\" 2>/dev/null | tee \"$out/$key.jsonl\"'" \
    > "$out/$key.score"
  python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
cells = []
for k in ("person_name", "company", "job_title", "degree", "school", "major"):
    if k in r["relaxed"] and r["relaxed"][k]["gold"]:
        strict, relaxed = r["strict"][k]["F1"], r["relaxed"][k]["F1"]
        cells.append(f"{k} {strict:.3f}/{relaxed:.3f}")
print(f"{sys.argv[2]:10}", "  ".join(cells), "(strict/relaxed F1)")' "$out/$key.score" "$key"
done
echo "eval-dev: records and scores in $out"
