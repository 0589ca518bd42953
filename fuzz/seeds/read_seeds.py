#!/usr/bin/env python3
"""Write the seed inputs of the read_pdf, read_docx and read_html fuzz targets.

Sources: the fictional DOCX renderings in tests/fixtures/rendered/ and a few hand-written
(fictional) snippets. Run from the repository root: python3 fuzz/seeds/read_seeds.py
The part separator must match careergraph::fuzzing::PART_SEPARATOR.
"""
import os
import shutil
import zipfile

SEP = b"\n%%PART%%\n"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RENDERED = os.path.join(ROOT, "tests", "fixtures", "rendered")
SEEDS = os.path.join(ROOT, "fuzz", "seeds")

STYLES = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:rPr><w:b/><w:sz w:val="48"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"""

FIELDS_DOC = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Nadia Okafor</w:t></w:r></w:p>
<w:p><w:hyperlink r:id="rId9"><w:r><w:t xml:space="preserve">Email </w:t></w:r></w:hyperlink><w:r><w:tab/></w:r><w:fldSimple w:instr=" HYPERLINK &quot;https://github.com/nokafor&quot; "><w:r><w:t>GitHub</w:t></w:r></w:fldSimple></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://nadia.example.org" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Homepage</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Experience</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:ind w:left="720"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Tailspin Toys</w:t></w:r><w:r><w:t xml:space="preserve"> | Data Engineer | 2019.04 - 2023.06</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Moved nightly batch jobs (Python, Airflow) to streaming, cutting lag from 6 h to 5 min.</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>So&#173;ft hy&#xAD;phen and ligature &#xFB01;le.</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>教育背景</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>2015.09 - 2019.06</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>某某大学 | 计算机科学 | 本科</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>
<w:sectPr/></w:body></w:document>""".encode()

RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:nadia@example.org" TargetMode="External"/>
</Relationships>"""

CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Fuzz-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
3 beginbfchar <41> <0041> <42> <4E2D> <43> <FB01> endbfchar
2 beginbfrange <61> <7A> <0061> <30> <32> [<0030> <2F08> <00AD>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""

PDF_CONTENTS = [
    # A sidebar beside a main column, right-aligned dates.
    (b"BT /F1 16 Tf 200 790 Td (Lena Moreau) Tj ET\n"
     b"BT /F1 10 Tf 40 760 Td (Contact) Tj 0 -14 Td (lena@example.org) Tj 0 -14 Td (Skills) Tj 0 -14 Td (Go, Rust, SQL) Tj ET\n"
     b"BT /F1 10 Tf 200 760 Td (Experience) Tj 0 -14 Td (Wingtip Labs | Backend Engineer) Tj ET\n"
     b"BT /F1 10 Tf 480 746 Td (2020.01 - Present) Tj ET\n"
     b"BT /F1 10 Tf 200 732 Td [(Served 20K) -250 (QPS with p99 un) 20 (der 50 ms.)] TJ T* (next-) ' 2 1 (line) \" ET\n", None),
    # Text matrices, state stack, a hyphen split across lines, a repeated footer.
    (b"q 1 0 0 1 0 0 cm BT /F1 11 Tf 1 0 0 1 72 700 Tm 14 TL (Built the recommen-) Tj T* (dation service.) Tj ET Q\n"
     b"q 0.5 0 0 0.5 36 36 cm BT /F1 8 Tf 20 20 Td (Page 1 of 1) Tj ET Q\n"
     b"BT /F1 9 Tf 3 Tr 72 600 Td (invisible) Tj 0 Tr 2 Tc 1 Tw 90 Tz 0 Ts (spaced) Tj ET\n", None),
    # A ToUnicode CMap with bfchar and bfrange (array form), odd code points.
    (b"BT /F1 12 Tf 72 720 Td (ABC) Tj 0 -16 Td (abc 012) Tj 0 -16 Td <414243> Tj ET\n", CMAP),
]


def write(target, name, data):
    d = os.path.join(SEEDS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    for i, (content, cmap) in enumerate(PDF_CONTENTS):
        write("read_pdf", f"content{i}", content + (SEP + cmap if cmap else b""))
    for name in ["en-bullets.docx", "table-layout-zh.docx", "textbox-sidebar.docx"]:
        z = zipfile.ZipFile(os.path.join(RENDERED, name))
        parts = [z.read("word/document.xml"), STYLES, z.read("word/numbering.xml"),
                 z.read("word/_rels/document.xml.rels")]
        write("read_docx", name.replace(".docx", ".parts"), SEP.join(parts))
    write("read_docx", "fields.parts", SEP.join([FIELDS_DOC, STYLES, b"", RELS]))
    # read_pdf and read_html also start from the rendered PDF/HTML fixtures themselves:
    # scripts/fuzz.sh passes a folder of them as a read-only seed corpus (no copies here).


if __name__ == "__main__":
    main()
