//! A view flattened into the sequences the comparison aligns: requisites, preamble, points,
//! each appendix's items in reading order, footnotes. Every item carries its path in its
//! own version's numbers; its text leaves the numbers out, so that renumbering alone does
//! not make items differ.

use super::{step, Step, StepKind};
use crate::data::view::{BlockView, Inline, Piece, RowView, TableView, View};
use std::collections::BTreeMap;

/// A view as sequences of comparable items.
pub(super) struct Flat {
    /// The order's requisites by name, in a fixed order.
    pub requisites: Vec<(&'static str, String)>,
    /// Preamble paragraphs.
    pub preamble: Vec<Item>,
    /// Points of the order.
    pub points: Vec<Item>,
    /// Appendices (or the body of a standalone document).
    pub parts: Vec<Part>,
    /// Footnotes in reading order.
    pub footnotes: Vec<Item>,
}

/// An appendix.
pub(super) struct Part {
    /// Its step («приложение 2»), or none for a standalone document's body.
    pub head: Vec<Step>,
    /// Its title, by which appendices are matched.
    pub title: String,
    /// Its items in reading order, the title first.
    pub items: Vec<Item>,
}

/// A comparable item.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// Where it is, its own step last.
    pub path: Vec<Step>,
    /// Its text without its number (a row's cells joined with « | »).
    pub text: String,
    /// A table row's cells: the column's title and the cell's text.
    pub cells: Option<Vec<(String, String)>>,
}

impl Item {
    /// What the alignment compares: the kind of the item and its text.
    pub fn key(&self) -> (StepKind, &str) {
        (
            self.path.last().map_or(StepKind::Paragraph, |s| s.kind),
            &self.text,
        )
    }
}

/// `view` flattened.
pub(super) fn flatten(view: &View) -> Flat {
    let mut notes = Notes::default();
    let order = view.order.as_ref();
    let mut preamble = Vec::new();
    let mut points = Vec::new();
    if let Some(order) = order {
        for (i, p) in order.preamble.iter().enumerate() {
            let path = vec![step(StepKind::Preamble, ""), para(i + 1)];
            preamble.push(notes.item(path, p));
        }
        for p in &order.points {
            points.push(notes.item(vec![step(StepKind::Point, trim(&p.number))], &p.text));
        }
    }
    let parts = view.parts.iter().map(|p| part(p, &mut notes)).collect();
    Flat {
        requisites: requisites(view),
        preamble,
        points,
        parts,
        footnotes: notes.items,
    }
}

/// The requisites of `old` and `new` side by side, by name (absent ones empty).
pub(super) fn requisites_pairs(
    old: &[(&'static str, String)],
    new: &[(&'static str, String)],
) -> Vec<(&'static str, String, String)> {
    let names = if old.len() >= new.len() { old } else { new };
    let value = |list: &[(&'static str, String)], name: &str| {
        let found = list.iter().find(|(n, _)| *n == name);
        found.map(|(_, v)| v.clone()).unwrap_or_default()
    };
    names
        .iter()
        .map(|(name, _)| (*name, value(old, name), value(new, name)))
        .collect()
}

/// The order's requisites, each as one line of text (empty when absent).
fn requisites(view: &View) -> Vec<(&'static str, String)> {
    let join = |v: &[Inline], sep: &str| {
        v.iter()
            .map(Inline::plain_text)
            .collect::<Vec<_>>()
            .join(sep)
    };
    let opt = |v: &Option<Inline>| v.as_ref().map(Inline::plain_text).unwrap_or_default();
    let org = view.org.as_ref().map(|o| join(&o.name, " "));
    let Some(o) = view.order.as_ref() else {
        return vec![("организация", org.unwrap_or_default())];
    };
    let signatory = o.signatory.as_ref().map(|s| {
        format!("{} {}", join(&s.position, " "), s.name.plain_text())
            .trim()
            .to_string()
    });
    let executors = o
        .executors
        .iter()
        .map(|e| {
            format!("{} {}", e.name.plain_text(), opt(&e.phone))
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("; ");
    let approvers = o
        .approvers
        .iter()
        .map(|a| format!("{} {}", a.position.plain_text(), a.name.plain_text()))
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        ("организация", org.unwrap_or_default()),
        ("вид документа", o.kind.clone()),
        ("дата", o.date.clone().unwrap_or_default()),
        ("номер", opt(&o.number)),
        ("место составления", opt(&o.place)),
        ("заголовок", o.title.plain_text()),
        ("распорядительное слово", opt(&o.directive)),
        ("подпись", signatory.unwrap_or_default()),
        ("исполнитель", executors),
        ("рассылка", opt(&o.distribution)),
        ("согласование", approvers),
    ]
}

/// Footnotes met so far, numbered in reading order.
#[derive(Default)]
struct Notes {
    items: Vec<Item>,
}

impl Notes {
    /// An item at `path` with `text`, its footnotes noted.
    fn item(&mut self, path: Vec<Step>, text: &Inline) -> Item {
        self.note(text);
        Item {
            path,
            text: text.plain_text(),
            cells: None,
        }
    }

    /// Notes the footnotes of `text`.
    fn note(&mut self, text: &Inline) {
        for piece in &text.0 {
            if let Piece::Note { note, .. } = piece {
                let n = (self.items.len() + 1).to_string();
                let path = vec![step(StepKind::Footnote, &n)];
                self.items.push(Item {
                    path,
                    text: note.plain_text(),
                    cells: None,
                });
            }
        }
    }
}

/// An appendix's items.
fn part(p: &crate::data::view::PartView, notes: &mut Notes) -> Part {
    let head = match (p.mark.as_str(), p.number) {
        ("none", _) => vec![],
        (_, n) => vec![step(
            StepKind::Appendix,
            &n.map(|n| n.to_string()).unwrap_or_default(),
        )],
    };
    let title = p.title.as_ref().map(Inline::plain_text).unwrap_or_default();
    let mut items = Vec::new();
    if let Some(t) = &p.title {
        items.push(notes.item(with(&head, step(StepKind::Title, "")), t));
    }
    let mut walk = Walk {
        head: &head,
        section: None,
        paragraph: 0,
        tables: 0,
        figures: 0,
        notes,
        items: &mut items,
    };
    for block in p.sections.iter().flat_map(|s| &s.blocks) {
        walk.block(block);
    }
    Part { head, title, items }
}

/// The walk through an appendix's blocks: the section it is in and what it has counted.
struct Walk<'a> {
    head: &'a [Step],
    section: Option<Step>,
    paragraph: usize,
    tables: usize,
    figures: usize,
    notes: &'a mut Notes,
    items: &'a mut Vec<Item>,
}

impl Walk<'_> {
    /// The path of an item in the current section.
    fn here(&self, own: Step) -> Vec<Step> {
        let mut path = self.head.to_vec();
        path.extend(self.section.clone());
        path.push(own);
        path
    }

    /// The next paragraph (list items are paragraphs too, as in Russian drafting).
    fn paragraph(&mut self, text: &Inline) {
        self.paragraph += 1;
        let path = self.here(para(self.paragraph));
        let item = self.notes.item(path, text);
        self.items.push(item);
    }

    fn block(&mut self, block: &BlockView) {
        match block {
            BlockView::Section { number, text } => {
                self.section = Some(step(StepKind::Section, trim(number)));
                self.paragraph = 0;
                let item = self
                    .notes
                    .item(with(self.head, self.section.clone().unwrap()), text);
                self.items.push(item);
            }
            BlockView::Heading { text }
            | BlockView::Center { text }
            | BlockView::Text { text }
            | BlockView::Plain { text } => self.paragraph(text),
            BlockView::List { items, .. } => items.iter().for_each(|t| self.paragraph(t)),
            BlockView::Clause { number, text } => {
                let path = with(self.head, step(StepKind::Point, trim(number)));
                let item = self.notes.item(path, text);
                self.items.push(item);
            }
            BlockView::Numbered { items } => {
                for n in items {
                    let item = self
                        .notes
                        .item(self.here(step(StepKind::Point, trim(&n.number))), &n.text);
                    self.items.push(item);
                    n.list.iter().for_each(|t| self.paragraph(t));
                }
            }
            BlockView::Pagebreak => {}
            BlockView::Figure(f) => {
                self.figures += 1;
                let text = f.text.as_ref().unwrap_or(&f.caption);
                let path = with(self.head, step(StepKind::Figure, &self.figures.to_string()));
                let item = self.notes.item(path, text);
                self.items.push(item);
            }
            BlockView::Table(t) => {
                self.tables += 1;
                table(self.head, t, self.tables, self.notes, self.items);
            }
        }
    }
}

/// A table's body rows as items. A roadmap — a table of numbered rows under group rows —
/// is named by its groups («2024 год, раздел 2.1, мероприятие 4») rather than as a table.
fn table(head: &[Step], t: &TableView, ordinal: usize, notes: &mut Notes, out: &mut Vec<Item>) {
    let grid = grid_columns(&t.rows);
    let titles = column_titles(&t.rows, &grid);
    let texts: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| cell_text(c, notes)).collect())
        .collect();
    let numbered = |i: usize| {
        let first = (grid[i].first() == Some(&0)).then(|| texts[i][0].as_str());
        first.filter(|f| is_number(f))
    };
    let body = |r: &RowView| !r.header;
    let grouped = t.rows.iter().any(|r| r.group.is_some());
    let roadmap = grouped && (0..t.rows.len()).any(|i| body(&t.rows[i]) && numbered(i).is_some());
    let mut base = head.to_vec();
    if !roadmap {
        let label = t
            .caption
            .as_deref()
            .and_then(|c| c.strip_prefix("Таблица "))
            .map_or(ordinal.to_string(), str::to_string);
        base.push(step(StepKind::Table, &label));
    }
    let (mut year, mut section, mut ordinal) = (None::<Step>, None::<Step>, 0);
    for (i, row) in t.rows.iter().enumerate() {
        if row.header {
            continue;
        }
        ordinal += 1;
        let context = |own: Step, year: &Option<Step>, section: &Option<Step>| {
            let mut path = base.clone();
            path.extend(year.clone());
            path.extend(section.clone());
            path.push(own);
            path
        };
        if row.group.is_some() || row.subheader {
            let text = texts[i].join(" ");
            let path = if !roadmap {
                context(step(StepKind::Row, &ordinal.to_string()), &None, &None)
            } else if let Some(y) = year_of(&text) {
                year = Some(step(StepKind::Year, y));
                section = None;
                context(year.clone().unwrap(), &None, &None)
            } else if let Some(n) = leading_number(&text) {
                section = Some(step(StepKind::Section, n));
                context(section.clone().unwrap(), &year, &None)
            } else {
                context(step(StepKind::Row, &ordinal.to_string()), &year, &section)
            };
            out.push(Item {
                path,
                text,
                cells: None,
            });
            continue;
        }
        let number = numbered(i);
        let own = match (number, roadmap) {
            (Some(n), true) => step(StepKind::Activity, trim(n)),
            (Some(n), false) => step(StepKind::Row, trim(n)),
            (None, _) => step(StepKind::Row, &ordinal.to_string()),
        };
        // The number column is counted, not written: it stays out of what is compared.
        let skip = usize::from(number.is_some());
        let cells: Vec<(String, String)> = grid[i]
            .iter()
            .zip(&texts[i])
            .skip(skip)
            .map(|(col, text)| {
                let title = titles.get(col).cloned();
                (
                    title.unwrap_or_else(|| format!("столбец {}", col + 1)),
                    text.clone(),
                )
            })
            .collect();
        let text = cells
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        let path = context(own, &year, &section);
        out.push(Item {
            path,
            text,
            cells: Some(cells),
        });
    }
}

/// The column each cell starts in, counting the columns that cells spanning rows from above
/// cover.
fn grid_columns(rows: &[RowView]) -> Vec<Vec<usize>> {
    let mut busy: Vec<usize> = Vec::new();
    let mut grid = Vec::with_capacity(rows.len());
    for row in rows {
        let mut col = 0;
        let mut starts = Vec::with_capacity(row.cells.len());
        for cell in &row.cells {
            while busy.get(col).is_some_and(|b| *b > 0) {
                col += 1;
            }
            starts.push(col);
            let end = col + cell.colspan.max(1);
            if busy.len() < end {
                busy.resize(end, 0);
            }
            busy[col..end]
                .iter_mut()
                .for_each(|b| *b = cell.rowspan.max(1));
            col = end;
        }
        busy.iter_mut().for_each(|b| *b = b.saturating_sub(1));
        grid.push(starts);
    }
    grid
}

/// The title of each column: the header cells over it from the top down («целевые
/// показатели, 2023»), each with its first letter made small unless it starts with an
/// abbreviation.
fn column_titles(rows: &[RowView], grid: &[Vec<usize>]) -> BTreeMap<usize, String> {
    let mut titles: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (row, cols) in rows.iter().zip(grid).filter(|(r, _)| r.header) {
        for (cell, col) in row.cells.iter().zip(cols) {
            let text: Vec<String> = cell.paragraphs.iter().map(Inline::plain_text).collect();
            let title = lower_first(&text.join(" ").replace('\u{a0}', " "));
            for c in *col..col + cell.colspan.max(1) {
                titles.entry(c).or_default().push(title.clone());
            }
        }
    }
    titles.into_iter().map(|(c, t)| (c, t.join(", "))).collect()
}

/// A cell's text: its paragraphs, list items and result numbers.
fn cell_text(cell: &crate::data::view::CellView, notes: &mut Notes) -> String {
    let mut parts: Vec<String> = Vec::new();
    for p in &cell.paragraphs {
        notes.note(p);
        parts.push(p.plain_text());
    }
    for item in &cell.items {
        notes.note(&item.text);
        parts.push(format!("{} {}", item.marker, item.text.plain_text()));
    }
    if let Some(results) = &cell.results {
        let numbers: Vec<String> = results.iter().map(i64::to_string).collect();
        parts.push(numbers.join(", "));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(_), Some(b)) if b.is_uppercase() => text.to_string(),
        (Some(a), _) => a.to_lowercase().chain(text.chars().skip(1)).collect(),
        _ => text.to_string(),
    }
}

/// «2.1.» → «2.1».
fn trim(number: &str) -> &str {
    number.trim().trim_end_matches('.')
}

/// A row number: digits, maybe with dots («3», «2.1.»).
fn is_number(text: &str) -> bool {
    let t = trim(text);
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// The year of a roadmap's year group: «2024» or «2024 год».
fn year_of(text: &str) -> Option<&str> {
    let t = text.trim().trim_end_matches("год").trim();
    (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit())).then_some(t)
}

/// The number a group starts with: «2.1. повышение…» → «2.1».
fn leading_number(text: &str) -> Option<&str> {
    let word = text.split_whitespace().next()?;
    (is_number(word) && word.chars().next()?.is_ascii_digit()).then(|| trim(word))
}

/// The `n`-th paragraph's step.
fn para(n: usize) -> Step {
    step(StepKind::Paragraph, &n.to_string())
}

/// `head` followed by `own`.
fn with(head: &[Step], own: Step) -> Vec<Step> {
    let mut path = head.to_vec();
    path.push(own);
    path
}
