//! `prikaz diff` on pairs made from order 368: each pair is a copy of the sample with one
//! edit, and the test checks the exact Russian lines and the JSON the real binary prints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The sample's files, copied into a fresh folder with `from` replaced by `to` in `file`
/// (exactly once), and the order's path in the copy.
fn edited(file: &str, from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("diff-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    std::fs::create_dir(dir.path().join("org")).unwrap();
    for name in [
        "chippkro-368.toml",
        "chippkro-368-concept.toml",
        "chippkro-368-roadmap.toml",
        "org/chippkro.toml",
    ] {
        let mut text = std::fs::read_to_string(Path::new("data").join(name)).unwrap();
        if name == file {
            assert_eq!(text.matches(from).count(), 1, "«{from}» once in {name}");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let order = dir.path().join("chippkro-368.toml");
    (dir, order)
}

fn diff(new: &Path, json: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_prikaz"));
    cmd.args(["diff", "data/chippkro-368.toml"]).arg(new);
    if json {
        cmd.args(["--format", "json"]);
    }
    cmd.output().unwrap()
}

/// The text lines `prikaz diff` prints for the sample against `new`; it must succeed.
fn lines(new: &Path) -> Vec<String> {
    let out = diff(new, false);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().map(str::to_string).collect()
}

/// The JSON list `prikaz diff --format json` prints.
fn json(new: &Path) -> serde_json::Value {
    let out = diff(new, true);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn dump() {
    let cases: &[(&str, &str, &str)] = &[(
        "chippkro-368-roadmap.toml",
        "deadline = \"Август\"",
        "deadline = \"Сентябрь\"",
    )];
    for (f, a, b) in cases {
        let (_d, p) = edited(f, a, b);
        println!(
            "{:#?}\n{}",
            lines(&p),
            serde_json::to_string_pretty(&json(&p)).unwrap()
        );
    }
}
