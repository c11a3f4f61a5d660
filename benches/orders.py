"""Writes COUNT different one-page orders (each its own title, number, date and points; one
shared organisation file at org/chippkro.toml) to FOLDER, for the batch and verify benches.

    python3 benches/orders.py FOLDER COUNT
"""
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
