//! `prikaz diff --docx/--pdf` on pairs made from order 368 (each a copy of the sample with
//! one edit): the DOCX holds Word's tracked changes, and LibreOffice proves them — accepting
//! all gives the text of the new version's own DOCX, rejecting all the old one's, footnotes
//! included. The PDF marks the changed lines with bars in the left margin.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod pairs;
mod tools;

use pairs::Edit;

fn prikaz(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prikaz"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs `prikaz diff` of `old` against `new` writing the tracked DOCX and PDF into
/// `dir`; returns their paths and what it printed.
fn tracked(old: &Path, new: &Path, dir: &Path) -> (PathBuf, PathBuf, String) {
    let (docx, pdf) = (dir.join("tracked.docx"), dir.join("tracked.pdf"));
    let out = prikaz(&[
        "diff".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
        "--docx".as_ref(),
        docx.as_os_str(),
        "--pdf".as_ref(),
        pdf.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    (docx, pdf, String::from_utf8(out.stdout).unwrap())
}

/// The plain DOCX of `order`, built into `dir` with its PDF.
fn plain(order: &Path, dir: &Path) -> PathBuf {
    let out = prikaz(&[
        "build".as_ref(),
        order.as_os_str(),
        "-o".as_ref(),
        dir.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = order
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace(".toml", ".docx");
    dir.join(name)
}

/// The `word/document.xml` and `word/footnotes.xml` of a DOCX, joined.
fn body_xml(docx: &Path) -> String {
    let file = std::fs::File::open(docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = String::new();
    for part in ["word/document.xml", "word/footnotes.xml"] {
        use std::io::Read;
        zip.by_name(part).unwrap().read_to_string(&mut out).unwrap();
    }
    out
}

/// Text with every run of whitespace made one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// LibreOffice settles each `(docx, mode)` (`accept`, `reject`, `none`) and gives back the
/// text and the footnotes of each, squeezed. One LibreOffice run with a private profile
/// holding the macro of `tests/diff_track/Module1.xba`.
fn settle(dir: &Path, jobs: &[(&Path, &str)]) -> Vec<String> {
    let profile = dir.join("lo-profile");
    let soffice = |args: &[String]| {
        let out = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .arg("--headless")
            .args(args)
            .output()
            .expect("soffice runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    soffice(&["--terminate_after_init".into()]);
    let module = profile.join("user/basic/Standard/Module1.xba");
    std::fs::copy("tests/diff_track/Module1.xba", &module).unwrap();
    let outs: Vec<PathBuf> = (0..jobs.len())
        .map(|i| dir.join(format!("settled-{i}.txt")))
        .collect();
    let list: Vec<String> = jobs
        .iter()
        .zip(&outs)
        .map(|((docx, mode), out)| format!("{}|{mode}|{}", docx.display(), out.display()))
        .collect();
    soffice(&[format!(
        "macro:///Standard.Module1.Batch(\"{}\")",
        list.join(";")
    )]);
    outs.iter()
        .map(|out| {
            let text = std::fs::read_to_string(out).expect("LibreOffice wrote the text");
            let notes = std::fs::read_to_string(out.with_extension("txt.notes")).unwrap();
            squeeze(&format!("{text}\n⁂\n{notes}"))
        })
        .collect()
}

/// The first place two texts differ, with some context, for a readable failure.
fn first_difference(a: &str, b: &str) -> String {
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let around = |s: &str| {
        s.chars()
            .skip(at.saturating_sub(60))
            .take(160)
            .collect::<String>()
    };
    format!("\n  got:  …{}…\n  want: …{}…", around(a), around(b))
}

/// The whole check of one pair: the tracked DOCX holds changes (or none, for `changes`
/// false), accepting all gives the new version's text, rejecting all the old one's; the
/// PDF has a bar on a page when there are changes.
fn round_trip(new: &Path, changes: bool) {
    round_trip_of(Path::new("data/chippkro-368.toml"), new, changes);
}

/// [`round_trip`] of the pair `old`, `new`.
fn round_trip_of(old: &Path, new: &Path, changes: bool) {
    let dir = tempfile::Builder::new()
        .prefix("track-out-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let (docx, pdf, _) = tracked(old, new, dir.path());
    let xml = body_xml(&docx);
    assert_eq!(xml.contains("<w:ins ") || xml.contains("<w:del "), changes);
    assert_eq!(bars(&pdf) > 0, changes, "change bars in the PDF");
    let (old_dir, new_dir) = (dir.path().join("old"), dir.path().join("new"));
    let new_plain = plain(new, &new_dir);
    if !changes {
        // Nothing to track: the very files `prikaz build` makes of the new version.
        assert!(std::fs::read(&docx).unwrap() == std::fs::read(&new_plain).unwrap());
        let new_pdf = new_plain.with_extension("pdf");
        assert!(std::fs::read(&pdf).unwrap() == std::fs::read(new_pdf).unwrap());
    }
    if !tools::present(
        &[("soffice", "--version")],
        "apt-get install libreoffice-writer",
    ) {
        return;
    }
    let old_plain = plain(old, &old_dir);
    let texts = settle(
        dir.path(),
        &[
            (&docx, "accept"),
            (&docx, "reject"),
            (&new_plain, "none"),
            (&old_plain, "none"),
        ],
    );
    assert!(texts[2].len() > 1000, "the new version has text");
    assert!(
        texts[0] == texts[2],
        "accept all ≠ new{}",
        first_difference(&texts[0], &texts[2])
    );
    assert!(
        texts[1] == texts[3],
        "reject all ≠ old{}",
        first_difference(&texts[1], &texts[3])
    );
}

/// The number of vertical rules in the PDF's left margin (x < 30 mm, where no border of a
/// table stands): the change bars.
fn bars(pdf: &Path) -> usize {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut n = 0;
    for (_, page) in doc.get_pages() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page));
        let ops = &content.unwrap().operations;
        for w in ops.windows(2) {
            if let (Some(x1), Some(x2)) = (moved_x(&w[0], "m"), moved_x(&w[1], "l")) {
                if (x1 - x2).abs() < 0.01 && x1 < 30.0 * 72.0 / 25.4 - 1.0 {
                    n += 1;
                }
            }
        }
    }
    n
}

/// The x of an `m` or `l` operation named `op`.
fn moved_x(o: &lopdf::content::Operation, op: &str) -> Option<f32> {
    if o.operator != op {
        return None;
    }
    o.operands.first().and_then(|x| x.as_float().ok())
}

/// The pair of the sample and its copy with `edits`, through [`round_trip`].
fn pair(edits: &[Edit], changes: bool) {
    let (_dir, new) = pairs::edited("track-", edits);
    round_trip(&new, changes);
}

#[test]
fn unchanged_document_has_no_tracked_change() {
    pair(
        &[(pairs::ORDER, "# Order № 368", "# Копия: order № 368")],
        false,
    );
}

#[test]
fn moved_deadline_round_trips() {
    pair(&[pairs::MOVED_DEADLINE], true);
}

#[test]
fn added_roadmap_row_round_trips() {
    pair(&[pairs::ADDED_ROADMAP_ROW], true);
}

#[test]
fn removed_roadmap_row_round_trips() {
    pair(&[pairs::REMOVED_ROADMAP_ROW], true);
}

#[test]
fn rewritten_point_round_trips() {
    pair(&[pairs::REWRITTEN_POINT], true);
}

/// The last point stands beside the executor mark's frame, which LibreOffice anchors to it.
#[test]
fn rewritten_last_point_round_trips() {
    pair(
        &[(
            pairs::ORDER,
            "\"Контроль за исполнением приказа оставляю за собой.\"",
            "\"Контроль за исполнением настоящего приказа возложить на проректора Обоскалова А.Г.\"",
        )],
        true,
    );
}

#[test]
fn new_sub_point_round_trips() {
    pair(&[pairs::NEW_SUB_POINT], true);
}

#[test]
fn changed_footnote_round_trips() {
    pair(&[pairs::CHANGED_FOOTNOTE], true);
}

#[test]
fn changed_table_cell_round_trips() {
    pair(&[pairs::CHANGED_CELL], true);
}

/// Every pair's edits at once: one document with all the kinds of change.
#[test]
fn all_changes_at_once_round_trip() {
    // The moved deadline is in the row the added row's edit rewrites: left out.
    let edits: Vec<Edit> = (pairs::ALL.iter())
        .filter(|(_, e)| *e != pairs::MOVED_DEADLINE)
        .map(|(_, e)| *e)
        .collect();
    pair(&edits, true);
}

/// Runs `prikaz diff` of the sample against `new` with `extra` arguments.
fn diff_with(new: &Path, extra: &[&std::ffi::OsStr]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "diff".as_ref(),
        "data/chippkro-368.toml".as_ref(),
        new.as_os_str(),
    ];
    args.extend_from_slice(extra);
    prikaz(&args)
}

#[test]
fn the_same_pair_gives_the_same_bytes_and_the_date_and_author_of_the_data() {
    let (dir, new) = pairs::edited("track-", &[pairs::MOVED_DEADLINE, pairs::CHANGED_CELL]);
    let files: Vec<PathBuf> = ["a.docx", "a.pdf", "b.docx", "b.pdf"]
        .iter()
        .map(|n| dir.path().join(n))
        .collect();
    for two in files.chunks(2) {
        let out = diff_with(
            &new,
            &[
                "--docx".as_ref(),
                two[0].as_os_str(),
                "--pdf".as_ref(),
                two[1].as_os_str(),
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for (a, b) in [(0, 2), (1, 3)] {
        assert!(std::fs::read(&files[a]).unwrap() == std::fs::read(&files[b]).unwrap());
    }
    let xml = body_xml(&files[0]);
    assert!(xml.contains(r#"w:author="Маковецкая Ю.Г." w:date="2023-06-27T00:00:00Z""#));
    // Ids count from 1 in reading order, each once.
    let mut ids: Vec<u32> = (xml.split("<w:ins w:id=\"").skip(1))
        .chain(xml.split("<w:del w:id=\"").skip(1))
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, (1..=ids.len() as u32).collect::<Vec<_>>());
    let out = diff_with(
        &new,
        &[
            "--docx".as_ref(),
            dir.path().join("c.docx").as_os_str(),
            "--date".as_ref(),
            "2023-07-03".as_ref(),
        ],
    );
    assert!(out.status.success());
    assert!(body_xml(&dir.path().join("c.docx")).contains(r#"w:date="2023-07-03T00:00:00Z""#));
}

#[test]
fn an_existing_file_or_an_input_is_never_overwritten() {
    let (dir, new) = pairs::edited("track-", &[pairs::MOVED_DEADLINE]);
    let taken = dir.path().join("taken.docx");
    std::fs::write(&taken, b"keep").unwrap();
    let pdf = dir.path().join("fresh.pdf");
    let out = diff_with(
        &new,
        &[
            "--docx".as_ref(),
            taken.as_os_str(),
            "--pdf".as_ref(),
            pdf.as_os_str(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("уже существует"));
    assert_eq!(std::fs::read(&taken).unwrap(), b"keep");
    assert!(
        !pdf.exists(),
        "nothing is written when one output is refused"
    );
    // An input of the new version, named through another path.
    let roadmap = dir.path().join("org/../chippkro-368-roadmap.toml");
    let before = std::fs::read(&roadmap).unwrap();
    let out = diff_with(&new, &["--docx".as_ref(), roadmap.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&roadmap).unwrap(), before);
    let bad = diff_with(
        &new,
        &[
            "--date".as_ref(),
            "03.13.2023".as_ref(),
            "--docx".as_ref(),
            dir.path().join("d.docx").as_os_str(),
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("ГГГГ-ММ-ДД"));
    assert!(!dir.path().join("d.docx").exists());
}

/// The last paragraph of an appendix ends its section: removed, the section break stays.
#[test]
fn removed_last_paragraph_of_an_appendix_round_trips() {
    let dir = tempfile::Builder::new()
        .prefix("track-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    std::fs::create_dir(dir.path().join("org")).unwrap();
    let last = "\n[[content]]\nclause = \"Настоящее Положение вступает в силу";
    for name in [
        "zarechny-uo-214.toml",
        "zarechny-uo-214-polozhenie.toml",
        "zarechny-uo-214-model.toml",
        "zarechny-uo-214-model.png",
        "org/zarechny-uo.toml",
    ] {
        let mut bytes = std::fs::read(Path::new("data").join(name)).unwrap();
        if name == "zarechny-uo-214-polozhenie.toml" {
            let text = String::from_utf8(bytes).unwrap();
            let cut = text.find(last).expect("the last clause");
            bytes = text.as_bytes()[..cut].to_vec();
            bytes.push(b'\n');
        }
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let new = dir.path().join("zarechny-uo-214.toml");
    round_trip_of(Path::new("data/zarechny-uo-214.toml"), &new, true);
}

/// A footnote whose mark is gone from a heading: its mark and its text are deleted together.
#[test]
fn removed_footnote_round_trips() {
    pair(&[(pairs::CONCEPT, "Концепции[^4]\"", "Концепции\"")], true);
}

/// A footnote added to a paragraph: its mark and its text are inserted together.
#[test]
fn added_footnote_round_trips() {
    pair(
        &[(
            pairs::CONCEPT,
            "федерального уровня[^2], регионального уровня[^3]",
            "федерального уровня[^2], регионального уровня[^3][^4]",
        )],
        true,
    );
}
