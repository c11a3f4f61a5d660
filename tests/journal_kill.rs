//! `prikaz register` killed (SIGKILL) at random moments, 200 times in a row on one journal:
//! after the next run, every order file and the journal agree, and the numbers run 1..N with
//! no gap and no duplicate. `PRIKAZ_TEST_PAUSE` widens the gaps between the protocol's steps
//! so that the kills land in each of them, not only in the build before.

mod journal_common;

use journal_common::*;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

const RUNS: usize = 200;
/// Milliseconds `PRIKAZ_TEST_PAUSE` sleeps between the steps.
const PAUSE_MS: u64 = 15;

/// A small xorshift generator: the seed is printed, so a failure can be replayed with
/// `PRIKAZ_KILL_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// How long one uninterrupted run takes here, with the pauses.
fn full_run(dir: &Path) -> Duration {
    std::fs::write(dir.join("timing.toml"), ORDER).unwrap();
    let start = Instant::now();
    let o = prikaz_cmd(
        dir,
        &["register", "timing.toml", "--journal", "timing.sqlite"],
    )
    .env("PRIKAZ_TEST_PAUSE", PAUSE_MS.to_string())
    .output()
    .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    start.elapsed()
}

#[test]
fn a_register_killed_at_any_moment_leaves_file_and_journal_in_agreement() {
    let seed = std::env::var("PRIKAZ_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let t = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap();
            t.as_nanos() as u64 | 1
        });
    eprintln!("PRIKAZ_KILL_SEED={seed}");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    // Up to a little past a whole run, so that some runs finish too.
    let span = full_run(dir.path()).as_micros() as u64 * 5 / 4 + 1;
    let (mut finished, mut killed) = (0, 0);
    // Kills that left a pending entry: before the order was written, and after.
    let (mut pending_unwritten, mut pending_written) = (0, 0);
    for i in 0..RUNS {
        let name = format!("order-{i:03}.toml");
        std::fs::write(dir.path().join(&name), ORDER).unwrap();
        let mut child = prikaz_cmd(dir.path(), &["register", &name])
            .env("PRIKAZ_TEST_PAUSE", PAUSE_MS.to_string())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.next() % span));
        match child.try_wait().unwrap() {
            Some(_) => finished += 1,
            None => {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                killed += 1;
                if pending(dir.path(), &name) > 0 {
                    match number_of(&dir.path().join(&name)) {
                        Some(_) => pending_written += 1,
                        None => pending_unwritten += 1,
                    }
                }
            }
        }
    }
    eprintln!(
        "{RUNS} runs: {killed} killed, {finished} finished; killed with the entry pending: \
         {pending_unwritten} before the order was written, {pending_written} after"
    );
    // Both ways the next run puts a killed one right were taken.
    assert!(pending_unwritten > 0 && pending_written > 0);
    // The next run puts right whatever the last killed one left.
    std::fs::write(dir.path().join("last.toml"), ORDER).unwrap();
    let o = prikaz(dir.path(), &["register", "last.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let journal = entries(&dir.path().join("journal.sqlite"));
    let seqs: Vec<u32> = journal.iter().map(|e| e.2).collect();
    let expected: Vec<u32> = (1..=journal.len() as u32).collect();
    assert_eq!(seqs, expected, "numbers with a gap or a duplicate");
    // Every numbered file is in the journal with its number, and every entry's file has it.
    let mut numbered = 0;
    for i in 0..RUNS {
        let name = format!("order-{i:03}.toml");
        let in_journal = journal.iter().find(|e| e.4 == name).map(|e| &e.3);
        let in_file = number_of(&dir.path().join(&name));
        assert_eq!(
            in_file.as_ref(),
            in_journal,
            "{name}: file and journal disagree"
        );
        numbered += in_file.is_some() as usize;
    }
    assert_eq!(numbered + 1, journal.len());
    assert_eq!(pending(dir.path(), "%"), 0);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    eprintln!("{numbered} of {RUNS} killed or finished runs numbered their file");
}

/// How many entries of the journal in `dir` for files named like `file` (an SQL `LIKE`
/// pattern) are pending (none before the first run).
fn pending(dir: &Path, file: &str) -> u32 {
    let path = dir.join("journal.sqlite");
    if !path.exists() {
        return 0;
    }
    let c = rusqlite::Connection::open(path).unwrap();
    c.busy_timeout(Duration::from_secs(5)).unwrap();
    // A journal created by a run killed before its schema was in place has no table yet.
    let sql = "SELECT COUNT(*) FROM entries WHERE pending = 1 AND file LIKE ?1";
    c.query_row(sql, [file], |r| r.get(0)).unwrap_or(0)
}
