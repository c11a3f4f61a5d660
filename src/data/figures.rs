//! Figures: the image a `figure` block names, found like an appendix file (confined to the
//! document's and the organisation's folders), read once however often it is used, its
//! format sniffed from its bytes and its pixels decoded, every problem told at the `figure`
//! value; then captions numbered through the document in reading order in the
//! organisation's form (`figure_caption`).

use super::build::{Builder, Notes};
use super::raw::{BlockData, Text};
use super::view::{BlockView, FigureView, Inline, PartView};
use crate::model::{Image, ImageFormat};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

/// The caption form when the organisation sets none (ГОСТ Р 2.105-2019, 6.9.4).
pub const DEFAULT_FORM: &str = "Рисунок {n} – {caption}";

/// Images read for one document.
#[derive(Default)]
pub(super) struct Figures {
    /// Each file read, by canonical path: its id in `store`, or `None` when it failed.
    read: HashMap<PathBuf, Option<String>>,
    /// The images by id, for the markup parser.
    pub(super) store: BTreeMap<String, Arc<Image>>,
    /// The organisation's caption form, checked.
    pub(super) form: Option<String>,
}

impl Builder {
    /// The figure block `b` (its `figure` value is `rel`), read from source `src`; `None`
    /// (reported) when its image cannot be used.
    pub(super) fn figure(
        &mut self,
        b: &BlockData,
        rel: &Text,
        src: usize,
        notes: &Notes,
    ) -> Option<BlockView> {
        let width = b.width.as_ref().and_then(|w| {
            if w.is_finite() && **w > 0.0 {
                Some(**w)
            } else {
                let message = format!(
                    "ширина рисунка {} мм: ожидается число больше нуля (или уберите width — \
                     рисунок займёт ширину текста)",
                    **w
                );
                self.error(src, w.start(), message);
                None
            }
        });
        let caption = b.caption.as_ref().map(|c| self.md(c, notes, src));
        let image = self.image(src, rel)?;
        Some(BlockView::Figure(FigureView {
            image,
            width,
            caption: Inline::default(),
            text: caption,
        }))
    }

    /// The id of the image `rel` names in source `src`, read and checked on first use.
    fn image(&mut self, src: usize, rel: &Text) -> Option<String> {
        let path = self.resolve(src, rel, true)?;
        if let Some(id) = self.figures.read.get(&path) {
            return id.clone();
        }
        let id = match load(&path) {
            Ok(image) => {
                self.add_input(&path);
                let id = format!("img{}", self.figures.store.len() + 1);
                self.figures.store.insert(id.clone(), Arc::new(image));
                Some(id)
            }
            Err(why) => {
                self.error(src, rel.start(), format!("рисунок «{}»: {why}", **rel));
                None
            }
        };
        self.figures.read.insert(path, id.clone());
        id
    }

    /// Checks the organisation's `figure_caption`: only `{n}` and `{caption}` may stand in
    /// it, each reported at its place.
    pub(super) fn figure_form(&mut self, form: &Text, src: usize) {
        let mut ok = true;
        let mut rest = form.as_str();
        let mut offset = 0;
        while let Some(open) = rest.find('{') {
            let name_end = rest[open..].find('}').map(|e| open + e);
            let name = name_end.map_or(&rest[open..], |e| &rest[open + 1..e]);
            if name_end.is_none() || !matches!(name, "n" | "caption") {
                ok = false;
                let at = self.inside(src, form, offset + open);
                let message = format!(
                    "в форме подписи рисунка неизвестная подстановка «{{{name}}}»: можно \
                     {{n}} (номер рисунка) и {{caption}} (подпись), например \"{DEFAULT_FORM}\""
                );
                self.error(src, at, message);
            }
            let next = name_end.map_or(rest.len(), |e| e + 1);
            offset += next;
            rest = &rest[next..];
        }
        if ok {
            self.figures.form = Some(form.to_string());
        }
    }

    /// Numbers the figures of `parts` in reading order and makes their captions.
    pub(super) fn number_figures(&self, parts: &mut [PartView]) {
        let form = self.figures.form.as_deref().unwrap_or(DEFAULT_FORM);
        let figures = parts
            .iter_mut()
            .flat_map(|p| &mut p.sections)
            .flat_map(|s| &mut s.blocks)
            .filter_map(|b| match b {
                BlockView::Figure(f) => Some(f),
                _ => None,
            });
        for (i, f) in figures.enumerate() {
            f.caption = caption(form, i + 1, f.text.take());
        }
    }
}

/// The caption of figure `n` in `form`, with `text` in place of `{caption}`; without text,
/// the form up to `{caption}` less the dash or colon that would lead to it.
fn caption(form: &str, n: usize, text: Option<Inline>) -> Inline {
    // «Рисунок 1»: the number never goes to a line of its own.
    let number = |s: &str| {
        s.replace(" {n}", "\u{a0}{n}")
            .replace("{n}", &n.to_string())
    };
    let (before, after) = form.split_once("{caption}").unwrap_or((form, ""));
    match text {
        Some(text) => Inline::plain(number(before))
            .append(text)
            .append(Inline::plain(number(after))),
        None => {
            let bare = number(before);
            let trimmed = bare.trim_end_matches([' ', '\u{a0}', '–', '—', '-', ':']);
            Inline::plain(trimmed)
        }
    }
}

/// The image at `path`: its bytes, format and pixel size, or why it cannot be used.
fn load(path: &std::path::Path) -> Result<Image, String> {
    let limit = super::files::MAX_FILE_SIZE;
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > limit) {
        return Err(format!(
            "файл больше {} МиБ: уменьшите изображение (для печати довольно 300 точек на дюйм)",
            limit / (1024 * 1024)
        ));
    }
    let bytes = super::files::read_bytes(path)?;
    let (format, (w, h)) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        (ImageFormat::Png, png_size(&bytes)?)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        (ImageFormat::Jpeg, jpeg_size(&bytes)?)
    } else {
        return Err(format!(
            "неподдерживаемый формат ({}): рисунок должен быть в PNG или JPEG; \
             пересохраните его в одном из них",
            sniff(&bytes)
        ));
    };
    Image::new(bytes, format, w, h).map_err(|_| "у изображения нулевой размер".to_string())
}

/// What a file that is neither PNG nor JPEG seems to be, for the message.
fn sniff(bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(256)];
    let text = String::from_utf8_lossy(head);
    if bytes.starts_with(b"GIF8") {
        "GIF"
    } else if bytes.starts_with(b"BM") {
        "BMP"
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        "WebP"
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        "TIFF"
    } else if text.contains("<svg") || text.trim_start().starts_with("<?xml") {
        "SVG: векторные рисунки не поддерживаются"
    } else if bytes.is_empty() {
        "файл пуст"
    } else {
        "это не изображение PNG или JPEG"
    }
}

/// The largest decoded picture accepted, in MiB (the png crate's own default limit): an A4
/// page scanned at 300 dpi in colour is 26 MiB. A small file that claims a huge picture is
/// refused before memory is taken for it.
const MAX_PIXEL_BYTES_MIB: usize = 64;

/// The pixel size of a PNG, after decoding it whole: a file cut short or damaged is found
/// here, not by a writer.
fn png_size(bytes: &[u8]) -> Result<(u32, u32), String> {
    let broken = |e: png::DecodingError| match e {
        // The decoder's limit (64 MiB of pixels) keeps a small file that claims a huge
        // picture from taking all memory.
        png::DecodingError::LimitsExceeded => format!(
            "изображение PNG слишком велико: больше {MAX_PIXEL_BYTES_MIB} МиБ в распакованном \
             виде; уменьшите его"
        ),
        e => format!("файл PNG повреждён ({e})"),
    };
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(broken)?;
    let size = reader
        .output_buffer_size()
        .filter(|&s| s <= MAX_PIXEL_BYTES_MIB << 20)
        .ok_or_else(|| broken(png::DecodingError::LimitsExceeded))?;
    let mut pixels = vec![0; size];
    reader.next_frame(&mut pixels).map_err(broken)?;
    let info = reader.info();
    Ok((info.width, info.height))
}

/// The pixel size of a JPEG, from its frame header (SOF); the markers before it are
/// walked, so a file cut short before the frame is found here.
pub(crate) fn jpeg_size(bytes: &[u8]) -> Result<(u32, u32), String> {
    let sof = crate::model::jpeg_frame(bytes).ok_or_else(|| {
        "файл JPEG повреждён или в неподдерживаемом варианте (нет заголовка кадра с 1, 3 \
         или 4 компонентами по 8 бит)"
            .to_string()
    })?;
    Ok((sof.width, sof.height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_follow_the_form_and_drop_the_dash_without_text() {
        let c = caption(DEFAULT_FORM, 2, Some(Inline::plain("Схема")));
        assert_eq!(c.plain_text(), "Рисунок\u{a0}2 – Схема");
        assert_eq!(
            caption(DEFAULT_FORM, 3, None).plain_text(),
            "Рисунок\u{a0}3"
        );
        let short = "Рис. {n}. {caption}";
        assert_eq!(caption(short, 1, None).plain_text(), "Рис.\u{a0}1.");
    }
}
