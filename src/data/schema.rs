//! JSON Schemas of the data files, made from the same types the loader reads, so the schema an
//! editor uses and the checks `prikaz check` runs cannot drift apart.

use super::raw::{DocFile, IncludeFile, OrgFile, PartData};
use serde_json::Value;

/// The kinds of data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A document file given to `prikaz build`.
    Document,
    /// An organisation file.
    Organization,
    /// An appendix kept in its own file.
    Appendix,
    /// A file of blocks included with `include = "…"`.
    Include,
}

impl FileKind {
    /// Names accepted by `prikaz schema`.
    pub const NAMES: [&'static str; 4] = ["document", "organization", "appendix", "include"];

    /// The kind for a name of [`FileKind::NAMES`].
    pub fn from_name(name: &str) -> Option<FileKind> {
        Some(match name {
            "document" => FileKind::Document,
            "organization" => FileKind::Organization,
            "appendix" => FileKind::Appendix,
            "include" => FileKind::Include,
            _ => return None,
        })
    }
}

/// The JSON Schema (draft 2020-12) of a kind of data file.
pub fn schema(kind: FileKind) -> Value {
    let schema = match kind {
        FileKind::Document => schemars::schema_for!(DocFile),
        FileKind::Organization => schemars::schema_for!(OrgFile),
        FileKind::Appendix => schemars::schema_for!(PartData),
        FileKind::Include => schemars::schema_for!(IncludeFile),
    };
    schema.to_value()
}

/// [`schema`] of `kind`, made once per process: a build loads several files of each kind.
pub fn cached_schema(kind: FileKind) -> &'static Value {
    use std::sync::OnceLock;
    static SCHEMAS: [OnceLock<Value>; 4] = [const { OnceLock::new() }; 4];
    let slot = match kind {
        FileKind::Document => 0,
        FileKind::Organization => 1,
        FileKind::Appendix => 2,
        FileKind::Include => 3,
    };
    SCHEMAS[slot].get_or_init(|| schema(kind))
}
