#!/usr/bin/env python3
"""Render structured résumés through the layouts real résumés use, and write their gold facts.

usage: scripts/layouts/render.py OUT_DIR

Each résumé (the fictional people of people.py, plus the JSON Resume examples of
$JSONRESUME_DIR, default ../shared/eval-dev/jsonresume, when present; they are read, never
copied here) is rendered as: LaTeX templates compiled to PDF (pdflatex; xelatex + ctex for
Chinese) in the shapes of Jake's résumé, moderncv (a narrow date column), a two-column
sidebar, billryan-style dated subsections and a table of positions; Markdown with
"### Title, Organisation" entries (also as DOCX via pandoc and as PDF via LibreOffice);
Markdown tables (DOCX, HTML); aligned plain text; Word documents built with python-docx
(word.py: right tab stops, dates on a hanging indent under a page-header name, a borderless
layout table, a sidebar table, a bordered job-site form, a section-label column table, a sidebar
in a floating text box), each also as PDF via LibreOffice.
$LAYOUT_SETS (comma list, default latex,markdown,word) selects which of the three sets render.
OUT_DIR/docs holds the documents and OUT_DIR/gold.json their facts in the realdocs schema, so that

  careergraph extract --format jsonl OUT_DIR/docs > r.jsonl
  python3 ../shared/eval-dev/realdocs_score.py OUT_DIR/gold.json r.jsonl --per-doc

scores the reader and the extractor on layouts rather than on particular documents.
Needs: texlive-latex-extra, texlive-xetex, texlive-lang-chinese, cm-super, pandoc,
libreoffice-writer, python3-docx (pip install python-docx) (BENCHMARKS.md, "Layout renderings",
says what was measured).
"""
import json, glob, os, subprocess, sys, re, shutil
sys.path.insert(0, os.path.dirname(__file__))
from people import ZH, EN_EXTRA
from common import H, rng, degree_line
import word

if len(sys.argv) != 2:
    sys.exit(__doc__)
OUT = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
JSONRESUME = os.environ.get("JSONRESUME_DIR", os.path.join(HERE, "..", "..", "..", "shared", "eval-dev", "jsonresume"))
SETS = os.environ.get("LAYOUT_SETS", "latex,markdown,word").split(",")
if set(SETS) - {"latex", "markdown", "word"}:
    sys.exit(f"LAYOUT_SETS: latex, markdown or word, not {SETS}")
os.makedirs(OUT + "/docs", exist_ok=True)

def level(st):
    s = st.lower()
    if "bachelor" in s or s in ("bs", "ba", "b.s.", "本科", "学士"): return "bachelor"
    if "master" in s or s in ("硕士", "ms", "m.s."): return "master"
    if "ph" in s or "doctor" in s or s == "博士": return "doctor"
    return "other"

def load_people():
    ps = []
    for f in sorted(glob.glob(os.path.join(JSONRESUME, "*.json"))):
        if "resume-sample" in f: continue
        d = json.load(open(f)); b = d["basics"]
        loc = b.get("location") or {}
        ps.append({"name": b["name"], "label": b.get("label", ""), "email": b.get("email", ""), "phone": b.get("phone", ""),
                   "city": ", ".join(x for x in [loc.get("city"), loc.get("region")] if x), "summary": b.get("summary", ""),
                   "work": [{"name": w["name"], "position": w["position"], "location": w.get("location") or "",
                             "startDate": w["startDate"][:7], "endDate": (w.get("endDate") or None) and w["endDate"][:7],
                             "highlights": w.get("highlights") or ([w["summary"]] if w.get("summary") else [])} for w in d.get("work", [])],
                   "education": [{"institution": e["institution"], "area": e.get("area", ""), "studyType": e.get("studyType", ""),
                                  "level": level(e.get("studyType", "")), "startDate": e.get("startDate", "")[:7],
                                  "endDate": (e.get("endDate") or "")[:7]} for e in d.get("education", [])],
                   "skills": [{"name": s["name"], "keywords": s.get("keywords", [])} for s in d.get("skills", [])],
                   "lang": "en", "slug": os.path.basename(f).split(".")[0].replace("schema_examples_", "").replace("test-fixtures_", "")})
    for i, p in enumerate(EN_EXTRA):
        ps.append(dict(p, lang="en", slug=f"en{i}"))
    for i, p in enumerate(ZH):
        ps.append(dict(p, lang="zh", slug=f"zh{i}"))
    return ps

def tex_esc(s):
    return re.sub(r"([&%$#_{}])", r"\\\1", s).replace("~", r"\textasciitilde{}")

# ---------- LaTeX templates ----------
PRE = r"""\documentclass[letterpaper,11pt]{article}
\usepackage[margin=0.6in]{geometry}\usepackage{enumitem}\usepackage{titlesec}\usepackage[hidelinks]{hyperref}\usepackage{xcolor}\usepackage{tabularx}
\pagestyle{empty}\setlength{\parindent}{0pt}
\titleformat{\section}{\scshape\large}{}{0em}{}[\titlerule]
"""
ZHPRE = r"""\documentclass[11pt]{article}
\usepackage[margin=0.7in]{geometry}\usepackage{ctex}\usepackage{enumitem}\usepackage{titlesec}\usepackage{xcolor}\usepackage{tabularx}
\pagestyle{empty}\setlength{\parindent}{0pt}
\titleformat{\section}{\large\bfseries}{}{0em}{}[\titlerule]
"""

def items(hs):
    if not hs: return ""
    return "\\begin{itemize}[leftmargin=1.2em,itemsep=0pt]\n" + "".join(f"\\item {tex_esc(h)}\n" for h in hs) + "\\end{itemize}\n"

def skills_tex(p):
    return "".join(f"\\textbf{{{tex_esc(s['name'])}}}: {tex_esc(', '.join(s['keywords']))}\\\\\n" for s in p["skills"])

def jake(p, st):
    zh = p["lang"] == "zh"; h = H[p["lang"]]
    s = (ZHPRE if zh else PRE) + "\\begin{document}\n"
    s += f"\\begin{{center}}{{\\Huge\\bfseries {tex_esc(p['name'])}}}\\\\[4pt]\\small {tex_esc(p['phone'])} $|$ {tex_esc(p['email'])} $|$ {tex_esc(p['city'])}\\end{{center}}\n"
    s += f"\\section{{{h['edu']}}}\n"
    for e in p["education"]:
        s += f"\\begin{{tabular*}}{{\\textwidth}}{{l@{{\\extracolsep{{\\fill}}}}r}}\\textbf{{{tex_esc(e['institution'])}}} & {tex_esc(p['city'])}\\\\ \\textit{{\\small {tex_esc(degree_line(e, zh))}}} & \\textit{{\\small {rng(e['startDate'], e['endDate'], st, zh)}}}\\end{{tabular*}}\\\\[4pt]\n"
    s += f"\\section{{{h['exp']}}}\n"
    for w in p["work"]:
        s += f"\\begin{{tabular*}}{{\\textwidth}}{{l@{{\\extracolsep{{\\fill}}}}r}}\\textbf{{{tex_esc(w['name'])}}} & {tex_esc(w['location'])}\\\\ \\textit{{\\small {tex_esc(w['position'])}}} & \\textit{{\\small {rng(w['startDate'], w['endDate'], st, zh)}}}\\end{{tabular*}}\n" + items(w["highlights"])
    s += f"\\section{{{h['skills']}}}\n" + skills_tex(p) + "\\end{document}\n"
    return s

def moderncv(p, st):
    zh = p["lang"] == "zh"; h = H[p["lang"]]
    s = (ZHPRE if zh else PRE) + "\\begin{document}\n"
    s += f"{{\\Huge {tex_esc(p['name'])}}}\\\\[2pt]{{\\large\\itshape {tex_esc(p['label'])}}}\\hfill {tex_esc(p['email'])}\\\\ \\hfill {tex_esc(p['phone'])}\n"
    def entry(left, right, hs):
        return f"\\noindent\\begin{{tabularx}}{{\\textwidth}}{{@{{}}>{{\\raggedleft\\arraybackslash}}p{{0.2\\textwidth}}@{{\\hspace{{1em}}}}X@{{}}}}\\small {left} & {right}\\end{{tabularx}}\n" + items(hs) + "\\vspace{2pt}\n"
    s += f"\\section{{{h['exp']}}}\n"
    for w in p["work"]:
        sep = "，" if zh else ", "
        s += entry(rng(w['startDate'], w['endDate'], st, zh, "--"), f"\\textbf{{{tex_esc(w['position'])}}}{sep}\\textit{{{tex_esc(w['name'])}}}{sep}{tex_esc(w['location'])}", w["highlights"])
    s += f"\\section{{{h['edu']}}}\n"
    for e in p["education"]:
        sep = "，" if zh else ", "
        s += entry(rng(e['startDate'], e['endDate'], st, zh, "--"), f"\\textbf{{{tex_esc(e['studyType'])}}}{sep}\\textit{{{tex_esc(e['institution'])}}}{sep}{tex_esc(e['area'])}", [])
    s += f"\\section{{{h['skills']}}}\n" + skills_tex(p) + "\\end{document}\n"
    return s

def sidebar(p, st):
    zh = p["lang"] == "zh"; h = H[p["lang"]]
    s = (ZHPRE if zh else PRE) + "\\begin{document}\n"
    s += "\\begin{minipage}[t]{0.28\\textwidth}\\vspace{0pt}\n"
    s += f"{{\\LARGE\\bfseries {tex_esc(p['name'])}}}\\\\[6pt]{tex_esc(p['label'])}\\\\[8pt]{tex_esc(p['email'])}\\\\{tex_esc(p['phone'])}\\\\{tex_esc(p['city'])}\\\\[10pt]\n"
    s += f"{{\\large\\bfseries {h['skills']}}}\\\\[4pt]\n" + "".join(f"{tex_esc(k)}\\\\\n" for sk in p["skills"] for k in sk["keywords"])
    s += "\\end{minipage}\\hfill\\begin{minipage}[t]{0.66\\textwidth}\\vspace{0pt}\n"
    s += f"{{\\large\\bfseries {h['exp']}}}\\\\[2pt]\\rule{{\\linewidth}}{{0.4pt}}\\\\\n"
    for w in p["work"]:
        at = " @ " if zh else " at "
        s += f"\\textbf{{{tex_esc(w['position'])}}}{at}{tex_esc(w['name'])}\\\\\n{{\\color{{gray}}\\small {rng(w['startDate'], w['endDate'], st, zh)} $\\cdot$ {tex_esc(w['location'])}}}\\\\[-4pt]\n" + items(w["highlights"])
    s += f"{{\\large\\bfseries {h['edu']}}}\\\\[2pt]\\rule{{\\linewidth}}{{0.4pt}}\\\\\n"
    for e in p["education"]:
        s += f"\\textbf{{{tex_esc(degree_line(e, zh))}}}\\\\\n{tex_esc(e['institution'])}\\\\\n{{\\color{{gray}}\\small {rng(e['startDate'], e['endDate'], st, zh)}}}\\\\[6pt]\n"
    s += "\\end{minipage}\n\\end{document}\n"
    return s

def zh_dated(p, st):  # billryan-style: org + dates right, role below
    zh = p["lang"] == "zh"; h = H[p["lang"]]
    s = (ZHPRE if zh else PRE) + "\\newcommand{\\datedsubsection}[2]{\\par\\textbf{#1}\\hfill #2\\par}\n\\begin{document}\n"
    s += f"\\begin{{center}}{{\\LARGE {tex_esc(p['name'])}}}\\\\ \\small {tex_esc(p['email'])} · {tex_esc(p['phone'])}\\end{{center}}\n"
    s += f"\\section{{{h['edu']}}}\n"
    for e in p["education"]:
        s += f"\\datedsubsection{{{tex_esc(e['institution'])}, {tex_esc(e['studyType'])}, {tex_esc(e['area'])}}}{{{rng(e['startDate'], e['endDate'], st, zh, ' -- ')}}}\n"
    s += f"\\section{{{h['exp']}}}\n"
    for w in p["work"]:
        s += f"\\datedsubsection{{{tex_esc(w['name'])}, {tex_esc(w['location'])}}}{{{rng(w['startDate'], w['endDate'], st, zh, ' -- ')}}}\n\\textit{{{tex_esc(w['position'])}}}\n" + items(w["highlights"])
    s += f"\\section{{{h['skills']}}}\n" + skills_tex(p) + "\\end{document}\n"
    return s

def tex_table(p, st):
    zh = p["lang"] == "zh"; h = H[p["lang"]]
    cols = ("时间", "单位", "职位") if zh else ("Period", "Company", "Role")
    s = (ZHPRE if zh else PRE) + "\\begin{document}\n"
    s += f"{{\\LARGE {tex_esc(p['name'])}}}\\hfill {tex_esc(p['phone'])}\\\\ {tex_esc(p['label'])}\\hfill {tex_esc(p['email'])}\n"
    s += f"\\section{{{h['exp']}}}\n\\begin{{tabularx}}{{\\textwidth}}{{|l|X|l|}}\\hline \\textbf{{{cols[0]}}} & \\textbf{{{cols[1]}}} & \\textbf{{{cols[2]}}}\\\\\\hline\n"
    for w in p["work"]:
        s += f"{rng(w['startDate'], w['endDate'], st, zh, '--')} & {tex_esc(w['name'])} & {tex_esc(w['position'])}\\\\\\hline\n"
    s += "\\end{tabularx}\n"
    for w in p["work"]:
        s += f"\\par\\medskip\\textbf{{{tex_esc(w['name'])}}}\n" + items(w["highlights"])
    s += f"\\section{{{h['edu']}}}\n"
    for e in p["education"]:
        s += f"{rng(e['startDate'], e['endDate'], st, zh, '--')}\\quad {tex_esc(e['institution'])}\\quad {tex_esc(e['area'])}\\quad {tex_esc(e['studyType'])}\\\\\n"
    s += f"\\section{{{h['skills']}}}\n" + skills_tex(p) + "\\end{document}\n"
    return s

# ---------- Markdown / text templates ----------
def md_heading(p, st):
    zh = p["lang"] == "zh"; h = H[p["lang"]]
    s = f"# {p['name']}\n\n{p['label']} · {p['email']} · {p['phone']}\n\n## {h['exp']}\n\n"
    for w in p["work"]:
        s += f"### {w['position']}{'，' if zh else ', '}{w['name']}\n\n*{rng(w['startDate'], w['endDate'], st, zh)}* | {w['location']}\n\n" + "".join(f"- {x}\n" for x in w["highlights"]) + "\n"
    s += f"## {h['edu']}\n\n"
    for e in p["education"]:
        s += f"**{e['institution']}** — {degree_line(e, zh)} ({rng(e['startDate'], e['endDate'], st, zh)})\n\n"
    s += f"## {h['skills']}\n\n" + "".join(f"- **{sk['name']}**: {', '.join(sk['keywords'])}\n" for sk in p["skills"])
    return s

def md_table(p, st):
    zh = p["lang"] == "zh"; h = H[p["lang"]]
    cols = ("时间", "公司", "职位") if zh else ("Dates", "Company", "Title")
    s = f"# {p['name']}\n\n{p['email']} | {p['phone']}\n\n## {h['exp']}\n\n| {cols[0]} | {cols[1]} | {cols[2]} |\n|---|---|---|\n"
    for w in p["work"]:
        s += f"| {rng(w['startDate'], w['endDate'], st, zh)} | {w['name']} | {w['position']} |\n"
    ecols = ("时间", "学校", "学历", "专业") if zh else ("Dates", "School", "Degree", "Major")
    s += f"\n## {h['edu']}\n\n| " + " | ".join(ecols) + " |\n|---|---|---|---|\n"
    for e in p["education"]:
        s += f"| {rng(e['startDate'], e['endDate'], st, zh)} | {e['institution']} | {e['studyType']} | {e['area']} |\n"
    s += f"\n## {h['skills']}\n\n" + "".join(f"- {sk['name']}: {', '.join(sk['keywords'])}\n" for sk in p["skills"])
    return s

def txt_aligned(p, st):
    zh = p["lang"] == "zh"; h = H[p["lang"]]
    W = 90
    def lr(a, b):
        return a + " " * max(2, W - len(a) - len(b)) + b
    s = f"{p['name'].upper() if not zh else p['name']}\n{p['email']}  |  {p['phone']}\n\n{h['exp'].upper()}\n\n"
    for w in p["work"]:
        s += lr(w["name"], w["location"]) + "\n" + lr(w["position"], rng(w["startDate"], w["endDate"], st, zh, " - ")) + "\n" + "".join(f"  • {x}\n" for x in w["highlights"]) + "\n"
    s += f"{h['edu'].upper()}\n\n"
    for e in p["education"]:
        s += lr(e["institution"], rng(e["startDate"], e["endDate"], st, zh, " - ")) + "\n" + degree_line(e, zh) + "\n\n"
    s += f"{h['skills'].upper()}\n\n" + "".join(f"{sk['name']}: {', '.join(sk['keywords'])}\n" for sk in p["skills"])
    return s

def run(cmd, cwd, timeout=180):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return r.returncode == 0

def keep(src, name, p, docs):
    """Copy the built file src into OUT/docs as name, a gold document of p; False if it was not built."""
    if not os.path.exists(src): return False
    shutil.copy(src, f"{OUT}/docs/{name}"); docs.append((name, p))
    return True

def render_latex(p, i, tmp, docs):
    zh = p["lang"] == "zh"
    for t, fn in [("jake", jake), ("mcv", moderncv), ("side", sidebar), ("dated", zh_dated), ("table", tex_table)]:
        name = f"{p['slug']}-{t}"
        open(f"{tmp}/{name}.tex", "w").write(fn(p, i))
        run(["xelatex" if zh else "pdflatex", "-interaction=nonstopmode", f"{name}.tex"], tmp)
        if not keep(f"{tmp}/{name}.pdf", f"{name}.pdf", p, docs):
            print("latex failed", name, file=sys.stderr)

def render_markdown(p, i, tmp, docs):
    for t, fn in [("mdh", md_heading), ("mdt", md_table)]:
        name = f"{p['slug']}-{t}"
        open(f"{tmp}/{name}.md", "w").write(fn(p, i + 1))
        if t == "mdh":
            keep(f"{tmp}/{name}.md", f"{name}.md", p, docs)
        run(["pandoc", f"{name}.md", "-o", f"{name}.docx"], tmp)
        keep(f"{tmp}/{name}.docx", f"{name}.docx", p, docs)
        if t == "mdt":
            run(["pandoc", "-s", "--metadata", "title=CV", f"{name}.md", "-o", f"{name}.html"], tmp)
            keep(f"{tmp}/{name}.html", f"{name}.html", p, docs)
        if t == "mdh":
            run(["soffice", "--headless", "--convert-to", "pdf", f"{name}.docx"], tmp)
            keep(f"{tmp}/{name}.pdf", f"{name}-lo.pdf", p, docs)
    name = f"{p['slug']}-txt"
    open(f"{OUT}/docs/{name}.txt", "w").write(txt_aligned(p, i + 2)); docs.append((f"{name}.txt", p))

def render_word(p, i, tmp, docs):
    """Saves p's Word layouts as DOCX; returns (name, p) of each for the one LibreOffice PDF conversion."""
    built = []
    for t, fn in word.LAYOUTS:
        name = f"{p['slug']}-{t}"
        fn(p, i + 3).save(f"{tmp}/{name}.docx")
        keep(f"{tmp}/{name}.docx", f"{name}.docx", p, docs); built.append((name, p))
    return built

def word_pdfs(built, tmp, docs):
    if not built: return
    run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", os.path.abspath(tmp)] + [f"{n}.docx" for n, _ in built], tmp, 600)
    for name, p in built:
        if not keep(f"{tmp}/{name}.pdf", f"{name}-word.pdf", p, docs):
            print("soffice failed", name, file=sys.stderr)

def main():
    tmp = OUT + "/build"; os.makedirs(tmp, exist_ok=True)
    gold = {"_about": "synthetic renderings", "documents": [], "questions": {}}
    docs, built = [], []
    for i, p in enumerate(load_people()):
        if "latex" in SETS: render_latex(p, i, tmp, docs)
        if "markdown" in SETS: render_markdown(p, i, tmp, docs)
        if "word" in SETS: built += render_word(p, i, tmp, docs)
    word_pdfs(built, tmp, docs)
    for doc, p in docs:
        gold["documents"].append({"doc": doc, "kind": "resume", "person": {"names": [p["name"]]},
            "positions": [{"org": [w["name"]], "title": [w["position"]], "start": w["startDate"], "end": w["endDate"]} for w in p["work"]],
            "education": [{"org": [e["institution"]], "degree": e["level"] if e["level"] != "other" else None,
                           "degree_stated": e["level"] != "other"} for e in p["education"]],
            "skills": [k for s in p["skills"] for k in s["keywords"]], "metrics": []})
    json.dump(gold, open(f"{OUT}/gold.json", "w"), ensure_ascii=False, indent=1)
    print(len(docs), "documents")

main()
