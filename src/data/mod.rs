//! Data files: TOML → typed data (`raw`) → what templates see (`view`), collecting every
//! problem found on the way as a diagnostic that names the file, line and column.

mod build;
mod dates;
pub mod inline;
pub mod raw;
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

/// Reads and parses one TOML file into `T`.
pub(crate) fn read_toml<T: DeserializeOwned>(path: &Path) -> Result<(T, Source), Diagnostic> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::file(path, format!("не удалось прочитать файл: {e}")))?;
    let source = Source {
        path: path.to_path_buf(),
        text,
    };
    match toml::from_str::<T>(&source.text) {
        Ok(v) => Ok((v, source)),
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let message = toml_error::russian(e.message());
            Err(Diagnostic::at(path, &source.text, offset, message))
        }
    }
}

/// Loads the document file at `path` with the files it references.
pub fn load(path: &Path) -> Result<Loaded, Diagnostics> {
    let (doc, source) = read_toml::<raw::DocFile>(path)?;
    build::Builder::new(source).build(doc)
}
