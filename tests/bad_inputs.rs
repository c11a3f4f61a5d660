//! Every file in `tests/bad/` states on its first line the diagnostic it must produce:
//! `# error: LINE:COL: words of the message` (or `# warning: …`); a file with several problems
//! states each on a line of its own at the top, and all of them must come from one run. The
//! runner checks that each diagnostic comes with that place and text, and that `prikaz build`
//! of an erroneous file exits with 1 and writes nothing. A diagnostic in another file the
//! bad input names (its organisation file) is stated `# error: FILE:LINE:COL: words`, FILE
//! relative to `tests/bad`.

use prikaz::diag::{Diagnostic, Severity};
use prikaz::template::Templates;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Expected {
    /// The file of the diagnostic when it is not the bad input itself.
    file: Option<PathBuf>,
    severity: Severity,
    line: usize,
    col: usize,
    words: String,
}

/// The expectations at the top of `path`.
fn expected(path: &Path) -> Vec<Expected> {
    // Lossy: a bad input may be in another encoding below its expectation lines.
    let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    let found: Vec<Expected> = text.lines().map_while(expectation).collect();
    assert!(!found.is_empty(), "{}: no expectation line", path.display());
    found
}

/// `# error: LINE:COL: words` or `# warning: …`.
fn expectation(line: &str) -> Option<Expected> {
    let rest = line.strip_prefix("# ")?;
    let (kind, rest) = rest.split_once(": ")?;
    let severity = match kind {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        _ => return None,
    };
    let (file, rest) = match rest.split_once(':') {
        Some((file, rest)) if file.ends_with(".toml") => (Some(PathBuf::from(file)), rest),
        _ => (None, rest),
    };
    let mut parts = rest.splitn(3, ':');
    Some(Expected {
        file,
        severity,
        line: parts.next()?.trim().parse().ok()?,
        col: parts.next()?.trim().parse().ok()?,
        words: parts.next()?.trim().to_string(),
    })
}

fn diagnostics(path: &Path) -> Vec<Diagnostic> {
    let templates = Templates::built_in().unwrap();
    match prikaz::prepare(path, &templates) {
        Ok(p) => p.warnings,
        Err(d) => d.0,
    }
}

fn bad_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/bad")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_bad_input_gets_its_diagnostic() {
    let mut failures = Vec::new();
    for path in bad_files() {
        let got = diagnostics(&path);
        for want in expected(&path) {
            let file = match &want.file {
                Some(f) => Path::new("tests/bad").join(f),
                None => path.clone(),
            };
            let hit = got.iter().any(|d| {
                d.severity == want.severity
                    && d.file == file
                    && d.line == want.line
                    && d.col == want.col
                    && d.message.contains(&want.words)
            });
            if hit {
                continue;
            }
            let seen: Vec<String> = got
                .iter()
                .map(|d| {
                    format!(
                        "  {}:{}:{}: {:?}: {}",
                        d.file.display(),
                        d.line,
                        d.col,
                        d.severity,
                        d.message
                    )
                })
                .collect();
            failures.push(format!(
                "{}: expected {}:{} «{}», got:\n{}",
                path.display(),
                want.line,
                want.col,
                want.words,
                seen.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn bad_inputs_exit_with_1_and_write_nothing() {
    let out = tempfile::tempdir().unwrap();
    for path in bad_files() {
        if expected(&path)
            .iter()
            .all(|e| e.severity != Severity::Error)
        {
            continue;
        }
        let run = Command::new(env!("CARGO_BIN_EXE_prikaz"))
            .args(["build", "-o"])
            .arg(out.path())
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1), "{}", path.display());
        let stderr = String::from_utf8_lossy(&run.stderr);
        // The file named is the bad input, or the file its expectations name.
        let named = |f: &Expected| match &f.file {
            Some(f) => Path::new("tests/bad").join(f),
            None => path.clone(),
        };
        assert!(
            expected(&path)
                .iter()
                .any(|e| stderr.contains(&*named(e).to_string_lossy())),
            "{}: {stderr}",
            path.display()
        );
    }
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "nothing is written"
    );
}

#[test]
fn json_format_gives_one_object_per_problem() {
    let run = Command::new(env!("CARGO_BIN_EXE_prikaz"))
        .args([
            "check",
            "--format",
            "json",
            "tests/bad/wrong-type-number.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stdout = String::from_utf8(run.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["line"], 6);
    assert_eq!(first["severity"], "error");
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let broken = std::fs::read_to_string("templates/order.xml")
        .unwrap()
        .replace("{{ order.title | inline }}", "{{ order.title | inline }");
    std::fs::write(dir.path().join("order.xml"), broken).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_prikaz"))
        .args(["check", "--templates"])
        .arg(dir.path())
        .arg("data/chippkro-368.toml")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let line = std::fs::read_to_string("templates/order.xml")
        .unwrap()
        .lines()
        .position(|l| l.contains("{{ order.title | inline }}"))
        .unwrap()
        + 1;
    let place = format!("order.xml:{line}:");
    assert!(stderr.contains(&place), "expected {place} in:\n{stderr}");
}
