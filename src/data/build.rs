//! Typed data to the template view: loads the referenced files (organisation, appendices,
//! includes), numbers what the tool numbers, and collects every problem on the way.

use super::raw::{BlockData, DocFile, IncludeFile, NumberedItem, OrderData, OrgFile, PartData};
use super::view::*;
use super::{dates, inline, read_toml, tables, Loaded, Source};
use crate::diag::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How deep includes may nest before we call it a cycle.
const MAX_INCLUDE_DEPTH: usize = 8;

/// Collects sources and diagnostics while building the view.
pub(super) struct Builder {
    pub(super) sources: Vec<Source>,
    pub(super) diags: Vec<Diagnostic>,
    /// Item counts of numbered lists with an `id`, for checking references to them.
    pub(super) lists: BTreeMap<String, usize>,
    /// The table row being read (its first text and which repeat of that text it is), so that
    /// problems point into that row rather than at the first match in the file.
    pub(super) row: Option<(String, usize)>,
}

/// A block with the index of the source it came from.
pub(super) type Located = (BlockData, usize);

impl Builder {
    pub(super) fn new(source: Source) -> Self {
        Builder {
            sources: vec![source],
            diags: Vec::new(),
            lists: BTreeMap::new(),
            row: None,
        }
    }

    fn dir(&self, src: usize) -> PathBuf {
        self.sources[src]
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// Reads a file referenced from source `from` by `rel`, recording problems.
    fn read<T: super::DataFile>(&mut self, from: usize, rel: &str) -> Option<(T, usize)> {
        let path = self.dir(from).join(rel);
        if !path.is_file() {
            let d = self.sources[from].diag_at(
                &format!("\"{rel}\""),
                format!("файл «{rel}» не найден (путь считается от этого файла)"),
            );
            self.diags.push(d);
            return None;
        }
        match read_toml::<T>(&path) {
            Ok((v, source)) => {
                self.sources.push(source);
                Some((v, self.sources.len() - 1))
            }
            Err(d) => {
                self.diags.extend(d);
                None
            }
        }
    }

    /// Text to markup, reporting footnote marks that name no footnote.
    pub(super) fn md(
        &mut self,
        text: &str,
        notes: &BTreeMap<String, String>,
        src: usize,
    ) -> String {
        let mut missing = Vec::new();
        let out = inline::to_markup(text, notes, &mut missing);
        for m in missing {
            let mut keys: Vec<&str> = notes.keys().map(String::as_str).collect();
            keys.truncate(20);
            let d = self.locate(
                src,
                &format!("[^{}]", m.key),
                format!(
                    "сноска «{}» не найдена в таблице [footnotes]; есть сноски: {}. Добавьте \
                     в [footnotes] строку \"{}\" = \"текст сноски\" или исправьте метку",
                    m.key,
                    if keys.is_empty() {
                        "(нет ни одной)".to_string()
                    } else {
                        keys.join(", ")
                    },
                    m.key
                ),
            );
            self.diags.push(d);
        }
        out
    }

    /// A diagnostic at `needle` in source `src`, inside the current table row if there is one.
    fn locate(&self, src: usize, needle: &str, message: impl Into<String>) -> Diagnostic {
        match &self.row {
            Some((anchor, n)) => self.sources[src].diag_in_row(anchor, *n, needle, message),
            None => self.sources[src].diag_at(needle, message),
        }
    }

    pub(super) fn error(&mut self, src: usize, needle: &str, message: impl Into<String>) {
        let d = self.locate(src, needle, message);
        self.diags.push(d);
    }

    /// A warning at the `n`-th occurrence of `needle` (rows with the same text).
    pub(super) fn warn_nth(
        &mut self,
        src: usize,
        needle: &str,
        n: usize,
        message: impl Into<String>,
    ) {
        let d = self.sources[src].diag_at_nth(needle, n, message).warning();
        self.diags.push(d);
    }

    pub(super) fn warn(&mut self, src: usize, needle: &str, message: impl Into<String>) {
        let d = self.locate(src, needle, message).warning();
        self.diags.push(d);
    }

    pub(super) fn build(mut self, doc: DocFile) -> Result<Loaded, Diagnostics> {
        let org = match &doc.organization {
            Some(rel) => self
                .read::<OrgFile>(0, rel)
                .map(|(o, src)| self.org(o, src)),
            None => None,
        };
        let order = doc.order.clone().map(|o| self.order(o, org.as_ref()));
        if let Some(o) = &doc.order {
            let mut texts: Vec<&str> = o.preamble.iter().map(String::as_str).collect();
            for p in &o.points {
                texts.push(&p.text);
                texts.extend(p.points.iter().map(|s| s.text.as_str()));
            }
            self.check_appendix_mentions(&texts, doc.appendix.len());
        }
        let mut parts = Vec::new();
        let marked = doc
            .appendix
            .iter()
            .filter(|p| p.mark.as_deref() == Some("appendix"))
            .count();
        let mut appendix_no = 0;
        for entry in &doc.appendix {
            let (part, src) = match &entry.file {
                Some(rel) => match self.read::<PartData>(0, rel) {
                    Some(v) => v,
                    None => continue,
                },
                None => (entry.clone(), 0),
            };
            if part.mark.as_deref() == Some("appendix") {
                appendix_no += 1;
            }
            if let Some(o) = &doc.order {
                self.check_order_ref(&part, src, o);
            }
            let number =
                (marked > 1 && part.mark.as_deref() == Some("appendix")).then_some(appendix_no);
            parts.push(self.part(part, src, number, "approval"));
        }
        if let Some(own) = doc.own_part() {
            parts.insert(0, self.part(own, 0, None, "none"));
        }
        if order.is_none() && parts.is_empty() {
            self.error(
                0,
                "",
                "в файле нет ни приказа ([order]), ни документа (title и [[content]])",
            );
        }
        let title = order
            .as_ref()
            .map(|o: &OrderView| o.title.clone())
            .or_else(|| parts.first().and_then(|p| p.title.clone()))
            .unwrap_or_default();
        let author = org
            .as_ref()
            .map(|o: &OrgView| o.short_name.clone().unwrap_or_else(|| o.name.join(" ")))
            .unwrap_or_default();
        let view = View {
            meta: MetaView {
                title: plain_text(&title),
                author: plain_text(&author),
            },
            page: doc.page.clone(),
            org,
            order,
            parts,
        };
        self.finish(view)
    }

    fn finish(self, view: View) -> Result<Loaded, Diagnostics> {
        let (errors, warnings): (Vec<_>, Vec<_>) = self
            .diags
            .into_iter()
            .partition(|d| d.severity == crate::diag::Severity::Error);
        if !errors.is_empty() {
            let mut all = errors;
            all.extend(warnings);
            return Err(Diagnostics(all));
        }
        Ok(Loaded {
            view,
            warnings,
            sources: self.sources,
        })
    }

    fn org(&mut self, o: OrgFile, src: usize) -> OrgView {
        let none = BTreeMap::new();
        let lines = |b: &mut Self, v: &[String]| v.iter().map(|l| b.md(l, &none, src)).collect();
        OrgView {
            logo_text: o.logo_text.as_deref().map(|t| self.md(t, &none, src)),
            parent: lines(self, &o.parent),
            name: lines(self, &o.name),
            short_name: o.short_name.as_deref().map(|t| self.md(t, &none, src)),
            contacts: lines(self, &o.contacts),
            place: o.place.as_deref().map(|t| self.md(t, &none, src)),
            in_marks: self.md(
                o.in_marks
                    .as_deref()
                    .or(o.short_name.as_deref())
                    .unwrap_or_default(),
                &none,
                src,
            ),
            spaced_kind: o.spaced_kind,
        }
    }

    fn order(&mut self, o: OrderData, org: Option<&OrgView>) -> OrderView {
        let none = BTreeMap::new();
        let date = o.date.as_ref().and_then(|d| {
            let parsed = dates::to_date(d);
            if parsed.is_none() {
                self.error(0, &d.to_string(), format!(
                    "дата {d} невозможна: ожидается существующая дата ГГГГ-ММ-ДД, например 2023-06-27"
                ));
            }
            parsed
        });
        let kind = o.kind.clone().unwrap_or_else(|| "приказ".into());
        if !matches!(kind.as_str(), "приказ" | "распоряжение") {
            self.error(0, &format!("\"{kind}\""), format!(
                "вид документа «{kind}» не поддерживается: ожидается \"приказ\" или \"распоряжение\""
            ));
        }
        self.check_title(&o.title);
        let mut points = Vec::new();
        for (i, p) in o.points.iter().enumerate() {
            points.push(PointView {
                number: format!("{}.", i + 1),
                level: 1,
                text: self.md(&p.text, &none, 0),
            });
            for (j, sub) in p.points.iter().enumerate() {
                points.push(PointView {
                    number: format!("{}.{}", i + 1, j + 1),
                    level: 2,
                    text: self.md(&sub.text, &none, 0),
                });
            }
        }
        if let Some(c) = &o.control {
            points.push(PointView {
                number: format!("{}.", o.points.len() + 1),
                level: 1,
                text: self.md(c, &none, 0),
            });
        }
        let place = o
            .place
            .as_deref()
            .map(|p| self.md(p, &none, 0))
            .or_else(|| org.and_then(|g| g.place.clone()));
        OrderView {
            kind,
            date: date.map(dates::short),
            date_long: date.map(dates::long),
            number: o.number.as_deref().map(|n| self.md(n, &none, 0)),
            draft: o.draft,
            place,
            title: self.md(&o.title, &none, 0),
            preamble: o.preamble.iter().map(|p| self.md(p, &none, 0)).collect(),
            directive: o.directive.as_deref().map(|d| self.md(d, &none, 0)),
            points,
            signatory: o.signatory.as_ref().map(|s| SignatoryView {
                position: s.position.iter().map(|l| self.md(l, &none, 0)).collect(),
                name: self.md(&s.name, &none, 0),
            }),
            executor: o.executor.as_ref().map(|e| {
                let text = match &e.phone {
                    Some(p) => format!("{}, {p}", e.name),
                    None => e.name.clone(),
                };
                self.md(&text, &none, 0)
            }),
            distribution_label: o.distribution.as_ref().and_then(|d| d.label.clone()),
            distribution: o
                .distribution
                .as_ref()
                .map(|d| self.md(&d.to.join(", "), &none, 0)),
            approvers: o
                .approvers
                .iter()
                .map(|a| ApproverView {
                    position: self.md(&a.position, &none, 0),
                    name: self.md(&a.name, &none, 0),
                })
                .collect(),
        }
    }

    /// An appendix that names its order must name this one.
    fn check_order_ref(&mut self, part: &PartData, src: usize, order: &OrderData) {
        if let (Some(a), Some(o)) = (&part.order_number, &order.number) {
            if a != o {
                self.error(
                    src,
                    &format!("\"{a}\""),
                    format!(
                        "приложение относится к приказу № {a}, а приказ в файле {} — № {o}: \
                     исправьте order_number",
                        self.sources[0].path.display()
                    ),
                );
            }
        }
        if let (Some(a), Some(o)) = (&part.order_date, &order.date) {
            if a != o {
                self.error(
                    src,
                    &a.to_string(),
                    format!(
                        "приложение относится к приказу от {a}, а приказ в файле {} — от {o}: \
                     исправьте order_date",
                        self.sources[0].path.display()
                    ),
                );
            }
        }
    }

    /// Order text that mentions «приложение N» must have appendix N.
    fn check_appendix_mentions(&mut self, texts: &[&str], count: usize) {
        for text in texts {
            let lower = text.to_lowercase();
            for (i, _) in lower.match_indices("приложени") {
                let rest = &lower[i..];
                let digits: String = rest
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or_default()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if let Ok(n) = digits.parse::<usize>() {
                    if n == 0 || n > count {
                        self.error(
                            0,
                            text,
                            format!(
                                "текст ссылается на приложение {n}, а приложений у приказа {count}"
                            ),
                        );
                    }
                }
            }
        }
    }

    /// ГОСТ Р 7.0.97: the title answers «о чём?» and has no full stop at its end.
    fn check_title(&mut self, title: &str) {
        let t = title.trim();
        if t.ends_with('.') {
            self.warn(
                0,
                title,
                "в конце заголовка к тексту точка не ставится (ГОСТ Р 7.0.97-2016, п. 5.17)",
            );
        }
        let first = t.split_whitespace().next().unwrap_or_default();
        if !matches!(first, "О" | "Об" | "Обо") {
            self.warn(0, title, format!(
                "заголовок к тексту обычно начинается с «О» или «Об» («Об утверждении …»), а здесь — «{first}»"
            ));
        }
    }

    fn part(
        &mut self,
        p: PartData,
        src: usize,
        number: Option<usize>,
        default_mark: &str,
    ) -> PartView {
        let mut notes = p.footnotes.clone();
        let mut blocks = Vec::new();
        self.expand(&p.content, src, &mut notes, &mut blocks, 0);
        self.collect_lists(&blocks);
        let mark = p.mark.clone().unwrap_or_else(|| default_mark.to_string());
        if !matches!(mark.as_str(), "approval" | "appendix" | "none") {
            self.error(
                src,
                &format!("\"{mark}\""),
                format!(
                    "отметка «{mark}» неизвестна: ожидается \"approval\" (УТВЕРЖДЕНА приказом …), \
                 \"appendix\" (Приложение к приказу …) или \"none\""
                ),
            );
        }
        let orientation = p.orientation.clone().unwrap_or_else(|| "portrait".into());
        let sections = self.segments(blocks, &orientation, &notes);
        PartView {
            mark,
            number,
            approved: p.approved.clone().unwrap_or_else(|| "УТВЕРЖДЕН".into()),
            title: p.title.as_deref().map(|t| self.md(t, &notes, src)),
            subtitle: p.subtitle.as_deref().map(|t| self.md(t, &notes, src)),
            sections,
        }
    }

    /// Splices included files into `out`, merging their footnotes into `notes`.
    fn expand(
        &mut self,
        content: &[BlockData],
        src: usize,
        notes: &mut BTreeMap<String, String>,
        out: &mut Vec<Located>,
        depth: usize,
    ) {
        for b in content {
            let Some(rel) = &b.include else {
                out.push((b.clone(), src));
                continue;
            };
            if depth >= MAX_INCLUDE_DEPTH {
                self.error(src, rel, "включения файлов вложены слишком глубоко (цикл?)");
                continue;
            }
            if let Some((inc, isrc)) = self.read::<IncludeFile>(src, rel) {
                for (k, v) in inc.footnotes {
                    notes.entry(k).or_insert(v);
                }
                self.expand(&inc.content, isrc, notes, out, depth + 1);
            }
        }
    }

    fn collect_lists(&mut self, blocks: &[Located]) {
        for (b, _) in blocks {
            if let (Some(id), Some(items)) = (&b.id, &b.numbered) {
                self.lists.insert(id.clone(), items.len());
            }
        }
    }

    /// Splits blocks into page sections at orientation breaks and converts them.
    fn segments(
        &mut self,
        blocks: Vec<Located>,
        first: &str,
        notes: &BTreeMap<String, String>,
    ) -> Vec<SegmentView> {
        let mut segs = vec![SegmentView {
            orientation: first.to_string(),
            blocks: Vec::new(),
        }];
        let mut section_no = 0;
        for (b, src) in blocks {
            if let Some(brk) = &b.brk {
                match brk.as_str() {
                    "page" => segs.last_mut().map(|s| s.blocks.push(BlockView::Pagebreak)).unwrap_or(()),
                    "landscape" | "portrait" => {
                        segs.push(SegmentView { orientation: brk.clone(), blocks: Vec::new() })
                    }
                    other => self.error(src, &format!("\"{other}\""), format!(
                        "разрыв «{other}» неизвестен: ожидается \"page\", \"landscape\" или \"portrait\""
                    )),
                }
                continue;
            }
            if let Some(v) = self.block(&b, src, notes, &mut section_no) {
                segs.last_mut()
                    .expect("at least one segment")
                    .blocks
                    .push(v);
            }
        }
        segs.retain(|s| !s.blocks.is_empty());
        segs
    }

    fn block(
        &mut self,
        b: &BlockData,
        src: usize,
        notes: &BTreeMap<String, String>,
        section_no: &mut usize,
    ) -> Option<BlockView> {
        let kinds = [
            b.section.is_some(),
            b.heading.is_some(),
            b.center.is_some(),
            b.text.is_some(),
            b.plain.is_some(),
            b.list.is_some(),
            b.numbered.is_some(),
            b.roadmap.is_some(),
            b.indicators.is_some(),
            b.table.is_some(),
        ];
        let count = kinds.iter().filter(|k| **k).count();
        if count != 1 {
            let needle = b
                .section
                .as_deref()
                .or(b.text.as_deref())
                .unwrap_or("[[content]]");
            self.error(src, needle, format!(
                "в блоке [[content]] должно быть ровно одно из полей section, heading, center, text, plain, \
                 list, numbered, roadmap, indicators, table, break, include — а задано {count}"
            ));
            return None;
        }
        Some(if let Some(t) = &b.section {
            *section_no += 1;
            BlockView::Section {
                number: format!("{section_no}."),
                text: self.md(t, notes, src),
            }
        } else if let Some(t) = &b.heading {
            BlockView::Heading {
                text: self.md(t, notes, src),
            }
        } else if let Some(t) = &b.center {
            BlockView::Center {
                text: self.md(t, notes, src),
            }
        } else if let Some(t) = &b.text {
            BlockView::Text {
                text: self.md(t, notes, src),
            }
        } else if let Some(t) = &b.plain {
            BlockView::Plain {
                text: self.md(t, notes, src),
            }
        } else if let Some(items) = &b.list {
            BlockView::List {
                bullet: b.bullet.clone().unwrap_or_else(|| "–".into()),
                items: items.iter().map(|i| self.md(i, notes, src)).collect(),
            }
        } else if let Some(items) = &b.numbered {
            let items = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let (text, list) = match item {
                        NumberedItem::Text(t) => (t.as_str(), &[][..]),
                        NumberedItem::WithList { text, list } => (text.as_str(), &list[..]),
                    };
                    NumberedView {
                        number: format!("{}.", i + 1),
                        text: self.md(text, notes, src),
                        list: list.iter().map(|l| self.md(l, notes, src)).collect(),
                    }
                })
                .collect();
            BlockView::Numbered { items }
        } else if let Some(t) = &b.roadmap {
            BlockView::Table(tables::keyed(self, t, src, notes, true))
        } else if let Some(t) = &b.indicators {
            BlockView::Table(tables::keyed(self, t, src, notes, false))
        } else {
            BlockView::Table(tables::general(self, b.table.as_ref()?, src, notes))
        })
    }
}

/// Markup with its tags removed and entities decoded: for document properties.
pub(super) fn plain_text(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut in_note = 0;
    let mut tag = String::new();
    for c in markup.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' => {
                in_tag = false;
                if tag == "fn" {
                    in_note += 1
                } else if tag == "/fn" {
                    in_note -= 1
                }
            }
            _ if in_tag => tag.push(c),
            _ if in_note == 0 => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}
