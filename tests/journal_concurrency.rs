//! Twenty clerks register twenty orders into one journal at the same moment: twenty distinct
//! numbers 1..20, no gaps, each file with its own.

mod journal_common;

use journal_common::*;
use std::collections::BTreeSet;

#[test]
fn twenty_processes_at_once_get_twenty_distinct_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (1..=20).map(|i| format!("order-{i:02}.toml")).collect();
    for n in &names {
        std::fs::write(dir.path().join(n), ORDER).unwrap();
    }
    // Started together; each waits for the others under the journal's lock.
    let children: Vec<_> = names
        .iter()
        .map(|n| {
            prikaz_cmd(dir.path(), &["register", n, "--date", "2026-11-29"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let journal = entries(&dir.path().join("journal.sqlite"));
    let seqs: Vec<u32> = journal.iter().map(|e| e.2).collect();
    assert_eq!(seqs, (1..=20).collect::<Vec<u32>>());
    let files: BTreeSet<&str> = journal.iter().map(|e| e.4.as_str()).collect();
    assert_eq!(files.len(), 20);
    for (_, _, _, number, file) in &journal {
        assert_eq!(number_of(&dir.path().join(file)).as_ref(), Some(number));
    }
}
