//! A `--templates` folder is closed like a data folder: its templates may name other
//! templates only by file name, a symlink may not lead out of it, and its files obey the data
//! files' rules (regular files, bounded size). Run on the real binary.

use std::path::Path;
use std::process::{Command, Output};

fn check_with(templates: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prikaz"))
        .args(["check", "--templates"])
        .arg(templates)
        .arg("data/chippkro-368.toml")
        .output()
        .unwrap()
}

/// The run fails as a document problem (exit 1) with every one of `wanted` in its errors.
fn refused(run: &Output, wanted: &[&str]) {
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    for w in wanted {
        assert!(stderr.contains(w), "expected «{w}» in:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn order_including(name: &str) -> String {
    std::fs::read_to_string("templates/order.xml")
        .unwrap()
        .replacen(
            "{% include \"section-attrs.xml\" %}",
            &format!("{{% include \"{name}\" %}}"),
            1,
        )
}

#[test]
fn an_include_that_climbs_out_is_refused_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("order.xml"),
        order_including("../secret.xml"),
    )
    .unwrap();
    refused(
        &check_with(dir.path()),
        &["order.xml:2:", "за пределы папки шаблонов"],
    );
}

#[test]
fn an_absolute_include_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("order.xml"), order_including("/etc/passwd")).unwrap();
    refused(
        &check_with(dir.path()),
        &["order.xml:2:", "абсолютным путём"],
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_folder_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("order.xml");
    std::fs::copy("templates/order.xml", &secret).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("order.xml")).unwrap();
    refused(
        &check_with(dir.path()),
        &["order.xml", "за пределы папки шаблонов"],
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_folder_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("templates/order.xml", dir.path().join("real.xml")).unwrap();
    std::os::unix::fs::symlink("real.xml", dir.path().join("order.xml")).unwrap();
    let run = check_with(dir.path());
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_fifo_template_does_not_block() {
    let dir = tempfile::tempdir().unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("order.xml"))
        .status()
        .unwrap();
    assert!(made.success());
    refused(
        &check_with(dir.path()),
        &["order.xml", "не обычный файл, а именованный канал"],
    );
}

#[test]
fn a_huge_template_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(dir.path().join("order.xml")).unwrap();
    // Sparse: the size is past the limit without filling the disk.
    file.set_len(prikaz::data::files::MAX_FILE_SIZE + 1)
        .unwrap();
    refused(&check_with(dir.path()), &["order.xml", "слишком велик"]);
}
