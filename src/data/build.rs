//! Typed data to the template view: loads the referenced files (organisation, appendices,
//! includes), numbers what the tool numbers, and collects every problem on the way, each at
//! the place the parser gave the value it concerns.

use super::inline::{self, Part};
use super::marks::{MarkForms, MarkValues};
use super::raw::{BlockData, DocFile, OrgFile, PartData, Spanned, Text};
use super::schema::FileKind;
use super::view::*;
use super::{read_toml, text, LoadOptions, Loaded, Source};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::output::russian_io_error;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A footnote a part's text may mark: its text and the source it was read from (an included
/// file brings its own).
#[derive(Debug, Clone)]
pub(super) struct Note {
    pub(super) text: Text,
    pub(super) src: usize,
}

/// Footnotes by key.
pub(super) type Notes = BTreeMap<String, Note>;

/// A block with the index of the source it came from.
pub(super) type Located = (Spanned<BlockData>, usize);

/// Collects sources and diagnostics while building the view.
pub(super) struct Builder {
    pub(super) sources: Vec<Source>,
    pub(super) diags: Vec<Diagnostic>,
    /// Item counts of numbered lists with an `id`, for checking references to them.
    pub(super) lists: BTreeMap<String, usize>,
    /// Clauses and table captions numbered through the document.
    pub(super) numbers: super::clauses::Numbers,
    /// Canonical folders the appendices and includes must lie in.
    roots: Vec<PathBuf>,
    /// Included files read and what they brought in.
    pub(super) includes: super::includes::Includes,
    /// Images of the figures, read once each.
    pub(super) figures: super::figures::Figures,
    /// The font's glyphs, when the caller wants missing characters reported (the
    /// organisation's typeface replaces the caller's, see `fonts.rs`).
    pub(super) glyphs: Option<std::sync::Arc<super::glyphs::Glyphs>>,
    /// The organisation's typeface, when the document is set in it.
    font_files: Option<std::sync::Arc<crate::model::FontFiles>>,
    /// The appendices of an order as printed, against which every «приложение N» in the
    /// document's texts is checked; `None` outside an order.
    pub(super) appendices: Option<super::order::AppendixIndex>,
    /// Every file read (data files and images), canonical, in reading order, each once:
    /// what a signed order's inputs are.
    pub(super) inputs: Vec<PathBuf>,
}

impl Builder {
    pub(super) fn new(source: Source, options: &LoadOptions) -> Self {
        let mut b = Builder {
            sources: vec![source],
            diags: Vec::new(),
            lists: BTreeMap::new(),
            numbers: Default::default(),
            roots: Vec::new(),
            includes: Default::default(),
            figures: Default::default(),
            glyphs: options.glyphs.clone(),
            font_files: None,
            appendices: None,
            inputs: Vec::new(),
        };
        b.add_input(&b.sources[0].path.clone());
        let own = b.dir(0);
        b.add_root(&own);
        for dir in &options.allow_outside {
            if std::fs::metadata(dir).is_ok_and(|m| m.is_dir()) {
                b.add_root(dir);
            } else {
                let message = "папки из --allow-outside нет (или это не папка)";
                b.diags.push(Diagnostic::file(dir, message));
            }
        }
        b
    }

    /// Lets appendices and includes lie in `dir` and below.
    fn add_root(&mut self, dir: &Path) {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(dir) = std::fs::canonicalize(dir) {
            self.roots.push(dir);
        }
    }

    /// Records `path` as read, once.
    pub(super) fn add_input(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.inputs.contains(&path) {
            self.inputs.push(path);
        }
    }

    /// An error at byte `at` of source `src`.
    pub(super) fn error(&mut self, src: usize, at: usize, message: impl Into<String>) {
        let d = self.sources[src].diag(at, message);
        self.diags.push(d);
    }

    /// A warning at byte `at` of source `src`.
    pub(super) fn warn(&mut self, src: usize, at: usize, message: impl Into<String>) {
        let d = self.sources[src].diag(at, message).warning();
        self.diags.push(d);
    }

    /// The file offset of byte `offset` of the value of `text`, read from source `src`.
    pub(super) fn inside(&self, src: usize, text: &Text, offset: usize) -> usize {
        text::offset_in(&self.sources[src].text, &text.span(), text, offset)
    }

    fn dir(&self, src: usize) -> PathBuf {
        self.sources[src]
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// Reads a file referenced from source `from` by `rel`, recording problems. Any file
    /// but the organisation's must lie in an allowed folder.
    pub(super) fn read<T: super::DataFile>(
        &mut self,
        from: usize,
        rel: &Text,
    ) -> Option<(T, usize)> {
        let confine = T::KIND != FileKind::Organization;
        let path = self.resolve(from, rel, confine)?;
        let read = self.read_at(from, rel, &path);
        if !confine {
            if let Some(dir) = path.parent() {
                self.add_root(dir);
            }
        }
        read
    }

    /// The canonical path of the file `rel` names in source `from`; `None`, reported at the
    /// value, when there is no such file or, with `confine`, when it lies outside the
    /// allowed folders.
    pub(super) fn resolve(&mut self, from: usize, rel: &Text, confine: bool) -> Option<PathBuf> {
        let path = self.dir(from).join(rel.as_str());
        let path = match std::fs::canonicalize(&path) {
            Ok(p) => p,
            Err(e) => {
                let what = match e.kind() {
                    std::io::ErrorKind::NotFound => "не найден".to_string(),
                    _ => format!("не читается: {}", russian_io_error(&e)),
                };
                let message = format!("файл «{}» {what} (путь считается от этого файла)", **rel);
                self.error(from, rel.start(), message);
                return None;
            }
        };
        if confine && !self.roots.iter().any(|r| path.starts_with(r)) {
            let message = format!(
                "файл «{}» лежит вне папки документа и папки файла организации ({}); \
                 приложения и включения читаются только оттуда. Если так и задумано, \
                 разрешите папку: --allow-outside <папка>",
                **rel,
                path.display()
            );
            self.error(from, rel.start(), message);
            return None;
        }
        Some(path)
    }

    /// Reads the file at `path`, named by `rel` in source `from`, recording problems.
    pub(super) fn read_at<T: super::DataFile>(
        &mut self,
        from: usize,
        rel: &Text,
        path: &Path,
    ) -> Option<(T, usize)> {
        // Read by the path as written, which messages show; `path` is the same file.
        let shown = self.dir(from).join(rel.as_str());
        let shown = if shown.is_file() {
            shown
        } else {
            path.to_path_buf()
        };
        match read_toml::<T>(&shown) {
            Ok((v, source)) => {
                self.add_input(path);
                self.sources.push(source);
                Some((v, self.sources.len() - 1))
            }
            Err(d) => {
                for d in d {
                    // A problem with the file as a whole is told at the value that names it.
                    if d.line == 0 {
                        let message = format!("файл «{}»: {}", **rel, d.message);
                        self.error(from, rel.start(), message);
                    } else {
                        self.diags.push(d);
                    }
                }
                None
            }
        }
    }

    /// Inline text of `text` (read from source `src`) with no footnotes to mark.
    pub(super) fn plain(&mut self, text: &Text, src: usize) -> Inline {
        self.md(text, &Notes::new(), src)
    }

    /// Inline text of `text` (read from source `src`), its footnote marks resolved in `notes`.
    pub(super) fn md(&mut self, text: &Text, notes: &Notes, src: usize) -> Inline {
        self.md_part(text, 0..text.len(), Some(notes), src)
    }

    /// Inline text of the bytes `part` of `text`. With `notes` absent the text is a
    /// footnote's own, where no mark may stand.
    pub(super) fn md_part(
        &mut self,
        text: &Text,
        part: std::ops::Range<usize>,
        notes: Option<&Notes>,
        src: usize,
    ) -> Inline {
        self.check_mentions(text, part.clone(), src);
        let mut out = Vec::new();
        for piece in inline::parse(&text[part.clone()]) {
            match piece {
                Part::Text { text, style } => push_text(&mut out, text, style),
                Part::Mark { key, at, style } => {
                    let at = self.inside(src, text, part.start + at);
                    if let Some(note) = self.note(key, notes, src, at) {
                        out.push(Piece::Note {
                            note,
                            b: style.b,
                            i: style.i,
                        });
                    }
                }
                Part::Ref { id, at, style } => {
                    let at = self.inside(src, text, part.start + at);
                    if let Some(number) = self.clause_ref(id, src, at) {
                        push_text(&mut out, number, style);
                    }
                }
            }
        }
        Inline(out)
    }

    /// The text of footnote `key`, marked at byte `at` of source `src`; reported when there
    /// is no such footnote.
    fn note(&mut self, key: &str, notes: Option<&Notes>, src: usize, at: usize) -> Option<Inline> {
        let Some(notes) = notes else {
            self.error(
                src,
                at,
                format!(
                    "метка сноски [^{key}] стоит в тексте сноски: у сноски не может быть \
                     своей сноски"
                ),
            );
            return None;
        };
        if let Some(note) = notes.get(key) {
            return Some(self.md_part(&note.text, 0..note.text.len(), None, note.src));
        }
        let mut keys: Vec<&str> = notes.keys().map(String::as_str).collect();
        keys.truncate(20);
        let known = if keys.is_empty() {
            "(нет ни одной)".to_string()
        } else {
            keys.join(", ")
        };
        self.error(
            src,
            at,
            format!(
                "сноска «{key}» не найдена в таблице [footnotes]; есть сноски: {known}. Добавьте \
                 в [footnotes] строку \"{key}\" = \"текст сноски\" или исправьте метку"
            ),
        );
        None
    }

    pub(super) fn build(mut self, doc: DocFile) -> Result<Loaded, Diagnostics> {
        let (org, org_file) = match &doc.organization {
            Some(rel) => match self.read::<OrgFile>(0, rel) {
                Some((o, src)) => (Some(self.org(&o, src)), Some((o, src))),
                None => (None, None),
            },
            None => (None, None),
        };
        let order_data = doc.order.as_ref();
        let date = order_data
            .and_then(|o| o.date.as_ref())
            .and_then(|d| super::dates::to_date(d.get_ref()));
        let org_profile = org_file
            .as_ref()
            .and_then(|(o, src)| Some((o.profile.as_ref()?, *src)));
        let own = self.own_profile(&doc);
        let profile = self.profile(
            order_data.and_then(|o| o.profile.as_ref()).or(own),
            org_profile,
            date,
        );
        let (forms, font) = match &org_file {
            Some((o, src)) => {
                let named = o.profile.as_ref().and_then(|p| super::profile::by_name(p));
                self.require_org_name(o, *src, profile);
                (
                    self.mark_forms(o.marks.as_ref(), *src, profile),
                    self.typeface(o.font.as_ref(), *src, named, profile),
                )
            }
            None => (
                MarkForms::of(profile),
                self.typeface(None, 0, None, profile),
            ),
        };
        self.font_files = font.1;
        let qr_form = match &org_file {
            Some((o, src)) => self.qr_form(o.qr.as_ref(), *src),
            None => None,
        };
        let loaded = self.load_parts(&doc);
        let numbers = appendix_numbers(&loaded);
        // An appendix that could not be read (already reported) would make every reference
        // to the ones after it look wrong: references are then left unchecked.
        if doc.order.is_some() && loaded.len() == doc.appendix.len() {
            self.appendices = Some(super::order::AppendixIndex::new(&loaded, &numbers));
        }
        // The parts first: their clauses are numbered before any text refers to them.
        let mut parts = self.parts(&doc, loaded, numbers);
        let order = doc
            .order
            .as_ref()
            .map(|o| self.order(o, org.as_ref(), profile));
        if let Some(o) = &order {
            let values = MarkValues {
                order: o,
                org: org.as_ref(),
            };
            for p in &mut parts {
                p.mark_lines = forms.lines(p, &values);
            }
        }
        self.number_figures(&mut parts);
        if order.is_none() {
            self.require_heading(&doc, profile);
        }
        if order.is_none() && parts.is_empty() {
            self.error(
                0,
                0,
                "в файле нет ни приказа ([order]), ни документа (title и [[content]])",
            );
        }
        let meta = meta(order.as_ref(), &parts, org.as_ref());
        let qr_values = super::qr::QrValues {
            order: order.as_ref(),
            org: &meta.author,
            profile,
        };
        let qr = self.qr(qr_form, &qr_values);
        let view = View {
            meta,
            page: doc.page.clone(),
            org,
            order,
            corner_indent_mm: profile.corner_indent_mm(&doc.page),
            parts,
            profile,
            font: font.0,
            qr,
            esign: None,
        };
        let order_at = doc.order.as_ref().map(Spanned::start);
        let org_at = doc.organization.as_ref().map(Spanned::start);
        self.finish(view, [("order", order_at), ("org", org_at)])
    }

    /// The appendices, read from their files where they are kept apart, with the mark set
    /// beside `file =` applied.
    fn load_parts(&mut self, doc: &DocFile) -> Vec<(PartData, usize)> {
        let mut loaded = Vec::new();
        for entry in &doc.appendix {
            match &entry.file {
                Some(rel) => {
                    self.refuse_beside_file(entry, rel);
                    let own = self.read::<PartData>(0, rel);
                    loaded.extend(own.map(|(part, src)| (self.beside_file(entry, part), src)));
                }
                None => loaded.push((entry.clone(), 0)),
            }
        }
        loaded
    }

    /// The appendices with their numbers, and the document's own body (a standalone
    /// document) first: in reading order, as things are numbered.
    fn parts(
        &mut self,
        doc: &DocFile,
        loaded: Vec<(PartData, usize)>,
        numbers: Vec<Option<usize>>,
    ) -> Vec<PartView> {
        let mut all = Vec::new();
        if let Some(own) = doc.own_part() {
            all.push((own, 0, None, "none"));
        }
        for ((part, src), number) in loaded.into_iter().zip(numbers) {
            if let Some(o) = &doc.order {
                self.check_order_ref(&part, src, o);
            }
            all.push((part, src, number, "approval"));
        }
        let expanded: Vec<_> = all
            .iter()
            .map(|(part, src, ..)| self.expand_part(part, *src))
            .collect();
        let pairs = all.into_iter().zip(expanded);
        pairs
            .map(|((part, src, number, mark), blocks)| self.part(part, src, number, mark, blocks))
            .collect()
    }

    /// The mark set beside `file =` in the order's entry (`mark`, `approved`) wins over the
    /// appendix file's own, so an appendix is numbered from its mark wherever it is written.
    fn beside_file(&mut self, entry: &PartData, mut part: PartData) -> PartData {
        if let Some(mark) = &entry.mark {
            if ["approval", "appendix", "none"].contains(&mark.as_str()) {
                part.mark = Some(mark.clone());
            } else {
                let message = format!(
                    "отметка «{}» неизвестна: ожидается \"approval\" (УТВЕРЖДЕНА приказом …), \
                     \"appendix\" (Приложение к приказу …) или \"none\"",
                    mark.as_str()
                );
                self.error(0, mark.start(), message);
            }
        }
        if entry.approved.is_some() {
            part.approved = entry.approved.clone();
        }
        part
    }

    /// Fields beside `file =` that would be silently dropped (the appendix's text lives in
    /// its file) are errors at the field.
    fn refuse_beside_file(&mut self, entry: &PartData, file: &Text) {
        let texts = [
            ("orientation", &entry.orientation),
            ("title", &entry.title),
            ("subtitle", &entry.subtitle),
            ("order_number", &entry.order_number),
        ];
        let mut ignored: Vec<(&str, usize)> = texts
            .into_iter()
            .filter_map(|(key, v)| v.as_ref().map(|t| (key, t.start())))
            .collect();
        ignored.extend(entry.order_date.as_ref().map(|d| ("order_date", d.start())));
        ignored.extend(entry.content.first().map(|c| ("content", c.start())));
        ignored.extend(
            entry
                .footnotes
                .values()
                .next()
                .map(|t| ("footnotes", t.start())),
        );
        for (key, at) in ignored {
            self.error(
                0,
                at,
                format!(
                    "«{key}» рядом с file = \"{}\" не действует: текст приложения берётся из \
                     его файла; перенесите «{key}» туда (рядом с file можно писать только mark \
                     и approved)",
                    file.as_str()
                ),
            );
        }
    }

    /// Errors first, then warnings, each in the order of the files and of their places.
    fn finish<const N: usize>(
        self,
        view: View,
        anchors: [(&'static str, Option<usize>); N],
    ) -> Result<Loaded, Diagnostics> {
        let glyphs = self.glyphs.clone();
        let Builder {
            sources,
            mut diags,
            figures,
            inputs,
            font_files,
            ..
        } = self;
        if let Some(glyphs) = glyphs {
            diags.extend(sources.iter().flat_map(|s| missing_glyphs(s, &glyphs)));
        }
        // A file included several times would report its problems as many times.
        let mut seen = std::collections::HashSet::new();
        diags.retain(|d| seen.insert((d.file.clone(), d.line, d.col, d.message.clone())));
        diags.sort_by_key(|d| {
            let file = sources.iter().position(|s| s.path == d.file);
            (d.severity != Severity::Error, file, d.line, d.col)
        });
        if diags.iter().any(|d| d.severity == Severity::Error) {
            return Err(Diagnostics(diags));
        }
        Ok(Loaded {
            view,
            warnings: diags,
            sources,
            images: figures.store,
            inputs,
            font_files,
            anchors: anchors
                .into_iter()
                .filter_map(|(k, v)| Some((k, v?)))
                .collect(),
        })
    }

    fn org(&mut self, o: &OrgFile, src: usize) -> OrgView {
        self.caption_forms(o, src);
        self.check_series(&o.series, src);
        if let Some(form) = &o.figure_caption {
            self.figure_form(form, src);
        }
        let lines = |b: &mut Self, v: &[Text]| v.iter().map(|l| b.plain(l, src)).collect();
        OrgView {
            logo_text: o.logo_text.as_ref().map(|t| self.plain(t, src)),
            parent: lines(self, &o.parent),
            name: lines(self, &o.name),
            short_name: o.short_name.as_ref().map(|t| self.plain(t, src)),
            contacts: lines(self, &o.contacts),
            place: o.place.as_ref().map(|t| self.plain(t, src)),
            in_marks: o
                .in_marks
                .as_ref()
                .or(o.short_name.as_ref())
                .map(|t| self.plain(t, src))
                .unwrap_or_default(),
            spaced_kind: o.spaced_kind,
        }
    }
}

/// The number of each appendix in «Приложение N»: appendices marked "appendix" are numbered
/// 1, 2 … when there are two or more of them; a single one is unnumbered (ГОСТ Р 7.0.97).
fn appendix_numbers(loaded: &[(PartData, usize)]) -> Vec<Option<usize>> {
    let is_appendix = |p: &PartData| p.mark.as_deref().map(String::as_str) == Some("appendix");
    let numbered = loaded.iter().filter(|(p, _)| is_appendix(p)).count() > 1;
    let mut next = 0;
    loaded
        .iter()
        .map(|(p, _)| {
            (numbered && is_appendix(p)).then(|| {
                next += 1;
                next
            })
        })
        .collect()
}

/// Appends a run of text, joined to the run before it when that has the same emphasis (the
/// number of a clause reference becomes part of the text around it).
fn push_text(out: &mut Vec<Piece>, text: String, style: inline::Style) {
    if let Some(Piece::Text { text: last, b, i }) = out.last_mut() {
        if (*b, *i) == (style.b, style.i) {
            last.push_str(&text);
            return;
        }
    }
    out.push(Piece::Text {
        text,
        b: style.b,
        i: style.i,
    });
}

/// Title and author for the document properties, as plain text.
fn meta(order: Option<&OrderView>, parts: &[PartView], org: Option<&OrgView>) -> MetaView {
    let title = order
        .map(|o| o.title.plain_text())
        .or_else(|| parts.first()?.title.as_ref().map(Inline::plain_text))
        .unwrap_or_default();
    let author = org
        .map(|o| match &o.short_name {
            Some(short) => short.plain_text(),
            None => o
                .name
                .iter()
                .map(Inline::plain_text)
                .collect::<Vec<_>>()
                .join(" "),
        })
        .unwrap_or_default();
    MetaView { title, author }
}

/// Most warnings about characters the font lacks given for one file: a text in another
/// script would otherwise bury every other message.
const MAX_GLYPH_WARNINGS: usize = 10;

/// Warnings for the characters of `source` the font has no glyph for.
fn missing_glyphs(source: &Source, glyphs: &super::glyphs::Glyphs) -> Vec<Diagnostic> {
    let found = super::glyphs::missing(&source.text, glyphs);
    let mut out: Vec<Diagnostic> = found
        .iter()
        .take(MAX_GLYPH_WARNINGS)
        .map(|&(at, c)| {
            let message = format!(
                "символа «{c}» (U+{:04X}) нет в шрифте документа: в PDF на его месте будет □, \
                 в DOCX он останется; замените его или уберите",
                c as u32
            );
            source.diag(at, message).warning()
        })
        .collect();
    if let Some(&(at, _)) = found.get(MAX_GLYPH_WARNINGS) {
        let more = found.len() - MAX_GLYPH_WARNINGS;
        let message = format!("и ещё {more} символов, которых нет в шрифте документа");
        out.push(source.diag(at, message).warning());
    }
    out
}
