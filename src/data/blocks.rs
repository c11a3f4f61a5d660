//! The appendices' part of the view: included files spliced in, blocks split into page
//! sections at orientation breaks, sections and lists numbered, tables converted.

use super::build::{Builder, Located};
use super::raw::{BlockData, IncludeFile, NumberedItem, PartData};
use super::tables;
use super::view::*;
use std::collections::BTreeMap;

/// How deep includes may nest before we call it a cycle.
const MAX_INCLUDE_DEPTH: usize = 8;

impl Builder {
    pub(super) fn part(
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
    pub(super) fn expand(
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

    pub(super) fn collect_lists(&mut self, blocks: &[Located]) {
        for (b, _) in blocks {
            if let (Some(id), Some(items)) = (&b.id, &b.numbered) {
                self.lists.insert(id.clone(), items.len());
            }
        }
    }

    /// Splits blocks into page sections at orientation breaks and converts them.
    pub(super) fn segments(
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

    pub(super) fn block(
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
