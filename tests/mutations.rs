//! Property tests: the sample data files mutated the way hurried editing breaks them — lines
//! deleted, duplicated or cut short, values of the wrong type, control characters and stray
//! non-ASCII — never make prikaz panic; every problem names a file and a line inside it; the
//! mutations that must be errors are reported; and a failed build leaves existing outputs
//! byte for byte as they were.

use prikaz::template::Templates;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// The sample files a mutation may hit, relative to `data/`.
const FILES: [&str; 9] = [
    "chippkro-368.toml",
    "chippkro-368-concept.toml",
    "chippkro-368-roadmap.toml",
    "network-school-2023.toml",
    "org/chippkro.toml",
    "zarechny-uo-214.toml",
    "zarechny-uo-214-polozhenie.toml",
    "zarechny-uo-214-model.toml",
    "org/zarechny-uo.toml",
];

/// Files the samples read that are not text: copied beside them, never mutated.
const ASSETS: [&str; 1] = ["zarechny-uo-214-model.png"];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    TruncateLine(usize, usize),
    /// Replaces a quoted string value with a number: always a type error.
    StringToNumber(usize),
    /// Puts a control character inside a quoted string: always an error.
    ControlChar(usize, char),
    /// Inserts non-ASCII text at the start of a line: a bare key or garbage.
    NonAscii(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let line = 0usize..2000;
    prop_oneof![
        line.clone().prop_map(Mutation::DeleteLine),
        line.clone().prop_map(Mutation::DuplicateLine),
        (line.clone(), 0usize..200).prop_map(|(l, c)| Mutation::TruncateLine(l, c)),
        line.clone().prop_map(Mutation::StringToNumber),
        (
            line.clone(),
            prop::sample::select(vec!['\u{1}', '\u{7}', '\u{b}', '\u{1b}', '\u{7f}'])
        )
            .prop_map(|(l, c)| Mutation::ControlChar(l, c)),
        line.prop_map(Mutation::NonAscii),
    ]
}

/// Applies `m` to `text`; returns the new text and whether it must be an error.
fn apply(text: &str, m: &Mutation) -> (String, bool) {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let pick = |i: usize| i % lines.len();
    let string_lines: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start();
            !t.starts_with('#') && t.contains(" = \"") && t.ends_with('"') && !t.starts_with('{')
        })
        .map(|(i, _)| i)
        .collect();
    let mut must_fail = false;
    match m {
        Mutation::DeleteLine(i) => {
            let i = pick(*i);
            lines.remove(i);
        }
        Mutation::DuplicateLine(i) => {
            let i = pick(*i);
            let l = lines[i].clone();
            lines.insert(i, l);
        }
        Mutation::TruncateLine(i, at) => {
            let i = pick(*i);
            let keep: String = lines[i].chars().take(*at).collect();
            lines[i] = keep;
        }
        Mutation::StringToNumber(i) if !string_lines.is_empty() => {
            let i = string_lines[i % string_lines.len()];
            let key = lines[i]
                .split(" = \"")
                .next()
                .unwrap_or_default()
                .to_string();
            lines[i] = format!("{key} = 12345");
            must_fail = true;
        }
        Mutation::ControlChar(i, c) if !string_lines.is_empty() => {
            let i = string_lines[i % string_lines.len()];
            let line = lines[i].clone();
            let at = line.find(" = \"").unwrap_or(0) + 4;
            lines[i] = format!("{}{}{}", &line[..at], c, &line[at..]);
            must_fail = true;
        }
        Mutation::NonAscii(i) => {
            let i = pick(*i);
            lines[i] = format!("ёж «{}", lines[i]);
            must_fail = true;
        }
        _ => {}
    }
    (lines.join("\n") + "\n", must_fail)
}

/// A copy of `data/` in a temporary folder, with `file` replaced by `text`.
fn mutated_copy(file: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in FILES.iter().chain(&ASSETS) {
        let to = dir.path().join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(Path::new("data").join(f), &to).unwrap();
    }
    std::fs::write(dir.path().join(file), text).unwrap();
    dir
}

/// The document file to build when `file` is mutated.
fn entry(file: &str) -> &'static str {
    if file.starts_with("network") {
        "network-school-2023.toml"
    } else if file.starts_with("zarechny") || file == "org/zarechny-uo.toml" {
        "zarechny-uo-214.toml"
    } else {
        "chippkro-368.toml"
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_data_never_panics_and_points_inside_the_file(
        file in prop::sample::select(FILES.to_vec()),
        m in mutation(),
    ) {
        let original = std::fs::read_to_string(Path::new("data").join(file)).unwrap();
        let (text, must_fail) = apply(&original, &m);
        let dir = mutated_copy(file, &text);
        let templates = Templates::built_in().unwrap();
        let doc = dir.path().join(entry(file));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| prikaz::prepare(&doc, &templates)));
        prop_assert!(result.is_ok(), "panic on {file} with {m:?}");
        let result = result.unwrap();
        if must_fail {
            prop_assert!(result.is_err(), "{file} with {m:?} was accepted");
        }
        if let Err(diags) = result {
            prop_assert!(!diags.0.is_empty());
            for d in &diags.0 {
                prop_assert!(d.file.starts_with(dir.path()) || d.file.starts_with("templates"), "{:?}", d.file);
                if let Ok(src) = std::fs::read_to_string(&d.file) {
                    let lines = src.lines().count().max(1);
                    prop_assert!(d.line >= 1 && d.line <= lines + 1, "{}:{} outside the file ({lines} lines): {}", d.file.display(), d.line, d.message);
                }
            }
        }
    }
}

fn read_all(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

    /// Through the real binary: a failed build exits non-zero, names the file and the line,
    /// and leaves the outputs of an earlier good build untouched.
    #[test]
    fn failed_build_keeps_good_outputs(
        file in prop::sample::select(FILES.to_vec()),
        m in mutation().prop_filter("a mutation that must fail", |m| matches!(
            m,
            Mutation::StringToNumber(_) | Mutation::ControlChar(..) | Mutation::NonAscii(_)
        )),
    ) {
        let original = std::fs::read_to_string(Path::new("data").join(file)).unwrap();
        let dir = mutated_copy(file, &original);
        let out = dir.path().join("out");
        let doc = dir.path().join(entry(file));
        let build = |doc: &Path| {
            std::process::Command::new(env!("CARGO_BIN_EXE_prikaz"))
                .args(["build", "-o"])
                .arg(&out)
                .arg(doc)
                .output()
                .unwrap()
        };
        prop_assert!(build(&doc).status.success());
        let before = read_all(&out);
        let (text, must_fail) = apply(&original, &m);
        prop_assert!(must_fail);
        std::fs::write(dir.path().join(file), text).unwrap();
        let run = build(&doc);
        prop_assert_eq!(run.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&run.stderr);
        prop_assert!(stderr.contains(file.rsplit('/').next().unwrap()), "{stderr}");
        prop_assert!(stderr.contains(".toml:"), "{stderr}");
        prop_assert_eq!(read_all(&out), before);
    }
}
