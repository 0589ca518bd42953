#!/usr/bin/env python3
"""Report import cycles among the modules of a Rust module folder (default: src/extract).

Each file of the folder is a node (mod.rs is the parent module itself). An edge A -> B is
any path from A's non-test code that names sibling module B (`super::B`, `crate::extract::B`,
`use super::{B, ...}`) or, for a name that is not a sibling module, an item of the parent
(`super::Words` -> mod). The parent's own edges are its paths into children, except the
`mod` declarations and `pub use` re-exports that make up the facade. `#[cfg(test)]` modules
are skipped: tests may reach anywhere. Exit 1 and print each cycle if the graph is not
a DAG; print the layering otherwise.

Usage: scripts/check-module-cycles.py [FOLDER] [CRATE_PATH]
"""
import re
import sys
from pathlib import Path


def strip_tests(src: str) -> str:
    """Drop everything from the first `#[cfg(test)]` item whose block is a test module."""
    m = re.search(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", src)
    return src[: m.start()] if m else src


def strip_comments(src: str) -> str:
    """Drop comment lines (doc links name modules without using them)."""
    return "\n".join(l for l in src.splitlines() if not l.lstrip().startswith("//"))


def names_in_group(group: str) -> list[str]:
    """Top-level names of a `{a, b::c, d::{e, f}}` use group."""
    out, depth, cur = [], 0, ""
    for ch in group:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(cur)
            cur = ""
            continue
        if depth == 0:
            cur += ch
    out.append(cur)
    return [re.split(r"::|\s", n.strip())[0] for n in out if n.strip()]


def edges(folder: Path, crate_path: str) -> dict[str, set[str]]:
    files = sorted(p for p in folder.glob("*.rs"))
    mods = {p.stem for p in files if p.stem != "mod"}
    graph: dict[str, set[str]] = {p.stem: set() for p in files}
    for p in files:
        me = p.stem
        src = strip_comments(strip_tests(p.read_text(encoding="utf-8")))
        refs: list[str] = []
        if me == "mod":
            for line in src.splitlines():
                s = line.strip()
                if re.match(r"(pub(\([^)]*\))?\s+)?mod\s|pub(\([^)]*\))?\s+use\s", s):
                    continue  # declarations and re-exports: the facade
                refs += [n for n in re.findall(r"\b(\w+)::", s) if n in mods]
        else:
            prefixes = [r"super::", re.escape(crate_path) + "::"]
            for pre in prefixes:
                for m in re.finditer(pre + r"\{([^;]*)\}", src):
                    refs += names_in_group(m.group(1))
                refs += re.findall(pre + r"(\w+)", src)
        for r in refs:
            if r == "self" or r == "super":
                continue
            target = r if r in mods else "mod"
            if target != me:
                graph[me].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                c = visit(m)
                if c:
                    return c
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            c = visit(n)
            if c:
                return c
    return None


def layers(graph: dict[str, set[str]]) -> list[list[str]]:
    level: dict[str, int] = {}

    def depth(n: str) -> int:
        if n not in level:
            level[n] = 1 + max((depth(m) for m in graph[n]), default=-1)
        return level[n]

    for n in graph:
        depth(n)
    out: list[list[str]] = []
    for n, d in level.items():
        while len(out) <= d:
            out.append([])
        out[d].append(n)
    return [sorted(l) for l in out]


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "src/extract")
    crate_path = sys.argv[2] if len(sys.argv) > 2 else "crate::extract"
    graph = edges(folder, crate_path)
    cycle = find_cycle(graph)
    if cycle:
        print(f"{folder}: import cycle: {' -> '.join(cycle)}")
        for n in sorted(graph):
            print(f"  {n} -> {', '.join(sorted(graph[n])) or '-'}")
        return 1
    print(f"{folder}: no import cycle; layers (bottom first): "
          + " | ".join(", ".join(l) for l in layers(graph)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
