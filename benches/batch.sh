#!/usr/bin/env bash
# Times one `prikaz build` run over many different one-page orders: writes N orders (each its
# own title, number, date and points; one shared organisation file) to a scratch folder and
# runs hyperfine on building them all to DOCX and PDF in one run.
#
#   benches/batch.sh [count] [runs]
#
# BENCH_DIR sets the scratch folder (default /tmp/bench-batch). Needs: cargo, python3,
# hyperfine.
set -euo pipefail

cd "$(dirname "$0")/.."
COUNT=${1:-1000}
RUNS=${2:-5}
DIR=${BENCH_DIR:-/tmp/bench-batch}
BIN=$PWD/target/release/prikaz

command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 1; }
cargo build --release --quiet
rm -rf "$DIR" && mkdir -p "$DIR/orders/org" "$DIR/out"
cp data/org/chippkro.toml "$DIR/orders/org/"

python3 benches/orders.py "$DIR/orders" "$COUNT"

cd "$DIR"
"$BIN" build orders/order-*.toml -o out 2>/dev/null
echo "$COUNT orders → $(ls out | wc -l) files, $(du -sh out | cut -f1)"
hyperfine --warmup 1 --runs "$RUNS" "$BIN build orders/order-*.toml -o out 2>/dev/null"
