#!/usr/bin/env python3
"""Compare careergraph with the Python tools a user would otherwise pick, on the same
generated résumés, in one run (normally started by benches/compare.sh).

Measured:
  (a) extraction throughput: `careergraph extract --format jsonl DIR` (all cores, and one
      thread) vs a pyresparser-style spaCy pipeline (spacy.blank("en"/"zh") tokenizer +
      EntityRuler over the same technology and organisation vocabularies, exported from
      ontology/*.ttl with rdflib, plus regexes for contacts, dates and QPS figures), one process;
  (b) load + query: `careergraph ingest DIR` then `careergraph query go-qps-10k`, vs rdflib and
      pyoxigraph loading the N-Quads that `careergraph export --format nquads` wrote and running
      the same go-qps-10k SPARQL (its parameters' defaults substituted as constants); careergraph also
      loads that N-Quads file itself for a like-for-like load. Two variants of the query show
      where the time goes: 'tuned' (the technology lookup in a sub-select, for rdflib) and
      'direct' (?technology bound to the concept IRI instead of matched by label). All engines
      must return the same people.

Every measured step runs in its own process; times are wall-clock, memory is the peak RSS of
that process (os.wait4). The Python engines run as child processes of this script
(`--engine spacy|rdflib|pyoxigraph`); slow queries stop at their time limit and are reported
as such.
"""

import argparse
import csv
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

QUERY_NAME = "go-qps-10k"
SKOS = "http://www.w3.org/2004/02/skos/core#"
CG = "https://w3id.org/careergraph/ont#"
XSD = "http://www.w3.org/2001/XMLSchema#"
GO_LABEL_TRIPLE = (
    "<https://w3id.org/careergraph/tech/go> "
    "<http://www.w3.org/2004/02/skos/core#prefLabel>"
)
QUERY_REPEATS = 3


# --------------------------------------------------------------------------------------------
# helpers


def die(msg):
    print(f"compare.py: {msg}", file=sys.stderr)
    sys.exit(2)


def measure(cmd, *, env=None, stdout_path=None, timeout=None):
    """Run a command; wall time, peak RSS (MiB), exit code, timeout flag, stderr tail."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    timed_out = [False]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
    timer = None
    if timeout:

        def kill():
            timed_out[0] = True
            p.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t0
    if timer:
        timer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    if stdout_path:
        out.close()
    err.seek(0)
    stderr = err.read().decode("utf-8", "replace")
    err.close()
    return {
        "seconds": seconds,
        "rss_mib": usage.ru_maxrss / 1024.0,
        "rc": p.returncode,
        "timed_out": timed_out[0],
        "stderr": stderr[-2000:],
    }


def check(run, what):
    if run["timed_out"]:
        return
    if run["rc"] != 0:
        die(f"{what} failed (exit {run['rc']}):\n{run['stderr']}")


def machine():
    info = {"nproc": len(os.sched_getaffinity(0)), "cpus": os.cpu_count()}
    model = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info["cpu"] = model
    ram = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    ram = int(line.split()[1]) / 1024 / 1024
                    break
    except OSError:
        pass
    info["ram_gib"] = ram
    info["os"] = f"{platform.system()} {platform.release()}"
    info["python"] = platform.python_version()
    return info


def versions(binary):
    v = {}
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
        v["careergraph"] = out.stdout.strip().removeprefix("careergraph").strip()
    except OSError:
        v["careergraph"] = "?"
    for mod in ("spacy", "rdflib", "pyoxigraph"):
        try:
            m = __import__(mod)
            v[mod] = getattr(m, "__version__", "?")
        except ImportError:
            v[mod] = "not installed"
    return v


def corpus_files(corpus):
    files = []
    for dirpath, _, names in os.walk(corpus):
        for n in names:
            if n.endswith((".txt", ".md")) and not n.startswith("."):
                files.append(os.path.join(dirpath, n))
    files.sort()
    return files


def has_han(text, at_least=20):
    n = 0
    for c in text:
        if "\u4e00" <= c <= "\u9fff":
            n += 1
            if n >= at_least:
                return True
    return False


def bound_query(root):
    """queries/go-qps-10k.rq with its parameters' defaults substituted textually as constants,
    the way careergraph binds them: a "label" parameter becomes its label key (trimmed and
    lower-cased, matched against cg:labelKey), a decimal a typed xsd:decimal literal."""
    path = os.path.join(root, "queries", f"{QUERY_NAME}.rq")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    params = []
    for line in text.splitlines():
        m = re.match(r"#\s*param:\s*(\w+)\s+(\w+)\s+(.*?)\s*(--.*)?$", line)
        if not m:
            continue
        name, kind, default = m.group(1), m.group(2), m.group(3)
        if default.startswith('"') and default.endswith('"'):
            default = default[1:-1]
        if kind == "decimal":
            term = f'"{default}"^^<{XSD}decimal>'
        elif kind == "integer":
            term = f'"{default}"^^<{XSD}integer>'
        elif kind == "date":
            term = f'"{default}"^^<{XSD}date>'
        elif kind == "iri":
            term = f"<{default}>"
        elif kind == "label":
            term = json.dumps(default.strip().lower(), ensure_ascii=False)
        else:
            term = json.dumps(default, ensure_ascii=False)
        params.append((name, term))
    m = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
    if not m:
        die(f"no WHERE clause in {path}")
    # Substitute in the query body only (not in the "# param:" comment headers); \b keeps
    # ?tech from matching the start of ?technology.
    head, body = text[: m.start()], text[m.start():]
    for name, term in params:
        body = re.sub(r"\?" + re.escape(name) + r"\b", lambda _m, t=term: t, body)
    return head + body


def tuned_query(bound):
    """The same query with the technology lookup (which shares no variable with the rest of
    the pattern) moved into a sub-select, the rewrite a user of a naive engine would make.
    None when the query does not have the expected shape."""
    m = re.search(
        r"(\n\s*VALUES[^\n]*\n)(\s*\n)?(\s*\?technology [^\n]*\n\s*FILTER\([^\n]*\)\s*\n)",
        bound,
    )
    if not m:
        return None
    sub = (
        "\n  { SELECT DISTINCT ?technology ?min WHERE {"
        + m.group(1).rstrip("\n")
        + "\n"
        + m.group(3).rstrip()
        + "\n  } }\n"
    )
    return bound[: m.start()] + sub + bound[m.end():]


def read_csv_people(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [(r["person"], r["name"], r.get("qps", "")) for r in rows]


def answer_sets(rows):
    people = {r[0] for r in rows}
    pairs = set()
    for r in rows:
        try:
            pairs.add((r[0], float(r[2])))
        except (TypeError, ValueError):
            pairs.add((r[0], None))
    return people, pairs


# --------------------------------------------------------------------------------------------
# child engines


def vocabulary_patterns(ontology_dir):
    """EntityRuler patterns from the careergraph vocabularies (rdflib), as a user would
    export them: every prefLabel/altLabel of a technology or organisation concept."""
    from rdflib import Graph, Namespace, URIRef

    skos = Namespace(SKOS)
    tech_scheme = URIRef(CG + "TechnologyScheme")
    org_scheme = URIRef(CG + "OrganizationScheme")
    patterns = []
    for name in ("technologies.ttl", "organizations.ttl"):
        g = Graph()
        g.parse(os.path.join(ontology_dir, name), format="turtle")
        schemes = {s: o for s, o in g.subject_objects(skos.inScheme)}
        for pred in (skos.prefLabel, skos.altLabel):
            for s, label in g.subject_objects(pred):
                scheme = schemes.get(s)
                if scheme == tech_scheme:
                    kind = "TECH"
                elif scheme == org_scheme:
                    kind = "ORG"
                else:
                    continue
                patterns.append({"label": kind, "pattern": str(label), "id": str(s)})
    patterns.sort(key=lambda p: (p["label"], p["pattern"], p["id"]))
    return patterns


EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(r"\+?\d[\d\- ]{7,16}\d")
DATE_RANGE_RE = re.compile(
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+)?(?:19|20)\d\d(?:[./年]\d{1,2}月?)?"
    r"\s*[-–—~至]\s*"
    r"(?:Present|至今|今|(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+)?(?:19|20)\d\d(?:[./年]\d{1,2}月?)?)"
)
QPS_RE = re.compile(
    r"(\d+(?:\.\d+)?)\s*([KkMmWw万]?)\+?\s*(?:peak\s+)?(?:QPS|requests per second)"
    r"|QPS\s*(?:exceeded\s*|峰值\s*)?(\d+(?:\.\d+)?)\s*([KkMmWw万]?)",
)
SCALE = {"": 1, "k": 1e3, "m": 1e6, "w": 1e4, "万": 1e4}


def qps_values(text):
    out = []
    for m in QPS_RE.finditer(text):
        num, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        out.append(float(num) * SCALE.get((unit or "").lower(), 1))
    return out


def engine_spacy(args):
    import spacy

    t0 = time.perf_counter()
    patterns = vocabulary_patterns(os.path.join(args.root, "ontology"))
    pipelines = {}
    for lang in ("en", "zh"):
        nlp = spacy.blank(lang)
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
        ruler.add_patterns(patterns)
        pipelines[lang] = nlp
    setup = time.perf_counter() - t0

    t1 = time.perf_counter()
    files = corpus_files(args.corpus)
    docs = {"en": [], "zh": []}
    total_bytes = 0
    for path in files:
        with open(path, "rb") as f:
            raw = f.read()
        total_bytes += len(raw)
        text = raw.decode("utf-8", "replace")
        docs["zh" if has_han(text) else "en"].append((path, text))
    stats = {"docs": 0, "tech": 0, "org": 0, "go_docs": 0, "qps_docs": 0}
    with open(args.out, "w", encoding="utf-8") as out:
        for lang, items in docs.items():
            nlp = pipelines[lang]
            texts = (t for _, t in items)
            for (path, text), doc in zip(items, nlp.pipe(texts, batch_size=64)):
                first = next((ln for ln in text.splitlines() if ln.strip()), "")
                name = first.lstrip("#").split("|")[0].strip()
                skills = sorted({e.ent_id_ for e in doc.ents if e.label_ == "TECH"})
                orgs = sorted({e.ent_id_ for e in doc.ents if e.label_ == "ORG"})
                qps = qps_values(text)
                record = {
                    "source": path,
                    "lang": lang,
                    "name": name,
                    "emails": sorted(set(EMAIL_RE.findall(text))),
                    "phones": sorted(set(PHONE_RE.findall(text))),
                    "skills": skills,
                    "organizations": orgs,
                    "date_ranges": len(DATE_RANGE_RE.findall(text)),
                    "qps": qps,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                stats["docs"] += 1
                stats["tech"] += len(skills)
                stats["org"] += len(orgs)
                go = "https://w3id.org/careergraph/tech/go" in skills
                stats["go_docs"] += int(go)
                stats["qps_docs"] += int(go and any(v > 10000 for v in qps))
    run = time.perf_counter() - t1
    result = {
        "setup_s": setup,
        "run_s": run,
        "bytes": total_bytes,
        "patterns": len(patterns),
        **stats,
    }
    with open(args.result, "w", encoding="utf-8") as f:
        json.dump(result, f)


class QueryTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise QueryTimeout()


def engine_rdf(args):
    """Load dump.nq once, then run each --query NAME=FILE with its own time limit
    (--query-limit NAME=SECONDS, enforced with SIGALRM between Python steps)."""
    import signal

    queries = []
    for spec in args.query or []:
        name, path = spec.split("=", 1)
        with open(path, encoding="utf-8") as f:
            queries.append((name, f.read()))
    limits = {}
    for spec in args.query_limit or []:
        name, secs = spec.split("=", 1)
        limits[name] = float(secs)
    extra = [p for p in (args.extra_ttl or []) if p]
    t0 = time.perf_counter()
    quads = None
    if args.engine == "pyoxigraph":
        import pyoxigraph as ox

        store = ox.Store()  # in memory

        def load(path, fmt, graph=None):
            kwargs = {"path": path, "format": fmt}
            if graph is not None:
                kwargs["to_graph"] = graph
            store.bulk_load(**kwargs)

        load(args.nq, ox.RdfFormat.N_QUADS)
        for ttl in extra:
            load(ttl, ox.RdfFormat.TURTLE, ox.NamedNode("urn:careergraph:vocabulary"))
        quads = len(store)

        def run_query(q):
            rows = []
            for sol in store.query(q, use_default_graph_as_union=True):
                qps = sol["qps"]
                rows.append((sol["person"].value, sol["name"].value, qps.value if qps else ""))
            return rows

    else:
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        ds.parse(args.nq, format="nquads")
        for ttl in extra:
            ds.graph("urn:careergraph:vocabulary").parse(ttl, format="turtle")

        def run_query(q):
            rows = []
            for r in ds.query(q):
                qps = r["qps"]
                rows.append((str(r["person"]), str(r["name"]), str(qps) if qps is not None else ""))
            return rows

    loaded = time.perf_counter() - t0
    signal.signal(signal.SIGALRM, _alarm)
    results = {}
    for name, q in queries:
        limit = limits.get(name, 0)
        times, rows, timed_out = [], [], False
        for _ in range(args.repeats):
            if limit:
                signal.setitimer(signal.ITIMER_REAL, limit)
            t = time.perf_counter()
            try:
                rows = run_query(q)
            except QueryTimeout:
                timed_out = True
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            times.append(time.perf_counter() - t)
            if times[-1] > 10:  # slow enough: one measurement is enough
                break
        results[name] = {"times": times, "rows": rows, "timed_out": timed_out, "limit": limit}
    with open(args.result, "w", encoding="utf-8") as f:
        json.dump({"load_s": loaded, "quads": quads, "queries": results}, f)


def direct_query(bound, root):
    """The same query with ?technology bound to the concept IRI that the tech label names
    (resolved from the vocabulary, as a vocabulary-typed parameter would be) instead of
    matched through cg:labelKey."""
    m = re.search(r"\n[ \t]*\?technology cg:labelKey \"([^\"]*)\" \.[ \t]*(?=\n)", bound)
    if not m:
        return None
    iri = technology_iri(root, m.group(1))
    if not iri:
        return None
    out = bound[: m.start()] + bound[m.end():]
    return re.sub(r"\?technology\b", f"<{iri}>", out)


def technology_iri(root, label):
    """IRI of the technology concept with this label (case-insensitive), from technologies.ttl."""
    path = os.path.join(root, "ontology", "technologies.ttl")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    prefix = re.search(r"@prefix tech:\s*<([^>]*)>", text)
    base = prefix.group(1) if prefix else ""
    for block in re.split(r"\n\s*\n", text):
        head = re.match(r"\s*tech:([\w.-]+)\s", block)
        if not head:
            continue
        labels = re.findall(r"(?:prefLabel|altLabel)[^;.]*", block)
        names = re.findall(r'"([^"]+)"@', " ".join(labels))
        if any(n.lower() == label.lower() for n in names):
            return base + head.group(1)
    return None


# --------------------------------------------------------------------------------------------
# the comparison


def fmt_s(x):
    if x is None:
        return "—"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    lines = []
    for k, r in enumerate([header] + rows):
        cells = []
        for i, c in enumerate(r):
            c = str(c)
            cells.append(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]))
        lines.append("  ".join(cells))
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def child(args, engine, extra):
    cmd = [sys.executable, os.path.abspath(__file__), "--engine", engine, "--root", args.root]
    return cmd + extra


def compare(args):
    bin_ = args.bin
    work = args.work
    os.makedirs(work, exist_ok=True)
    info = machine()
    vers = versions(bin_)
    env_one = dict(os.environ, RAYON_NUM_THREADS="1")
    results = {"machine": info, "versions": vers, "count": args.count, "seed": args.seed}

    def log(msg):
        print(f"[compare] {msg}", file=sys.stderr, flush=True)

    # -- corpus
    if args.corpus:
        corpus = args.corpus
        gen = None
    else:
        corpus = os.path.join(work, "corpus")
        log(f"generating {args.count} résumés (seed {args.seed})")
        gen = measure(
            [bin_, "generate", "--count", str(args.count), "--seed", str(args.seed), "--out", corpus]
        )
        check(gen, "careergraph generate")
    files = corpus_files(corpus)
    if not files:
        die(f"no .txt/.md files in {corpus}")
    n = len(files)
    nbytes = sum(os.path.getsize(p) for p in files)
    tags = {"en": 0, "zh": 0, "bi": 0}
    for p in files:
        m = re.match(r"\d+-(en|zh|bi)\.", os.path.basename(p))
        if m:
            tags[m.group(1)] += 1
    mb = nbytes / 1e6
    results["corpus"] = {"files": n, "bytes": nbytes, "languages": tags}
    if gen:
        results["generate_s"] = gen["seconds"]

    # -- (a) extraction
    log("careergraph extract (all cores)")
    cg_x = measure(
        [bin_, "extract", corpus, "--format", "jsonl", "--quiet"],
        stdout_path=os.path.join(work, "cg-extract.jsonl"),
    )
    check(cg_x, "careergraph extract")
    log("careergraph extract (1 thread)")
    cg_x1 = measure(
        [bin_, "extract", corpus, "--format", "jsonl", "--quiet"],
        env=env_one,
        stdout_path=os.path.join(work, "cg-extract-1.jsonl"),
    )
    check(cg_x1, "careergraph extract (1 thread)")
    cg_go_docs = 0
    with open(os.path.join(work, "cg-extract.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            for pos in r.get("positions", []):
                techs = [t.get("iri") for t in pos.get("technologies", [])]
                mets = list(pos.get("metrics", []))
                for pr in pos.get("projects", []):
                    techs += [t.get("iri") for t in pr.get("technologies", [])]
                    mets += pr.get("metrics", [])
                if "https://w3id.org/careergraph/tech/go" in techs and any(
                    m.get("kind") == "qps" and m.get("value", 0) > 10000 for m in mets
                ):
                    cg_go_docs += 1
                    break

    log("spaCy pipeline (1 process)")
    sp_res = os.path.join(work, "spacy.json")
    sp = measure(
        child(
            args,
            "spacy",
            ["--corpus", corpus, "--result", sp_res, "--out", os.path.join(work, "spacy.jsonl")],
        ),
        timeout=args.timeout,
    )
    check(sp, "spaCy pipeline")
    spr = None
    if not sp["timed_out"]:
        with open(sp_res, encoding="utf-8") as f:
            spr = json.load(f)

    # -- (b) load + query
    db = os.path.join(work, "cg.db")
    log("careergraph ingest")
    cg_in = measure([bin_, "ingest", corpus, "--store", db, "--quiet"])
    check(cg_in, "careergraph ingest")
    log("careergraph stats (opening the store)")
    cg_open = measure([bin_, "stats", "--store", db])
    check(cg_open, "careergraph stats")

    bound = bound_query(args.root)
    files = {"same": os.path.join(work, "go-qps-10k.bound.rq")}
    with open(files["same"], "w", encoding="utf-8") as f:
        f.write(bound)
    for key, text in (("tuned", tuned_query(bound)), ("direct", direct_query(bound, args.root))):
        if text:
            files[key] = os.path.join(work, f"go-qps-10k.{key}.rq")
            with open(files[key], "w", encoding="utf-8") as f:
                f.write(text)
    # careergraph runs a query file's "# param:" headers as parameters: strip them.
    cg_direct = None
    if "direct" in files:
        cg_direct = os.path.join(work, "go-qps-10k.direct.cg.rq")
        with open(files["direct"], encoding="utf-8") as f, open(cg_direct, "w", encoding="utf-8") as g:
            g.write("".join(ln for ln in f if not ln.startswith("# param:")))

    def cg_queries(store, tag, keys=("same", "direct")):
        """The named query (and the direct variant), repeated while fast."""
        out = {}
        for key, target in (("same", QUERY_NAME), ("direct", cg_direct)):
            if not target or key not in keys:
                continue
            runs = []
            for k in range(args.repeats):
                path = os.path.join(work, f"cg-{tag}-{key}-{k}.csv")
                cmd = [bin_, "query", target, "--format", "csv", "--store", store]
                r = measure(cmd + ["--timeout", str(int(args.timeout))], stdout_path=path)
                if r["rc"] != 0:
                    log(f"careergraph query {key} failed: {r['stderr'][-300:]}")
                    break
                r["rows"] = read_csv_people(path)
                runs.append(r)
                if r["seconds"] > 10:
                    break
            out[key] = runs
        return out

    log(f"careergraph query {QUERY_NAME}")
    cg_q = cg_queries(db, "ingest")
    reference_runs = cg_q.get("same") or cg_q.get("direct")
    if not reference_runs:
        die("careergraph query go-qps-10k failed")
    cg_rows = reference_runs[0]["rows"]

    log("careergraph export --format nquads")
    nq = os.path.join(work, "dump.nq")
    cg_ex = measure([bin_, "export", "--format", "nquads", "--out", nq, "--store", db])
    check(cg_ex, "careergraph export")
    nq_bytes = os.path.getsize(nq)
    with open(nq, encoding="utf-8") as f:
        nq_lines = 0
        has_vocab = False
        for line in f:
            nq_lines += 1
            if not has_vocab and line.startswith(GO_LABEL_TRIPLE):
                has_vocab = True
    extra_ttl = []
    if not has_vocab:
        # The export left the vocabulary out: load it next to the dump, as a user would.
        extra_ttl = [
            os.path.join(args.root, "ontology", n)
            for n in sorted(os.listdir(os.path.join(args.root, "ontology")))
            if n.endswith(".ttl")
        ]

    log("careergraph ingest dump.nq (like-for-like load)")
    db2 = os.path.join(work, "cg-nq.db")
    cg_nq = measure(
        [bin_, "ingest", nq, "--store", db2, "--quiet", "--max-file-size", str(max(nq_bytes * 2, 1 << 24))]
    )
    check(cg_nq, "careergraph ingest dump.nq")
    # The same graph as the ingested store: the (fast) direct query checks it.
    cg_nq_q = cg_queries(db2, "nq", keys=("direct",))

    py = {}
    plans = {
        "pyoxigraph": [("same", args.timeout), ("direct", args.timeout)],
        "rdflib": [("same", args.rdflib_timeout), ("tuned", args.rdflib_timeout), ("direct", args.rdflib_timeout)],
    }
    for engine, wanted in plans.items():
        extra = ["--nq", nq, "--result", os.path.join(work, f"{engine}.json"), "--repeats", str(args.repeats)]
        total_limit = 0
        for key, limit in wanted:
            if key in files:
                extra += ["--query", f"{key}={files[key]}", "--query-limit", f"{key}={limit}"]
                total_limit += limit
        for t in extra_ttl:
            extra += ["--extra-ttl", t]
        log(f"{engine}: load dump.nq + {QUERY_NAME} variants")
        run = measure(child(args, engine, extra), timeout=total_limit + args.timeout)
        data = None
        if not run["timed_out"] and run["rc"] == 0:
            with open(os.path.join(work, f"{engine}.json"), encoding="utf-8") as f:
                data = json.load(f)
        else:
            log(f"{engine} failed (exit {run['rc']}, timed out {run['timed_out']}): {run['stderr'][-500:]}")
        py[engine] = (run, data)

    # -- agreement
    reference = answer_sets(cg_rows)
    agree = {}

    def note(name, rows):
        # Same people, same (person, QPS) pairs and the same number of result rows.
        agree[name] = (
            None
            if rows is None
            else answer_sets([tuple(r) for r in rows]) == reference and len(rows) == len(cg_rows)
        )

    for key in ("same", "direct"):
        if key in cg_q and cg_q[key] is not reference_runs:
            note(f"careergraph {key}", cg_q[key][0]["rows"] if cg_q[key] else None)
    for key, runs in cg_nq_q.items():
        note(f"careergraph (N-Quads store) {key}", runs[0]["rows"] if runs else None)
    for engine, (run, data) in py.items():
        for key, _ in plans[engine]:
            if key not in files:  # variant not applicable to this query text
                continue
            q = (data or {}).get("queries", {}).get(key)
            note(f"{engine} {key}", q["rows"] if q and not q["timed_out"] else None)

    # -- report
    def ratio(x, base):
        return f"{x / base:.1f}×" if x and base else "—"

    print()
    print(f"careergraph vs Python tools — {n} résumés, seed {args.seed}")
    ram = f"{info['ram_gib']:.1f} GiB" if info["ram_gib"] else "?"
    print(
        f"Machine: {info['nproc']} cores available ({info['cpus']} online), {info['cpu']}, "
        f"{ram} RAM, {info['os']}"
    )
    print("Versions: " + ", ".join(f"{k} {v}" for k, v in vers.items()) + f", Python {info['python']}")
    lang = ", ".join(f"{k} {v}" for k, v in tags.items())
    gen_txt = f"; generated in {fmt_s(gen['seconds'])} s" if gen else ""
    print(f"Corpus: {n} files, {mb:.2f} MB ({lang}){gen_txt}")
    print()
    print("(a) Extraction throughput (same files; process start and vocabulary setup included)")
    rows = []
    base = cg_x1["seconds"]
    rows.append(
        [
            f"careergraph extract --format jsonl ({info['nproc']} threads)",
            fmt_s(cg_x["seconds"]),
            f"{n / cg_x['seconds']:.0f}",
            f"{mb / cg_x['seconds']:.2f}",
            f"{cg_x['rss_mib']:.0f}",
            ratio(cg_x["seconds"], base),
        ]
    )
    rows.append(
        [
            "careergraph extract --format jsonl (1 thread)",
            fmt_s(cg_x1["seconds"]),
            f"{n / cg_x1['seconds']:.0f}",
            f"{mb / cg_x1['seconds']:.2f}",
            f"{cg_x1['rss_mib']:.0f}",
            "1.0×",
        ]
    )
    if spr:
        rows.append(
            [
                "spaCy blank + EntityRuler + regex (1 process)",
                fmt_s(sp["seconds"]),
                f"{n / sp['seconds']:.0f}",
                f"{mb / sp['seconds']:.2f}",
                f"{sp['rss_mib']:.0f}",
                ratio(sp["seconds"], base),
            ]
        )
        rows.append(["  of which setup (rdflib vocab export, ruler build)", fmt_s(spr["setup_s"]), "", "", "", ""])
        rows.append(
            [
                "  of which processing only",
                fmt_s(spr["run_s"]),
                f"{n / spr['run_s']:.0f}",
                f"{mb / spr['run_s']:.2f}",
                "",
                ratio(spr["run_s"], base),
            ]
        )
    else:
        rows.append(["spaCy pipeline", f"> {args.timeout:.0f} s (stopped)", "", "", "", ""])
    print(table(["pipeline", "time s", "résumés/s", "MB/s", "peak MiB", "time vs cg 1 thread"], rows))
    if spr:
        print(
            f"  spaCy output: flat entity bags — {spr['tech'] / max(spr['docs'], 1):.1f} technologies, "
            f"{spr['org'] / max(spr['docs'], 1):.1f} organisations per résumé ({spr['patterns']} patterns); "
            f"files with Go and a >10K QPS figure anywhere: {spr['qps_docs']}."
        )
        print(
            "  careergraph output: positions, systems, metrics with evidence; files with Go and QPS>10K "
            f"in the same position: {cg_go_docs}."
        )
    print()
    print(f"(b) Load + query {QUERY_NAME} (answers must agree with careergraph's named query)")
    print(
        "    'same' = the query text of queries/go-qps-10k.rq with its parameter defaults substituted as "
        "constants (tech → label key \"go\", min → 10000 xsd:decimal)"
        + ("; 'tuned' = technology lookup moved into a sub-select" if "tuned" in files else "")
        + ";\n"
        "    'direct' = ?technology bound to its concept IRI (tech:go) instead of a label match."
    )
    print(f"  careergraph: ingest {fmt_s(cg_in['seconds'])} s (extract+map+store, {cg_in['rss_mib']:.0f} MiB); "
          f"ingest dump.nq {fmt_s(cg_nq['seconds'])} s ({cg_nq['rss_mib']:.0f} MiB); "
          f"opening the ingested store (stats) {fmt_s(cg_open['seconds'])} s")
    rows = []
    ref_total = None

    def add_cg(label, load_s, runs, load_rss):
        nonlocal ref_total
        if not runs:
            rows.append([label, fmt_s(load_s), "failed", "", "", "", "", "", ""])
            return
        first = runs[0]["seconds"]
        total = load_s + first
        if ref_total is None:
            ref_total = total
        rows.append(
            [
                label,
                fmt_s(load_s),
                fmt_s(first),
                fmt_s(min(r["seconds"] for r in runs)),
                fmt_s(total),
                f"{max([load_rss] + [r['rss_mib'] for r in runs]):.0f}",
                str(len(runs[0]["rows"])),
                str(len(answer_sets(runs[0]["rows"])[0])),
                ratio(total, ref_total),
            ]
        )

    add_cg("careergraph ingest résumés + query (same)", cg_in["seconds"], cg_q.get("same"), cg_in["rss_mib"])
    add_cg("careergraph ingest résumés + query (direct)", cg_in["seconds"], cg_q.get("direct"), cg_in["rss_mib"])
    add_cg("careergraph ingest dump.nq + query (direct)", cg_nq["seconds"], cg_nq_q.get("direct"), cg_nq["rss_mib"])
    labels = {
        "pyoxigraph": "pyoxigraph in-memory bulk_load + query",
        "rdflib": "rdflib Dataset parse + query",
    }
    for engine, (run, data) in py.items():
        for key, _ in plans[engine]:
            label = f"{labels[engine]} ({key})"
            if key not in files:
                continue
            if not data:
                rows.append([label, "failed", "", "", "", f"{run['rss_mib']:.0f}", "", "", ""])
                continue
            q = data["queries"].get(key)
            if q is None:
                continue
            if q["timed_out"]:
                rows.append(
                    [label, fmt_s(data["load_s"]), f"> {q['limit']:.0f} s (stopped)", "", "", f"{run['rss_mib']:.0f}", "", "", ""]
                )
                continue
            total = data["load_s"] + q["times"][0]
            rows.append(
                [
                    label,
                    fmt_s(data["load_s"]),
                    fmt_s(q["times"][0]),
                    fmt_s(min(q["times"])),
                    fmt_s(total),
                    f"{run['rss_mib']:.0f}",
                    str(len(q["rows"])),
                    str(len({r[0] for r in q["rows"]})),
                    ratio(total, ref_total),
                ]
            )
    print(
        table(
            ["engine", "load s", "query s", "best query s", "load+query s", "peak MiB", "rows", "people", "vs cg (same)"],
            rows,
        )
    )
    print(
        f"  dump.nq: {nq_lines} quads, {nq_bytes / 1e6:.1f} MB, exported in {fmt_s(cg_ex['seconds'])} s"
        + ("" if has_vocab else "; vocabulary loaded from ontology/*.ttl next to it")
    )
    print(
        "  careergraph query times are whole processes (start, open the on-disk store, query); "
        "Python query times are in-process on the loaded store; peak MiB is per process.\n"
        "  'vs cg (same)' = load+query time ÷ careergraph's ingest of the résumés (which includes "
        "extraction) + named query."
    )
    verdict = ", ".join(
        f"{k}: {'same' if v else ('no answer' if v is None else 'DIFFERENT')}" for k, v in agree.items()
    )
    print(f"  answers ({len(cg_rows)} rows, {len(reference[0])} people, {100 * len(reference[0]) / n:.1f}% of résumés) — {verdict}")

    def strip_rows(runs):
        return [{k: v for k, v in r.items() if k not in ("rows", "stderr")} for r in runs or []]

    results.update(
        {
            "extract_all": {k: cg_x[k] for k in ("seconds", "rss_mib")},
            "extract_1thread": {k: cg_x1[k] for k in ("seconds", "rss_mib")},
            "spacy": dict(spr or {}, seconds=sp["seconds"], rss_mib=sp["rss_mib"]),
            "ingest": {k: cg_in[k] for k in ("seconds", "rss_mib")},
            "open_store_s": cg_open["seconds"],
            "query": {k: strip_rows(v) for k, v in cg_q.items()},
            "ingest_nq": {k: cg_nq[k] for k in ("seconds", "rss_mib")},
            "query_nq": {k: strip_rows(v) for k, v in cg_nq_q.items()},
            "export_s": cg_ex["seconds"],
            "nq_quads": nq_lines,
            "python": {
                engine: {
                    "seconds": run["seconds"],
                    "rss_mib": run["rss_mib"],
                    "load_s": (data or {}).get("load_s"),
                    "queries": {
                        k: {kk: vv for kk, vv in q.items() if kk != "rows"}
                        for k, q in (data or {}).get("queries", {}).items()
                    },
                }
                for engine, (run, data) in py.items()
            },
            "answers": len(reference[0]),
            "agree": agree,
        }
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2, ensure_ascii=False)
    bad = [k for k, v in agree.items() if v is False]
    if bad:
        print(f"ERROR: answers differ: {', '.join(bad)}", file=sys.stderr)
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", help="careergraph binary")
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--work", help="scratch directory (created)")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", help="use this existing corpus instead of generating one")
    ap.add_argument("--timeout", type=float, default=1800, help="time limit per Python engine (s)")
    ap.add_argument(
        "--rdflib-timeout",
        type=float,
        default=600,
        help="time limit per rdflib query variant (s); with the unchanged query its evaluation "
        "order makes the technology lookup a cross product with every position",
    )
    ap.add_argument("--repeats", type=int, default=QUERY_REPEATS, help="query repetitions")
    ap.add_argument("--json", help="also write the results as JSON to this file")
    # child mode
    ap.add_argument("--engine", choices=["spacy", "rdflib", "pyoxigraph"], help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--nq", help=argparse.SUPPRESS)
    ap.add_argument("--query", action="append", help=argparse.SUPPRESS)
    ap.add_argument("--query-limit", action="append", help=argparse.SUPPRESS)
    ap.add_argument("--extra-ttl", action="append", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.engine == "spacy":
        engine_spacy(args)
        return 0
    if args.engine in ("rdflib", "pyoxigraph"):
        engine_rdf(args)
        return 0
    if not args.bin or not args.work:
        die("--bin and --work are required (run benches/compare.sh)")
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
