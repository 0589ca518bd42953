#!/usr/bin/env python3
"""Regenerate src/read/pdf/cid/*.u16 from Adobe's CID → Unicode CMaps.

usage: gen-cid-tables.py CMAP_DIR

CMAP_DIR holds Adobe's cmap-resources (BSD-3-Clause, Adobe), e.g. Debian's poppler-data at
/usr/share/poppler/cMap. For each character collection read here (Adobe-GB1: Simplified
Chinese, Adobe-CNS1: Traditional Chinese) the `Adobe-<ordering>-UCS2` CMap maps CIDs to UCS-2;
the table written is one little-endian u16 per CID (0 = no Unicode value; U+FFFD entries are left at 0), read by
src/read/pdf/cid.rs for CID fonts that carry no ToUnicode map (xelatex's Fandol fonts).
"""
import os, re, sys

COLLECTIONS = ["GB1", "CNS1"]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "read", "pdf", "cid")


def parse(path):
    text = open(path, encoding="latin-1").read()
    table = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for cid, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            if len(uni) == 4:
                table[int(cid, 16)] = int(uni, 16)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            if len(dst) == 4:
                for k in range(int(hi, 16) - int(lo, 16) + 1):
                    table[int(lo, 16) + k] = int(dst, 16) + k
    return table


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for c in COLLECTIONS:
        table = parse(os.path.join(sys.argv[1], f"Adobe-{c}", f"Adobe-{c}-UCS2"))
        n = max(table) + 1
        data = bytearray(2 * n)
        for cid, u in table.items():
            if u == 0xFFFD:  # .notdef and friends: no character
                continue
            data[2 * cid : 2 * cid + 2] = u.to_bytes(2, "little")
        with open(os.path.join(OUT, f"Adobe-{c}.u16"), "wb") as f:
            f.write(data)
        print(f"Adobe-{c}: {len(table)} CIDs mapped, table {len(data)} bytes")


main()
