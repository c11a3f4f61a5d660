//! Hostile inputs run through the binary: files that are not regular files, huge files,
//! other encodings, paths leaving the document's folder, includes that fan out. Each run
//! must finish within seconds with exit code 1 and a Russian message naming the file, and
//! never panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one run may take.
const DEADLINE: Duration = Duration::from_secs(10);

struct Run {
    code: Option<i32>,
    stderr: String,
}

/// Runs prikaz with `args`, killing it and failing past the deadline.
fn prikaz(args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_prikaz"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut s).ok();
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            child.kill().ok();
            child.wait().ok();
            panic!("prikaz {args:?} ran past {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code(),
        stderr: reader.join().unwrap(),
    }
}

/// A check of `file` that must fail with a message containing `words` and the file's name.
fn fails(args: &[&str], name: &str, words: &str) -> String {
    let run = prikaz(args);
    assert_eq!(run.code, Some(1), "{args:?}: {}", run.stderr);
    assert!(run.stderr.contains(words), "{args:?}: {}", run.stderr);
    assert!(run.stderr.contains(name), "{args:?}: {}", run.stderr);
    for bad in [
        "panicked",
        "backtrace",
        "stream did not contain",
        "No such file",
    ] {
        assert!(!run.stderr.contains(bad), "{args:?}: {}", run.stderr);
    }
    run.stderr
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A document in `dir` naming `field = "value"` at its top, and its path.
fn document(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("doc.toml");
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn devices_are_not_read() {
    for dev in ["/dev/zero", "/dev/urandom"] {
        fails(
            &["check", dev],
            dev,
            "не обычный файл, а символьное устройство",
        );
        let dir = tempfile::tempdir().unwrap();
        let doc = document(
            dir.path(),
            &format!("organization = \"{dev}\"\n[order]\ntitle = \"О\"\n"),
        );
        fails(
            &["check", s(&doc)],
            "doc.toml:1:16",
            "символьное устройство",
        );
    }
}

#[test]
fn a_fifo_does_not_block() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    fails(
        &["check", s(&fifo)],
        "pipe.toml",
        "не обычный файл, а именованный канал",
    );
    let doc = document(
        dir.path(),
        "title = \"Д\"\n[[content]]\ninclude = \"pipe.toml\"\n",
    );
    fails(
        &["check", s(&doc)],
        "doc.toml:3:11",
        "именованный канал (FIFO)",
    );
}

#[test]
fn a_folder_is_not_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    fails(
        &["check", s(dir.path())],
        s(dir.path()),
        "не обычный файл, а папка",
    );
}

#[test]
fn a_huge_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(1 << 30).unwrap();
    fails(
        &["check", s(&big)],
        "big.toml",
        "файл слишком велик: больше 32 МиБ",
    );
}

#[test]
fn a_missing_file_is_told_in_russian() {
    fails(
        &["check", "no-such-file.toml"],
        "no-such-file.toml",
        "файл не найден",
    );
}

#[test]
fn cp1251_is_placed_and_a_conversion_suggested() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("win.toml");
    std::fs::write(&doc, b"title = \"\xc4\xee\xea\xf3\xec\xe5\xed\xf2\"\n").unwrap();
    let err = fails(
        &["check", s(&doc)],
        "win.toml:1:10",
        "файл не в кодировке UTF-8",
    );
    assert!(err.contains("iconv -f cp1251 -t utf-8"), "{err}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let body = "\u{feff}title = \"Документ\"\n[[content]]\ntext = \"Текст.\"\n";
    let doc = document(dir.path(), body);
    let run = prikaz(&["check", s(&doc)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn a_symlink_out_of_the_folder_is_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let (inside, outside) = (dir.path().join("doc"), dir.path().join("elsewhere"));
    std::fs::create_dir_all(&inside).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("part.toml"),
        "[[content]]\ntext = \"Чужое.\"\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.join("part.toml"), inside.join("part.toml")).unwrap();
    let doc = document(
        &inside,
        "title = \"Д\"\n[[content]]\ninclude = \"part.toml\"\n",
    );
    fails(&["check", s(&doc)], "doc.toml:3:11", "вне папки документа");
    let run = prikaz(&["check", "--allow-outside", s(&outside), s(&doc)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn a_file_including_itself_is_one_cycle_error() {
    let dir = tempfile::tempdir().unwrap();
    let include = "[[content]]\ninclude = \"self.toml\"\n".repeat(5);
    std::fs::write(
        dir.path().join("self.toml"),
        format!("[[content]]\ntext = \"Т.\"\n{include}"),
    )
    .unwrap();
    let doc = document(
        dir.path(),
        "title = \"Д\"\n[[content]]\ninclude = \"self.toml\"\n",
    );
    let err = fails(
        &["check", s(&doc)],
        "self.toml:4:11",
        "включение замыкает цикл",
    );
    assert_eq!(err.matches("ошибка:").count(), 1, "{err}");
    assert!(err.contains("self.toml → self.toml"), "{err}");
}

#[test]
fn a_diamond_of_includes_is_bounded_with_one_error() {
    let dir = tempfile::tempdir().unwrap();
    // Twelve levels: 2^12 includes past the limit, nested within the depth limit.
    for level in 0..12 {
        let next = format!("[[content]]\ninclude = \"d{}.toml\"\n", level + 1);
        let body = format!(
            "[[content]]\ntext = \"Уровень {level}.\"\n{}",
            next.repeat(2)
        );
        std::fs::write(dir.path().join(format!("d{level}.toml")), body).unwrap();
    }
    std::fs::write(
        dir.path().join("d12.toml"),
        "[[content]]\ntext = \"Дно.\"\n",
    )
    .unwrap();
    let doc = document(
        dir.path(),
        "title = \"Д\"\n[[content]]\ninclude = \"d0.toml\"\n",
    );
    let err = fails(
        &["check", s(&doc)],
        ".toml:",
        "включения дают слишком много",
    );
    assert_eq!(err.matches("ошибка:").count(), 1, "{err}");
}

#[test]
fn includes_nested_too_deep_are_one_error() {
    let dir = tempfile::tempdir().unwrap();
    for level in 0..40 {
        let next = format!("[[content]]\ninclude = \"n{}.toml\"\n", level + 1);
        std::fs::write(dir.path().join(format!("n{level}.toml")), next.repeat(2)).unwrap();
    }
    std::fs::write(
        dir.path().join("n40.toml"),
        "[[content]]\ntext = \"Дно.\"\n",
    )
    .unwrap();
    let doc = document(
        dir.path(),
        "title = \"Д\"\n[[content]]\ninclude = \"n0.toml\"\n",
    );
    let err = fails(&["check", s(&doc)], ".toml:", "включения вложены глубже");
    assert_eq!(err.matches("ошибка:").count(), 1, "{err}");
}
