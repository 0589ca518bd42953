# Word résumé layouts for render.py, built with python-docx the way people build them in Word:
# tab stops, a dated hanging indent, borderless layout tables, a sidebar table, a bordered form,
# a section-label column and a sidebar in a floating text box.
import copy
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
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

def para(box, *runs, style=None, tabs=(), ind=None, size=None, align=None, color=None):
    """A paragraph of runs (str, or (text, "b"/"i"/"c" for caps, combined)) in box: the document, a table
    cell or a header, whose first empty paragraph is used first; color is a hex RGB string."""
    ps = box.paragraphs
    p = ps[0] if len(ps) == 1 and not ps[0].runs else box.add_paragraph()
    if style: p.style = style
    for r in runs:
        text, fmt = (r, "") if isinstance(r, str) else r
        run = p.add_run(text)
        run.bold, run.italic = "b" in fmt or None, "i" in fmt or None
        if "c" in fmt: run.font.all_caps = True
        if size: run.font.size = Pt(size)
        if color: run.font.color.rgb = RGBColor.from_string(color)
    pf = p.paragraph_format
    for pos, kind in tabs: pf.tab_stops.add_tab_stop(pos, kind)
    if ind: pf.left_indent, pf.first_line_indent = ind
    if align is not None: p.alignment = align
    return p

def head(box, text, kind):
    """A section heading: Heading 1 ("h1"), a bold paragraph ("bold"), one in bold caps ("caps")
    or one with a bottom border ("rule")."""
    if kind == "h1": return box.add_heading(text, 1)
    p = para(box, (text, "bc" if kind == "caps" else "b"), size=12)
    if kind == "rule":  # appended before the spacing below: w:pBdr precedes w:spacing in w:pPr
        bdr, bottom = OxmlElement("w:pBdr"), OxmlElement("w:bottom")
        for k, v in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")): bottom.set(qn("w:" + k), v)
        bdr.append(bottom); p._p.get_or_add_pPr().append(bdr)
    p.paragraph_format.space_before = Pt(10)
    return p

def bullets(box, hs, ind=None):
    for x in hs: para(box, x, style="List Bullet", ind=ind)

def skill_lines(box, p):
    for sk in p["skills"]: para(box, (sk["name"] + ": ", "b"), ", ".join(sk["keywords"]))

def skills(box, p, h, kind):
    head(box, h["skills"], kind)
    skill_lines(box, p)

def contact(p, *keys, sep=" | "):
    return sep.join(p[k] for k in keys if p[k])

def when(x, st, zh):
    return rng(x["startDate"], x["endDate"], st, zh)

def dot(*xs):
    return " · ".join(x for x in xs if x)

def right_tab(doc):
    """A right tab stop at the right margin (tab positions count from the left margin)."""
    s = doc.sections[0]
    return [(s.page_width - s.left_margin - s.right_margin, RIGHT)]

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

def sidebar(box, p, h):
    """Name, label, contact and the skills keywords one a paragraph: wside's cell, wbox's text box."""
    para(box, (p["name"], "b"), size=16)
    for k in ("label", "email", "phone", "city"):
        if p[k]: para(box, p[k])
    head(box, h["skills"], "bold")
    for k in (k for sk in p["skills"] for k in sk["keywords"]): para(box, k)

# A floating text box as Word writes one (Insert → Text Box): a DrawingML shape (wp:anchor holding a
# wps:wsp whose wps:txbx has the w:txbxContent) for Word 2010 on, and a VML copy (v:shape with a
# v:textbox) for older readers, in one mc:AlternateContent. Placed at the top left of the margins,
# light grey, no outline, text over it not wrapped (wrapNone); {cx}/{cy} in EMU, {w}/{h} in points.
BOX = """<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<mc:Choice Requires="wps"><w:drawing>
 <wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264"
  behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
  <wp:simplePos x="0" y="0"/>
  <wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH>
  <wp:positionV relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionV>
  <wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
  <wp:docPr id="1" name="Text Box 1"/><wp:cNvGraphicFramePr/>
  <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
   <wps:wsp><wps:cNvSpPr txBox="1"/>
    <wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
     <a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="F2F2F2"/></a:solidFill>
     <a:ln w="6350"><a:noFill/></a:ln></wps:spPr>
    <wps:txbx><w:txbxContent/></wps:txbx>
    <wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t">
     <a:noAutofit/></wps:bodyPr>
   </wps:wsp></a:graphicData></a:graphic>
 </wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict>
 <v:shape id="Text Box 1" o:spid="_x0000_s1026" type="#_x0000_t202" fillcolor="#f2f2f2" stroked="f"
  style="position:absolute;margin-left:0;margin-top:0;width:{w}pt;height:{h}pt;z-index:251659264;mso-position-horizontal-relative:margin;mso-position-vertical-relative:margin">
  <v:textbox><w:txbxContent/></v:textbox></v:shape>
</w:pict></mc:Fallback></mc:AlternateContent>"""

def text_box(anchor, ps, w, h):
    """Moves the paragraphs ps into a w × h inch text box (BOX), whose run starts the paragraph anchor."""
    ac = parse_xml(BOX.format(cx=Inches(w), cy=Inches(h), w=Inches(w).pt, h=Inches(h).pt))
    dml, vml = ac.iter(qn("w:txbxContent"))
    for q in ps: dml.append(q._p)
    vml.extend(copy.deepcopy(list(dml)))
    r = OxmlElement("w:r"); r.append(ac)
    anchor.runs[0]._r.addprevious(r)

def top(doc, p):
    para(doc, (p["name"], "b"), size=20, align=CENTER)
    para(doc, contact(p, "phone", "email", "city"), align=CENTER)

def wtab(p, st):  # org / title left, location / dates on a right tab stop at the margin
    doc, zh, h = start(p)
    top(doc, p)
    rt = right_tab(doc)
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
    sidebar(side, p, h)
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

def wsect(p, st):  # one borderless table, a row a section: its label in bold caps | its entries
    doc, zh, h = start(p)
    para(doc, (p["name"], "b"), size=24)
    para(doc, p["label"], size=12)
    para(doc, contact(p, "email", "phone", "city"))
    t = table(doc, (1.6, 5.4))
    def section(title, fill):
        label, body = row(t)
        head(label, title, "caps"); fill(body)
        body.paragraphs[0].paragraph_format.space_before = Pt(10)  # level with the label
    def exp(c):
        for w in p["work"]:
            para(c, (w["position"], "b"), " | " + w["name"])
            para(c, dot(when(w, st, zh), w["location"]), size=8, color="808080")
            bullets(c, w["highlights"])
    def edu(c):
        for e in p["education"]: para(c, (e["institution"], "b")); para(c, dot(degree_line(e, zh), when(e, st, zh)))
    section(h["exp"], exp); section(h["edu"], edu); section(h["skills"], lambda c: skill_lines(c, p))
    return doc

def wbox(p, st):  # the sidebar in a floating text box at the left margin, the body indented beside it
    doc, zh, h = start(p)
    sidebar(doc, p, h)
    side, ind, rt = list(doc.paragraphs), Inches(2.3), right_tab(doc)
    def section(title):
        q = head(doc, title, "bold"); q.paragraph_format.left_indent = ind
        return q
    def entry(org, dates, what, hs=()):
        para(doc, (org, "b"), "\t" + dates, tabs=rt, ind=(ind, 0))
        para(doc, (what, "i"), ind=(ind, 0))
        bullets(doc, hs, ind=(ind + Inches(0.25), -Inches(0.25)))
    text_box(section(h["exp"]), side, 2.0, 9.0)
    for w in p["work"]: entry(w["name"], when(w, st, zh), w["position"], w["highlights"])
    section(h["edu"])
    for e in p["education"]: entry(e["institution"], when(e, st, zh), degree_line(e, zh))
    return doc

LAYOUTS = [("wtab", wtab), ("wleft", wleft), ("wgrid", wgrid), ("wside", wside), ("wform", wform),
           ("wsect", wsect), ("wbox", wbox)]
