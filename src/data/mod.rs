//! Data files: TOML → typed data (`raw`) → what templates see (`view`), collecting every
//! problem found on the way as a diagnostic that names the file, line and column.

mod blocks;
mod build;
pub mod check;
mod dates;
pub mod inline;
mod order;
pub mod raw;
pub mod schema;
mod tables;
mod toml_error;
pub mod view;

use crate::diag::{Diagnostic, Diagnostics};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// A data file's text, kept for diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as given or resolved.
    pub path: PathBuf,
    /// The text.
    pub text: String,
}

impl Source {
    /// A diagnostic at the first occurrence of `needle` in this file, or at the file itself
    /// when the text does not occur.
    pub fn diag_at(&self, needle: &str, message: impl Into<String>) -> Diagnostic {
        self.diag_at_nth(needle, 0, message)
    }

    /// Offsets of `needle` outside comment lines: a comment may quote the very text.
    fn matches<'s>(&'s self, needle: &'s str) -> impl Iterator<Item = usize> + 's {
        self.text
            .match_indices(needle)
            .map(|(i, _)| i)
            .filter(|&i| {
                let line_start = self.text[..i].rfind('\n').map_or(0, |l| l + 1);
                !self.text[line_start..i].trim_start().starts_with('#')
            })
    }

    /// A diagnostic at `needle` found after the `n`-th occurrence of `anchor` (a value in the
    /// same table row as the anchor).
    pub fn diag_in_row(
        &self,
        anchor: &str,
        n: usize,
        needle: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let from = self.matches(anchor).take(n + 1).last().unwrap_or(0);
        match self.text[from..].find(needle) {
            Some(off) => Diagnostic::at(&self.path, &self.text, from + off, message),
            None => self.diag_at(needle, message),
        }
    }

    /// A diagnostic at the `n`-th (0-based) occurrence of `needle`, or the last one if there
    /// are fewer: rows with the same text are told apart by their order in the file.
    pub fn diag_at_nth(&self, needle: &str, n: usize, message: impl Into<String>) -> Diagnostic {
        let found = self
            .text
            .match_indices(needle)
            .map(|(i, _)| i)
            .take(n + 1)
            .last();
        match found {
            Some(off) if !needle.is_empty() => Diagnostic::at(&self.path, &self.text, off, message),
            _ => Diagnostic::file(&self.path, message),
        }
    }
}

/// The result of loading: the view for the templates, and warnings.
#[derive(Debug)]
pub struct Loaded {
    /// What the templates see.
    pub view: view::View,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Every file read, the document's own first.
    pub sources: Vec<Source>,
}

/// A kind of data file the loader reads, with the schema it is checked against.
pub(crate) trait DataFile: DeserializeOwned {
    /// Which schema applies.
    const KIND: schema::FileKind;
}

impl DataFile for raw::DocFile {
    const KIND: schema::FileKind = schema::FileKind::Document;
}
impl DataFile for raw::OrgFile {
    const KIND: schema::FileKind = schema::FileKind::Organization;
}
impl DataFile for raw::PartData {
    const KIND: schema::FileKind = schema::FileKind::Appendix;
}
impl DataFile for raw::IncludeFile {
    const KIND: schema::FileKind = schema::FileKind::Include;
}

/// Reads one TOML file into `T`, reporting every problem the schema check finds.
pub(crate) fn read_toml<T: DataFile>(path: &Path) -> Result<(T, Source), Vec<Diagnostic>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![Diagnostic::file(
            path,
            format!("не удалось прочитать файл: {e}"),
        )]
    })?;
    let source = Source {
        path: path.to_path_buf(),
        text,
    };
    let table = check::check(path, &source.text, T::KIND)?;
    // Deserialize the table the check parsed: one parse per file.
    match T::deserialize(toml::de::Deserializer::from(table)) {
        Ok(v) => Ok((v, source)),
        Err(e) => {
            // The schema check should have caught it; report serde's view all the same.
            let offset = e.span().map_or(0, |s| s.start);
            let message = toml_error::russian(e.message());
            Err(vec![Diagnostic::at(path, &source.text, offset, message)])
        }
    }
}

/// Loads the document file at `path` with the files it references.
pub fn load(path: &Path) -> Result<Loaded, Diagnostics> {
    let (doc, source) = read_toml::<raw::DocFile>(path).map_err(Diagnostics)?;
    build::Builder::new(source).build(doc)
}
