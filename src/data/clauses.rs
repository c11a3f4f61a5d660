//! What the tool numbers through a whole document besides footnotes: clauses of regulations
//! (1., 1.1., 1.1.1.) with the names texts refer to them by (`[#id]`), and table captions
//! («Таблица N» in the organisation's form).
//!
//! Clauses are numbered in a first pass over every part's blocks, before any text is read, so
//! that a reference may stand before the clause it names, even in the order above its
//! appendices; the second pass, which builds the views, takes the numbers in the same order.

use super::build::{Builder, Located};
use super::raw::{OrgFile, Text};
use std::collections::{BTreeMap, VecDeque};

/// The form of a table caption when the organisation sets none.
const TABLE_CAPTION: &str = "Таблица {n}";

/// Document-wide numbers: clauses and table captions.
#[derive(Debug)]
pub(super) struct Numbers {
    /// Clause numbers by id, without the final dot («1.1»), for `[#id]`. Apart from the ids of
    /// numbered lists, which only results columns name.
    pub(super) clauses: BTreeMap<String, String>,
    /// Clause numbers in reading order, given by the first pass and taken by the second.
    queue: VecDeque<String>,
    /// Numbered table captions given so far.
    tables: usize,
    /// The organisation's form of a table caption, `{n}` standing for the number.
    table_form: String,
    /// Where table captions stand: "left", "center" or "right".
    pub(super) table_align: String,
}

impl Default for Numbers {
    fn default() -> Self {
        Numbers {
            clauses: BTreeMap::new(),
            queue: VecDeque::new(),
            tables: 0,
            table_form: TABLE_CAPTION.into(),
            table_align: "right".into(),
        }
    }
}

impl Numbers {
    /// The number of the next clause in reading order.
    pub(super) fn next_clause(&mut self) -> String {
        self.queue.pop_front().unwrap_or_default()
    }

    /// The next numbered table caption.
    pub(super) fn next_table(&mut self) -> String {
        self.tables += 1;
        self.table_form.replace("{n}", &self.tables.to_string())
    }
}

impl Builder {
    /// Reads the organisation's form and place of table captions; an unknown placeholder in
    /// the form is an error at its brace, an unknown alignment at the value.
    pub(super) fn caption_forms(&mut self, o: &OrgFile, src: usize) {
        if let Some(form) = &o.table_caption {
            self.check_placeholders(form, src, &["n"]);
            self.numbers.table_form = form.to_string();
        }
        self.numbers.table_align = self.choice(
            src,
            o.table_caption_align.as_ref(),
            "right",
            &["left", "center", "right"],
            "выравнивание подписи таблицы «{}» неизвестно: ожидается \"left\", \"center\" или \
             \"right\"",
        );
    }

    /// Reports every `{name}` of `text` whose name is not one of `known`.
    fn check_placeholders(&mut self, text: &Text, src: usize, known: &[&str]) {
        let mut from = 0;
        while let Some(open) = text[from..].find('{').map(|i| from + i) {
            let Some(close) = text[open..].find('}').map(|i| open + i) else {
                break;
            };
            let name = &text[open + 1..close];
            if !known.contains(&name) {
                let at = self.inside(src, text, open);
                let list: Vec<String> = known.iter().map(|k| format!("{{{k}}}")).collect();
                let message = format!(
                    "подстановка «{{{name}}}» неизвестна: здесь можно писать {}",
                    list.join(", ")
                );
                self.error(src, at, message);
            }
            from = close + 1;
        }
    }

    /// The first pass over one part's blocks: numbers its clauses and records their ids.
    /// Clauses under a section continue its number («1.1.»); without sections they start at
    /// «1.». A level deeper than three numbers, or a jump of two levels, is an error at
    /// `level`, and the clause is numbered at the nearest level that fits.
    pub(super) fn number_clauses(&mut self, blocks: &[Located]) {
        let mut section = None;
        let mut levels: Vec<usize> = Vec::new();
        for (b, src) in blocks {
            if b.section.is_some() {
                section = Some(section.unwrap_or(0) + 1);
                levels.clear();
            }
            if let (Some(level), None) = (&b.level, &b.clause) {
                let message = "level бывает только у пункта (clause = \"…\")";
                self.error(*src, level.start(), message);
            }
            if b.clause.is_none() {
                continue;
            }
            let deepest = if section.is_some() { 2 } else { 3 };
            let level = self.clause_level(b.level.as_ref(), *src, deepest, levels.len());
            levels.truncate(level);
            if levels.len() < level {
                levels.push(0);
            }
            levels[level - 1] += 1;
            let mut parts: Vec<String> = section.iter().map(usize::to_string).collect();
            parts.extend(levels.iter().map(usize::to_string));
            let number = parts.join(".");
            if let Some(id) = &b.id {
                self.clause_id(id, *src, &number);
            }
            self.numbers.queue.push_back(format!("{number}."));
        }
    }

    /// The level of a clause written at `level` (1 when absent), `open` levels being open
    /// above it; a level that does not fit is reported and brought to the nearest that does.
    fn clause_level(
        &mut self,
        level: Option<&super::raw::Spanned<i64>>,
        src: usize,
        deepest: usize,
        open: usize,
    ) -> usize {
        let Some(level) = level else {
            return 1;
        };
        let n = *level.get_ref();
        let fit = (n.max(1) as usize).min(deepest).min(open + 1);
        let message = if n < 1 || n > deepest as i64 {
            let with = if deepest == 2 {
                " (под разделом «1.» пункт уровня 1 — «1.1.», уровня 2 — «1.1.1.»)"
            } else {
                ""
            };
            format!(
                "уровень пункта {n} не подходит: номера пунктов не глубже трёх ступеней \
                 (1.1.1.), здесь level от 1 до {deepest}{with}"
            )
        } else if n as usize > open + 1 {
            format!(
                "пункт уровня {n} идёт сразу за пунктом уровня {open}: уровни идут по одному, \
                 пропустить уровень нельзя (сначала пункт уровня {})",
                open + 1
            )
        } else {
            return fit;
        };
        self.error(src, level.start(), message);
        fit
    }

    /// Records the id of a clause numbered `number`; an id given twice is an error at the
    /// second, since a reference to it could mean either clause.
    fn clause_id(&mut self, id: &Text, src: usize, number: &str) {
        if self.numbers.clauses.contains_key(id.as_str()) {
            let message = format!(
                "пункт с id = \"{}\" уже есть: ссылка [#{}] была бы неоднозначной, дайте этому \
                 пункту другое id",
                id.as_str(),
                id.as_str()
            );
            self.error(src, id.start(), message);
            return;
        }
        self.numbers
            .clauses
            .insert(id.to_string(), number.to_string());
    }

    /// The number a reference `[#id]` at byte `at` of source `src` stands for; an unknown id is
    /// reported there.
    pub(super) fn clause_ref(&mut self, id: &str, src: usize, at: usize) -> Option<String> {
        if let Some(n) = self.numbers.clauses.get(id) {
            return Some(n.clone());
        }
        let mut ids: Vec<&str> = self.numbers.clauses.keys().map(String::as_str).collect();
        ids.truncate(20);
        let known = if ids.is_empty() {
            "(нет ни одного)".to_string()
        } else {
            ids.join(", ")
        };
        let message = format!(
            "ссылка [#{id}] ни на что не указывает: пункта (clause) с id = \"{id}\" в документе \
             нет; есть id пунктов: {known}"
        );
        self.error(src, at, message);
        None
    }
}
