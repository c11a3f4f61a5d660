//! The profiles of ГОСТ Р 7.0.97-2016 and -2025 through the real binary: which edition a
//! document follows (its date, the organisation's and the order's `profile`), the
//! organisation's own typeface (`[font]`: embedded in the PDF, named in the DOCX, refused
//! where the edition names the typefaces, every bad value an error at its place), the heading
//! the 2025 edition requires, and the 2025 sample's page count against LibreOffice's.

mod tools;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

const SAMPLE: &str = "data/zarechny-uo-2026-27.toml";
const ORG: &str = "data/org/zarechny-uo.toml";

fn prikaz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prikaz"))
        .args(args)
        .output()
        .expect("prikaz runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An order dated `date` (a TOML value or nothing) with one numbered appendix, its extra
/// `[order]` keys `keys`, naming the organisation file `org`.
fn order(org: &Path, date: Option<&str>, keys: &str) -> String {
    let date = date.map_or(String::new(), |d| format!("date = {d}\nnumber = \"1\"\n"));
    format!(
        "organization = {org:?}\n[order]\n{date}{keys}\ntitle = \"О конкурсе\"\n\
         [[order.points]]\ntext = \"Провести конкурс (приложение).\"\n\
         [order.signatory]\nposition = [\"Начальник\"]\nname = \"Л.А. Воронина\"\n\
         [[appendix]]\nmark = \"appendix\"\ntitle = \"План\"\n\
         [[appendix.content]]\ntext = \"Текст плана.\"\n"
    )
}

/// The markup of `doc` written as `order.toml` in `dir`, or the messages of a failed run.
fn markup(dir: &Path, doc: &str) -> Result<String, String> {
    let path = dir.join("order.toml");
    std::fs::write(&path, doc).unwrap();
    let out = prikaz(&["build", path.to_str().unwrap(), "--emit-markup"]);
    match out.status.success() {
        true => Ok(text(&out.stdout)),
        false => Err(text(&out.stderr)),
    }
}

/// The `font`, `size` of `<document>` and the mark style's `left` in `markup`.
fn setting(markup: &str) -> (String, String, String) {
    let attr = |line: &str, name: &str| {
        let start = line.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        line[start..].split('"').next().unwrap().to_string()
    };
    let doc = markup.lines().find(|l| l.contains("<document ")).unwrap();
    let mark = markup
        .lines()
        .find(|l| l.contains("<style name=\"mark\""))
        .unwrap();
    (attr(doc, "font"), attr(doc, "size"), attr(mark, "left"))
}

/// A folder with a copy of the sample organisation's fonts and `org.toml`: the sample's lines
/// with `extra` before its `[marks]` and its `[font]` table replaced by `font`.
fn org_dir(extra: &str, font: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    for entry in std::fs::read_dir("data/org/fonts").unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            dir.path().join("fonts").join(entry.file_name()),
        )
        .unwrap();
    }
    let sample = std::fs::read_to_string(ORG).unwrap();
    let head = sample.split("\n[marks]").next().unwrap();
    let marks = sample.split("\n[marks]").nth(1).unwrap();
    let marks = marks.split("\n[font]").next().unwrap();
    let org = format!("{head}\n{extra}\n[marks]{marks}\n{font}\n");
    std::fs::write(dir.path().join("org.toml"), org).unwrap();
    dir
}

/// The sample's `[font]` table.
fn sample_font() -> String {
    let sample = std::fs::read_to_string(ORG).unwrap();
    format!("[font]{}", sample.split("\n[font]").nth(1).unwrap())
}

/// The line:col of `needle`'s first occurrence in `text`, 1-based, columns in characters.
fn place(text: &str, needle: &str) -> String {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    format!("{line}:{col}")
}

#[test]
fn the_edition_switches_on_the_18th_of_august_2025() {
    let dir = tempfile::tempdir().unwrap();
    let org = std::fs::canonicalize(ORG).unwrap();
    let before = markup(dir.path(), &order(&org, Some("2025-08-17"), "")).unwrap();
    let from = markup(dir.path(), &order(&org, Some("2025-08-18"), "")).unwrap();
    let draft = markup(dir.path(), &order(&org, None, "")).unwrap();
    let times = ("Times New Roman".into(), "14".into(), "95".into());
    assert_eq!(setting(&before), times);
    assert_eq!(
        setting(&draft),
        times,
        "an undated draft keeps the 2016 rules"
    );
    // The organisation's typeface and the 80 mm corner: 170 − 80 = 90 mm.
    assert_eq!(
        setting(&from),
        ("PT Serif".into(), "14".into(), "90".into())
    );
}

#[test]
fn the_orders_profile_wins_over_the_date_and_the_organisations() {
    let dir = tempfile::tempdir().unwrap();
    let org = std::fs::canonicalize(ORG).unwrap();
    let keys = "profile = \"gost-2016\"";
    let m = markup(dir.path(), &order(&org, Some("2026-02-12"), keys)).unwrap();
    assert_eq!(setting(&m).0, "Times New Roman");
    let keys = "profile = \"gost-2025\"";
    let m = markup(dir.path(), &order(&org, Some("2024-02-12"), keys)).unwrap();
    assert_eq!(setting(&m).0, "PT Serif");

    let own = org_dir("profile = \"gost-2025\"", &sample_font());
    let m = markup(own.path(), &order(&own.path().join("org.toml"), None, "")).unwrap();
    assert_eq!(setting(&m), ("PT Serif".into(), "14".into(), "90".into()));
}

#[test]
fn an_unknown_profile_is_an_error_at_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let org = std::fs::canonicalize(ORG).unwrap();
    let doc = order(&org, Some("2026-02-12"), "profile = \"gost-2030\"");
    let err = markup(dir.path(), &doc).unwrap_err();
    let at = place(&doc, "\"gost-2030\"");
    assert!(err.contains(&format!("order.toml:{at}")), "{err}");
    assert!(err.contains("неизвестный профиль «gost-2030»"), "{err}");
}

#[test]
fn the_organisations_typeface_is_embedded_in_the_pdf_and_named_in_the_docx() {
    let out = tempfile::tempdir().unwrap();
    let run = prikaz(&["build", SAMPLE, "-o", out.path().to_str().unwrap()]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let docx = std::fs::read(out.path().join("zarechny-uo-2026-27.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut styles = String::new();
    let mut part = zip.by_name("word/styles.xml").unwrap();
    part.read_to_string(&mut styles).unwrap();
    assert!(styles.contains(r#"w:ascii="PT Serif""#), "{styles}");
    assert!(styles.contains(r#"<w:sz w:val="28""#), "{styles}");
    drop(part);
    let mut fonts = String::new();
    let mut part = zip.by_name("word/fontTable.xml").unwrap();
    part.read_to_string(&mut fonts).unwrap();
    assert!(fonts.contains(r#"<w:font w:name="PT Serif">"#), "{fonts}");
    let pdf = std::fs::read(out.path().join("zarechny-uo-2026-27.pdf")).unwrap();
    let names = |pdf: &[u8], name: &str| pdf.windows(name.len()).any(|w| w == name.as_bytes());
    // The font dictionaries sit in compressed object streams: pdffonts reads them.
    if tools::present(&[("pdffonts", "-v")], "apt-get install poppler-utils") {
        let list = Command::new("pdffonts")
            .arg(out.path().join("zarechny-uo-2026-27.pdf"))
            .output()
            .unwrap();
        let list = text(&list.stdout);
        for face in ["PTSerif-Regular", "PTSerif-Bold"] {
            let row = list.lines().find(|l| l.contains(&format!("+{face} ")));
            let row = row.unwrap_or_else(|| panic!("no subset of {face}:\n{list}"));
            assert!(row.contains("CID TrueType"), "{row}");
            assert!(
                row.contains(" yes yes yes "),
                "embedded, subset, ToUnicode: {row}"
            );
        }
        assert!(!list.contains("Liberation"), "{list}");
    }
    assert!(!names(&pdf, "LiberationSerif"));
}

#[test]
fn the_2016_samples_of_the_same_organisation_keep_times_new_roman() {
    let out = prikaz(&["build", "data/zarechny-uo-214.toml", "--emit-markup"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let m = text(&out.stdout);
    assert_eq!(
        setting(&m),
        ("Times New Roman".into(), "14".into(), "95".into())
    );
    assert!(
        m.contains(r#"right="10""#) && m.contains(r#"left="30""#),
        "{m}"
    );
}

/// The error messages of an order of 2026 naming an organisation with `extra` keys and the
/// `[font]` table `font`, and the organisation file's text.
fn font_errors(extra: &str, font: &str) -> (String, String) {
    let dir = org_dir(extra, font);
    let org_path = dir.path().join("org.toml");
    let err = markup(dir.path(), &order(&org_path, Some("2026-02-12"), "")).unwrap_err();
    (err, std::fs::read_to_string(org_path).unwrap())
}

#[test]
fn a_size_the_profile_does_not_list_is_an_error_at_it() {
    let font = sample_font().replace("size = 14", "size = 16");
    let (err, org) = font_errors("", &font);
    let line = place(&org, "size = 16")
        .split(':')
        .next()
        .unwrap()
        .to_string();
    assert!(err.contains(&format!("org.toml:{line}:8:")), "{err}");
    assert!(err.contains("размер шрифта 16"), "{err}");
}

#[test]
fn the_2016_edition_refuses_the_organisations_typeface() {
    let (err, org) = font_errors("profile = \"gost-2016\"", &sample_font());
    assert!(
        err.contains(&format!("org.toml:{}", place(&org, "[font]"))),
        "{err}"
    );
    assert!(err.contains("ГОСТ Р 7.0.97-2016 сам"), "{err}");
}

#[test]
fn bad_font_files_are_errors_at_their_values() {
    let dir = org_dir("", "");
    let fonts = dir.path().join("fonts");
    std::fs::write(fonts.join("text.ttf"), "это не шрифт").unwrap();
    std::fs::write(fonts.join("cff.otf"), b"OTTO\0\x0a\0\x80\0\x03\0\x20").unwrap();
    let regular = std::fs::read(fonts.join("PTF55F.ttf")).unwrap();
    std::fs::write(fonts.join("cut.ttf"), &regular[..2000]).unwrap();
    // Whole tables that read, and a table record whose offset sends the subsetter astray
    // (a file that once made the PDF writer fail after the data was accepted).
    let mut astray = regular.clone();
    astray[172] = 204;
    std::fs::write(fonts.join("astray.ttf"), &astray).unwrap();
    let font = sample_font()
        .replace("PTF55F.ttf", "astray.ttf")
        .replace("PTF75F.ttf", "text.ttf")
        .replace("PTF56F.ttf", "cff.otf")
        .replace("PTF76F.ttf", "cut.ttf");
    let org = std::fs::read_to_string(dir.path().join("org.toml")).unwrap();
    std::fs::write(dir.path().join("org.toml"), format!("{org}{font}")).unwrap();
    let org = std::fs::read_to_string(dir.path().join("org.toml")).unwrap();
    let doc = order(&dir.path().join("org.toml"), Some("2026-02-12"), "");
    let err = markup(dir.path(), &doc).unwrap_err();
    for (value, why) in [
        ("\"fonts/text.ttf\"", "это не файл шрифта TTF или OTF"),
        ("\"fonts/cff.otf\"", "повреждён"),
        ("\"fonts/cut.ttf\"", "повреждён"),
        ("\"fonts/astray.ttf\"", "часть его глифов не читается"),
    ] {
        let at = format!("org.toml:{}", place(&org, value));
        let line = err.lines().find(|l| l.contains(&at));
        let line = line.unwrap_or_else(|| panic!("nothing at {at}:\n{err}"));
        assert!(line.contains(why), "{line}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_missing_face_is_named_at_the_table() {
    let font = sample_font().replace("bold_italic = \"fonts/PTF76F.ttf\"\n", "");
    let (err, org) = font_errors("", &font);
    assert!(
        err.contains(&format!("org.toml:{}", place(&org, "[font]"))),
        "{err}"
    );
    assert!(err.contains("нет bold_italic"), "{err}");
}

#[test]
fn a_standalone_document_needs_a_heading_under_2025() {
    let dir = org_dir("profile = \"gost-2025\"", &sample_font());
    let org = dir.path().join("org.toml");
    let doc = format!("organization = {org:?}\n[[content]]\ntext = \"Текст.\"\n");
    let err = markup(dir.path(), &doc).unwrap_err();
    assert!(
        err.contains(&format!("order.toml:{}", place(&doc, "[[content]]"))),
        "{err}"
    );
    assert!(err.contains("заголовок к тексту"), "{err}");
    let ours = std::fs::canonicalize(ORG).unwrap();
    let plain = format!("organization = {ours:?}\n[[content]]\ntext = \"Текст.\"\n");
    let ok = markup(dir.path(), &plain);
    assert!(ok.is_ok(), "under 2016 a heading stays optional: {ok:?}");
}

fn pages_of(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    text(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .expect("pdfinfo reports pages")
}

#[test]
fn the_2025_sample_has_as_many_pages_as_libreoffice_makes_of_its_docx() {
    let tools = [
        ("soffice", "--version"),
        ("pdfinfo", "-v"),
        ("pdffonts", "-v"),
    ];
    if !tools::present(
        &tools,
        "apt-get install libreoffice-writer-nogui poppler-utils",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let run = prikaz(&["build", SAMPLE, "-o", dir.path().to_str().unwrap()]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let docx = dir.path().join("zarechny-uo-2026-27.docx");
    let lo = tools::libreoffice_pdf(&docx, &dir.path().join("lo"));
    let fonts = Command::new("pdffonts").arg(&lo).output().unwrap();
    let fonts = text(&fonts.stdout);
    assert!(
        fonts.contains("PTSerif-Regular"),
        "LibreOffice did not find PT Serif:\n{fonts}"
    );
    let ours = pages_of(&dir.path().join("zarechny-uo-2026-27.pdf"));
    assert_eq!(
        ours,
        pages_of(&lo),
        "ours {ours}, LibreOffice {}",
        pages_of(&lo)
    );
}

#[test]
fn characters_are_checked_against_the_documents_own_typeface() {
    let dir = tempfile::tempdir().unwrap();
    let org = std::fs::canonicalize(ORG).unwrap();
    // «Ά» (U+0386) is in Liberation Serif but not in PT Serif.
    let keys = "preamble = [\"Конкурс «Ά».\"]";
    let warned = |date: &str| {
        let path = dir.path().join("order.toml");
        std::fs::write(&path, order(&org, Some(date), keys)).unwrap();
        let out = prikaz(&["check", path.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stderr).contains("U+0386")
    };
    assert!(warned("2026-02-12"), "PT Serif lacks it");
    assert!(!warned("2024-02-12"), "Liberation Serif has it");
}

#[test]
fn an_empty_organisation_name_is_told_by_the_editions_name_of_the_requisite() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("org.toml"), "name = []\n").unwrap();
    let org = dir.path().join("org.toml");
    let err = markup(dir.path(), &order(&org, Some("2026-02-12"), "")).unwrap_err();
    assert!(err.contains("org.toml:1:1"), "{err}");
    assert!(
        err.contains("«наименование организации» (ГОСТ Р 7.0.97-2025)"),
        "{err}"
    );
    let err = markup(dir.path(), &order(&org, Some("2024-02-12"), "")).unwrap_err();
    assert!(
        err.contains("«наименование организации – автора документа»"),
        "{err}"
    );
}

#[test]
fn the_organisations_size_sets_the_body_and_a_batch_gives_the_same_bytes() {
    let font = sample_font().replace("size = 14", "size = 12");
    let dir = org_dir("", &font);
    let doc = order(&dir.path().join("org.toml"), Some("2026-02-12"), "");
    let m = markup(dir.path(), &doc).unwrap();
    assert_eq!(setting(&m), ("PT Serif".into(), "12".into(), "90".into()));
    // Two copies in one run share the parsed typeface and its subsets: same bytes.
    std::fs::write(dir.path().join("copy.toml"), &doc).unwrap();
    let out = dir.path().join("out");
    let files = ["order.toml", "copy.toml"].map(|f| dir.path().join(f));
    let mut args = vec!["build", "-o", out.to_str().unwrap()];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let run = prikaz(&args);
    assert!(run.status.success(), "{}", text(&run.stderr));
    for ext in ["docx", "pdf"] {
        let a = std::fs::read(out.join(format!("order.{ext}"))).unwrap();
        let b = std::fs::read(out.join(format!("copy.{ext}"))).unwrap();
        assert!(a == b, "{ext} differs between copies");
    }
}

#[test]
fn a_standalone_document_chooses_its_profile_and_an_order_does_so_in_its_table() {
    let dir = tempfile::tempdir().unwrap();
    let org = std::fs::canonicalize(ORG).unwrap();
    let doc = format!(
        "organization = {org:?}\nprofile = \"gost-2025\"\ntitle = \"О плане\"\n\
         [[content]]\ntext = \"Текст.\"\n"
    );
    let m = markup(dir.path(), &doc).unwrap();
    assert_eq!(setting(&m).0, "PT Serif");
    let untitled = doc.replace("title = \"О плане\"\n", "");
    let err = markup(dir.path(), &untitled).unwrap_err();
    assert!(err.contains("заголовок к тексту"), "{err}");

    let doc = format!(
        "profile = \"gost-2025\"\n{}",
        order(&org, Some("2024-02-12"), "")
    );
    let err = markup(dir.path(), &doc).unwrap_err();
    assert!(err.contains("order.toml:1:11"), "{err}");
    assert!(err.contains("пишется в [order]"), "{err}");
}

/// The part `name` of the DOCX at `path`.
fn docx_part(path: &Path, name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut bytes = Vec::new();
    zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}

#[test]
fn the_docx_carries_the_typeface_so_libreoffice_sets_it_without_the_font_installed() {
    let dir = tempfile::tempdir().unwrap();
    let run = prikaz(&["build", SAMPLE, "-o", dir.path().to_str().unwrap()]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let docx = dir.path().join("zarechny-uo-2026-27.docx");
    // The regular face embedded as Word obfuscates it: the first 32 bytes XORed with the
    // key's bytes from the last, the rest as in the organisation's file.
    let table = text(&docx_part(&docx, "word/fontTable.xml"));
    let key = table
        .split("<w:embedRegular ")
        .nth(1)
        .and_then(|s| s.split("w:fontKey=\"{").nth(1))
        .and_then(|s| s.split('}').next())
        .unwrap_or_else(|| panic!("no embedded regular face: {table}"));
    let hex: String = key.chars().filter(|c| *c != '-').collect();
    let guid: Vec<u8> = (0..16)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    let mut face = docx_part(&docx, "word/fonts/font1.odttf");
    for (i, b) in face.iter_mut().take(32).enumerate() {
        *b ^= guid[15 - i % 16];
    }
    assert!(face == std::fs::read("data/org/fonts/PTF55F.ttf").unwrap());
    let settings = text(&docx_part(&docx, "word/settings.xml"));
    assert!(settings.contains("<w:embedTrueTypeFonts />"), "{settings}");

    let tools = [("soffice", "--version"), ("pdffonts", "-v")];
    if !tools::present(
        &tools,
        "apt-get install libreoffice-writer-nogui poppler-utils",
    ) {
        return;
    }
    let lo = tools::libreoffice_pdf(&docx, &dir.path().join("lo"));
    let fonts = Command::new("pdffonts").arg(lo).output().unwrap();
    let fonts = text(&fonts.stdout);
    assert!(fonts.contains("PTSerif-Regular"), "{fonts}");
    assert!(fonts.contains("PTSerif-Bold"), "{fonts}");
}

/// Debian's Linux Libertine O: OpenType with PostScript (CFF) outlines and Cyrillic in its
/// upright faces.
const LIBERTINE: &str = "/usr/share/fonts/opentype/linux-libertine";

#[test]
fn a_typeface_with_postscript_outlines_is_embedded_as_cff() {
    let regular = Path::new(LIBERTINE).join("LinLibertine_R.otf");
    let tools = [("pdffonts", "-v"), ("pdftotext", "-v")];
    let have = regular.is_file() || std::env::var_os("PRIKAZ_REQUIRE_TOOLS").is_some();
    if !have || !tools::present(&tools, "apt-get install poppler-utils fonts-linuxlibertine") {
        eprintln!("skipped: fonts-linuxlibertine not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    for face in ["LinLibertine_R.otf", "LinLibertine_RB.otf"] {
        std::fs::copy(
            Path::new(LIBERTINE).join(face),
            dir.path().join("fonts").join(face),
        )
        .unwrap();
    }
    // Its italic faces lack Cyrillic: the upright ones stand in for them here.
    let org = "name = [\"Школа № 1\"]\nprofile = \"gost-2025\"\n[font]\n\
               family = \"Linux Libertine O\"\nregular = \"fonts/LinLibertine_R.otf\"\n\
               bold = \"fonts/LinLibertine_RB.otf\"\nitalic = \"fonts/LinLibertine_R.otf\"\n\
               bold_italic = \"fonts/LinLibertine_RB.otf\"\n";
    std::fs::write(dir.path().join("org.toml"), org).unwrap();
    let doc = order(&dir.path().join("org.toml"), Some("2026-03-02"), "");
    std::fs::write(dir.path().join("order.toml"), doc).unwrap();
    let out = dir.path().join("out");
    let run = prikaz(&[
        "build",
        dir.path().join("order.toml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let pdf = out.join("order.pdf");
    let fonts = text(&Command::new("pdffonts").arg(&pdf).output().unwrap().stdout);
    assert!(fonts.contains("LinLibertineO"), "{fonts}");
    assert!(fonts.contains("CID Type 0C"), "{fonts}");
    let words = text(
        &Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    );
    assert!(words.contains("Провести конкурс"), "{words}");
    // Word embeds TrueType outlines only: the DOCX names the family and carries no face.
    let docx = out.join("order.docx");
    let table = text(&docx_part(&docx, "word/fontTable.xml"));
    assert!(table.contains("Linux Libertine O"), "{table}");
    assert!(!table.contains("w:embedRegular"), "{table}");
}
