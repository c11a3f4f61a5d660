//! Data files: TOML → typed data (`raw`) → what templates see (`view`), collecting every
//! problem found on the way as a diagnostic that names the file, line and column.

mod blocks;
mod build;
pub mod check;
mod clauses;
mod dates;
pub use dates::to_date;
mod figures;
pub mod files;
mod fonts;
pub mod glyphs;
mod includes;
pub mod inline;
pub mod loose;
mod marks;
mod order;
pub mod profile;
pub mod qr;
pub mod raw;
pub mod schema;
pub(crate) mod series;
pub mod spanned;
mod tables;
mod text;
mod toml_error;
pub mod view;

use crate::diag::{Diagnostic, Diagnostics};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
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
    /// A problem at byte `offset` of this file.
    pub fn diag(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(&self.path, &self.text, offset, message)
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
    /// The figures' images by the id the view gives them, for the markup parser.
    pub images: crate::model::Images,
    /// Where the parts of the view that come from tables of the document's file (`order`,
    /// `org`) were written in it.
    pub anchors: BTreeMap<&'static str, usize>,
    /// Every file read (data files and images), canonical, in reading order, each once.
    pub inputs: Vec<PathBuf>,
    /// The organisation's typeface, when the document is set in it (for `model::Meta`).
    pub font_files: Option<std::sync::Arc<crate::model::FontFiles>>,
}

impl Loaded {
    /// A problem with `field` of the view (`order.foo`), at the table of the document's file
    /// it would come from, or at the file's start.
    pub fn diag_for_field(&self, field: &str, message: impl Into<String>) -> Option<Diagnostic> {
        let root = field.split('.').next().unwrap_or_default();
        let at = self.anchors.get(root).copied().unwrap_or(0);
        Some(self.sources.first()?.diag(at, message))
    }
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
    let text = files::read_text(path).map_err(|d| vec![d])?;
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

/// How a document is loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Folders outside the document's and the organisation file's folders that appendices
    /// and includes may still be read from (`--allow-outside`).
    pub allow_outside: Vec<PathBuf>,
    /// The glyphs of the document's font: characters outside them are warned about where
    /// they are written. `None` checks nothing.
    pub glyphs: Option<std::sync::Arc<glyphs::Glyphs>>,
}

/// Loads the document file at `path` with the files it references.
pub fn load(path: &Path) -> Result<Loaded, Diagnostics> {
    load_with(path, &LoadOptions::default())
}

/// Loads the document file at `path` with the files it references, as `options` say.
pub fn load_with(path: &Path, options: &LoadOptions) -> Result<Loaded, Diagnostics> {
    let (doc, source) = read_toml::<raw::DocFile>(path).map_err(Diagnostics)?;
    build::Builder::new(source, options).build(doc)
}
