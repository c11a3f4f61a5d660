#!/bin/sh
# `prikaz diff` of order 368 against a copy with 11 changes (a moved deadline, an added
# activity, one removed from two years, a rewritten and an edited point, a new sub-point, a
# footnote, a table cell, the date, a preamble word), timed with hyperfine:
# benches/diff.sh [runs]. Then the same against a signed order of the journal.
set -eu
runs=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/prikaz"
work=$(mktemp -d "$root/target/diff-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/org"
cp "$root"/data/chippkro-368*.toml "$work/"
cp "$root/data/org/chippkro.toml" "$work/org/"
cd "$work"
sed -i -e 's/^deadline = "Август"$/deadline = "Сентябрь"/' \
  -e '/^\[\[content.roadmap.rows\]\]$/{N;/Организация и проведение конкурса на лучшую/{N;N;N;d}}' \
  chippkro-368-roadmap.toml
# One activity added after the first one.
awk 'BEGIN{n=0} /^\[\[content.roadmap.rows\]\]$/{n++} n==4 && !done && /^results/ {print; print ""; print "[[content.roadmap.rows]]"; print "activity = \"Мониторинг профессиональных дефицитов\""; print "deadline = \"Ноябрь\""; print "responsible = \"Лаборатория мониторинга\""; print "results = [4]"; done=1; next} {print}' \
  chippkro-368-roadmap.toml > r.tmp && mv r.tmp chippkro-368-roadmap.toml
sed -i -e 's/Контроль за исполнением приказа оставляю за собой./Контроль за исполнением приказа возложить на проректора./' \
  -e 's/настоящего приказа, в рамках/настоящего приказа, в срок до 01.10.2023 в рамках/' \
  -e 's/^date = 2023-06-27$/date = 2023-07-03/' \
  -e 's/на 2023-2026 гг./на 2023–2027 гг./' \
  -e 's/^\[order.signatory\]$/[[order.points.points]]\ntext = "представить отчет до 20.12.2023."\n\n[order.signatory]/' chippkro-368.toml
sed -i -e 's/^"5" = "Ожидаемые результаты/"5" = "Результаты/' \
  -e '0,/targets = \["10%"/s/targets = \["10%"/targets = ["15%"/' chippkro-368-concept.toml
echo "changes found: $("$bin" diff "$root/data/chippkro-368.toml" chippkro-368.toml | wc -l)"
hyperfine --warmup 3 --runs "$runs" "$bin diff $root/data/chippkro-368.toml chippkro-368.toml"

# The same corrections against a signed order of the journal: the old version restored from
# the journal's record (`prikaz diff <order>` with one file), the roadmap and concept edits.
signed="$work/signed"
mkdir -p "$signed/org"
cp "$root"/data/chippkro-368*.toml "$signed/"
cp "$root/data/org/chippkro.toml" "$signed/org/"
sed -i -e '/^number = "368"$/d' -e '/^date = 2023-06-27$/d' "$signed/chippkro-368.toml"
(cd "$signed" && "$bin" register chippkro-368.toml --date 2023-06-27 >/dev/null 2>&1 &&
  "$bin" sign chippkro-368.toml >/dev/null 2>&1)
cp chippkro-368-roadmap.toml chippkro-368-concept.toml "$signed/"
cd "$signed"
echo "changes since signing: $("$bin" diff chippkro-368.toml 2>/dev/null | wc -l)"
hyperfine --warmup 3 --runs "$runs" "$bin diff chippkro-368.toml"
