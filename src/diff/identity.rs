//! Whether two files are versions of one document at all: an order and a standalone
//! document, orders of two organisations, two registered orders of different numbers, or
//! texts with few words in common are two documents, and a list of «changes» between
//! them would only mislead.

use super::flat::{self, Flat};
use crate::data::view::View;
use std::collections::HashMap;

/// Below this share of common words two texts are taken for different documents: a
/// thorough revision keeps far more (order 368 with every point rewritten keeps ~60 %).
const MIN_COMMON: f64 = 0.2;

/// `Ok` when `old` and `new` can be versions of one document; otherwise why not, in Russian.
pub fn same_document(old: &View, new: &View) -> Result<(), String> {
    kinds(old, new)?;
    organisations(old, new)?;
    registrations(old, new)?;
    let (a, b) = (flat::flatten(old), flat::flatten(new));
    let share = common_share(&words(&a), &words(&b));
    if share < MIN_COMMON {
        return Err(format!(
            "это не редакции одного документа: общих слов {:.0} % \
             (у редакций одного документа их больше {:.0} %)",
            share * 100.0,
            MIN_COMMON * 100.0
        ));
    }
    Ok(())
}

/// An order against a standalone document.
fn kinds(old: &View, new: &View) -> Result<(), String> {
    let what = |v: &View| match v.order {
        Some(_) => "приказ",
        None => "документ без приказа",
    };
    match (old.order.is_some(), new.order.is_some()) {
        (a, b) if a == b => Ok(()),
        _ => Err(format!(
            "это не редакции одного документа: прежняя — {}, новая — {}",
            what(old),
            what(new)
        )),
    }
}

/// Orders of two organisations.
fn organisations(old: &View, new: &View) -> Result<(), String> {
    let name = |v: &View| {
        v.org.as_ref().map(|o| {
            o.name
                .iter()
                .map(|l| l.plain_text())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    match (name(old), name(new)) {
        (Some(a), Some(b)) if a != b => Err(format!(
            "это не редакции одного документа: они разных организаций («{a}» и «{b}»)"
        )),
        _ => Ok(()),
    }
}

/// Two registered orders of different numbers (a date may be corrected; a number names
/// another order).
fn registrations(old: &View, new: &View) -> Result<(), String> {
    let (Some(a), Some(b)) = (&old.order, &new.order) else {
        return Ok(());
    };
    let reg =
        |o: &crate::data::view::OrderView| Some((o.number.as_ref()?.plain_text(), o.date.clone()?));
    match (reg(a), reg(b)) {
        (Some((na, da)), Some((nb, db))) if na != nb => Err(format!(
            "это не редакции одного документа: прежний приказ № {na} от {da}, \
             новый — № {nb} от {db}; редакция приказа сохраняет его номер"
        )),
        _ => Ok(()),
    }
}

/// Every word of a flattened document.
fn words(f: &Flat) -> Vec<String> {
    let items = f
        .preamble
        .iter()
        .chain(&f.points)
        .chain(f.parts.iter().flat_map(|p| &p.items))
        .chain(&f.footnotes);
    let mut out: Vec<String> = f
        .requisites
        .iter()
        .flat_map(|(_, v)| v.split_whitespace().map(str::to_lowercase))
        .collect();
    for item in items {
        out.extend(item.text.split_whitespace().map(str::to_lowercase));
    }
    out
}

/// The share of the longer text's words that the other has too, counted as bags of words:
/// linear in the length, so two unrelated 100,000-row tables cost no more than reading them.
fn common_share(a: &[String], b: &[String]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for word in a {
        counts.entry(word).or_default().0 += 1;
    }
    for word in b {
        counts.entry(word).or_default().1 += 1;
    }
    let common: usize = counts.values().map(|(x, y)| x.min(y)).sum();
    common as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn shares_of_common_words() {
        assert_eq!(common_share(&w("а б в г"), &w("а б в г")), 1.0);
        assert_eq!(common_share(&w("а б в г"), &w("а б")), 0.5);
        assert_eq!(common_share(&w("а б"), &w("в г")), 0.0);
        assert_eq!(common_share(&[], &[]), 1.0);
    }
}
