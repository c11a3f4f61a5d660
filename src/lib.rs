//! prikaz: TOML data and tera templates to DOCX and PDF orders that follow
//! ГОСТ Р 7.0.97-2016.
//!
//! The steps, in order:
//! 1. [`data`] loads a document file and the files it references, validates them and builds
//!    the view the templates see (numbers, dates, inline markup), collecting every problem;
//! 2. [`template`] renders the view with tera into prikaz markup;
//! 3. [`markup`] parses the markup into the [`model`] — one document model for both writers;
//! 4. [`docx`] writes the model as DOCX; [`pdf`] lays it out into pages and prints a PDF.
//!
//! [`output`] puts the files in place only when everything succeeded.
#![warn(missing_docs)]

pub mod data;
pub mod diag;
pub mod docx;
pub mod export;
pub mod journal;
pub mod markup;
pub mod model;
pub mod output;
pub mod pdf;
pub mod template;

use diag::{Diagnostic, Diagnostics};
use std::path::Path;

/// A document made ready for the writers.
#[derive(Debug)]
pub struct Prepared {
    /// The rendered markup (what `--emit-markup` prints).
    pub markup: String,
    /// The document model.
    pub document: model::Document,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Loads `path`, renders it with `templates` and parses the result into the model.
pub fn prepare(path: &Path, templates: &template::Templates) -> Result<Prepared, Diagnostics> {
    prepare_with(path, templates, &data::LoadOptions::default())
}

/// [`prepare`], loading the data as `options` say.
pub fn prepare_with(
    path: &Path,
    templates: &template::Templates,
    options: &data::LoadOptions,
) -> Result<Prepared, Diagnostics> {
    prepare_edited(path, templates, options, |_| ())
}

/// [`prepare_with`], letting `edit` change the view before the templates render it (to keep
/// one appendix only, for example).
pub fn prepare_edited(
    path: &Path,
    templates: &template::Templates,
    options: &data::LoadOptions,
    edit: impl FnOnce(&mut data::view::View),
) -> Result<Prepared, Diagnostics> {
    let with_glyphs;
    let options = match options.glyphs {
        Some(_) => options,
        None => {
            with_glyphs = data::LoadOptions {
                glyphs: Some(font_glyphs()),
                ..options.clone()
            };
            &with_glyphs
        }
    };
    let mut loaded = data::load_with(path, options)?;
    edit(&mut loaded.view);
    let markup = templates.render(&loaded.view).map_err(|mut d| {
        // A field the template asks for but the data lacks is the data file's problem too.
        if let Some(field) = template::missing_field(&d) {
            let table = field.rsplit_once('.').map_or("", |(t, _)| t);
            let key = field.rsplit('.').next().unwrap_or(&field);
            let message = format!(
                "шаблон просит поле «{field}», а в данных его нет: добавьте `{key} = …` \
                 в [{table}] или уберите его из шаблона"
            );
            d.0.splice(0..0, loaded.diag_for_field(&field, message));
        }
        d
    })?;
    // The view and the sources are done with: a long roadmap's view is hundreds of megabytes
    // that need not stand beside the markup tree and the model.
    let warnings = loaded.warnings;
    let images = loaded.images;
    drop((loaded.view, loaded.sources));
    // Markup problems are template bugs; their lines are lines of the rendered markup, which
    // `prikaz build --emit-markup <file>` prints.
    let label = std::path::PathBuf::from(format!("{} (--emit-markup)", path.display()));
    let document = markup::parse_with_images(&markup, &label, &images)?;
    Ok(Prepared {
        markup,
        document,
        warnings,
    })
}

/// The glyphs of the font the PDF is set in, read once: characters outside them are warned
/// about where the data writes them.
fn font_glyphs() -> std::sync::Arc<data::glyphs::Glyphs> {
    static GLYPHS: std::sync::OnceLock<std::sync::Arc<data::glyphs::Glyphs>> =
        std::sync::OnceLock::new();
    GLYPHS
        .get_or_init(|| {
            let points = pdf::fonts::covered_code_points();
            std::sync::Arc::new(data::glyphs::Glyphs::from_points(points))
        })
        .clone()
}

/// Which files to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// Make the DOCX.
    pub docx: bool,
    /// Make the PDF.
    pub pdf: bool,
}

/// The bytes of the files made for one document.
#[derive(Debug)]
pub struct Rendered {
    /// The DOCX, when asked for.
    pub docx: Option<Vec<u8>>,
    /// The PDF, when asked for.
    pub pdf: Option<Vec<u8>>,
}

/// A writer failed on a document the model accepted: a fault in prikaz, not a problem in the
/// user's data, so it is reported apart from the document's diagnostics.
#[derive(Debug)]
pub enum RenderError {
    /// The DOCX writer failed.
    Docx(docx::Error),
    /// The PDF writer failed.
    Pdf(pdf::Error),
    /// The DOCX writer's thread panicked.
    DocxPanicked,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Docx(e) => write!(f, "сбой при записи {e}"),
            RenderError::Pdf(e) => write!(f, "сбой при записи {e}"),
            RenderError::DocxPanicked => write!(f, "сбой при записи DOCX: аварийная остановка"),
        }
    }
}

impl std::error::Error for RenderError {}

/// Runs the writers on a prepared document, in memory.
pub fn render(doc: &model::Document, formats: Formats) -> Result<Rendered, RenderError> {
    // The writers share nothing but the model: on two cores they run side by side.
    let (docx, pdf) = std::thread::scope(|scope| {
        let docx = scope.spawn(|| formats.docx.then(|| docx::write(doc)));
        let pdf = formats.pdf.then(|| pdf::write(doc));
        (docx.join(), pdf)
    });
    let docx = docx
        .map_err(|_| RenderError::DocxPanicked)?
        .transpose()
        .map_err(RenderError::Docx)?;
    let pdf = pdf.transpose().map_err(RenderError::Pdf)?;
    Ok(Rendered { docx, pdf })
}
