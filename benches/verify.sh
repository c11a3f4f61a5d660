#!/usr/bin/env bash
# Times `prikaz journal verify` of many signed one-page orders: writes N different orders
# (benches/orders.py, as benches/batch.sh does) without number and date, registers and signs
# each with the real binary (the time per register and per sign is printed), then runs
# hyperfine on verifying them all: every order rebuilt in parallel and compared with the
# journal's hashes and the archive.
#
#   benches/verify.sh [count] [runs]
#
# BENCH_DIR sets the scratch folder (default /tmp/bench-verify). Needs: cargo, python3,
# hyperfine.
set -euo pipefail

cd "$(dirname "$0")/.."
COUNT=${1:-1000}
RUNS=${2:-5}
DIR=${BENCH_DIR:-/tmp/bench-verify}
BIN=$PWD/target/release/prikaz

command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 1; }
cargo build --release --quiet
rm -rf "$DIR" && mkdir -p "$DIR/orders/org"
cp data/org/chippkro.toml "$DIR/orders/org/"
python3 benches/orders.py "$DIR/orders" "$COUNT"
# Registering gives the number and the date.
sed -i '/^number = /d; /^date = /d' "$DIR"/orders/order-*.toml

cd "$DIR/orders"
start=$(date +%s.%N)
for f in order-*.toml; do "$BIN" register "$f" --date 2024-03-01 >/dev/null 2>&1; done
mid=$(date +%s.%N)
for f in order-*.toml; do "$BIN" sign "$f" >/dev/null 2>&1; done
end=$(date +%s.%N)
python3 - "$start" "$mid" "$end" "$COUNT" <<'PY'
import sys
start, mid, end, n = map(float, sys.argv[1:])
print(f"register: {(mid - start) / n * 1000:.1f} ms per order; "
      f"sign: {(end - mid) / n * 1000:.1f} ms per order ({int(n)} orders, one process each)")
PY
"$BIN" journal verify --journal journal.sqlite 2>/dev/null | tail -1
hyperfine --warmup 1 --runs "$RUNS" "$BIN journal verify --journal journal.sqlite 2>/dev/null"
