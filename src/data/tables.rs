//! Keyed tables of the data (roadmaps, indicators) to table views: header rows from the
//! column titles, activity numbers, group rows spanning all columns, and every value of a row
//! checked where it was written — unknown columns, cells closed by a rowspan from above,
//! rowspans past the next group, result numbers that name no result, deadlines outside their
//! year group, repeated activities. General tables are in [`general`](super::general).

use super::build::{Builder, Notes};
use super::loose::{Row, Value};
use super::raw::{ColumnData, KeyedTable, Spanned, Text};
use super::toml_error::closest;
use super::view::{CellView, Inline, RowView, TableView};
use std::collections::HashSet;

pub(super) use super::general::general;

/// Keys a keyed-table row may carry besides its column keys.
const ROW_KEYS: [&str; 3] = ["group", "style", "targets"];

/// A cell of `paragraphs` aligned `align`, spanning one slot.
pub(super) fn cell(paragraphs: Vec<Inline>, align: &str) -> CellView {
    CellView {
        paragraphs,
        colspan: 1,
        rowspan: 1,
        align: align.to_string(),
        results: None,
    }
}

/// The state of reading one keyed table, row after row.
struct Keyed<'t> {
    t: &'t KeyedTable,
    src: usize,
    notes: &'t Notes,
    /// Roadmaps number activities and warn about repeated ones.
    roadmap: bool,
    /// Numbers run through the table instead of restarting after every group row.
    through: bool,
    /// The last activity number given.
    n: usize,
    /// Rows still covered by a rowspan from above, per data column.
    covered: Vec<usize>,
    /// Activities seen in the current group.
    seen: HashSet<String>,
    /// The year of the current year group («2023»), for checking deadlines.
    year: Option<i32>,
    /// Alignment of each data column.
    aligns: Vec<String>,
}

/// A roadmap (`roadmap == true`: numbered activities) or an indicators table.
pub(super) fn keyed(
    b: &mut Builder,
    t: &KeyedTable,
    src: usize,
    notes: &Notes,
    roadmap: bool,
) -> TableView {
    let mut widths: Vec<f32> = t.columns.iter().map(|c| c.width).collect();
    widths.extend(t.years.iter().map(|_| t.year_width.unwrap_or(15.0)));
    let mut k = Keyed {
        t,
        src,
        notes,
        roadmap,
        through: numbering(b, t, src),
        n: 0,
        covered: vec![0; t.columns.len()],
        seen: HashSet::new(),
        year: None,
        aligns: t.columns.iter().map(|c| align(b, c, src)).collect(),
    };
    check_result_lists(b, t, src);
    let mut rows = vec![k.head(b)];
    for (ri, row) in t.rows.iter().enumerate() {
        k.unknown_keys(b, row);
        let view = match row.get("group") {
            Some(group) => k.group(b, row, group, widths.len()),
            None => k.row(b, row, ri),
        };
        rows.push(view);
    }
    TableView {
        caption: t.caption.clone(),
        title: t.title.as_ref().map(|s| b.md(s, notes, src)),
        widths,
        rows,
    }
}

/// The alignment of a column's cells: as written, or centred numbers and left-aligned text.
fn align(b: &mut Builder, col: &ColumnData, src: usize) -> String {
    match &col.align {
        Some(a) => b.choice(
            src,
            Some(a),
            "left",
            &["left", "center", "right"],
            "выравнивание «{}» неизвестно: ожидается \"left\", \"center\" или \"right\"",
        ),
        None if col.number => "center".into(),
        None => "left".into(),
    }
}

/// Reports results columns that name no numbered list.
fn check_result_lists(b: &mut Builder, t: &KeyedTable, src: usize) {
    for list in t.columns.iter().filter_map(|c| c.results.as_ref()) {
        if !b.lists.contains_key(list.as_str()) {
            b.error(
                src,
                list.start(),
                format!(
                    "столбец ссылается на список «{}», но нумерованного списка с id = \"{}\" нет",
                    **list, **list
                ),
            );
        }
    }
}

/// Whether activity numbers run through the table («through») or restart after every group
/// row («groups», the default).
fn numbering(b: &mut Builder, t: &KeyedTable, src: usize) -> bool {
    match t.numbering.as_ref() {
        None => false,
        Some(n) if n.as_str() == "groups" => false,
        Some(n) if n.as_str() == "through" => true,
        Some(n) => {
            b.warn(
                src,
                n.start(),
                format!(
                "нумерация «{}» неизвестна: ожидается \"groups\" или \"through\"; взята \"groups\"",
                **n
            ),
            );
            false
        }
    }
}

impl Keyed<'_> {
    /// The header row: column titles, then the years.
    fn head(&self, b: &mut Builder) -> RowView {
        let mut cells: Vec<CellView> = self
            .t
            .columns
            .iter()
            .map(|c| cell(vec![b.md(&c.title, self.notes, self.src)], "center"))
            .collect();
        let years = self.t.years.iter();
        cells.extend(years.map(|y| cell(vec![Inline::plain(y.to_string())], "center")));
        RowView {
            header: true,
            group: None,
            cells,
        }
    }

    /// Reports keys of `row` that name no column.
    fn unknown_keys(&self, b: &mut Builder, row: &Row) {
        let columns: Vec<&str> = self.t.columns.iter().map(|c| c.key.as_str()).collect();
        let keys: Vec<&str> = columns.iter().copied().chain(ROW_KEYS).collect();
        for (k, _) in &row.0 {
            if keys.contains(&k.as_str()) {
                continue;
            }
            let hint = closest(k, &keys)
                .map(|s| format!("; возможно, имелось в виду «{s}»"))
                .unwrap_or_default();
            b.error(
                self.src,
                k.start(),
                format!(
                    "в строке таблицы неизвестный столбец «{}»{hint}. Столбцы таблицы: {}",
                    **k,
                    columns.join(", ")
                ),
            );
        }
    }

    /// A group row: one cell across all columns; numbering restarts unless it runs through.
    fn group(
        &mut self,
        b: &mut Builder,
        row: &Row,
        group: &Spanned<Value>,
        ncols: usize,
    ) -> RowView {
        let text = match group.get_ref() {
            Value::Text(s) => Spanned::new(s.clone(), group.span()),
            other => {
                b.error(
                    self.src,
                    group.start(),
                    format!(
                    "group должно быть строкой в кавычках, например group = \"2023\", а здесь {}",
                    kind_name(other)
                ),
                );
                Spanned::new(String::new(), group.span())
            }
        };
        if !self.through {
            self.n = 0;
        }
        // A repeat is looked for within one group: the next year may rightly repeat it.
        self.seen.clear();
        if let Ok(y) = text.trim().parse::<i32>() {
            self.year = Some(y);
        }
        let style = match row.get("style") {
            None => "bold",
            Some(s) => match s.get_ref() {
                Value::Text(s) if matches!(s.as_str(), "bold" | "italic" | "plain") => s,
                _ => {
                    let message =
                        "style строки-группы: ожидается \"bold\", \"italic\" или \"plain\"";
                    b.error(self.src, s.start(), message);
                    "bold"
                }
            },
        };
        let mut c = cell(vec![b.md(&text, self.notes, self.src)], "left");
        c.colspan = ncols;
        RowView {
            header: false,
            group: Some(style.to_string()),
            cells: vec![c],
        }
    }

    /// An ordinary row: a cell per column not covered from above, then the targets.
    fn row(&mut self, b: &mut Builder, row: &Row, ri: usize) -> RowView {
        if self.roadmap {
            self.check_repeat(b, row);
        }
        let mut cells = Vec::new();
        for (ci, col) in self.t.columns.iter().enumerate() {
            if self.covered[ci] > 0 {
                self.covered[ci] -= 1;
                if let Some(v) = row.get(&col.key) {
                    b.error(
                        self.src,
                        v.start(),
                        format!(
                            "ячейка «{}» в этой строке закрыта объединением (rowspan) из строки \
                         выше: уберите её или уменьшите rowspan",
                            col.key
                        ),
                    );
                }
                continue;
            }
            cells.push(self.cell(b, row, ri, ci, col));
        }
        cells.extend(self.targets(b, row));
        RowView {
            header: false,
            group: None,
            cells,
        }
    }

    /// Warns when the activity of `row` is already in this group.
    fn check_repeat(&mut self, b: &mut Builder, row: &Row) {
        let Some(first) = self.first_text(row) else {
            return;
        };
        let key = first.split_whitespace().collect::<Vec<_>>().join(" ");
        if !self.seen.insert(key) {
            b.warn(
                self.src,
                first.start(),
                "это мероприятие уже есть в таблице выше (повтор строки): \
                 проверьте, не задублировано ли оно с другим сроком",
            );
        }
    }

    /// The text of the first text column that has text in `row`: what makes two roadmap rows
    /// "the same activity".
    fn first_text(&self, row: &Row) -> Option<Text> {
        let columns = self.t.columns.iter().filter(|c| !c.number);
        columns.into_iter().find_map(|c| {
            let v = row.get(&c.key)?;
            match v.get_ref() {
                Value::Text(s) => Some(Spanned::new(s.clone(), v.span())),
                _ => None,
            }
        })
    }

    /// The cell of column `col` (index `ci`) in row `ri`.
    fn cell(
        &mut self,
        b: &mut Builder,
        row: &Row,
        ri: usize,
        ci: usize,
        col: &ColumnData,
    ) -> CellView {
        let align = &self.aligns[ci];
        if col.number {
            self.n += 1;
            let suffix = self.t.number_suffix.as_deref().unwrap_or_default();
            return cell(vec![Inline::plain(format!("{}{suffix}", self.n))], align);
        }
        let mut c = cell(Vec::new(), align);
        let Some(v) = row.get(&col.key) else {
            return c;
        };
        match v.get_ref() {
            Value::Text(s) => {
                let text = Spanned::new(s.clone(), v.span());
                if let (Some(y), true) = (self.year, is_deadline(col)) {
                    check_deadline_year(b, self.src, &text, y);
                }
                c.paragraphs = paragraphs(b, &text, self.notes, self.src);
            }
            Value::List(items) if col.results.is_some() => {
                c.results = Some(results(b, items, col, self.src));
            }
            Value::Table(entries) => {
                let (text, rowspan) = self.spanned_cell(b, v, entries, ri);
                c.paragraphs = paragraphs(b, &text, self.notes, self.src);
                c.rowspan = rowspan;
                self.covered[ci] = rowspan - 1;
            }
            other => b.error(
                self.src,
                v.start(),
                format!(
                    "значение столбца «{}» должно быть строкой{}, а записано {}",
                    col.key,
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

    /// The text and rowspan of a cell written `{ text = "…", rowspan = 3 }` in row `ri`, its
    /// rowspan kept within the rows down to the next group row.
    fn spanned_cell(
        &self,
        b: &mut Builder,
        cell: &Spanned<Value>,
        entries: &[(String, Spanned<toml::Value>)],
        ri: usize,
    ) -> (Text, usize) {
        let mut text = Spanned::new(String::new(), cell.span());
        let mut rowspan = 1;
        for (key, v) in entries {
            match (key.as_str(), v.get_ref()) {
                ("text", toml::Value::String(s)) => text = Spanned::new(s.clone(), v.span()),
                ("rowspan", toml::Value::Integer(n)) if *n >= 1 => {
                    rowspan = self.rowspan(b, v, *n as usize, ri);
                }
                ("text", _) => b.error(self.src, v.start(), "text ячейки должно быть строкой в кавычках"),
                ("rowspan", _) => b.error(self.src, v.start(),
                    "rowspan — число строк, которые занимает ячейка: целое число от 1, например rowspan = 2"),
                (other, _) => {
                    let hint = closest(other, &["text", "rowspan"])
                        .map(|s| format!("; возможно, имелось в виду «{s}»"))
                        .unwrap_or_default();
                    b.error(self.src, v.start(), format!(
                        "в ячейке неизвестное поле «{other}»{hint}: ячейка с объединением \
                         пишется {{ text = \"…\", rowspan = 2 }}"
                    ));
                }
            }
        }
        (text, rowspan)
    }

    /// A rowspan of `n` written at `v` in row `ri`, reported and cut when it runs past the
    /// rows down to the next group row.
    fn rowspan(&self, b: &mut Builder, v: &Spanned<toml::Value>, n: usize, ri: usize) -> usize {
        let rows = self.t.rows[ri + 1..].iter();
        let left = rows.take_while(|r| r.get("group").is_none()).count();
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
    fn targets(&self, b: &mut Builder, row: &Row) -> Vec<CellView> {
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

/// The kind of a value, in Russian, for messages.
fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Text(_) => "строка",
        Value::List(_) => "список",
        Value::Table(_) => "таблица",
        Value::Other(kind) => kind,
    }
}

/// A column of deadlines: keyed `deadline`, or titled «Срок…».
fn is_deadline(col: &ColumnData) -> bool {
    col.key == "deadline" || col.title.trim_start().starts_with("Срок")
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

/// The paragraphs of a cell: its text split at line feeds, each trimmed.
pub(super) fn paragraphs(b: &mut Builder, text: &Text, notes: &Notes, src: usize) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut from = 0;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        let part = from + lead..from + line.trim_end().len().max(lead);
        out.push(b.md_part(text, part, Some(notes), src));
        from += line.len() + 1;
    }
    out
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
