//! In-process timings of each build step for the sample documents, without a benchmark
//! framework: `cargo bench --bench build [-- <data.toml>... [--runs N]]`.
//!
//! The command-line timings (`benches/compare-libreoffice.sh`) include process start-up and
//! writing the files; these show where the time inside goes: the front half (data, templates,
//! markup), the DOCX writer, and the PDF writer split into layout and emit. Each step runs
//! `--runs` times (default 20); the median and the fastest run are printed in milliseconds.
//!
//! `cargo bench --bench build -- --batch <data.toml>...` times instead one batch of all the
//! files built into bytes in memory on all cores (`prikaz::build_many`, nothing written):
//! the whole batch and the cost per document. `benches/batch.sh` makes a thousand orders
//! and times them through the command line, files written.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use prikaz::pdf::frame::{Face, PdfMeta};
use prikaz::pdf::{emit, fonts, layout, text};
use prikaz::template::Templates;

const SAMPLES: [&str; 2] = ["data/chippkro-368.toml", "data/network-school-2023.toml"];

fn main() {
    let (files, runs) = arguments();
    let templates = Templates::built_in().unwrap_or_else(|d| panic!("templates: {d:?}"));
    if std::env::args().any(|a| a == "--batch") {
        bench_batch(&files, &templates, runs);
        return;
    }
    println!(
        "{:<28} {:>9} {:>9}   ({runs} runs, ms)",
        "step", "median", "fastest"
    );
    for file in &files {
        println!("{}", file.display());
        bench_file(file, &templates, runs);
    }
}

/// Data files from the command line (the samples when none is given) and `--runs N`. Cargo
/// adds `--bench` to the arguments of a bench target; anything else starting with `-` is
/// ignored too.
fn arguments() -> (Vec<PathBuf>, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut runs = 20;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--runs" {
            runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs);
        } else if !arg.starts_with('-') {
            files.push(PathBuf::from(arg));
        }
    }
    if files.is_empty() {
        files = SAMPLES.iter().map(|s| root.join(s)).collect();
    }
    (files, runs.max(1))
}

/// Times every step of building `file`.
fn bench_file(file: &Path, templates: &Templates, runs: usize) {
    let prepare = || prikaz::prepare(file, templates).unwrap_or_else(|d| panic!("{d:?}"));
    let doc = prepare().document;
    let fonts = fonts::FontSet::embedded();
    let faces = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];
    let metrics = || text::TtfMetrics::from_bytes(faces.map(|f| fonts.bytes(f))).unwrap();
    let m = metrics();
    let pages = layout::layout(&doc, &m);
    let meta = PdfMeta {
        title: doc.meta.title.clone(),
        author: doc.meta.author.clone(),
        language: doc.meta.language.clone(),
    };
    report("data + templates + markup", runs, &prepare);
    report("DOCX writer", runs, || prikaz::docx::write(&doc).unwrap());
    report("PDF font metrics", runs, metrics);
    report("PDF layout", runs, || layout::layout(&doc, &m));
    report("PDF emit", runs, || {
        emit::emit(&pages, &meta, fonts).unwrap()
    });
    report("PDF writer (all)", runs, || {
        prikaz::pdf::write(&doc).unwrap()
    });
    report("everything (DOCX + PDF)", runs, || {
        let doc = prepare().document;
        (
            prikaz::docx::write(&doc).unwrap(),
            prikaz::pdf::write(&doc).unwrap(),
        )
    });
    println!("  {} pages", pages.len());
}

/// Runs `step` `runs` times after one warm-up and prints the median and the fastest time.
fn report<T>(name: &str, runs: usize, mut step: impl FnMut() -> T) {
    black_box(step());
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(step());
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {name:<26} {:>9.2} {:>9.2}",
        ms(times[times.len() / 2]),
        ms(times[0])
    );
}

/// Times building all `files` as one batch in memory, and prints the cost per document.
fn bench_batch(files: &[PathBuf], templates: &Templates, runs: usize) {
    let options = prikaz::data::LoadOptions::default();
    let formats = prikaz::Formats {
        docx: true,
        pdf: true,
    };
    let batch = || {
        let mut bytes = 0;
        prikaz::build_many(files, templates, &options, formats, |i, built| {
            let (_, made) = built.unwrap_or_else(|e| panic!("{}: {e:?}", files[i].display()));
            bytes += made.docx.map_or(0, |d| d.len()) + made.pdf.map_or(0, |p| p.len());
        });
        bytes
    };
    println!("{} documents, {} bytes", files.len(), batch());
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(batch());
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[times.len() / 2];
    println!(
        "  batch in memory: median {:.1} ms, fastest {:.1} ms; {:.3} ms per document",
        ms(median),
        ms(times[0]),
        ms(median) / files.len().max(1) as f64
    );
}
