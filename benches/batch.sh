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

python3 - "$DIR/orders" "$COUNT" <<'PY'
import sys
folder, count = sys.argv[1], int(sys.argv[2])
topics = ["семинара", "конференции", "олимпиады", "конкурса", "проверки", "инвентаризации",
          "совещания", "курсов повышения квалификации", "аттестации", "практики"]
for i in range(1, count + 1):
    topic = topics[i % len(topics)]
    points = "\n".join(
        f'[[order.points]]\ntext = "Пункт {k} приказа № {i}: обеспечить подготовку {topic} '
        f'к {1 + (i + k) % 28} числу месяца."\n' for k in range(1, 2 + i % 4))
    with open(f"{folder}/order-{i:04}.toml", "w", encoding="utf-8") as f:
        f.write(f'''organization = "org/chippkro.toml"

[order]
date = 2024-{1 + i % 12:02}-{1 + i % 28:02}
number = "{i}-у"
title = "О проведении {topic} № {i}"
preamble = ["Во исполнение плана работы на 2024 г. (строка {i})."]
control = "Контроль за исполнением приказа оставляю за собой."

{points}
[order.signatory]
position = ["Ректор"]
name = "И.И. Иванов"

[order.executor]
name = "Петрова А.А."
phone = "8 (351) 000-00-{i % 100:02}"

[order.distribution]
to = ["в дело", "исполнителю"]
''')
PY

cd "$DIR"
"$BIN" build orders/order-*.toml -o out 2>/dev/null
echo "$COUNT orders → $(ls out | wc -l) files, $(du -sh out | cut -f1)"
hyperfine --warmup 1 --runs "$RUNS" "$BIN build orders/order-*.toml -o out 2>/dev/null"
