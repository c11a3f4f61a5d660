//! tera setup: the templates (built in, or read from a folder the user names) render the view
//! of the data into prikaz markup. Template errors name the template file and line. Inline
//! text from the data becomes markup in one place, the `inline` filter (`src/template/inline.rs`).

mod confine;
mod inline;

use crate::data::view::View;
use crate::diag::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

/// The templates shipped with prikaz, by file name.
const BUILT_IN: [(&str, &str); 6] = [
    ("document.xml", include_str!("../../templates/document.xml")),
    ("order.xml", include_str!("../../templates/order.xml")),
    ("part.xml", include_str!("../../templates/part.xml")),
    ("block.xml", include_str!("../../templates/block.xml")),
    ("table.xml", include_str!("../../templates/table.xml")),
    (
        "section-attrs.xml",
        include_str!("../../templates/section-attrs.xml"),
    ),
];

/// The SHA-256 (hex) of the built-in templates, names and texts in order: a signed order
/// records them as one input named by it.
pub fn built_in_sha256() -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for (name, text) in BUILT_IN {
        hash.update(name.as_bytes());
        hash.update([0]);
        hash.update(text.as_bytes());
        hash.update([0]);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The template every document starts from.
pub const ENTRY: &str = "document.xml";

/// A set of templates ready to render.
pub struct Templates {
    tera: tera::Tera,
    dir: Option<PathBuf>,
}

impl Templates {
    /// The built-in templates.
    pub fn built_in() -> Result<Templates, Diagnostics> {
        Templates::from_sources(
            BUILT_IN
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            None,
        )
    }

    /// Templates from (name, text) pairs; tera resolves includes only when all are added at once.
    fn from_sources(
        sources: Vec<(String, String)>,
        dir: Option<PathBuf>,
    ) -> Result<Templates, Diagnostics> {
        let mut tera = tera::Tera::default();
        inline::register(&mut tera);
        tera.add_raw_templates(sources)
            .map_err(|e| template_error(dir.as_deref().unwrap_or(Path::new("templates")), &e))?;
        Ok(Templates { tera, dir })
    }

    /// The built-in templates, overridden by every `*.xml` file in `dir`.
    pub fn with_dir(dir: &Path) -> Result<Templates, Diagnostics> {
        let mut sources: Vec<(String, String)> = BUILT_IN
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Diagnostic::file(dir, format!("не удалось открыть папку шаблонов: {e}"))
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect();
        files.sort();
        let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut problems = Diagnostics::default();
        for path in files {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            match read_template(&root, &path) {
                Ok(text) => {
                    problems.0.extend(confine::check_references(&path, &text).0);
                    sources.retain(|(n, _)| *n != name);
                    sources.push((name, text));
                }
                Err(d) => problems.0.push(d),
            }
        }
        if !problems.0.is_empty() {
            return Err(problems);
        }
        Templates::from_sources(sources, Some(dir.to_path_buf()))
    }

    /// Renders the view into markup text.
    pub fn render(&self, view: &View) -> Result<String, Diagnostics> {
        self.render_context(&Templates::context(view)?)
    }

    /// The view as the templates see it: a copy of all of it, so a caller short of memory
    /// can drop the view before [`Templates::render_context`].
    pub fn context(view: &View) -> Result<tera::Context, Diagnostics> {
        tera::Context::from_serialize(view).map_err(|e| {
            Diagnostics::from(Diagnostic::file(
                Path::new(ENTRY),
                format!("данные не передаются в шаблон: {e}"),
            ))
        })
    }

    /// Renders a context made by [`Templates::context`] into markup text.
    pub fn render_context(&self, context: &tera::Context) -> Result<String, Diagnostics> {
        self.tera
            .render(ENTRY, context)
            .map_err(|e| template_error(self.dir.as_deref().unwrap_or(Path::new("templates")), &e))
    }
}

/// The text of the template at `path` in the folder `root` (canonical): a regular file no
/// larger than a data file, in UTF-8, inside the folder even when reached through a symlink.
fn read_template(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let real = std::fs::canonicalize(path).map_err(|e| {
        Diagnostic::file(
            path,
            format!(
                "не удалось прочитать шаблон: {}",
                crate::output::russian_io_error(&e)
            ),
        )
    })?;
    if real.parent() != Some(root) {
        return Err(Diagnostic::file(
            path,
            format!(
                "шаблон ведёт за пределы папки шаблонов (в {}): шаблоны читаются только из \
                 самой папки, положите файл в неё",
                real.display()
            ),
        ));
    }
    // The resolved path has no symlink left, so one swapped in after the check is refused.
    let bytes = crate::data::files::read_bytes_with(&real, crate::data::files::Follow::No)
        .map_err(|m| Diagnostic::file(path, format!("шаблон: {m}")))?;
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::file(
            path,
            "шаблон не в кодировке UTF-8: сохраните его в редакторе как UTF-8".to_string(),
        )
    })
}

/// A tera error as a diagnostic naming the template file; tera's own report carries the line,
/// the column and the source snippet.
fn template_error(dir: &Path, e: &tera::Error) -> Diagnostics {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str("\n  ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    let (file, line, col) = locate(&text);
    let path = file
        .map(|f| dir.join(f))
        .unwrap_or_else(|| dir.to_path_buf());
    Diagnostics::from(Diagnostic {
        severity: crate::diag::Severity::Error,
        file: path,
        line,
        col,
        source_line: None,
        message: format!("ошибка в шаблоне:\n{text}"),
    })
}

/// Finds «name.xml:line:col» in tera's report.
fn locate(text: &str) -> (Option<String>, usize, usize) {
    for word in text.split(|c: char| c.is_whitespace() || c == '\'' || c == '`') {
        let mut parts = word.split(':');
        if let (Some(f), Some(l), Some(c)) = (parts.next(), parts.next(), parts.next()) {
            if f.ends_with(".xml") {
                if let (Ok(l), Ok(c)) = (
                    l.parse(),
                    c.trim_end_matches(|c: char| !c.is_ascii_digit()).parse(),
                ) {
                    return (Some(f.to_string()), l, c);
                }
            }
        }
    }
    (None, 0, 0)
}

/// The data path a template asked for but the data lacks («order.foo»), read from tera's report.
pub fn missing_field(diags: &Diagnostics) -> Option<String> {
    let text = &diags.0.first()?.message;
    let field = text.split("Field `").nth(1)?.split('`').next()?;
    let needle = format!(".{field}");
    text.lines().find_map(|line| {
        let at = line.find(&needle)?;
        let start = line[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .map_or(0, |i| i + 1);
        Some(line[start..at + needle.len()].to_string())
    })
}
