# Word résumé layouts for render.py, built with python-docx the way people build them in Word:
# tab stops, a dated hanging indent, borderless layout tables, a sidebar table, a bordered form.
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from common import H, rng, degree_line

RIGHT, LEFT, CENTER = WD_TAB_ALIGNMENT.RIGHT, WD_TAB_ALIGNMENT.LEFT, WD_ALIGN_PARAGRAPH.CENTER
LABELS = {"en": {"name": "Name", "phone": "Phone", "email": "Email", "city": "City",
                 "exp": ("Period", "Company", "Position"), "edu": ("Period", "School", "Major", "Degree")},
          "zh": {"name": "姓名", "phone": "电话", "email": "邮箱", "city": "城市",
                 "exp": ("时间", "公司", "职位"), "edu": ("时间", "学校", "专业", "学历")}}

def start(p):
    doc = Document()
    s = doc.sections[0]
    s.left_margin = s.right_margin = s.top_margin = s.bottom_margin = Inches(0.75)
    doc.styles["Normal"].font.name, doc.styles["Normal"].font.size = "Arial", Pt(10)
    return doc, p["lang"] == "zh", H[p["lang"]]

def para(box, *runs, style=None, tabs=(), ind=None, size=None, align=None):
    """A paragraph of runs (str, or (text, "b"/"i")) in box: the document, a table cell or a header,
    whose first empty paragraph is used first."""
    ps = box.paragraphs
    p = ps[0] if len(ps) == 1 and not ps[0].runs else box.add_paragraph()
    if style: p.style = style
    for r in runs:
        text, fmt = (r, "") if isinstance(r, str) else r
        run = p.add_run(text)
        run.bold, run.italic = "b" in fmt or None, "i" in fmt or None
        if size: run.font.size = Pt(size)
    pf = p.paragraph_format
    for pos, kind in tabs: pf.tab_stops.add_tab_stop(pos, kind)
    if ind: pf.left_indent, pf.first_line_indent = ind
    if align is not None: p.alignment = align
    return p

def head(box, text, kind):
    """A section heading: Heading 1 ("h1"), a bold paragraph ("bold") or one with a bottom border ("rule")."""
    if kind == "h1": return box.add_heading(text, 1)
    p = para(box, (text, "b"), size=12)
    if kind == "rule":  # appended before the spacing below: w:pBdr precedes w:spacing in w:pPr
        bdr, bottom = OxmlElement("w:pBdr"), OxmlElement("w:bottom")
        for k, v in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")): bottom.set(qn("w:" + k), v)
        bdr.append(bottom); p._p.get_or_add_pPr().append(bdr)
    p.paragraph_format.space_before = Pt(10)
    return p

def bullets(box, hs, ind=None):
    for x in hs: para(box, x, style="List Bullet", ind=ind)

def skills(box, p, h, kind):
    head(box, h["skills"], kind)
    for sk in p["skills"]: para(box, (sk["name"] + ": ", "b"), ", ".join(sk["keywords"]))

def contact(p, *keys, sep=" | "):
    return sep.join(p[k] for k in keys if p[k])

def when(x, st, zh):
    return rng(x["startDate"], x["endDate"], st, zh)

def table(doc, inches, style=None):
    """A table without rows whose columns have these widths (no style: no borders)."""
    t = doc.add_table(rows=0, cols=len(inches))
    if style: t.style = style
    t.autofit = False
    for col, w in zip(t.columns, inches): col.width = Inches(w)
    return t

def row(t, *cells):
    """A new row of t, its first cells holding these runs; returns all its cells."""
    cs = t.add_row().cells
    for c, run in zip(cs, cells): para(c, run)
    return cs

def top(doc, p):
    para(doc, (p["name"], "b"), size=20, align=CENTER)
    para(doc, contact(p, "phone", "email", "city"), align=CENTER)

def wtab(p, st):  # org / title left, location / dates on a right tab stop at the margin
    doc, zh, h = start(p)
    top(doc, p)
    s = doc.sections[0]
    rt = [(s.page_width - s.left_margin - s.right_margin, RIGHT)]
    def entry(org, where, title, dates, hs=()):
        para(doc, (org, "b"), "\t" + where, tabs=rt)
        para(doc, (title, "i"), "\t" + dates, tabs=rt)
        bullets(doc, hs)
    head(doc, h["exp"], "h1")
    for w in p["work"]: entry(w["name"], w["location"], w["position"], when(w, st, zh), w["highlights"])
    head(doc, h["edu"], "h1")
    for e in p["education"]: entry(e["institution"], "", degree_line(e, zh), when(e, st, zh))
    skills(doc, p, h, "h1")
    return doc

def wleft(p, st):  # "dates<TAB>Title, Organisation" with a hanging indent; name in the page header
    doc, zh, h = start(p)
    hd = doc.sections[0].header
    para(hd, (p["name"], "b"), size=18)
    para(hd, contact(p, "label", "email", "phone", "city", sep=" · "))
    at, sep = Inches(2.1), "，" if zh else ", "
    def entry(dates, what, where, hs=()):
        para(doc, dates + "\t", (what, "b"), sep + where, tabs=[(at, LEFT)], ind=(at, -at))
        bullets(doc, hs, ind=(at + Inches(0.25), -Inches(0.25)))
    head(doc, h["exp"], "rule")
    for w in p["work"]: entry(when(w, st, zh), w["position"], w["name"], w["highlights"])
    head(doc, h["edu"], "rule")
    for e in p["education"]: entry(when(e, st, zh), degree_line(e, zh), e["institution"])
    skills(doc, p, h, "rule")
    return doc

def wgrid(p, st):  # borderless two-column table: dates | entry
    doc, zh, h = start(p)
    top(doc, p)
    head(doc, h["exp"], "rule")
    t = table(doc, (2.0, 5.0))
    for w in p["work"]:
        r = row(t, when(w, st, zh), (w["name"], "b"))[1]
        para(r, w["position"]); bullets(r, w["highlights"])
    head(doc, h["edu"], "rule")
    t = table(doc, (2.0, 5.0))
    for e in p["education"]:
        para(row(t, when(e, st, zh), (e["institution"], "b"))[1], degree_line(e, zh))
    skills(doc, p, h, "rule")
    return doc

def wside(p, st):  # one row: a narrow sidebar cell (contact, skills) and the main cell
    doc, zh, h = start(p)
    side, main = row(table(doc, (2.0, 5.0)))
    para(side, (p["name"], "b"), size=16)
    for k in ("label", "email", "phone", "city"):
        if p[k]: para(side, p[k])
    head(side, h["skills"], "bold")
    for k in (k for sk in p["skills"] for k in sk["keywords"]): para(side, k)
    head(main, h["exp"], "bold")
    for w in p["work"]:
        para(main, (w["position"], "b")); para(main, f"{w['name']} | {when(w, st, zh)}"); bullets(main, w["highlights"])
    head(main, h["edu"], "bold")
    for e in p["education"]:
        para(main, (degree_line(e, zh), "b")); para(main, f"{e['institution']} | {when(e, st, zh)}")
    return doc

def wform(p, st):  # job-site form: bordered label/value tables, highlights below
    doc, zh, h = start(p)
    L = LABELS[p["lang"]]
    t = table(doc, (1.0, 2.5, 1.0, 2.5), "Table Grid")
    for a, b in (("name", "phone"), ("email", "city")): row(t, (L[a], "b"), p[a], (L[b], "b"), p[b])
    head(doc, h["exp"], "bold")
    t = table(doc, (2.0, 3.0, 2.0), "Table Grid")
    row(t, *((c, "b") for c in L["exp"]))
    for w in p["work"]: row(t, when(w, st, zh), w["name"], w["position"])
    for w in (w for w in p["work"] if w["highlights"]):
        para(doc, (w["name"], "b"))
        for x in w["highlights"]: para(doc, x)
    head(doc, h["edu"], "bold")
    t = table(doc, (2.0, 2.2, 1.8, 1.0), "Table Grid")
    row(t, *((c, "b") for c in L["edu"]))
    for e in p["education"]: row(t, when(e, st, zh), e["institution"], e["area"], e["studyType"])
    skills(doc, p, h, "bold")
    return doc

LAYOUTS = [("wtab", wtab), ("wleft", wleft), ("wgrid", wgrid), ("wside", wside), ("wform", wform)]
