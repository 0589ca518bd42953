#!/usr/bin/env bash
# Run the libFuzzer targets in fuzz/ (cargo fuzz) for a bounded time each.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 60); TARGETs default to: extract numbers dates read_pdf
# read_docx read_html.
# Exits 1 when any target found a crash, timeout or out-of-memory input, printing the
# artifact paths (fuzz/artifacts/TARGET/...). Reproduce one with
#   cargo +nightly fuzz run -s none TARGET fuzz/artifacts/TARGET/crash-...
# and, once fixed, copy it to fuzz/regressions/TARGET/ so `cargo test` replays it.
#
# Environment:
#   CAREERGRAPH_FUZZ_TOOLCHAIN  nightly | stable (default: nightly when rustup has it;
#                               stable runs `cargo fuzz` with RUSTC_BOOTSTRAP=1)
#   CAREERGRAPH_FUZZ_TARGET_DIR build directory (default fuzz/target; never the main one)
#   FUZZ_SANITIZER              none (default; the crate is safe Rust) | address | ...
#   FUZZ_ARGS                   extra libFuzzer flags, e.g. "-seed=1 -dict=..."
set -euo pipefail

secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract numbers dates read_pdf read_docx read_html)
case $secs in '' | *[!0-9]*)
    echo "usage: $0 [SECONDS] [TARGET...]" >&2
    exit 2
    ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/fuzz"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

toolchain=${CAREERGRAPH_FUZZ_TOOLCHAIN:-}
if [ -z "$toolchain" ]; then
    if command -v rustup >/dev/null 2>&1 && rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
        toolchain=nightly
    else
        toolchain=stable
    fi
fi
if [ "$toolchain" = nightly ]; then
    fuzz=(cargo +nightly fuzz)
else
    # libFuzzer instrumentation needs unstable rustc flags; allow them on stable.
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz)
fi

# A separate build directory: an inherited CARGO_TARGET_DIR (the main crate's) must not
# receive instrumented builds.
unset CARGO_TARGET_DIR
target_dir=${CAREERGRAPH_FUZZ_TARGET_DIR:-$root/fuzz/target}
sanitizer=${FUZZ_SANITIZER:-none}
build=(-s "$sanitizer" --target-dir "$target_dir")

echo "fuzz.sh: ${fuzz[*]} ($toolchain), ${secs}s per target: ${targets[*]}" >&2
# Build first so compiler errors show up here (`run` would rebuild silently into its log).
for t in "${targets[@]}"; do "${fuzz[@]}" build "${build[@]}" "$t"; done

max_len_of() {
    case $1 in
    extract) echo 4096 ;; # a résumé page; longer inputs only slow the search down
    numbers) echo 1024 ;; # past the metric finder's 512-byte pieces
    dates) echo 128 ;;    # a header line with a date range
    read_pdf) echo 32768 ;;  # the rendered one- and two-page seeds (≈ 30 KB) stay whole
    read_docx) echo 16384 ;; # document.xml + styles + numbering + rels of a résumé
    read_html) echo 8192 ;;  # a résumé page
    *) echo 1024 ;;
    esac
}

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
failed=0
summary=()
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    dirs=("corpus/$t")
    for d in "seeds/$t" "regressions/$t"; do [ -d "$d" ] && dirs+=("$d"); done
    # The rendered PDF/HTML fixtures are whole-file seeds of their readers, read in place
    # (libFuzzer writes new inputs to the first folder only, corpus/$t).
    case $t in
    read_pdf | read_html)
        ext=${t#read_}
        rendered="$logs/rendered-$t"
        mkdir -p "$rendered"
        cp ../tests/fixtures/rendered/*."$ext" "$rendered"/
        dirs+=("$rendered")
        ;;
    esac
    dict=()
    [ -f "dicts/$t.dict" ] && dict=(-dict="dicts/$t.dict")
    marker="$logs/$t.start"
    touch "$marker"
    echo "fuzz.sh: $t for ${secs}s (max_len $(max_len_of "$t"))" >&2
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
    if "${fuzz[@]}" run "${build[@]}" "$t" "${dirs[@]}" -- \
        -max_total_time="$secs" -max_len="$(max_len_of "$t")" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" ${FUZZ_ARGS:-} >"$logs/$t.log" 2>&1; then
        status=ok
    else
        status=FAILED
        failed=1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$t.log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9a-zA-Z]*' "$logs/$t.log" | tail -1)
    summary+=("$t: $status, ${runs:-?} executions (limit ${secs}s), ${cov:-no stats}")
    if [ $status = FAILED ]; then
        tail -n 40 "$logs/$t.log" >&2
        found=$(find "artifacts/$t" -type f -newer "$marker" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \))
        if [ -n "$found" ]; then
            for f in $found; do echo "fuzz.sh: $t: failing input: $root/fuzz/$f" >&2; done
        else
            echo "fuzz.sh: $t: the fuzzer failed without an artifact (build error?)" >&2
        fi
    fi
done

printf 'fuzz.sh: %s\n' "${summary[@]}" >&2
exit $failed
