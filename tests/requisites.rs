//! Requisites and marks of any organisation's order (issue 9): appendix numbers from the mark
//! wherever it is written, references «приложение N» checked against what is printed, line
//! breaks the clerk chose in the marks, the title and the signatory's position, and several
//! executors — in the markup, the DOCX parts and the PDF frames.

use prikaz::pdf::frame::{Item, Page};
use prikaz::pdf::layout::layout;
use prikaz::pdf::text::TtfMetrics;
use prikaz::template::Templates;
use roxmltree::{Document as Xml, Node};
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/requisites/order.toml";
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn prepare(path: &Path) -> Result<prikaz::Prepared, prikaz::diag::Diagnostics> {
    prikaz::prepare(path, &Templates::built_in().unwrap())
}

/// An order in a temporary folder with `appendices` (the `[[appendix]]` tables) and appendix
/// files `files` (name, text); the diagnostics or the markup's mark paragraphs.
fn marks_of(points: &str, appendices: &str, files: &[(&str, &str)]) -> Result<Vec<String>, String> {
    let dir = tempfile::tempdir().unwrap();
    let org = std::fs::canonicalize("data/org/chippkro.toml").unwrap();
    let order = format!(
        "organization = {org:?}\n[order]\ndate = 2024-02-01\nnumber = \"5\"\n\
         title = \"О семинаре\"\n[[order.points]]\ntext = \"{points}\"\n{appendices}"
    );
    std::fs::write(dir.path().join("order.toml"), order).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    match prepare(&dir.path().join("order.toml")) {
        Ok(p) => Ok(p
            .markup
            .lines()
            .filter(|l| l.contains("class=\"mark\""))
            .map(|l| l.trim().to_string())
            .collect()),
        Err(d) => Err(d.to_string()),
    }
}

/// The first line of each mark: «Приложение 2», «УТВЕРЖДЕН».
fn heads(marks: &[String]) -> Vec<String> {
    marks
        .iter()
        .map(|m| {
            let body = m.trim_start_matches("<p class=\"mark\">");
            body.split("<br/>").next().unwrap().to_string()
        })
        .collect()
}

const PART: &str = "title = \"План\"\n[[content]]\ntext = \"Текст.\"\n";
/// An inline appendix's fields.
const INLINE: &str = "title = \"План\"\ncontent = [{ text = \"Текст.\" }]\n";

#[test]
fn appendices_are_numbered_from_a_mark_written_only_in_their_files() {
    let part = format!("mark = \"appendix\"\n{PART}");
    let files = [("a.toml", part.as_str()), ("b.toml", part.as_str())];
    let entries = "[[appendix]]\nfile = \"a.toml\"\n[[appendix]]\nfile = \"b.toml\"\n";
    let marks = marks_of("Утвердить (приложение 2).", entries, &files).unwrap();
    assert_eq!(heads(&marks), ["Приложение 1", "Приложение 2"]);
}

#[test]
fn appendices_are_numbered_from_a_mark_written_only_beside_file() {
    let files = [("a.toml", PART), ("b.toml", PART)];
    let entries = "[[appendix]]\nfile = \"a.toml\"\nmark = \"appendix\"\n\
                   [[appendix]]\nfile = \"b.toml\"\nmark = \"appendix\"\n";
    let marks = marks_of("Утвердить (приложение 2).", entries, &files).unwrap();
    assert_eq!(heads(&marks), ["Приложение 1", "Приложение 2"]);
}

#[test]
fn a_mark_beside_file_wins_over_the_files_own() {
    let approved = format!("mark = \"approval\"\napproved = \"УТВЕРЖДЕН\"\n{PART}");
    let files = [("a.toml", approved.as_str()), ("b.toml", approved.as_str())];
    let entries = "[[appendix]]\nfile = \"a.toml\"\nmark = \"appendix\"\n\
                   [[appendix]]\nfile = \"b.toml\"\n";
    let marks = marks_of("Утвердить.", entries, &files).unwrap();
    assert_eq!(heads(&marks), ["Приложение", "УТВЕРЖДЕН"]);
}

#[test]
fn inline_appendices_are_numbered_and_approved_parts_are_not() {
    let entries = format!(
        "[[appendix]]\nmark = \"appendix\"\n{INLINE}[[appendix]]\nmark = \"approval\"\n{INLINE}\
         [[appendix]]\nmark = \"appendix\"\n{INLINE}"
    );
    let marks = marks_of("Утвердить (приложение 1, приложение 2).", &entries, &[]).unwrap();
    assert_eq!(heads(&marks), ["Приложение 1", "УТВЕРЖДЕН", "Приложение 2"]);
}

#[test]
fn a_single_appendix_is_unnumbered_and_may_not_be_referred_to_by_number() {
    let entries = format!("[[appendix]]\nmark = \"appendix\"\n{INLINE}");
    let marks = marks_of("Утвердить план (приложение).", &entries, &[]).unwrap();
    assert_eq!(heads(&marks), ["Приложение"]);
    let err = marks_of("Утвердить план (приложение 1).", &entries, &[]).unwrap_err();
    assert!(err.contains("печатается без номера"), "{err}");
}

#[test]
fn a_reference_inside_an_appendix_file_is_checked_at_its_word() {
    let part = format!("mark = \"appendix\"\n{PART}[[content]]\ntext = \"См. приложение 3.\"\n");
    let files = [("a.toml", part.as_str()), ("b.toml", part.as_str())];
    let entries = "[[appendix]]\nfile = \"a.toml\"\n[[appendix]]\nfile = \"b.toml\"\n";
    let err = marks_of("Утвердить.", entries, &files).unwrap_err();
    assert!(err.contains("a.toml:6:13"), "{err}");
    assert!(err.contains("«Приложение 1» – «Приложение 2»"), "{err}");
}

/// The fixture's DOCX body.
fn document_xml() -> String {
    let p = prepare(Path::new(FIXTURE)).unwrap_or_else(|d| panic!("{d}"));
    let parts = prikaz::docx::parts(&p.document).unwrap();
    parts
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(W) && node.tag_name().name() == name
}

/// The text of a `w:p`, a line break written as `|`.
fn lines_of(p: Node) -> String {
    let mut out = String::new();
    for n in p.descendants() {
        if is(&n, "t") {
            out.push_str(n.text().unwrap_or_default());
        } else if is(&n, "br") {
            out.push('|');
        }
    }
    out
}

#[test]
fn docx_breaks_the_title_the_position_the_marks_and_the_executors_with_w_br() {
    let xml = document_xml();
    let xml = Xml::parse(&xml).unwrap();
    let paras: Vec<String> = xml
        .descendants()
        .filter(|n| is(n, "p"))
        .map(lines_of)
        .collect();
    let has = |want: &str| {
        assert!(
            paras.iter().any(|p| p.replace('\u{a0}', " ") == want),
            "no paragraph «{want}» in {paras:#?}"
        )
    };
    has("Об утверждении модели|методической работы");
    has("Сидорова Анна Петровна|8 (351) 000-00-01|Козлов Пётр Иванович|8 (351) 000-00-02");
    has("Приложение 1|к приказу управления|образования|администрации района|от 01.02.2024|№ 45-у");
    has("Приложение 2|к приказу управления|образования|администрации района|от 01.02.2024|№ 45-у");
    has("УТВЕРЖДЕНА|приказом управления образования|от 01.02.2024 № 45-у");
    assert!(
        paras
            .iter()
            .any(|p| p.starts_with("Начальник управления|образования")),
        "{paras:#?}"
    );
}

/// The fixture's PDF pages.
fn pages() -> Vec<Page> {
    let p = prepare(Path::new(FIXTURE)).unwrap_or_else(|d| panic!("{d}"));
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let system = Path::new("/usr/share/fonts/truetype/liberation2");
    let metrics = TtfMetrics::from_dir(&local)
        .or_else(|_| TtfMetrics::from_dir(system))
        .expect("Liberation Serif in fonts/ or /usr/share/fonts/truetype/liberation2");
    layout(&p.document, &metrics)
}

/// The lines of a page as (baseline, left edge, text), top to bottom.
fn page_lines(page: &Page) -> Vec<(f32, f32, String)> {
    let mut lines: Vec<(f32, f32, String)> = Vec::new();
    let mut runs: Vec<(f32, f32, &str)> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { x, y, text, .. } => Some((*y, *x, text.as_str())),
            _ => None,
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for (y, x, text) in runs {
        match lines.last_mut() {
            Some(line) if (line.0 - y).abs() < 0.01 => {
                line.2.push(' ');
                line.2.push_str(text);
            }
            _ => lines.push((y, x, text.to_string())),
        }
    }
    for line in &mut lines {
        line.2 = line.2.replace('\u{a0}', " ");
    }
    lines
}

/// The lines `want`, found one after another on consecutive lines of `page`, all starting
/// at one left edge.
fn assert_stacked(page: &Page, want: &[&str]) {
    let lines = page_lines(page);
    let texts: Vec<&str> = lines.iter().map(|l| l.2.as_str()).collect();
    let first = texts
        .iter()
        .position(|t| t.starts_with(want[0]))
        .unwrap_or_else(|| panic!("no line «{}» in {texts:#?}", want[0]));
    for (k, w) in want.iter().enumerate() {
        let line = &lines[first + k];
        assert!(line.2.starts_with(w), "line {k}: «{}», want «{w}»", line.2);
        assert!(
            (line.1 - lines[first].1).abs() < 0.01,
            "«{w}» is not flush left"
        );
    }
}

#[test]
fn pdf_forces_the_lines_of_the_title_the_position_the_marks_and_the_executors() {
    let pages = pages();
    assert_stacked(&pages[0], &["Об утверждении модели", "методической работы"]);
    assert_stacked(
        &pages[0],
        &[
            "Сидорова Анна Петровна",
            "8 (351) 000-00-01",
            "Козлов Пётр Иванович",
            "8 (351) 000-00-02",
        ],
    );
    assert_stacked(&pages[0], &["Начальник управления", "образования"]);
    let mark = [
        "Приложение 2",
        "к приказу управления",
        "образования",
        "администрации района",
        "от 01.02.2024",
        "№ 45-у",
    ];
    let page = pages
        .iter()
        .find(|p| page_lines(p).iter().any(|l| l.2 == mark[0]))
        .expect("a page with «Приложение 2»");
    assert_stacked(page, &mark);
    let approval = [
        "УТВЕРЖДЕНА",
        "приказом управления образования",
        "от 01.02.2024 № 45-у",
    ];
    let page = pages
        .iter()
        .find(|p| page_lines(p).iter().any(|l| l.2 == approval[0]))
        .expect("a page with «УТВЕРЖДЕНА»");
    assert_stacked(page, &approval);
}

#[test]
fn one_executor_keeps_the_one_line_form_in_either_table_form() {
    let fixture = std::fs::read_to_string(FIXTURE).unwrap();
    let cut = fixture.find("[[order.executor]]\nname = \"Козлов").unwrap();
    let rest = &fixture[cut..];
    let end = rest.find("[[appendix]]").unwrap();
    let one = fixture.replace(&rest[..end], "");
    let dir = tempfile::tempdir().unwrap();
    for name in ["org.toml", "plan.toml", "model.toml"] {
        let from = Path::new("tests/fixtures/requisites").join(name);
        std::fs::copy(from, dir.path().join(name)).unwrap();
    }
    for text in [
        one.clone(),
        one.replace("[[order.executor]]", "[order.executor]"),
    ] {
        let path = dir.path().join("order.toml");
        std::fs::write(&path, &text).unwrap();
        let p = prepare(&path);
        let p = p.unwrap_or_else(|d| panic!("{d}"));
        assert!(
            p.markup
                .contains("Сидорова Анна Петровна, 8 (351) 000-00-01</p>"),
            "{}",
            p.markup
        );
    }
}

#[test]
fn a_draft_order_fills_the_marks_with_blanks_and_the_kind_of_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let org = "name = [\"Управление образования\"]\nin_marks = \"управления\"\n\
               [marks]\napproval = [\"{approved} {n}\", \"{kind_instr} {org}\", \"от {date} № {number}\"]\n";
    std::fs::write(dir.path().join("org.toml"), org).unwrap();
    let order = format!(
        "organization = \"org.toml\"\n[order]\nkind = \"распоряжение\"\ndraft = true\n\
         title = \"О семинаре\"\n[[appendix]]\nmark = \"approval\"\napproved = \"УТВЕРЖДЕНО\"\n{INLINE}"
    );
    std::fs::write(dir.path().join("order.toml"), order).unwrap();
    let p = prepare(&dir.path().join("order.toml")).unwrap_or_else(|d| panic!("{d}"));
    let want = "<p class=\"mark\">УТВЕРЖДЕНО<br/>распоряжением управления<br/>\
                от ____________ №\u{a0}______</p>";
    assert!(p.markup.contains(want), "{}", p.markup);
}

#[test]
fn an_unreadable_appendix_does_not_make_references_to_the_others_wrong() {
    let appendices = "[[appendix]]\nfile = \"a.toml\"\nmark = \"appendix\"\n\
                      [[appendix]]\nfile = \"missing.toml\"\nmark = \"appendix\"\n";
    let err = marks_of("План (приложение 1).", appendices, &[("a.toml", PART)]).unwrap_err();
    assert_eq!(err.matches("ошибка").count(), 1, "{err}");
    assert!(err.contains("missing.toml"), "{err}");
}
