#!/usr/bin/env bash
# Checks that build time grows no faster than the document: makes a copy of data/ whose
# roadmap (chippkro-368-roadmap.toml) has its rows repeated FACTOR times, times prikaz on the
# original and on the copy (DOCX+PDF, PDF alone, DOCX alone), and prints how many times
# longer the document and the build got.
#
#   benches/scaling.sh [factor] [runs]
#
# Repeated activities get « (копия k)» appended, so the data checks see no duplicated rows
# (a warning per row would time the warning printer, not the build).
# Needs: cargo, python3, pdfinfo (poppler-utils); optional: hyperfine.
set -euo pipefail

cd "$(dirname "$0")/.."
FACTOR=${1:-20}
RUNS=${2:-10}
OUT=${BENCH_DIR:-/tmp/bench-scaling}
BIN=target/release/prikaz
ORDER=chippkro-368

command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 1; }
cargo build --release --quiet
rm -rf "$OUT" && mkdir -p "$OUT"/{out-1,out-n}
cp -r data "$OUT/data"

python3 - "$OUT/data/$ORDER-roadmap.toml" "$FACTOR" <<'PY'
import re, sys
path, factor = sys.argv[1], int(sys.argv[2])
text = open(path, encoding="utf-8").read()
marker = "[[content.roadmap.rows]]"
head, rows = text[: text.index(marker)], text[text.index(marker):]
copies = [rows]
for k in range(2, factor + 1):
    copies.append(re.sub(r'^(activity = ".*)"$', rf'\1 (копия {k})"',
                         rows, flags=re.M))
open(path, "w", encoding="utf-8").write(head + "\n".join(copies))
PY

small="data/$ORDER.toml"
large="$OUT/data/$ORDER.toml"
"$BIN" build "$small" -o "$OUT/out-1" 2>/dev/null
"$BIN" build "$large" -o "$OUT/out-n" 2>/dev/null
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
p1=$(pages "$OUT/out-1/$ORDER.pdf")
pn=$(pages "$OUT/out-n/$ORDER.pdf")
rows1=$(grep -c '^activity = ' "data/$ORDER-roadmap.toml")
rowsn=$(grep -c '^activity = ' "$OUT/data/$ORDER-roadmap.toml")

names=(both-1 both-n pdf-1 pdf-n docx-1 docx-n)
cmds=(
    "$BIN build $small -o $OUT/out-1"
    "$BIN build $large -o $OUT/out-n"
    "$BIN build $small -o $OUT/out-1 --pdf"
    "$BIN build $large -o $OUT/out-n --pdf"
    "$BIN build $small -o $OUT/out-1 --docx"
    "$BIN build $large -o $OUT/out-n --docx"
)

declare -A ms
if command -v hyperfine >/dev/null; then
    args=()
    for i in "${!names[@]}"; do args+=(--command-name "${names[$i]}" "${cmds[$i]}"); done
    hyperfine -N --warmup 2 --runs "$RUNS" --export-csv "$OUT/times.csv" "${args[@]}" >/dev/null 2>&1
    while IFS=, read -r name mean _; do
        ms[$name]=$(awk -v s="$mean" 'BEGIN { printf "%.1f", s * 1000 }')
    done < <(tail -n +2 "$OUT/times.csv")
else
    echo "hyperfine not found (apt-get install hyperfine): timing $RUNS runs with date"
    for i in "${!names[@]}"; do
        ${cmds[$i]} >/dev/null 2>&1
        start=$(date +%s%N)
        for _ in $(seq "$RUNS"); do ${cmds[$i]} >/dev/null 2>&1; done
        end=$(date +%s%N)
        ms[${names[$i]}]=$(awk -v ns=$((end - start)) -v n="$RUNS" 'BEGIN { printf "%.1f", ns / n / 1e6 }')
    done
fi

echo "roadmap rows: $rows1 -> $rowsn (x$FACTOR); PDF pages: $p1 -> $pn ($(awk -v a="$p1" -v b="$pn" 'BEGIN { printf "%.1f", b / a }')x)"
printf '%-10s %10s %10s %8s %14s\n' what "x1 (ms)" "x$FACTOR (ms)" ratio "ms per page"
for what in both pdf docx; do
    a=${ms[$what-1]} b=${ms[$what-n]}
    awk -v w="$what" -v a="$a" -v b="$b" -v p1="$p1" -v pn="$pn" 'BEGIN {
        printf "%-10s %10.1f %10.1f %7.1fx %6.2f -> %.2f\n", w, a, b, b / a, a / p1, b / pn
    }'
done
