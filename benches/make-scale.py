#!/usr/bin/env python3
"""Makes the 100,000-row roadmap of the scale benchmark from data/chippkro-368-roadmap.toml.

    benches/make-scale.py IN OUT [rows]

The rows' long texts are cut to their first two words (a 100,000-row roadmap of about
13 MB, as in the issue), and the whole row list, year groups included, is repeated until
there are `rows` rows, so every deadline stays in its year group. Every activity gets its
row number appended, so the data checks see no duplicated rows (a warning per row would
time the warning printer, not the build).
"""
import re
import sys

src, dst = sys.argv[1], sys.argv[2]
want = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
text = open(src, encoding="utf-8").read()
marker = "[[content.roadmap.rows]]"
head, rows = text[: text.index(marker)], text[text.index(marker):]


def shorten(m):
    words = m.group(2).split()
    return f'{m.group(1)} = "{" ".join(words[:2])}"'


rows = re.sub(r'^(activity|responsible|group) = "(.*)"$', shorten, rows, flags=re.M)
per_copy = rows.count(marker)
copies = [rows] * -(-want // per_copy)
out = "\n".join(copies)
counter = iter(range(1, 10**9))
out = re.sub(r'^(activity = ".*)"$', lambda m: f'{m.group(1)} {next(counter)}"', out, flags=re.M)
# Cut the last copy so the count is exact.
parts = out.split(marker)
out = marker.join(parts[: want + 1])
open(dst, "w", encoding="utf-8").write(head + out)
