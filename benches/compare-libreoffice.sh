#!/usr/bin/env bash
# Times prikaz making the PDF, the DOCX and both for one order, and LibreOffice converting
# that DOCX to PDF (the route the PDF writer replaces), then prints how many times faster
# prikaz is. Uses hyperfine when installed, else a plain loop.
#
#   benches/compare-libreoffice.sh [data.toml] [runs]
#
# Needs: cargo, soffice (apt-get install libreoffice-writer-nogui); optional: hyperfine.
set -euo pipefail

cd "$(dirname "$0")/.."
DATA=${1:-data/chippkro-368.toml}
RUNS=${2:-10}
OUT=${BENCH_DIR:-/tmp/bench}
BIN=target/release/prikaz

command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-writer-nogui" >&2; exit 1; }

cargo build --release --quiet
rm -rf "$OUT" && mkdir -p "$OUT"/{pdf,docx,both,lo}

# One DOCX for LibreOffice to convert, made once up front.
"$BIN" build "$DATA" -o "$OUT/docx" --docx
DOCX=$(find "$OUT/docx" -name '*.docx' | sort | head -n 1)
[ -n "$DOCX" ] || { echo "prikaz made no .docx in $OUT/docx" >&2; exit 1; }

# A private profile: LibreOffice must not touch (or wait for) the user's own.
LO=(soffice "-env:UserInstallation=file://$OUT/lo-profile" --headless --convert-to pdf --outdir "$OUT/lo" "$DOCX")
"${LO[@]}" >/dev/null 2>&1 # first start creates the profile; keep it out of the timings

names=(prikaz-pdf prikaz-docx prikaz-both libreoffice-pdf)
cmds=(
    "$BIN build $DATA -o $OUT/pdf --pdf"
    "$BIN build $DATA -o $OUT/docx --docx"
    "$BIN build $DATA -o $OUT/both --docx --pdf"
    "${LO[*]}"
)

declare -A mean_ms
if command -v hyperfine >/dev/null; then
    args=()
    for i in "${!names[@]}"; do args+=(--command-name "${names[$i]}" "${cmds[$i]}"); done
    # -N: no shell between hyperfine and the command; a shell's start-up is a tenth of
    # prikaz's run time and hyperfine's correction for it is noisy.
    hyperfine -N --warmup 1 --runs "$RUNS" --export-csv "$OUT/times.csv" "${args[@]}"
    # CSV columns: command,mean,stddev,median,user,system,min,max (seconds).
    while IFS=, read -r name mean _; do
        mean_ms[$name]=$(awk -v s="$mean" 'BEGIN { printf "%.1f", s * 1000 }')
    done < <(tail -n +2 "$OUT/times.csv")
else
    echo "hyperfine not found (apt-get install hyperfine): timing $RUNS runs with date"
    for i in "${!names[@]}"; do
        eval "${cmds[$i]}" >/dev/null 2>&1 # warm-up
        start=$(date +%s%N)
        for _ in $(seq "$RUNS"); do eval "${cmds[$i]}" >/dev/null 2>&1; done
        end=$(date +%s%N)
        mean_ms[${names[$i]}]=$(awk -v ns=$((end - start)) -v n="$RUNS" 'BEGIN { printf "%.1f", ns / n / 1e6 }')
        printf '%-16s %10s ms\n' "${names[$i]}" "${mean_ms[${names[$i]}]}"
    done
fi

echo
for name in "${names[@]}"; do printf '%-16s %10s ms (mean)\n' "$name" "${mean_ms[$name]}"; done
awk -v lo="${mean_ms[libreoffice-pdf]}" -v pdf="${mean_ms[prikaz-pdf]}" -v both="${mean_ms[prikaz-both]}" 'BEGIN {
    printf "\nLibreOffice DOCX->PDF / prikaz --pdf:         %.1fx\n", lo / pdf
    printf "LibreOffice DOCX->PDF / prikaz --docx --pdf:  %.1fx\n", lo / both
    # The targets of the native PDF writer: DOCX+PDF under 50 ms, 50 times LibreOffice.
    printf "targets (DOCX+PDF < 50 ms, >= 50x):           %s, %s\n", \
        (both < 50 ? "met" : "missed"), (lo / both >= 50 ? "met" : "missed")
}'
ls -l "$OUT"/pdf/*.pdf "$OUT"/lo/*.pdf 2>/dev/null | awk '{ print $5, $9 }'
