//! The appendices' part of the view: included files spliced in, blocks split into page
//! sections at orientation breaks, sections and lists numbered, tables converted.

use super::build::{Builder, Located, Note, Notes};
use super::raw::{BlockData, Footnotes, NumberedItem, PartData, Spanned, Text};
use super::tables;
use super::view::*;

/// The names of the keys that make a block what it is, for messages.
const KINDS: &str = "section, heading, center, text, plain, clause, list, numbered, roadmap, \
                     indicators, table, figure, break, include";

impl Builder {
    /// The first pass over a part read from source `src`: its footnotes and its blocks with
    /// the included files spliced in, its lists' and clauses' ids recorded and its clauses
    /// numbered.
    pub(super) fn expand_part(&mut self, p: &PartData, src: usize) -> (Notes, Vec<Located>) {
        let mut notes = notes_of(&p.footnotes, src);
        let mut blocks = Vec::new();
        self.expand(&p.content, src, &mut notes, &mut blocks);
        self.collect_lists(&blocks);
        self.number_clauses(&blocks);
        (notes, blocks)
    }

    /// An appendix, or a standalone document's body, read from source `src`, from what its
    /// first pass ([`Builder::expand_part`]) gave.
    pub(super) fn part(
        &mut self,
        p: PartData,
        src: usize,
        number: Option<usize>,
        default_mark: &str,
        (notes, blocks): (Notes, Vec<Located>),
    ) -> PartView {
        let mark = self.choice(
            src,
            p.mark.as_ref(),
            default_mark,
            &["approval", "appendix", "none"],
            "отметка «{}» неизвестна: ожидается \"approval\" (УТВЕРЖДЕНА приказом …), \
             \"appendix\" (Приложение к приказу …) или \"none\"",
        );
        let orientation = self.choice(
            src,
            p.orientation.as_ref(),
            "portrait",
            &["portrait", "landscape"],
            "ориентация «{}» неизвестна: ожидается \"portrait\" (книжная) или \"landscape\" \
             (альбомная)",
        );
        let sections = self.segments(blocks, &orientation, &notes);
        PartView {
            mark,
            number,
            approved: p.approved.clone().unwrap_or_else(|| "УТВЕРЖДЕН".into()),
            mark_lines: Vec::new(),
            title: p.title.as_ref().map(|t| self.md(t, &notes, src)),
            subtitle: p.subtitle.as_ref().map(|t| self.md(t, &notes, src)),
            sections,
        }
    }

    /// The value of a key that takes one of `choices`, or `default` when it is absent; an
    /// unknown value is reported with `message` (its `{}` is the value) and kept.
    pub(super) fn choice(
        &mut self,
        src: usize,
        value: Option<&Text>,
        default: &str,
        choices: &[&str],
        message: &str,
    ) -> String {
        let Some(value) = value else {
            return default.to_string();
        };
        if !choices.contains(&value.as_str()) {
            self.error(src, value.start(), message.replace("{}", value));
        }
        value.to_string()
    }

    /// Records the numbered lists that have an `id`; an id given twice is an error at the
    /// second, since references to it could mean either list.
    pub(super) fn collect_lists(&mut self, blocks: &[Located]) {
        for (b, src) in blocks {
            if let (Some(id), Some(items)) = (&b.id, &b.numbered) {
                if self.lists.insert(id.to_string(), items.len()).is_some() {
                    let message = format!(
                        "нумерованный список с id = \"{}\" уже есть: ссылки на него были бы \
                         неоднозначны, дайте этому списку другое id",
                        id.as_str()
                    );
                    self.error(*src, id.start(), message);
                }
            }
        }
    }

    /// Splits blocks into page sections at orientation breaks and converts them.
    pub(super) fn segments(
        &mut self,
        blocks: Vec<Located>,
        first: &str,
        notes: &Notes,
    ) -> Vec<SegmentView> {
        let segment = |orientation: &str| SegmentView {
            orientation: orientation.to_string(),
            blocks: Vec::new(),
        };
        let mut segs = vec![segment(first)];
        let mut section_no = 0;
        for (b, src) in blocks {
            if let Some(brk) = &b.brk {
                match brk.as_str() {
                    "page" => push(&mut segs, BlockView::Pagebreak),
                    "landscape" | "portrait" => segs.push(segment(brk)),
                    other => self.error(src, brk.start(), format!(
                        "разрыв «{other}» неизвестен: ожидается \"page\", \"landscape\" или \"portrait\""
                    )),
                }
                continue;
            }
            if let Some(v) = self.block(&b, src, notes, &mut section_no) {
                push(&mut segs, v);
            }
        }
        segs.retain(|s| !s.blocks.is_empty());
        segs
    }

    /// One block, or `None` when it is not exactly one kind of block.
    fn block(
        &mut self,
        b: &Spanned<BlockData>,
        src: usize,
        notes: &Notes,
        section_no: &mut usize,
    ) -> Option<BlockView> {
        let kinds = kind_places(b);
        if kinds.len() != 1 {
            // The second kind is the one too many; a block of no kind is reported at itself.
            let at = kinds.get(1).copied().unwrap_or(b.start());
            self.error(
                src,
                at,
                format!(
                    "в блоке [[content]] должно быть ровно одно из полей {KINDS} — а задано {}",
                    kinds.len()
                ),
            );
            return None;
        }
        self.refuse_figure_keys(b, src);
        let md = |this: &mut Self, t: &Text| this.md(t, notes, src);
        if let Some(rel) = &b.figure {
            return self.figure(b, rel, src, notes);
        }
        Some(if let Some(t) = &b.section {
            *section_no += 1;
            BlockView::Section {
                number: format!("{section_no}."),
                text: md(self, t),
            }
        } else if let Some(t) = &b.heading {
            BlockView::Heading { text: md(self, t) }
        } else if let Some(t) = &b.center {
            BlockView::Center { text: md(self, t) }
        } else if let Some(t) = &b.text {
            BlockView::Text { text: md(self, t) }
        } else if let Some(t) = &b.plain {
            BlockView::Plain { text: md(self, t) }
        } else if let Some(t) = &b.clause {
            let number = self.numbers.next_clause();
            BlockView::Clause {
                number,
                text: md(self, t),
            }
        } else if let Some(items) = &b.list {
            BlockView::List {
                bullet: b.bullet.clone().unwrap_or_else(|| "–".into()),
                items: items.iter().map(|i| md(self, i)).collect(),
            }
        } else if let Some(items) = &b.numbered {
            BlockView::Numbered {
                items: self.numbered(items, src, notes),
            }
        } else {
            BlockView::Table(self.table(b, src, notes)?)
        })
    }

    /// `caption` and `width` of a block that is not a figure are errors at the key: they
    /// would be silently dropped.
    fn refuse_figure_keys(&mut self, b: &BlockData, src: usize) {
        if b.figure.is_some() {
            return;
        }
        if let Some(c) = &b.caption {
            let message = "подпись бывает только у таблицы или рисунка: у таблицы caption \
                           пишется в её собственной таблице ([content.table] и т. п.), у \
                           рисунка — рядом с figure";
            self.error(src, c.start(), message);
        }
        if let Some(w) = &b.width {
            let message = "ширина width задаётся только рисунку (рядом с figure)";
            self.error(src, w.start(), message);
        }
    }

    /// Items of a numbered list, numbered 1., 2. …
    fn numbered(&mut self, items: &[NumberedItem], src: usize, notes: &Notes) -> Vec<NumberedView> {
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let (text, list) = item.parts();
            out.push(NumberedView {
                number: format!("{}.", i + 1),
                text: self.md(text, notes, src),
                list: list.iter().map(|l| self.md(l, notes, src)).collect(),
            });
        }
        out
    }

    /// The table of a block that is one.
    fn table(&mut self, b: &BlockData, src: usize, notes: &Notes) -> Option<TableView> {
        Some(if let Some(t) = &b.roadmap {
            tables::keyed(self, t, src, notes, true)
        } else if let Some(t) = &b.indicators {
            tables::keyed(self, t, src, notes, false)
        } else {
            tables::general(self, b.table.as_ref()?, src, notes)
        })
    }
}

/// Footnotes of a file read from source `src`.
pub(super) fn notes_of(footnotes: &Footnotes, src: usize) -> Notes {
    footnotes
        .iter()
        .map(|(k, text)| {
            let note = Note {
                text: text.clone(),
                src,
            };
            (k.clone(), note)
        })
        .collect()
}

/// Places of the kind keys' values a block sets, in the order of the file.
fn kind_places(b: &BlockData) -> Vec<usize> {
    let texts = [
        &b.section, &b.heading, &b.center, &b.text, &b.plain, &b.clause,
    ];
    let mut places: Vec<usize> = texts
        .iter()
        .filter_map(|t| Some(t.as_ref()?.start()))
        .collect();
    places.extend(b.list.as_ref().map(Spanned::start));
    places.extend(b.numbered.as_ref().map(Spanned::start));
    places.extend(b.roadmap.as_ref().map(Spanned::start));
    places.extend(b.indicators.as_ref().map(Spanned::start));
    places.extend(b.table.as_ref().map(Spanned::start));
    places.extend(b.figure.as_ref().map(Spanned::start));
    places.sort_unstable();
    places
}

/// Adds a block to the last page section.
fn push(segs: &mut [SegmentView], block: BlockView) {
    if let Some(s) = segs.last_mut() {
        s.blocks.push(block);
    }
}
