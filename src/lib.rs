//! prikaz: TOML data and tera templates to DOCX and PDF orders that follow
//! ГОСТ Р 7.0.97-2016 or, from 18.08.2025, ГОСТ Р 7.0.97-2025 (see `data::profile`).
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

pub mod amend;
pub mod data;
pub mod diag;
pub mod diff;
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
    /// Every file the loader read (the document, its organisation, appendix and included
    /// files, the figures' images), canonical, in reading order, each once. Templates are
    /// not among them: they are the caller's choice.
    pub inputs: Vec<std::path::PathBuf>,
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
    prepare_loaded(path, loaded, templates)
}

/// The data of `path` as already loaded, rendered with `templates` and parsed into the model.
pub fn prepare_loaded(
    path: &Path,
    loaded: data::Loaded,
    templates: &template::Templates,
) -> Result<Prepared, Diagnostics> {
    let context = template::Templates::context(&loaded.view)?;
    // The context holds all the view: a long roadmap's view is hundreds of megabytes that
    // need not stand beside its copy, the markup, the markup tree and the model.
    let data::Loaded {
        view,
        warnings,
        sources,
        images,
        anchors,
        inputs,
        font_files,
    } = loaded;
    let qr = view.qr.clone();
    drop(view);
    let markup = templates.render_context(&context).map_err(|mut d| {
        // A field the template asks for but the data lacks is the data file's problem too.
        if let Some(field) = template::missing_field(&d) {
            let table = field.rsplit_once('.').map_or("", |(t, _)| t);
            let key = field.rsplit('.').next().unwrap_or(&field);
            let message = format!(
                "шаблон просит поле «{field}», а в данных его нет: добавьте `{key} = …` \
                 в [{table}] или уберите его из шаблона"
            );
            d.0.splice(0..0, field_diag(&sources, &anchors, &field, message));
        }
        d
    })?;
    drop((context, sources));
    // Markup problems are template bugs; their lines are lines of the rendered markup, which
    // `prikaz build --emit-markup <file>` prints.
    let label = std::path::PathBuf::from(format!("{} (--emit-markup)", path.display()));
    let mut document = markup::parse_with_images(&markup, &label, &images)?;
    // The markup names the family; the files behind it come from the organisation's folder.
    document.meta.font_files = font_files;
    if let (Some(qr), Some(first)) = (qr, document.sections.first_mut()) {
        // The code belongs to the first page: the head of the first section.
        first.blocks.insert(0, model::Block::Qr(qr));
    }
    Ok(Prepared {
        markup,
        document,
        warnings,
        inputs,
    })
}

/// A problem with `field` of the view (`order.foo`), at the table of the document's file it
/// would come from: [`data::Loaded::diag_for_field`] once the view is gone.
fn field_diag(
    sources: &[data::Source],
    anchors: &std::collections::BTreeMap<&'static str, usize>,
    field: &str,
    message: String,
) -> Option<diag::Diagnostic> {
    let root = field.split('.').next().unwrap_or_default();
    let at = anchors.get(root).copied().unwrap_or(0);
    Some(sources.first()?.diag(at, message))
}

/// The glyphs of the default font the PDF is set in, read once: characters outside them are
/// warned about where the data writes them (a document in the organisation's typeface is
/// checked against that one, see `data/fonts.rs`).
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
    // Each writer holds a copy of the whole document while it writes: side by side, a very
    // long document's two copies would double the peak, so such a document is written one
    // format after the other (the bytes are the same either way).
    // The PDF's streams are still compressed beside its layout, as in every single build.
    if table_rows(doc) > ONE_AT_A_TIME_ROWS {
        let docx =
            (formats.docx.then(|| docx::write(doc)).transpose()).map_err(RenderError::Docx)?;
        let pdf = (formats.pdf.then(|| pdf::write(doc)).transpose()).map_err(RenderError::Pdf)?;
        return Ok(Rendered { docx, pdf });
    }
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

/// Table rows beyond which [`render`] runs the writers one after the other: the largest
/// sample has a few hundred, a 100,000-row roadmap would need over a gigabyte side by side.
const ONE_AT_A_TIME_ROWS: usize = 20_000;

/// How many table rows the document has, all tables together.
fn table_rows(doc: &model::Document) -> usize {
    doc.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .map(|b| match b {
            model::Block::Table(t) => t.head().len() + t.body().len(),
            _ => 0,
        })
        .sum()
}

/// [`render`] on the calling thread alone: in a batch every core already builds a document
/// of its own, so the two writers of one document need not run side by side. The bytes are
/// the same as [`render`]'s.
pub fn render_here(doc: &model::Document, formats: Formats) -> Result<Rendered, RenderError> {
    let docx = formats
        .docx
        .then(|| docx::write(doc))
        .transpose()
        .map_err(RenderError::Docx)?;
    let pdf = formats
        .pdf
        .then(|| pdf::emit::alone(|| pdf::write(doc)))
        .transpose()
        .map_err(RenderError::Pdf)?;
    Ok(Rendered { docx, pdf })
}

/// Runs `work` on every item on all cores and hands each result to `take` on the calling
/// thread, in the order of `items` whatever order they finish in, so what a batch prints
/// and writes does not depend on timing. A `work` that panics gives `None` for its item
/// instead of stopping the batch.
///
/// This is the batch engine: `prikaz build` and `prikaz check` of many files run on it, and
/// anything else that makes many documents in memory (a check of a journal's signed
/// documents) can too.
pub fn in_parallel<I: Sync, T: Send>(
    items: &[I],
    work: impl Fn(&I) -> T + Sync,
    mut take: impl FnMut(usize, Option<T>),
) {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len());
    if workers <= 1 {
        for (i, item) in items.iter().enumerate() {
            take(i, guarded(|| work(item)));
        }
        return;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    // Bounded: workers that run ahead of the writer wait instead of piling up documents.
    let (sender, results) = std::sync::mpsc::sync_channel(workers * 4);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                if sender.send((i, guarded(|| work(item)))).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        // Results that came early wait here until those before them are taken.
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        for (i, result) in results {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&due) {
                take(due, result);
                due += 1;
            }
        }
    });
}

/// `work()`, or `None` when it panicked.
fn guarded<T>(work: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).ok()
}

/// Why one document of [`build_many`] was not made.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the document's data or templates.
    Document(Diagnostics),
    /// A writer failed on the prepared document (the document's warnings come along).
    Render(Vec<Diagnostic>, RenderError),
    /// Building the document stopped with a panic: a fault in prikaz.
    Panicked,
}

/// Builds every file into bytes in memory, on all cores, and hands each document to `take`
/// in the order of `files`: the same bytes as [`prepare_with`] and [`render`] give one by
/// one. Fonts, their metrics and `templates` are read once for the whole batch.
pub fn build_many(
    files: &[std::path::PathBuf],
    templates: &template::Templates,
    options: &data::LoadOptions,
    formats: Formats,
    mut take: impl FnMut(usize, Result<(Prepared, Rendered), BuildError>),
) {
    let build = |file: &std::path::PathBuf| {
        let prepared = prepare_with(file, templates, options).map_err(BuildError::Document)?;
        match render_here(&prepared.document, formats) {
            Ok(rendered) => Ok((prepared, rendered)),
            Err(e) => Err(BuildError::Render(prepared.warnings, e)),
        }
    };
    in_parallel(files, build, |i, result| {
        take(i, result.unwrap_or(Err(BuildError::Panicked)))
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn parallel_results_come_in_input_order_and_a_panic_fails_its_item_alone() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        super::in_parallel(
            &items,
            |&n| {
                assert!(n != 7, "a fault in one item");
                // Later items finish first, so order must be restored.
                std::thread::sleep(std::time::Duration::from_micros(200 - n));
                n * 2
            },
            |i, result| seen.push((i, result)),
        );
        let expected: Vec<(usize, Option<u64>)> = (0..200)
            .map(|n| (n as usize, (n != 7).then_some(n * 2)))
            .collect();
        assert_eq!(seen, expected);
    }
}
