//! `[font]` of an organisation file: its own typeface, for the documents of an edition that
//! leaves the typeface to the organisation (`Profile::own_typeface`). The four files are found
//! like a figure's image (beside the organisation file, confined), read with the size cap of
//! every data file and checked here, so a bad font is an error at its key, never a fault of
//! the PDF writer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::build::Builder;
use super::glyphs::Glyphs;
use super::profile::{self, Profile};
use super::raw::{FontData, Spanned, Text};
use super::view::FontView;
use crate::model::{FaceFile, FontFiles};

/// The typeface the templates name when the organisation gives none: the bundled Liberation
/// Serif has its metrics, and Word on any machine has it.
pub const DEFAULT_FAMILY: &str = "Times New Roman";
/// The body size unless `[font] size` sets it, pt.
pub const DEFAULT_SIZE: u32 = 14;

/// Letters a font for a Russian document must have.
const RUSSIAN: &str = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя";

/// The keys of the four faces, in the order `FontFiles` keeps them.
const FACE_KEYS: [&str; 4] = ["regular", "bold", "italic", "bold_italic"];

impl Builder {
    /// The document's typeface: the organisation's `[font]` (read from source `src`) when the
    /// document's `profile` lets the organisation choose, else the default. `org_profile` is
    /// the profile the organisation file itself names: `[font]` beside a profile that names
    /// the typefaces is an error there; under a profile chosen by the order or its date the
    /// table waits for the organisation's documents of the later edition.
    pub(super) fn typeface(
        &mut self,
        font: Option<&Spanned<FontData>>,
        src: usize,
        org_profile: Option<&'static Profile>,
        profile: &'static Profile,
    ) -> (FontView, Option<Arc<FontFiles>>) {
        let default = FontView {
            family: DEFAULT_FAMILY.to_string(),
            size: DEFAULT_SIZE,
        };
        let Some(font) = font else {
            return (default, None);
        };
        if let Some(named) = org_profile.filter(|p| !p.own_typeface) {
            self.error(src, font.start(), refused(named));
            return (default, None);
        }
        if !profile.own_typeface {
            return (default, None);
        }
        let size = self.font_size(font, src, profile);
        let family = self.font_key(font, src, "family", font.family.as_ref());
        let faces = self.font_faces(font, src);
        let (Some(family), Some(faces)) = (family, faces) else {
            return (default, None);
        };
        self.check_family(src, family, &faces[0]);
        let files = Arc::new(FontFiles::new(family.to_string(), faces));
        if self.glyphs.is_some() {
            self.glyphs = Some(coverage(&files));
        }
        let view = FontView {
            family: family.to_string(),
            size,
        };
        (view, Some(files))
    }

    /// The four faces' files, each read and checked; every problem reported, `None` if any.
    fn font_faces(&mut self, font: &Spanned<FontData>, src: usize) -> Option<[FaceFile; 4]> {
        let faces = FACE_KEYS.map(|key| {
            let rel = match key {
                "regular" => font.regular.as_ref(),
                "bold" => font.bold.as_ref(),
                "italic" => font.italic.as_ref(),
                _ => font.bold_italic.as_ref(),
            };
            let rel = self.font_key(font, src, key, rel)?;
            self.font_file(src, rel)
        });
        let [Some(r), Some(b), Some(i), Some(bi)] = faces else {
            return None;
        };
        Some([r, b, i, bi])
    }

    /// `size`, checked against the sizes the edition allows.
    fn font_size(&mut self, font: &FontData, src: usize, profile: &Profile) -> u32 {
        let Some(size) = &font.size else {
            return DEFAULT_SIZE;
        };
        let allowed = profile.body_sizes;
        match u32::try_from(*size.get_ref()) {
            Ok(s) if allowed.contains(&s) => s,
            _ => {
                let list: Vec<String> = allowed.iter().map(u32::to_string).collect();
                let message = format!(
                    "размер шрифта {} не предусмотрен профилем {}: основной текст набирается \
                     кеглем {} pt",
                    size.get_ref(),
                    profile.name,
                    list.join(", ")
                );
                self.error(src, size.start(), message);
                DEFAULT_SIZE
            }
        }
    }

    /// The value of a required key of `[font]`, or an error at the table naming it.
    fn font_key<'t>(
        &mut self,
        font: &Spanned<FontData>,
        src: usize,
        key: &str,
        value: Option<&'t Text>,
    ) -> Option<&'t Text> {
        if value.is_none() {
            let message = format!(
                "в [font] нет {key} = …: нужны family и файлы всех четырёх начертаний \
                 (regular, bold, italic, bold_italic) — без файла начертания PDF не наберёт \
                 им текст"
            );
            self.error(src, font.start(), message);
        }
        value
    }

    /// The checked bytes of the font file `rel`, or an error at it.
    fn font_file(&mut self, src: usize, rel: &Text) -> Option<FaceFile> {
        let path = self.resolve(src, rel, true)?;
        let checked = super::files::read_bytes(&path).and_then(|b| check(&b).map(|()| b));
        match checked {
            Ok(bytes) => {
                self.add_input(&path);
                Some(bytes.into())
            }
            Err(why) => {
                self.error(src, rel.start(), format!("шрифт «{}»: {why}", **rel));
                None
            }
        }
    }

    /// A `family` other than the one the regular face's file declares is warned about: Word
    /// looks the typeface up by this name and would set the DOCX in another.
    fn check_family(&mut self, src: usize, family: &Text, regular: &[u8]) {
        let Some(declared) = family_name(regular) else {
            return;
        };
        if declared != **family {
            let message = format!(
                "в файле шрифта семейство называется «{declared}», а здесь «{}»: Word ищет \
                 шрифт по имени из DOCX и не найдёт этот; напишите family = \"{declared}\"",
                **family
            );
            self.warn(src, family.start(), message);
        }
    }
}

/// Why `[font]` is refused beside the profile `named`.
fn refused(named: &Profile) -> String {
    format!(
        "[font] не действует: организация выбрала profile = \"{}\", а ГОСТ Р 7.0.97-2016 сам \
         называет гарнитуры (Times New Roman, Arial, Calibri, Verdana); свой шрифт организации \
         предусмотрен с profile = \"{}\"",
        named.name,
        profile::GOST_2025.name
    )
}

/// Whether `bytes` are a font the PDF writer can measure and embed: one face with TrueType
/// (TTF, OTF with `glyf`) or PostScript (OTF with `CFF `) outlines, readable, embeddable,
/// with the Russian alphabet, every glyph of which the subsetter can cut.
pub(crate) fn check(bytes: &[u8]) -> Result<(), String> {
    match bytes.get(..4) {
        Some([0, 1, 0, 0] | b"true" | b"OTTO") => {}
        Some(b"ttcf") => {
            return Err("это коллекция шрифтов (TTC): укажите файл одного начертания".into())
        }
        Some(b"wOFF" | b"wOF2") => {
            return Err("это веб-шрифт (WOFF): укажите файл TTF или OTF".into())
        }
        _ => return Err("это не файл шрифта TTF или OTF".into()),
    }
    let broken = || "файл шрифта повреждён: его таблицы не читаются".to_string();
    // A cut file still parses (tables are read when asked for): every table must lie whole
    // inside it.
    let raw = ttf_parser::RawFace::parse(bytes, 0).map_err(|_| broken())?;
    let inside = |r: ttf_parser::TableRecord| {
        (r.offset as usize)
            .checked_add(r.length as usize)
            .is_some_and(|end| end <= bytes.len())
    };
    if !raw.table_records.into_iter().all(inside) {
        return Err("файл шрифта повреждён или обрезан: его таблицы выходят за конец файла".into());
    }
    let face = ttf_parser::Face::parse(bytes, 0).map_err(|_| broken())?;
    let tables = face.tables();
    if tables.glyf.is_none() && tables.cff.is_none() {
        return Err(match tables.cff2 {
            Some(_) => "вариативные шрифты (CFF2) не поддерживаются: нужен TTF или OTF".into(),
            None => "в шрифте нет контуров: ни TrueType (glyf), ни PostScript (CFF)".into(),
        });
    }
    if face.permissions() == Some(ttf_parser::Permissions::Restricted)
        || !face.is_subsetting_allowed()
    {
        return Err("лицензия шрифта запрещает встраивать его в документы".into());
    }
    let missing: String = RUSSIAN
        .chars()
        .filter(|&c| face.glyph_index(c).is_none_or(|g| g.0 == 0))
        .collect();
    match missing.chars().count() {
        0 => {}
        1..=10 => return Err(format!("в шрифте нет русских букв: {missing}")),
        _ => return Err("в шрифте нет кириллицы: русский текст им не набрать".into()),
    }
    subsettable(bytes, face.number_of_glyphs())
}

/// Whether the PDF writer can cut subsets of the font: a table may read well and still hold
/// glyphs the subsetter cannot follow. Every glyph goes through it once, and the answer is
/// kept per process by the file's hash, so a batch of orders checks a typeface once.
fn subsettable(bytes: &[u8], glyphs: u16) -> Result<(), String> {
    use sha2::{Digest, Sha256};
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    /// The answers so far, by the SHA-256 of the file.
    type Answers = Mutex<HashMap<[u8; 32], Result<(), String>>>;
    static SEEN: OnceLock<Answers> = OnceLock::new();
    let key: [u8; 32] = Sha256::digest(bytes).into();
    let seen = SEEN.get_or_init(Default::default);
    if let Some(known) = seen.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return known;
    }
    let mut all = subsetter::GlyphRemapper::new();
    for g in 0..glyphs {
        all.remap(g);
    }
    let answer = subsetter::subset(bytes, 0, &all)
        .map(drop)
        .map_err(|_| "файл шрифта повреждён: часть его глифов не читается".to_string());
    if let Ok(mut m) = seen.lock() {
        m.insert(key, answer.clone());
    }
    answer
}

/// The typographic family (`name` id 16), else the family (id 1), of the font in `bytes`.
fn family_name(bytes: &[u8]) -> Option<String> {
    let face = ttf_parser::Face::parse(bytes, 0).ok()?;
    let names: Vec<_> = face.names().into_iter().collect();
    let find = |id: u16| {
        (names.iter())
            .filter(|n| n.name_id == id && n.is_unicode())
            .find_map(|n| n.to_string())
    };
    find(ttf_parser::name_id::TYPOGRAPHIC_FAMILY).or_else(|| find(ttf_parser::name_id::FAMILY))
}

/// The characters the upright face of `files` shows, read once per typeface in the process.
fn coverage(files: &FontFiles) -> Arc<Glyphs> {
    static SEEN: OnceLock<Mutex<HashMap<[u8; 32], Arc<Glyphs>>>> = OnceLock::new();
    let seen = SEEN.get_or_init(Mutex::default);
    if let Some(g) = seen.lock().ok().and_then(|m| m.get(&files.key).cloned()) {
        return g;
    }
    let mut points = Vec::new();
    if let Ok(face) = ttf_parser::Face::parse(&files.faces[0], 0) {
        for sub in face.tables().cmap.into_iter().flat_map(|c| c.subtables) {
            if sub.is_unicode() {
                sub.codepoints(|cp| {
                    if sub.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                        points.push(cp);
                    }
                });
            }
        }
    }
    let glyphs = Arc::new(Glyphs::from_points(points));
    if let Ok(mut m) = seen.lock() {
        m.insert(files.key, glyphs.clone());
    }
    glyphs
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIBERATION: &[u8] = include_bytes!("../../fonts/LiberationSerif-Regular.ttf");

    #[test]
    fn a_truetype_face_with_cyrillic_passes() {
        assert_eq!(check(LIBERATION), Ok(()));
        assert_eq!(family_name(LIBERATION).as_deref(), Some("Liberation Serif"));
    }

    #[test]
    fn other_kinds_of_files_are_told_apart() {
        let why = |bytes: &[u8]| check(bytes).unwrap_err();
        assert!(why(b"OTTO\0\0\0\0").contains("повреждён"));
        assert!(why(b"ttcf\0\x01\0\0").contains("TTC"));
        assert!(why(b"wOF2\0\0\0\0").contains("WOFF"));
        assert!(why(b"%PDF-1.7").contains("не файл шрифта"));
        assert!(why(&LIBERATION[..4096]).contains("обрезан"));
    }

    #[test]
    fn a_face_without_russian_letters_is_refused() {
        // The same face with its character map blanked: it maps no letter at all.
        let mut bytes = LIBERATION.to_vec();
        let raw = ttf_parser::RawFace::parse(LIBERATION, 0).unwrap();
        let cmap = raw.table(ttf_parser::Tag::from_bytes(b"cmap")).unwrap();
        let start = cmap.as_ptr() as usize - LIBERATION.as_ptr() as usize;
        bytes[start..start + cmap.len()].fill(0);
        let why = check(&bytes).unwrap_err();
        assert!(why.contains("нет кириллицы"), "{why}");
    }
}
