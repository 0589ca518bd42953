#!/usr/bin/env python3
"""Fail when text of the private documents appears in the repository (issue 14's acceptance check).

Reads at run time the user's seed résumés (`SHARED/seeds/`) and the real public résumés of the
development set (`SHARED/eval-dev/realdocs/`: Markdown/text/HTML documents in `docs/`, the text
renderings of PDF/DOCX/HTML in `ref/`, person names in `gold.json`) and collects from each document:

* person names: the names in gold.json; a "姓名：" / "Name:" line; a leading Markdown heading that
  looks like a name; a 2-4 character Han name opening the document's first sentence ("X，现任…");
  the Han run whose pinyin spells an e-mail local part or a handle (yuan.zhaoyi -> the Han name).
  Every Han name also yields its pinyin forms (both orders, joined or spaced, given name alone when
  it has two syllables) when the document itself prints that form. Names match case-insensitively
  on word boundaries; Latin names also with the two parts swapped;
* contacts: e-mail addresses, phone numbers (7+ digits, separators ignored), URLs without scheme,
  and handles on code/social hosts (github.com/HANDLE, linkedin.com/in/HANDLE, ...);
* text fragments: every run between punctuation, line breaks or column gaps (2+ spaces) with at
  least 24 non-CJK characters or at least 10 CJK characters, compared case-insensitively with
  whitespace collapsed. Fragments that are part of a label in `ontology/*.ttl` are vocabulary and
  allowed.

Scanned: the tracked text files under src/ tests/ examples/ docs/ benches/ and README.md, plus the
text of DOCX files (word/*.xml). Rendered PDFs are skipped: they are rendered from the fixture
sources, which are scanned (tests/fixtures/*.txt, tests/fixtures/render/render.py).

Prints `path:line: <source document>: <what>` per hit and exits 1 on any hit. When SHARED is
missing it skips with a message (exit 0), except when the environment variable CI is set (exit 1).
Needs the `pypinyin` package for the pinyin forms (in CI it must be installed; elsewhere the
pinyin forms are skipped with a warning).

Usage: scripts/check-private-text.py [SHARED]   (default: ../shared next to the repository root)
"""
import bisect
import html
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCAN = ["src", "tests", "examples", "docs", "benches", "README.md"]
MIN_LATIN, MIN_CJK = 24, 10

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
CJK_RE = re.compile(f"[{CJK}]")
HAN_RUN = re.compile(f"[{CJK}]+")
# Clause punctuation (ASCII and full-width), line breaks, tabs and column gaps end a fragment.
# A period ends one only before a space or the end, so "1.8B" and "node.js" stay whole.
SPLIT = re.compile(
    r"[\n\r\t,;:!?()\[\]{}<>\"“”‘’`|*#=•·…。，、；：！？（）【】「」『』《》〈〉～~]|\.(?=\s|$)| {2,}"
)
EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#@!$&*+=%-]+", re.I)
PHONE = re.compile(r"\+?\d[\d \-().]{5,}\d")
# Code and social hosts whose first path segment (after the given prefix) is a personal handle.
HANDLE_HOSTS = {
    "github.com": "", "gitlab.com": "", "gitee.com": "", "twitter.com": "", "x.com": "",
    "linkedin.com": "in/", "zhihu.com": "people/", "juejin.cn": "user/", "weibo.com": "",
    "blog.csdn.net": "", "medium.com": "", "stackoverflow.com": "users/", "leetcode.cn": "u/",
    "leetcode.com": "u/",
}
NAME_LINE = re.compile(r"^\s*(?:姓\s*名|name)\s*[:：]\s*(.+?)\s*$", re.I | re.M)


def norm(text: str) -> str:
    """NFKC, lower case, whitespace collapsed, no space between two CJK characters."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = re.sub(r"\s+", " ", t)
    return re.sub(f"(?<=[{CJK}]) (?=[{CJK}])", "", t)


def fragments(text: str):
    """The normalized fragments of `text` long enough to identify their document."""
    for raw in SPLIT.split(unicodedata.normalize("NFKC", text)):
        f = norm(raw).strip(" -–—_/.'")
        cjk = len(CJK_RE.findall(f))
        if cjk >= MIN_CJK or (cjk == 0 and len(f) >= MIN_LATIN and re.search("[a-z]{3}", f)):
            yield f


def html_text(raw: str) -> str:
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    raw = re.sub(r"(?i)<br\s*/?>|</(p|div|li|h\d|tr|td|th)>", "\n", raw)
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", errors="replace")


def pinyin_tools():
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:
        return None
    cache: dict[str, str] = {}

    def syllables(han: str) -> list[str]:
        out = []
        for ch in han:
            if ch not in cache:
                cache[ch] = "".join(lazy_pinyin(ch, style=Style.NORMAL, errors="ignore"))
            out.append(cache[ch])
        return out

    return syllables


class Source:
    """One private document: its label, its text and what identifies its person."""

    def __init__(self, label: str, raw: str, text: str):
        self.label, self.raw, self.text = label, raw, text
        self.names: set[str] = set()
        self.contacts: set[str] = set()


def collect_sources(shared: Path) -> list[Source]:
    sources = []
    seeds = shared / "seeds"
    if seeds.is_dir():
        for p in sorted(seeds.iterdir()):
            if p.is_file():
                t = read_text(p)
                sources.append(Source(f"seeds/{p.name}", t, t))
    rd = shared / "eval-dev" / "realdocs"
    gold = {}  # document file name -> (names, owner of the repository it was published in)
    if (rd / "gold.json").is_file():
        for d in json.loads((rd / "gold.json").read_text(encoding="utf-8")).get("documents", []):
            owner = str(d.get("source") or "").split("/")[0]
            gold[os.path.basename(str(d.get("doc") or ""))] = ((d.get("person") or {}).get("names") or [], owner)
    docs = rd / "docs"
    if docs.is_dir():
        for p in sorted(docs.iterdir()):
            ref = rd / "ref" / (p.name + ".txt")
            raw = read_text(p) if p.suffix in (".md", ".txt", ".html") else ""
            if p.suffix == ".html":  # links only: the markup itself is boilerplate
                raw = " ".join(html.unescape(u) for u in re.findall(r"href\s*=\s*[\"']([^\"']+)", raw))
            if ref.is_file():
                text = read_text(ref)
            elif p.suffix == ".html":
                text = html_text(raw)
            else:
                text = raw
            if not text and not raw:
                continue
            s = Source(f"eval-dev/realdocs/docs/{p.name}", raw + "\n" + text, text)
            names, owner = gold.get(p.name, ([], ""))
            s.names.update(n for n in names if n)
            if len(owner) >= 3:
                s.contacts.add("handle:" + owner.lower())
            sources.append(s)
    return sources


def find_identity(s: Source, pinyin):
    """Fill `s.names` and `s.contacts` from the document's own text."""
    full = unicodedata.normalize("NFKC", s.raw)
    for m in EMAIL.finditer(full):
        s.contacts.add(m.group(0).lower())
    handles = {m.group(0).split("@")[0].lower() for m in EMAIL.finditer(full)}
    for m in URL.finditer(full):
        u = re.sub(r"^(https?://)?(www\.)?", "", m.group(0).lower(), flags=re.I).rstrip("/.,;:")
        if u.startswith("mailto:") or len(u) < 6:
            continue
        host, _, path = u.partition("/")
        if host in HANDLE_HOSTS:
            prefix = HANDLE_HOSTS[host]
            seg = path[len(prefix):].split("/")[0] if path.startswith(prefix) else ""
            seg = seg.lstrip("@")
            if len(seg) >= 3:
                handles.add(seg)
                s.contacts.add(f"{host}/{prefix}{seg}")
        else:
            s.contacts.add(u)
    for m in PHONE.finditer(full):
        digits = re.sub(r"\D", "", m.group(0))
        # Dates and ranges (2019.01-2020.03) are not phones: need a long unbroken digit run.
        if re.fullmatch(r"(?:19|20)\d\d[ .-]*(?:19|20)\d\d", m.group(0).strip()):
            continue  # a year range (2003-2007), not a phone
        if len(digits) >= 7 and re.search(r"\d{7}|\d{3,4}[ -]\d{4}", m.group(0)):
            s.contacts.add("tel:" + digits[-11:] if len(digits) > 11 else "tel:" + digits)
    s.contacts.update("handle:" + h for h in handles if len(h) >= 5)
    # Name lines and a leading name heading.
    for m in NAME_LINE.finditer(full):
        s.names.add(re.split(r"\s{2,}|[|，,/]", m.group(1).strip())[0].strip())
    lines = [l.strip() for l in full.splitlines() if l.strip()]
    for l in lines[:3]:
        h = re.match(r"^#{1,3}\s+(.+)$", l)
        if h and re.fullmatch(r"[A-Z][a-z]+(?:[ ,]+[A-Z][a-z]+){1,3}", h.group(1).strip()):
            s.names.add(h.group(1).strip())
        c = re.match(f"^([{CJK}]{{2,4}})[，,]", l)
        if c:
            s.names.add(c.group(1))
    if pinyin is None:
        return
    # The Han run whose pinyin spells a handle / e-mail local part is the person's name.
    keys = {re.sub(r"[^a-z]", "", h) for h in handles}
    keys = {k for k in keys if len(k) >= 5}
    best: dict[str, str] = {}  # key -> the longest Han run spelling it (or its start)
    if keys:
        for run in sorted(set(HAN_RUN.findall(full))):
            for n in (3, 2, 4):
                for i in range(len(run) - n + 1):
                    han = run[i:i + n]
                    py = pinyin(han)
                    joined = "".join(py)
                    variants = {joined, "".join(py[1:] + py[:1])}
                    for k in keys:
                        if any(k == v or (k.startswith(v) and len(v) >= 6) for v in variants):
                            if len(han) > len(best.get(k, "")):
                                best[k] = han
    s.names.update(best.values())


def name_patterns(s: Source, pinyin) -> list[tuple[re.Pattern, str]]:
    """Regexes for every form of the document's person names, each with a description."""
    text_lower = norm(s.raw)
    forms: set[str] = set()
    for name in s.names:
        name = unicodedata.normalize("NFKC", name).strip()
        if not name:
            continue
        if CJK_RE.search(name):
            han = re.sub(r"\s", "", name)
            forms.add(han)
            if pinyin is not None and re.fullmatch(f"[{CJK}]{{2,4}}", han):
                py = pinyin(han)
                fam, given = py[:1], py[1:]
                candidates = {
                    " ".join(fam + ["".join(given)]), " ".join(["".join(given)] + fam),
                    "".join(fam + given), "".join(given + fam),
                    " ".join(fam + given), " ".join(given + fam),
                }
                if len(given) >= 2:
                    candidates.add("".join(given))
                # The pinyin forms count when the document itself prints one (gives both forms).
                if any(re.search(r"(?<![a-z])" + re.escape(c).replace(r"\ ", r"[\s._-]*") + r"(?![a-z])",
                                 text_lower) for c in candidates):
                    forms.update(candidates)
        else:
            parts = [p for p in re.split(r"[\s,]+", name) if p]
            forms.add(" ".join(parts))
            if len(parts) >= 2:
                forms.add(" ".join(parts[-1:] + parts[:-1]))  # family name first
                forms.add(" ".join(parts[:1] + parts[-1:]))   # first and last
                forms.add(" ".join(parts[-1:] + parts[:1]))
                if len(parts) >= 3:                             # "Nick, Given Family"
                    forms.add(" ".join(parts[1:]))
                    forms.add(" ".join(parts[-1:] + parts[1:-1]))
                    # A two-syllable pinyin given name alone ("Guoqiang") is distinctive.
                    for p in parts[1:-1]:
                        if len(p) >= 6:
                            forms.add(p)
    pats = []
    for f in forms:
        if len(f) < 2:
            continue
        if CJK_RE.search(f):
            pats.append((re.compile(re.escape(f)), f"name {f}"))
        else:
            body = r"[\s._-]*".join(re.escape(w) for w in f.split())
            pats.append((re.compile(r"(?<![A-Za-z])" + body + r"(?![A-Za-z])", re.I), f"name {f}"))
    return pats


def ontology_labels() -> str:
    labels = []
    for p in sorted((ROOT / "ontology").glob("*.ttl")):
        labels += re.findall(r'"([^"\n]+)"', p.read_text(encoding="utf-8"))
    return "\x00".join(norm(l) for l in labels)


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *SCAN],
                         capture_output=True, text=True, check=True).stdout
    return [f for f in out.split("\0") if f]


def file_text(rel: str) -> str | None:
    p = ROOT / rel
    if not p.is_file():
        return None
    data = p.read_bytes()
    if rel.endswith((".docx", ".odt", ".xlsx")):
        try:
            with zipfile.ZipFile(p) as z:
                parts = [n for n in z.namelist() if n.endswith(".xml") and z.getinfo(n).file_size < 20_000_000]
                xml = " ".join(z.read(n).decode("utf-8", "replace") for n in parts)
        except (zipfile.BadZipFile, OSError, RuntimeError):
            return None
        return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</w:p>|</text:p>", "\n", xml)))
    if b"\0" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # binary (rendered PDFs, images): checked through their sources
    return read_text(p)


def main() -> int:
    start = time.time()
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    if not (shared / "seeds").is_dir() and not (shared / "eval-dev" / "realdocs").is_dir():
        if os.environ.get("CI"):
            print(f"check-private-text: {shared} not found, and CI is set: failing")
            return 1
        print(f"check-private-text: {shared} not found; skipping the private-text check")
        return 0
    pinyin = pinyin_tools()
    if pinyin is None:
        if os.environ.get("CI"):
            print("check-private-text: the pypinyin package is missing (pip install pypinyin)")
            return 1
        print("check-private-text: warning: pypinyin missing, pinyin name forms not checked")
    sources = collect_sources(shared)
    labels = ontology_labels()
    # Fragment -> first source; index by the first MIN_CJK / MIN_LATIN characters.
    frag_src: dict[str, str] = {}
    frag_docs: dict[str, int] = {}
    for s in sources:
        for f in set(fragments(s.text)):
            if f not in labels:
                frag_src.setdefault(f, s.label)
                frag_docs[f] = frag_docs.get(f, 0) + 1
    # A fragment that several people wrote is common usage, not one person's text.
    frag_src = {f: src for f, src in frag_src.items() if frag_docs[f] == 1}
    anchors: dict[str, list[str]] = {}
    for f in frag_src:
        anchors.setdefault(f[:MIN_CJK] if CJK_RE.search(f[:MIN_CJK]) else f[:MIN_LATIN], []).append(f)
    anchor_lens = sorted({len(a) for a in anchors})
    ident = []  # (regex source, description, source document)
    for s in sources:
        find_identity(s, pinyin)
        for pat, what in name_patterns(s, pinyin):
            ident.append((pat.pattern, what, s.label))
        for c in s.contacts:
            if c.startswith("tel:"):
                digits = c[4:]
                body = r"[\s().-]*".join(re.escape(d) for d in digits)
                ident.append((r"(?<!\d)" + body + r"(?!\d)", f"phone {digits}", s.label))
            elif c.startswith("handle:"):
                h = c[7:]
                ident.append((r"(?<![A-Za-z0-9])" + re.escape(h) + r"(?![A-Za-z0-9])", f"handle {h}", s.label))
            else:
                ident.append((re.escape(c), f"contact {c}", s.label))
    # A literal needle (the longest word of the pattern's text) gates each regex cheaply.
    gated = []
    for pat, what, src in ident:
        words = re.findall(r"[^\W\d_]{2,}|\d{4,}", re.sub(r"\\[sdSDwW]|\[[^\]]*\]|\(\?[^)]*\)", " ", pat).replace("\\", ""))
        needle = max(words, key=len).lower() if words else ""
        gated.append((needle, re.compile(pat, re.I), what, src))
    corpus_cache: list[str] = []

    def public(fragment: str) -> bool:
        """Whether the fragment also occurs in the public annotated corpora (common usage)."""
        if not corpus_cache:
            texts = []
            for p in sorted((shared / "eval-dev").glob("*.jsonl")):
                for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
                    try:
                        texts.append(norm(str(json.loads(line).get("text", ""))))
                    except (ValueError, AttributeError):
                        continue
            corpus_cache.append("\x00".join(texts))
        return fragment in corpus_cache[0]

    hits = 0
    scanned = 0
    for rel in tracked_files():
        text = file_text(rel)
        if text is None:
            continue
        scanned += 1
        text = unicodedata.normalize("NFKC", text)
        lower = text.lower()
        reported = set()
        for needle, pat, what, src in gated:
            if needle and needle not in lower:
                continue
            for m in pat.finditer(text):
                line = text.count(chr(10), 0, m.start()) + 1
                if (line, src, what.split()[0]) in reported:
                    continue  # one name (or phone...) per line and document is enough
                reported.add((line, src, what.split()[0]))
                print(f"{rel}:{line}: {src}: {what}")
                hits += 1
        # Fragments may wrap lines: scan the normalized file, mapping offsets back to lines.
        joined, starts = "", []
        for line in text.splitlines():
            n = norm(line.rstrip().rstrip("\\")).strip()
            if joined and n and not (CJK_RE.match(joined[-1]) and CJK_RE.match(n[0])):
                joined += " "
            starts.append(len(joined))
            joined += n
        seen = set()
        for i in range(len(joined)):
            for k in anchor_lens:
                cands = anchors.get(joined[i:i + k])
                if not cands:
                    continue
                for f in cands:
                    if f not in seen and joined.startswith(f, i):
                        seen.add(f)
                        if public(f):
                            continue
                        print(f"{rel}:{bisect.bisect_right(starts, i)}: {frag_src[f]}: {f}")
                        hits += 1
    secs = time.time() - start
    print(f"check-private-text: {len(sources)} private documents, {len(frag_src)} fragments, "
          f"{len(ident)} names/contacts; {scanned} files scanned in {secs:.1f}s; {hits} hits")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
