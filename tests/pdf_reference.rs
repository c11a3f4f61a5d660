//! Reference images: a few pages of the sample PDFs rendered at 30 dpi in grey by poppler's
//! `pdftoppm` and compared with `tests/reference/*.png`, with a tolerance: the mean absolute
//! difference of the pixels must stay under [`MAX_MEAN_DIFF`] grey levels (of 255), and only
//! a few pixels ([`MAX_STRONG_SHARE`]) may differ by more than [`STRONG`] levels. Anti-aliasing
//! that differs a little between poppler versions passes; a line broken elsewhere, a moved
//! block or a missing rule fails (a table rule is two hundred strong pixels, a line of table
//! text moved by a millimetre as many, a paragraph moved by a line thousands). A single word
//! of 9-point table text is too faint at 30 dpi to be caught; the frame tests check text.
//!
//! The pages: the order's first page (header block, requisites, title), a roadmap table page
//! with its repeated header, and a landscape table page of the network-school roadmap.
//!
//! On a mismatch the rendered page and a difference image (white where equal) are written next
//! to the build (`target/tmp/pdf-reference/`) to look at. After a change that is meant to move
//! things, look at the new pages, then regenerate the references with
//! `PRIKAZ_UPDATE_REFERENCES=1 cargo test --test pdf_reference`.
//!
//! Skips with a reason when `pdftoppm` (poppler-utils) is absent, unless PRIKAZ_REQUIRE_TOOLS
//! is set (as in CI).

mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use prikaz::template::Templates;

/// Largest mean absolute pixel difference accepted, in grey levels: catches changes spread
/// thin over the page (rule widths, grey levels). A page shifted by one pixel gives 20.
const MAX_MEAN_DIFF: f64 = 0.5;

/// A pixel whose grey level moved by more than this counts as strongly different.
const STRONG: u8 = 64;

/// Largest share of strongly different pixels accepted: 0.05 %, about 40 pixels of a page.
const MAX_STRONG_SHARE: f64 = 0.0005;

/// Resolution of the renderings: small files, yet every line and rule is visible.
const DPI: &str = "30";

/// A greyscale image, one byte a pixel, rows top to bottom.
#[derive(Debug, Clone, PartialEq)]
struct Gray {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

impl Gray {
    /// Decodes an 8-bit PNG (grey, or colour made grey), as `pdftoppm -png -gray` writes.
    fn from_png(bytes: &[u8]) -> Result<Gray, String> {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().map_err(|e| format!("PNG: {e}"))?;
        let mut pixels = vec![0; reader.output_buffer_size().ok_or("PNG too large")?];
        let frame = reader
            .next_frame(&mut pixels)
            .map_err(|e| format!("PNG: {e}"))?;
        if frame.bit_depth != png::BitDepth::Eight {
            return Err(format!("not an 8-bit PNG: {:?}", frame.bit_depth));
        }
        pixels.truncate(frame.buffer_size());
        // Some poppler versions write `-gray` pages as RGB with equal channels: average them.
        let channels = frame.color_type.samples();
        if channels > 1 {
            let colour = channels - usize::from(frame.color_type == png::ColorType::Rgba);
            pixels = pixels
                .chunks_exact(channels)
                .map(|px| {
                    (px[..colour].iter().map(|&c| u32::from(c)).sum::<u32>() / colour as u32) as u8
                })
                .collect();
        }
        Ok(Gray {
            width: frame.width as usize,
            height: frame.height as usize,
            pixels,
        })
    }

    /// The image as an 8-bit greyscale PNG file.
    fn to_png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width as u32, self.height as u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::High);
        let mut writer = encoder.write_header().expect("PNG header");
        writer.write_image_data(&self.pixels).expect("PNG data");
        writer.finish().expect("PNG end");
        out
    }

    /// Mean absolute difference of the pixels, the share of pixels that differ by more than
    /// [`STRONG`], and an image of the differences (white where equal, darker where they
    /// differ more). `None` when the sizes differ.
    fn diff(&self, other: &Gray) -> Option<(f64, f64, Gray)> {
        if (self.width, self.height) != (other.width, other.height) {
            return None;
        }
        let deltas: Vec<u8> = self
            .pixels
            .iter()
            .zip(&other.pixels)
            .map(|(a, b)| a.abs_diff(*b))
            .collect();
        let count = deltas.len().max(1) as f64;
        let sum: u64 = deltas.iter().map(|&d| u64::from(d)).sum();
        let strong = deltas.iter().filter(|&&d| d > STRONG).count();
        let image = Gray {
            width: self.width,
            height: self.height,
            pixels: deltas.iter().map(|d| 255 - d).collect(),
        };
        Some((sum as f64 / count, strong as f64 / count, image))
    }
}

/// Whether `pdftoppm` runs; panics when it does not and PRIKAZ_REQUIRE_TOOLS is set.
fn pdftoppm_present() -> bool {
    tools::present(&[("pdftoppm", "-v")], "apt-get install poppler-utils")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The PDF of the sample `data` (a path from the crate root), written into `dir`.
fn sample_pdf(data: &str, dir: &Path) -> PathBuf {
    let templates = Templates::built_in().unwrap();
    let source = root().join(data);
    let prepared = prikaz::prepare(&source, &templates).unwrap_or_else(|d| panic!("{d}"));
    let pdf = prikaz::pdf::write(&prepared.document).unwrap();
    let path = dir.join("sample.pdf");
    std::fs::write(&path, pdf).unwrap();
    path
}

/// Page `page` (1-based) of `pdf` rendered in grey at [`DPI`].
fn render(pdf: &Path, page: usize) -> Gray {
    let prefix = pdf.with_extension("");
    let n = page.to_string();
    let out = Command::new("pdftoppm")
        .args([
            "-r",
            DPI,
            "-png",
            "-gray",
            "-f",
            &n,
            "-l",
            &n,
            "-singlefile",
        ])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm runs");
    assert!(
        out.status.success(),
        "pdftoppm failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(prefix.with_extension("png")).expect("pdftoppm wrote a PNG");
    Gray::from_png(&bytes).unwrap()
}

/// Renders `page` of the sample `data` and compares it with `tests/reference/<name>.png`,
/// or rewrites that file when PRIKAZ_UPDATE_REFERENCES is set.
fn check(data: &str, page: usize, name: &str) {
    if !pdftoppm_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let actual = render(&sample_pdf(data, dir.path()), page);
    let reference_path = root().join("tests/reference").join(format!("{name}.png"));
    if std::env::var_os("PRIKAZ_UPDATE_REFERENCES").is_some() {
        std::fs::create_dir_all(reference_path.parent().unwrap()).unwrap();
        std::fs::write(&reference_path, actual.to_png()).unwrap();
        eprintln!("updated {}", reference_path.display());
        return;
    }
    let reference = std::fs::read(&reference_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; make it with PRIKAZ_UPDATE_REFERENCES=1",
            reference_path.display()
        )
    });
    let reference = Gray::from_png(&reference).unwrap();
    let outcome = actual.diff(&reference);
    if let Some((mean, strong, _)) = &outcome {
        if *mean <= MAX_MEAN_DIFF && *strong <= MAX_STRONG_SHARE {
            return;
        }
    }
    // Keep what was rendered, and where it differs, for a look.
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-reference");
    std::fs::create_dir_all(&keep).unwrap();
    let actual_path = keep.join(format!("{name}.actual.png"));
    std::fs::write(&actual_path, actual.to_png()).unwrap();
    match outcome {
        Some((mean, strong, diff)) => {
            let diff_path = keep.join(format!("{name}.diff.png"));
            std::fs::write(&diff_path, diff.to_png()).unwrap();
            panic!(
                "{data} page {page} differs from {}: mean pixel difference {mean:.3} \
                 (at most {MAX_MEAN_DIFF}), {:.3} % of pixels differ by more than {STRONG} \
                 (at most {:.3} %); see {} and {}",
                reference_path.display(),
                strong * 100.0,
                MAX_STRONG_SHARE * 100.0,
                actual_path.display(),
                diff_path.display()
            );
        }
        None => panic!(
            "{data} page {page} is {}×{} px, {} is {}×{}; see {}",
            actual.width,
            actual.height,
            reference_path.display(),
            reference.width,
            reference.height,
            actual_path.display()
        ),
    }
}

#[test]
fn order_first_page() {
    check("data/chippkro-368.toml", 1, "chippkro-368-p01");
}

#[test]
fn roadmap_table_page() {
    check("data/chippkro-368.toml", 17, "chippkro-368-p17");
}

#[test]
fn landscape_table_page() {
    check(
        "data/network-school-2023.toml",
        5,
        "network-school-2023-p05",
    );
}

#[test]
fn png_round_trips_colour_turns_grey_and_other_data_is_refused() {
    let image = Gray {
        width: 2,
        height: 2,
        pixels: vec![0, 64, 128, 255],
    };
    assert_eq!(Gray::from_png(&image.to_png()).unwrap(), image);
    assert!(Gray::from_png(b"P5\n1 1\n255\n\x00").is_err());
    let mut rgb = Vec::new();
    let mut encoder = png::Encoder::new(&mut rgb, 1, 1);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[10, 20, 30]).unwrap();
    writer.finish().unwrap();
    assert_eq!(Gray::from_png(&rgb).unwrap().pixels, [20]);
}

#[test]
fn difference_is_the_mean_of_absolute_pixel_differences() {
    let a = Gray {
        width: 2,
        height: 1,
        pixels: vec![0, 255],
    };
    let b = Gray {
        pixels: vec![10, 245],
        ..a.clone()
    };
    let (mean, strong, image) = a.diff(&b).unwrap();
    assert_eq!((mean, strong), (10.0, 0.0));
    assert_eq!(image.pixels, [245, 245]);
    let black = Gray {
        pixels: vec![0, 0],
        ..a.clone()
    };
    assert_eq!(a.diff(&black).unwrap().1, 0.5);
    let tall = Gray {
        width: 1,
        height: 2,
        ..a.clone()
    };
    assert!(a.diff(&tall).is_none());
}
