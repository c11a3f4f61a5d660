//! Keyed tables (roadmaps, indicators) row by row: the header row from the column titles,
//! activity numbers, group rows spanning all columns, unknown columns and repeated activities
//! reported where they were written. Their cells are read in [`cells`](super::cells).

use super::{caption, cell};
use crate::data::build::{Builder, Notes};
use crate::data::loose::{Row, Value};
use crate::data::raw::{ColumnData, KeyedTable, Spanned, Text};
use crate::data::toml_error::closest;
use crate::data::view::{CellView, Inline, RowView, TableView};
use std::collections::HashSet;

/// Keys a keyed-table row may carry besides its column keys.
const ROW_KEYS: [&str; 5] = ["group", "style", "targets", "subheader", "level"];

/// The state of reading one keyed table, row after row.
pub(super) struct Keyed<'t> {
    /// The table as written.
    pub(super) t: &'t KeyedTable,
    /// The source it was read from.
    pub(super) src: usize,
    /// The footnotes its text may mark.
    pub(super) notes: &'t Notes,
    /// Roadmaps number activities and warn about repeated ones.
    pub(super) roadmap: bool,
    /// Numbers run through the table instead of restarting after every group row.
    pub(super) through: bool,
    /// The last activity number given.
    pub(super) n: usize,
    /// The last second-level number given under it (rows with `level = 2`).
    pub(super) sub: usize,
    /// Rows still covered by a rowspan from above, per data column.
    pub(super) covered: Vec<usize>,
    /// Activities seen in the current group.
    pub(super) seen: HashSet<String>,
    /// The year of the current year group («2023»), for checking deadlines.
    pub(super) year: Option<i32>,
    /// Alignment of each data column.
    pub(super) aligns: Vec<String>,
}

/// A roadmap (`roadmap == true`: numbered activities) or an indicators table.
pub(crate) fn keyed(
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
        sub: 0,
        covered: vec![0; t.columns.len()],
        seen: HashSet::new(),
        year: None,
        aligns: t.columns.iter().map(|c| align(b, c, src)).collect(),
    };
    check_result_lists(b, t, src);
    check_unique_keys(b, t, src);
    let mut rows = vec![k.head(b)];
    for (ri, row) in t.rows.iter().enumerate() {
        k.unknown_keys(b, row);
        let view = match (row.get("group"), row.get("subheader")) {
            (Some(group), _) => k.group(b, row, group, widths.len()),
            (None, Some(sub)) => k.subheader(b, row, sub, widths.len()),
            (None, None) => k.row(b, row, ri),
        };
        rows.push(view);
    }
    TableView {
        caption: caption(b, t.caption.as_ref()),
        caption_align: b.numbers.table_align.clone(),
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

/// Reports a column key given twice: a row's value could belong to either column.
fn check_unique_keys(b: &mut Builder, t: &KeyedTable, src: usize) {
    let mut seen = HashSet::new();
    for c in &t.columns {
        if !seen.insert(c.key.as_str()) {
            let message = format!(
                "столбец с key = \"{}\" уже есть: значения строк попали бы в оба; дайте \
                 столбцам разные key",
                c.key.as_str()
            );
            b.error(src, c.key.start(), message);
        }
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
            subheader: false,
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
                    super::cells::kind_name(other)
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
            subheader: false,
            cells: vec![c],
        }
    }

    /// A sub-header row: one cell across all columns in the header's style. It does not
    /// restart numbering, and it is only its text: any other key is an error at the key.
    fn subheader(
        &mut self,
        b: &mut Builder,
        row: &Row,
        sub: &Spanned<Value>,
        ncols: usize,
    ) -> RowView {
        for (k, _) in row.0.iter().filter(|(k, _)| k.as_str() != "subheader") {
            let message = format!(
                "в строке-подзаголовке (subheader) не бывает поля «{}»: она пишется одна, \
                 {{ subheader = \"…\" }}, поперёк всей таблицы",
                k.as_str()
            );
            b.error(self.src, k.start(), message);
        }
        let text = match sub.get_ref() {
            Value::Text(s) => b.md(&Spanned::new(s.clone(), sub.span()), self.notes, self.src),
            other => {
                let message = format!(
                    "subheader должно быть строкой в кавычках, например subheader = \"Содержательный \
                     компонент\", а здесь {}",
                    super::cells::kind_name(other)
                );
                b.error(self.src, sub.start(), message);
                Inline::default()
            }
        };
        let mut c = cell(vec![text], "center");
        c.colspan = ncols;
        RowView {
            header: false,
            group: None,
            subheader: true,
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
                            col.key.as_str()
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
            subheader: false,
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
}
