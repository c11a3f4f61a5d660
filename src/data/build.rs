//! Typed data to the template view: loads the referenced files (organisation, appendices,
//! includes), numbers what the tool numbers, and collects every problem on the way.

use super::raw::{BlockData, DocFile, OrgFile, PartData};
use super::view::*;
use super::{inline, read_toml, Loaded, Source};
use crate::diag::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    pub(super) fn read<T: super::DataFile>(
        &mut self,
        from: usize,
        rel: &str,
    ) -> Option<(T, usize)> {
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
