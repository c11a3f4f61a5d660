//! Through the real binary: output names never collide silently, an input is never
//! overwritten by an output, the DOCX and the PDF of a document replace the old pair
//! together or not at all, and temporary files of killed runs are cleaned up.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A copy of the small fixture order (and the organisation it names) in a fresh folder.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let order = std::fs::read_to_string(root.join("tests/fixtures/small-order.toml")).unwrap();
    let org = root.join("data/org/chippkro.toml");
    let order = order.replace("../../data/org/chippkro.toml", &org.display().to_string());
    let path = dir.path().join("order.toml");
    std::fs::write(&path, order).unwrap();
    (dir, path)
}

fn build(args: &[&Path], out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prikaz"))
        .args(["build", "-o"])
        .arg(out)
        .args(args)
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
fn a_dotted_name_keeps_its_own_outputs() {
    let (dir, order) = workspace();
    let v2 = dir.path().join("order.v2.toml");
    std::fs::copy(&order, &v2).unwrap();
    let out = dir.path().join("out");
    let run = build(&[&order, &v2], &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        names(&out),
        ["order.docx", "order.pdf", "order.v2.docx", "order.v2.pdf"]
    );
}

#[test]
fn two_inputs_with_the_same_name_are_refused_before_anything_is_written() {
    let (dir, order) = workspace();
    std::fs::create_dir(dir.path().join("b")).unwrap();
    let other = dir.path().join("b/order.toml");
    std::fs::copy(&order, &other).unwrap();
    let out = dir.path().join("out");
    let run = build(&[&order, &other], &out);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("уже пишет"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn an_output_never_replaces_an_input() {
    let (dir, order) = workspace();
    // An input whose name is another input's output.
    let victim = dir.path().join("order.pdf");
    std::fs::copy(&order, &victim).unwrap();
    let before = std::fs::read(&victim).unwrap();
    let run = build(&[&order, &victim], dir.path());
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(std::fs::read(&victim).unwrap(), before);
}

#[test]
fn a_pdf_that_cannot_be_written_keeps_the_old_docx() {
    let (dir, order) = workspace();
    let out = dir.path().join("out");
    assert!(build(&[&order], &out).status.success());
    let old_docx = std::fs::read(out.join("order.docx")).unwrap();
    // Change the order, and put a folder where the PDF goes: its move into place fails.
    let text = std::fs::read_to_string(&order).unwrap();
    std::fs::write(
        &order,
        text.replacen("title = \"", "title = \"Об изменении ", 1),
    )
    .unwrap();
    std::fs::remove_file(out.join("order.pdf")).unwrap();
    std::fs::create_dir(out.join("order.pdf")).unwrap();
    std::fs::write(out.join("order.pdf/keep"), "x").unwrap();
    let run = build(&[&order], &out);
    assert_eq!(run.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("прежние файлы не тронуты"), "{stderr}");
    assert_eq!(std::fs::read(out.join("order.docx")).unwrap(), old_docx);
    assert_eq!(names(&out), ["order.docx", "order.pdf"]);
}

#[test]
fn temporaries_of_a_killed_run_are_removed_by_the_next_run() {
    let (dir, order) = workspace();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // Process ids never reach this value, so no running process owns the file.
    std::fs::write(out.join(".prikaz-4294967295-x1y2z3.tmp"), "half a file").unwrap();
    assert!(build(&[&order], &out).status.success());
    assert_eq!(names(&out), ["order.docx", "order.pdf"]);
}

#[test]
fn a_templates_folder_that_is_missing_or_empty_is_wrong_usage() {
    let (dir, order) = workspace();
    let empty = dir.path().join("templates");
    std::fs::create_dir(&empty).unwrap();
    for templates in [dir.path().join("missing"), empty] {
        let run = Command::new(env!("CARGO_BIN_EXE_prikaz"))
            .arg("check")
            .arg(&order)
            .arg("--templates")
            .arg(&templates)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains("папк"), "{stderr}");
    }
}
