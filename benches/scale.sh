#!/usr/bin/env bash
# The scale benchmark of issue 10: a roadmap of 100,000 rows (chippkro-368-roadmap.toml with
# its texts cut short and its rows repeated, made by benches/make-scale.py) must check and
# build in under 1 GB peak memory and in time that grows no faster than the rows. Prints the
# wall time and the peak resident memory of `check`, `build` (DOCX+PDF), `build --docx` and
# `build --pdf`, on 100,000 rows and on a tenth of them.
#
#   benches/scale.sh [rows]
#
# Needs: cargo, python3, GNU time (/usr/bin/time).
set -euo pipefail

cd "$(dirname "$0")/.."
ROWS=${1:-100000}
OUT=${BENCH_DIR:-/tmp/bench-scale}
BIN=${PRIKAZ_BIN:-$PWD/target/release/prikaz}  # another binary to compare with
ORDER=chippkro-368

[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) not found" >&2; exit 1; }
[ -n "${PRIKAZ_BIN:-}" ] || cargo build --release --quiet
rm -rf "$OUT" && mkdir -p "$OUT"

measure() { # label, data folder, prikaz arguments…
    local label=$1 data=$2
    shift 2
    rm -rf "$OUT/out" && mkdir -p "$OUT/out"
    /usr/bin/time -f '%e %M' -o "$OUT/time" "$BIN" "$@" "$data/$ORDER.toml" \
        >/dev/null 2>"$OUT/stderr" || { cat "$OUT/stderr" >&2; exit 1; }
    read -r secs kb <"$OUT/time"
    local what="$*"
    printf '%-8s %-14s %7.2f s %6d MB\n' "$label" "${what% -o *}" "$secs" $((kb / 1024))
}

for n in $((ROWS / 10)) "$ROWS"; do
    cp -r data "$OUT/data-$n"
    python3 benches/make-scale.py data/$ORDER-roadmap.toml "$OUT/data-$n/$ORDER-roadmap.toml" "$n"
    size=$(du -m "$OUT/data-$n/$ORDER-roadmap.toml" | cut -f1)
    echo "== $n rows ($size MB of TOML)"
    measure "$n" "$OUT/data-$n" check
    measure "$n" "$OUT/data-$n" build -o "$OUT/out"
    measure "$n" "$OUT/data-$n" build --docx -o "$OUT/out"
    measure "$n" "$OUT/data-$n" build --pdf -o "$OUT/out"
done
rm -rf "$OUT"
