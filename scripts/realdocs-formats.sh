#!/usr/bin/env bash
# Reader robustness on the realdocs development set (../shared/eval-dev/realdocs, never copied
# here): the same résumés converted to the formats other tools write, scored against the same
# gold, beside the score of the original files. A document that scores lower once converted
# shows what a reader (or extraction, on that reader's output) loses.
#
#   docx -> pdf (LibreOffice)        Word-exported PDFs
#   md/html -> docx (pandoc)         lists, bold runs and heading styles instead of Markdown
#   md/html/txt -> docx -> pdf       the same, as a PDF
#   docx -> odt, docx -> rtf         the ODT and RTF readers
#   md -> html (pandoc), docx -> html (LibreOffice)
#   html -> pdf (LibreOffice writer_web)
#
# usage: scripts/realdocs-formats.sh BIN [OUT_DIR]
# Needs soffice (Debian: libreoffice-writer-nogui), pandoc and, for Chinese PDFs with real
# glyphs, fonts-noto-cjk. Development tool: not run in CI.
set -euo pipefail
bin="$(realpath "$1")"
out="${2:-$(mktemp -d)}"
cd "$(dirname "$0")/.."
set_dir="${REALDOCS_DIR:-../shared/eval-dev/realdocs}"
docs="$set_dir/docs"
score="$(dirname "$set_dir")/realdocs_score.py"
for tool in soffice pandoc python3; do
  command -v "$tool" >/dev/null || { echo "realdocs-formats: $tool not found" >&2; exit 2; }
done
mkdir -p "$out"/{src,pdf,docx,pdf2,odt,rtf,html,pdf3}
convert() { soffice --headless --convert-to "$1" --outdir "$2" "${@:3}" >/dev/null 2>&1 || true; }
convert pdf "$out/pdf" "$docs"/*.docx
for f in "$docs"/*.md "$docs"/*.html; do pandoc --quiet "$f" -o "$out/docx/$(basename "$f").docx"; done
for f in "$docs"/*.txt; do pandoc --quiet -f markdown "$f" -o "$out/src/$(basename "$f").docx"; done
convert pdf "$out/pdf2" "$out"/docx/*.docx "$out"/src/*.docx
convert odt "$out/odt" "$docs"/*.docx "$out"/docx/*.docx
convert rtf "$out/rtf" "$docs"/*.docx "$out"/docx/*.docx
for f in "$docs"/*.md; do pandoc --quiet -s --metadata title=" " "$f" -o "$out/html/$(basename "$f").html"; done
convert html "$out/html" "$docs"/*.docx
for f in "$out"/html/*.md.html "$docs"/*.html; do convert 'pdf:writer_web_pdf_Export' "$out/pdf3" "$f"; done

"$bin" extract --format jsonl "$docs" > "$out/original.jsonl" 2>/dev/null || true
python3 "$score" "$set_dir/gold.json" "$out/original.jsonl" --per-doc > "$out/original.score"
for set in pdf docx pdf2 odt rtf html pdf3; do
  # Each converted file is scored as the original it came from (same two-digit prefix).
  # (A file a reader refuses makes extract exit non-zero; its record is simply missing.)
  { "$bin" extract --format jsonl "$out/$set" 2>/dev/null || true; } | python3 -c '
import json, os, sys
orig = {f[:2]: f for f in os.listdir(sys.argv[1])}
for line in sys.stdin:
    r = json.loads(line)
    r["source"] = orig[os.path.basename(r["source"])[:2]]
    print(json.dumps(r, ensure_ascii=False))
' "$docs" > "$out/$set.jsonl"
  python3 "$score" "$set_dir/gold.json" "$out/$set.jsonl" --per-doc > "$out/$set.score"
done
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
orig = {d["doc"]: d for d in json.load(open(f"{out}/original.score"))["documents"]}
def counts(field, docs):
    hit = total = pred = 0
    for d in docs:
        v = d.get(field)
        if not v:
            continue
        a, _, b = v.partition(" (predicted ")
        h, t = a.split("/")
        hit, total, pred = hit + int(h), total + int(t), pred + int(b.rstrip(")") or 0)
    return hit, total, pred
print(f"{'set':6} {'docs':>4}  positions converted / original (predicted)")
for s in ("pdf", "docx", "pdf2", "odt", "rtf", "html", "pdf3"):
    docs = [d for d in json.load(open(f"{out}/{s}.score"))["documents"] if d.get("read")]
    h, t, p = counts("positions", docs)
    oh, _, op = counts("positions", [orig[d["doc"]] for d in docs])
    print(f"{s:6} {len(docs):>4}  {h}/{t} ({p})  vs  {oh}/{t} ({op})")
PY
echo "realdocs-formats: files and scores in $out"
