//! A text edit shown word by word: a Myers diff over the words of the old and the new text.

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

/// What happened to a run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// A run of words, joined with spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// What happened to it.
    pub op: Op,
    /// The words.
    pub text: String,
}

/// `old` turned into `new`, as runs of equal, deleted and inserted words (a replaced run
/// is its deletion followed by its insertion).
pub fn word_diff(old: &str, new: &str) -> Vec<Word> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let mut out: Vec<Word> = Vec::new();
    let mut push = |op: Op, words: &[&str]| {
        if words.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => {
                last.text.push(' ');
                last.text.push_str(&words.join(" "));
            }
            _ => out.push(Word {
                op,
                text: words.join(" "),
            }),
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (o, n) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => push(Op::Equal, &a[o]),
            DiffOp::Delete { .. } => push(Op::Delete, &a[o]),
            DiffOp::Insert { .. } => push(Op::Insert, &b[n]),
            DiffOp::Replace { .. } => {
                push(Op::Delete, &a[o]);
                push(Op::Insert, &b[n]);
            }
        }
    }
    out
}
