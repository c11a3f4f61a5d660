//! The cells of a keyed table's ordinary rows: text (split into paragraphs at line feeds),
//! result numbers checked against the numbered list their column names, `{ text, rowspan }`
//! cells with their rowspan kept above the next group row, yearly targets, and deadlines
//! checked against their year group — each problem at the value, or the character, it is in.

use super::keyed::Keyed;
use super::{cell, items, paragraphs};
use crate::data::build::Builder;
use crate::data::loose::{Row, Value};
use crate::data::raw::{ColumnData, Spanned, Text};
use crate::data::toml_error::closest;
use crate::data::view::{CellItem, CellView, Inline};

impl Keyed<'_> {
    /// The cell of column `col` (index `ci`) in row `ri`.
    pub(super) fn cell(
        &mut self,
        b: &mut Builder,
        row: &Row,
        ri: usize,
        ci: usize,
        col: &ColumnData,
    ) -> CellView {
        if col.number {
            let number = self.number(b, row);
            return cell(vec![Inline::plain(number)], &self.aligns[ci]);
        }
        let align = &self.aligns[ci];
        let mut c = cell(Vec::new(), align);
        let Some(v) = row.get(&col.key) else {
            return c;
        };
        match v.get_ref() {
            Value::Text(s) => {
                let text = Spanned::new(s.clone(), v.span());
                c.paragraphs = self.text(b, &text, col);
            }
            Value::List(items) if col.results.is_some() => {
                c.results = Some(results(b, items, col, self.src));
            }
            Value::Table(entries) => {
                let (text, rowspan, items) = self.spanned_cell(b, v, entries, ri);
                if !text.is_empty() || items.is_empty() {
                    c.paragraphs = self.text(b, &text, col);
                }
                c.items = items;
                c.rowspan = rowspan;
                self.covered[ci] = rowspan - 1;
            }
            other => b.error(
                self.src,
                v.start(),
                format!(
                    "значение столбца «{}» должно быть строкой{}, а записано {}",
                    col.key.as_str(),
                    if col.results.is_some() {
                        " или списком номеров результатов [1, 2]"
                    } else {
                        ""
                    },
                    kind_name(other)
                ),
            ),
        }
        c
    }

    /// The paragraphs of a cell's text in column `col`; a deadline is checked against the
    /// year group it stands in.
    fn text(&self, b: &mut Builder, text: &Text, col: &ColumnData) -> Vec<Inline> {
        if let (Some(y), true) = (self.year, is_deadline(col)) {
            check_deadline_year(b, self.src, text, y);
        }
        paragraphs(b, text, self.notes, self.src)
    }

    /// The number of row `row` in a numbered column: «1», or «1.1» for a row with
    /// `level = 2`, followed by the table's suffix (indicators: «1.», «1.1.»).
    fn number(&mut self, b: &mut Builder, row: &Row) -> String {
        let default = if self.roadmap { "" } else { "." };
        let suffix = self.t.number_suffix.clone();
        let suffix = suffix.as_deref().unwrap_or(default);
        if let Some(l) = row.get("level") {
            // The row's reader keeps an integer's place, not its value: read it back.
            let source = &b.sources[self.src].text;
            let level = source
                .get(l.span())
                .and_then(|t| t.trim().parse::<i64>().ok());
            match level {
                Some(1) => {}
                Some(2) if self.n > 0 => {
                    self.sub += 1;
                    return format!("{}.{}{suffix}", self.n, self.sub);
                }
                Some(2) => {
                    let message = "строка уровня 2 (level = 2) нумеруется под строкой уровня 1 \
                                   («1.1.» под «1.»), а выше неё такой строки нет";
                    b.error(self.src, l.start(), message);
                }
                _ => {
                    let message = "level строки таблицы — 1 (по умолчанию) или 2 («1.1.»)";
                    b.error(self.src, l.start(), message);
                }
            }
        }
        self.n += 1;
        self.sub = 0;
        format!("{}{suffix}", self.n)
    }

    /// The text, rowspan and list items of a cell written `{ text = "…", rowspan = 3 }` (or
    /// with `numbered = […]`, `list = […]`) in row `ri`, its rowspan kept within the rows
    /// down to the next group row.
    fn spanned_cell(
        &self,
        b: &mut Builder,
        cell: &Spanned<Value>,
        entries: &[(String, Spanned<toml::Value>)],
        ri: usize,
    ) -> (Text, usize, Vec<CellItem>) {
        let mut text = Spanned::new(String::new(), cell.span());
        let mut rowspan = 1;
        let mut lists = [None, None];
        for (key, v) in entries {
            let problem = match (key.as_str(), v.get_ref()) {
                ("text", toml::Value::String(s)) => {
                    text = Spanned::new(s.clone(), v.span());
                    continue;
                }
                ("numbered" | "list", toml::Value::Array(_)) => {
                    match string_items(b, self.src, v) {
                        Some(items) => lists[usize::from(key == "list")] = Some(items),
                        None => b.error(
                            self.src,
                            v.start(),
                            format!("{key} в ячейке — список строк: {key} = [\"…\", \"…\"]"),
                        ),
                    }
                    continue;
                }
                ("rowspan", toml::Value::Integer(n)) if *n >= 1 => {
                    rowspan = self.rowspan(b, v, *n as usize, ri);
                    continue;
                }
                ("text", _) => "text ячейки должно быть строкой в кавычках".to_string(),
                ("numbered" | "list", _) => {
                    format!("{key} в ячейке — список строк: {key} = [\"…\", \"…\"]")
                }
                ("rowspan", _) => "rowspan — число строк, которые занимает ячейка: целое число \
                                   от 1, например rowspan = 2"
                    .to_string(),
                (other, _) => {
                    let hint = closest(other, &["text", "rowspan", "numbered", "list"])
                        .map(|s| format!("; возможно, имелось в виду «{s}»"))
                        .unwrap_or_default();
                    format!(
                        "в ячейке неизвестное поле «{other}»{hint}: ячейка с объединением \
                         пишется {{ text = \"…\", rowspan = 2 }}, со списком — {{ numbered = \
                         [\"…\"] }} или {{ text = \"…\", list = [\"…\"] }}"
                    )
                }
            };
            b.error(self.src, v.start(), problem);
        }
        let [numbered, list] = &lists;
        let items = items(b, [numbered.as_ref(), list.as_ref()], self.notes, self.src);
        (text, rowspan, items)
    }

    /// A rowspan of `n` written at `v` in row `ri`, reported and cut when it runs past the
    /// rows down to the next group row.
    fn rowspan(&self, b: &mut Builder, v: &Spanned<toml::Value>, n: usize, ri: usize) -> usize {
        let rows = self.t.rows[ri + 1..].iter();
        let full = |r: &&Spanned<Row>| r.get("group").is_some() || r.get("subheader").is_some();
        let left = rows.take_while(|r| !full(r)).count();
        if n - 1 > left {
            b.error(
                self.src,
                v.start(),
                format!(
                "rowspan = {n} выходит за таблицу: ниже этой строки (до следующей группы) всего \
                 {left} строк(и)"
            ),
            );
        }
        n.min(left + 1)
    }

    /// The target cells of an indicators row: one per year.
    pub(super) fn targets(&self, b: &mut Builder, row: &Row) -> Vec<CellView> {
        let years = self.t.years.len();
        let targets: &[Spanned<toml::Value>] = match row.get("targets") {
            None => &[],
            Some(v) => match v.get_ref() {
                Value::List(items) => items,
                other => {
                    b.error(
                        self.src,
                        v.start(),
                        format!(
                            "targets — список значений по годам, например targets = [\"10%\", \
                         \"25%\"], а здесь {}",
                            kind_name(other)
                        ),
                    );
                    &[]
                }
            },
        };
        if years > 0 && targets.len() > years {
            b.error(
                self.src,
                targets[years].start(),
                format!(
                    "в targets {} значений, а лет в таблице {years}",
                    targets.len()
                ),
            );
        }
        if let (Some(list), true) = (row.get("targets"), (1..years).contains(&targets.len())) {
            b.error(
                self.src,
                list.start(),
                format!(
                    "в targets {} значений, а лет в таблице {years}: на каждый год нужно \
                     значение (пустая ячейка пишется \"\")",
                    targets.len()
                ),
            );
        }
        (0..years)
            .map(|i| {
                let text = targets.get(i).map(|v| {
                    let s = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                    b.md(&Spanned::new(s, v.span()), self.notes, self.src)
                });
                cell(text.into_iter().collect(), "center")
            })
            .collect()
    }
}

/// The strings of the list written at `v` in source `src`, each with its place: the list
/// is read again from the source, since the row's reader keeps the place of the list alone.
/// `None` when an item is not a string.
fn string_items(b: &Builder, src: usize, v: &Spanned<toml::Value>) -> Option<Spanned<Vec<Text>>> {
    const KEY: &str = "x = ";
    let source = &b.sources[src].text;
    let shift = v.start() as isize - KEY.len() as isize;
    let again = format!("{KEY}{}", source.get(v.span())?);
    let (table, errors) = toml::de::DeTable::parse_recoverable(&again);
    if !errors.is_empty() {
        return None;
    }
    let toml::de::DeValue::Array(items) = table.get_ref().get("x")?.get_ref() else {
        return None;
    };
    let items = items.iter().map(|item| {
        let toml::de::DeValue::String(s) = item.get_ref() else {
            return None;
        };
        let span = item.span();
        let at = |i: usize| (i as isize + shift) as usize;
        Some(Spanned::new(s.to_string(), at(span.start)..at(span.end)))
    });
    Some(Spanned::new(items.collect::<Option<_>>()?, v.span()))
}

/// The kind of a value, in Russian, for messages.
pub(super) fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Text(_) => "строка",
        Value::List(_) => "список",
        Value::Table(_) => "таблица",
        Value::Other(kind) => kind,
    }
}

/// A column of deadlines: keyed `deadline`, or titled «Срок…».
fn is_deadline(col: &ColumnData) -> bool {
    col.key.as_str() == "deadline" || col.title.trim_start().starts_with("Срок")
}

/// Warns, at the year, when a deadline names a year other than its year group's.
fn check_deadline_year(b: &mut Builder, src: usize, text: &Text, year: i32) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let Ok(y) = text[start..i].parse::<i32>() else {
            continue;
        };
        if i - start == 4 && (1990..2100).contains(&y) && y != year {
            let place = b.inside(src, text, start);
            b.warn(
                src,
                place,
                format!(
                    "срок «{}» относится к {y} году, а строка стоит в группе {year} года: \
                 проверьте год или перенесите мероприятие",
                    **text
                ),
            );
            return;
        }
    }
}

/// Result numbers of a results column, each checked against the numbered list the column
/// names and reported at the number when it is not there.
fn results(
    b: &mut Builder,
    items: &[Spanned<toml::Value>],
    col: &ColumnData,
    src: usize,
) -> Vec<i64> {
    let list = col.results.as_deref().map_or("", String::as_str);
    let count = b.lists.get(list).copied();
    let mut out = Vec::new();
    for v in items {
        let Some(n) = v.as_integer() else {
            b.error(
                src,
                v.start(),
                "номера результатов пишутся числами: results = [1, 2]",
            );
            continue;
        };
        if let Some(c) = count.filter(|&c| n < 1 || n as usize > c) {
            b.error(
                src,
                v.start(),
                format!("результата {n} не существует: в списке «{list}» результаты с 1 по {c}"),
            );
        }
        out.push(n);
    }
    out
}
