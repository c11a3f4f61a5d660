//! Many documents in one run, through the real binary and the library: a batch gives the
//! same bytes as building each document alone, a bad document fails alone (its outputs
//! untouched, the others written, exit 1), its problems are printed in input order whatever
//! order the cores finish in, and a document whose output cannot be written replaces nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `count` different orders made from the small fixture order in a fresh folder.
fn orders(count: usize) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let order = std::fs::read_to_string(root.join("tests/fixtures/small-order.toml")).unwrap();
    let org = root.join("data/org/chippkro.toml");
    let order = order.replace("../../data/org/chippkro.toml", &org.display().to_string());
    let paths = (1..=count)
        .map(|i| {
            let text = order
                .replace("number = \"15-у\"", &format!("number = \"{i}-у\""))
                .replace(
                    "О проведении семинара",
                    &format!("О проведении семинара № {i}"),
                )
                .replace("Провести семинар.", &"Провести семинар. ".repeat(i));
            let path = dir.path().join(format!("order-{i:02}.toml"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    (dir, paths)
}

fn build(inputs: &[PathBuf], out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prikaz"))
        .args(["build", "-o"])
        .arg(out)
        .args(inputs)
        .output()
        .unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_batch_gives_the_same_bytes_as_one_by_one_builds() {
    let (dir, inputs) = orders(6);
    let (alone, together) = (dir.path().join("alone"), dir.path().join("together"));
    for input in &inputs {
        assert!(build(std::slice::from_ref(input), &alone).status.success());
    }
    let run = build(&inputs, &together);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(names(&alone).len(), 12);
    assert_eq!(names(&alone), names(&together));
    for name in names(&alone) {
        let a = std::fs::read(alone.join(&name)).unwrap();
        assert!(a == std::fs::read(together.join(&name)).unwrap(), "{name}");
    }
    // The outputs are reported in input order, whichever core finished first.
    let stderr = String::from_utf8_lossy(&run.stderr);
    let reported: Vec<usize> = inputs
        .iter()
        .map(|i| stderr.find(&i.display().to_string()).unwrap())
        .collect();
    assert!(reported.is_sorted(), "{stderr}");
}

#[test]
fn the_library_batch_gives_the_bytes_of_single_builds() {
    let (_dir, inputs) = orders(4);
    let templates = prikaz::template::Templates::built_in().unwrap();
    let options = prikaz::data::LoadOptions::default();
    let formats = prikaz::Formats {
        docx: true,
        pdf: true,
    };
    let mut seen = Vec::new();
    prikaz::build_many(&inputs, &templates, &options, formats, |i, built| {
        let (_, rendered) = built.unwrap();
        let alone = prikaz::prepare_with(&inputs[i], &templates, &options).unwrap();
        let alone = prikaz::render(&alone.document, formats).unwrap();
        assert_eq!(rendered.docx, alone.docx);
        assert_eq!(rendered.pdf, alone.pdf);
        seen.push(i);
    });
    assert_eq!(seen, [0, 1, 2, 3]);
}

#[test]
fn a_bad_document_fails_alone_and_problems_come_in_input_order() {
    let (dir, inputs) = orders(5);
    let out = dir.path().join("out");
    assert!(build(&inputs, &out).status.success());
    let old = std::fs::read(out.join("order-02.pdf")).unwrap();
    // Two bad documents: a date that is no date, and an unknown key.
    for (i, bad) in [(1, "date = 2024-02-01"), (3, "control = ")] {
        let text = std::fs::read_to_string(&inputs[i]).unwrap();
        let broken = match i {
            1 => text.replace(bad, "date = \"вчера\""),
            _ => text.replace(bad, "controll = "),
        };
        std::fs::write(&inputs[i], broken).unwrap();
    }
    let run = build(&inputs, &out);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let second = stderr.find("order-02.toml:").expect(&stderr);
    let fourth = stderr.find("order-04.toml:").expect(&stderr);
    assert!(second < fourth, "{stderr}");
    assert!(stderr.contains("не получилось: 2 из 5 файлов"), "{stderr}");
    // The bad document's old outputs stay as they were; no temporary file is left.
    assert_eq!(std::fs::read(out.join("order-02.pdf")).unwrap(), old);
    assert_eq!(names(&out).len(), 10);
}

#[test]
fn an_output_that_cannot_be_written_replaces_nothing_of_its_document() {
    let (dir, inputs) = orders(5);
    let out = dir.path().join("out");
    assert!(build(&inputs, &out).status.success());
    let old_docx = std::fs::read(out.join("order-03.docx")).unwrap();
    let old_other = std::fs::read(out.join("order-05.docx")).unwrap();
    for input in &inputs {
        let text = std::fs::read_to_string(input).unwrap();
        std::fs::write(input, text.replace("Ректор", "И.о. ректора")).unwrap();
    }
    // A folder where one document's PDF goes: its move into place fails.
    std::fs::remove_file(out.join("order-03.pdf")).unwrap();
    std::fs::create_dir(out.join("order-03.pdf")).unwrap();
    std::fs::write(out.join("order-03.pdf/keep"), "x").unwrap();
    let run = build(&inputs, &out);
    assert_eq!(run.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("прежние файлы не тронуты"), "{stderr}");
    assert_eq!(std::fs::read(out.join("order-03.docx")).unwrap(), old_docx);
    // The other documents were rebuilt, and no temporary file is left.
    assert_ne!(std::fs::read(out.join("order-05.docx")).unwrap(), old_other);
    assert_eq!(names(&out).len(), 10);
}

#[cfg(unix)]
#[test]
fn a_batch_holds_no_file_open_per_document() {
    // More outputs than the process may hold descriptors: staged files must not stay open.
    let (dir, inputs) = orders(40);
    let out = dir.path().join("out");
    let run = Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 48 && exec \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_prikaz"))
        .args(["build", "-o"])
        .arg(&out)
        .args(&inputs)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(names(&out).len(), 80);
}
