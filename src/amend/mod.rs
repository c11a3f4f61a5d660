//! The amendment order: from the changes between a signed order and its corrected data
//! ([`crate::diff::compare`]), the data of a draft order «О внесении изменений в приказ …»
//! whose sub-points say each change in Russian drafting practice («пункт 3 изложить в
//! следующей редакции: «…»», «дополнить пунктом 3.1 следующего содержания: «…»»), or, past
//! the organisation's threshold, put a whole appendix in a new edition and attach it.

mod words;

use crate::diff::{Change, StepKind};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Changes per appendix above which the appendix is put in a new edition, unless the
/// organisation file sets `amend_threshold`.
pub const DEFAULT_THRESHOLD: usize = 5;

/// What the amendment order needs of the old order and the corrected one.
pub struct Request<'a> {
    /// The old (signed) order's file.
    pub old_file: &'a Path,
    /// The corrected order's file.
    pub new_file: &'a Path,
    /// Where the new order's data goes (its folder makes the paths relative).
    pub out_file: &'a Path,
    /// The changes from the old to the corrected version.
    pub changes: &'a [Change],
}

/// Why no amendment order was made.
#[derive(Debug)]
pub enum Error {
    /// Nothing to amend.
    NoChanges,
    /// The old order's data lacks what the amendment needs (its date, number…).
    Data(String),
}

/// The written data: the fields in the order the data format documents them.
#[derive(Serialize)]
struct Draft {
    organization: String,
    order: Order,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    appendix: Vec<Appendix>,
}

#[derive(Serialize)]
struct Order {
    kind: String,
    draft: bool,
    title: String,
    preamble: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    directive: Option<toml::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    control: Option<toml::Value>,
    points: Vec<Point>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signatory: Option<toml::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    executor: Option<toml::Value>,
    /// The amended order, for the journal's link between the two.
    amends: Amends,
}

#[derive(Serialize)]
struct Amends {
    number: String,
    date: toml::value::Datetime,
}

#[derive(Serialize)]
struct Point {
    text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    points: Vec<Point>,
}

#[derive(Serialize)]
struct Appendix {
    file: String,
    mark: String,
}

/// The amendment order's data as TOML text.
pub fn draft(req: &Request) -> Result<String, Error> {
    let old = read_table(req.old_file)?;
    let new = read_table(req.new_file)?;
    let old_order = old
        .get("order")
        .and_then(toml::Value::as_table)
        .ok_or_else(|| {
            data(
                req.old_file,
                "нет таблицы [order]: изменять можно только приказ",
            )
        })?;
    // The organisation file as the corrected data names it: the old version may be one
    // restored from the journal into a temporary folder.
    let org_file = [(&new, req.new_file), (&old, req.old_file)]
        .iter()
        .find_map(|(t, f)| Some(parent(f).join(t.get("organization")?.as_str()?)))
        .ok_or_else(|| data(req.old_file, "нет поля organization"))?;
    let org = read_table(&org_file)?;
    // As the marks name the organisation: `in_marks`, else its short name.
    let in_marks = ["in_marks", "short_name"]
        .iter()
        .find_map(|k| org.get(*k).and_then(toml::Value::as_str))
        .unwrap_or("");
    let threshold = threshold(&new, req.new_file)
        .or_else(|| threshold(&old, req.old_file))
        .unwrap_or(DEFAULT_THRESHOLD);
    let datetime = old_order
        .get("date")
        .and_then(toml::Value::as_datetime)
        .filter(|d| d.date.is_some() && d.time.is_none())
        .copied()
        .ok_or_else(|| {
            data(
                req.old_file,
                "у приказа нет даты: изменять можно только подписанный приказ",
            )
        })?;
    let date = datetime
        .date
        .map(|d| format!("{:02}.{:02}.{}", d.day, d.month, d.year))
        .unwrap_or_default();
    let number = old_order
        .get("number")
        .and_then(toml::Value::as_str)
        .ok_or_else(|| {
            data(
                req.old_file,
                "у приказа нет номера: изменять можно только подписанный приказ",
            )
        })?;
    let kind = old_order
        .get("kind")
        .and_then(toml::Value::as_str)
        .unwrap_or("приказ");
    let title = old_order
        .get("title")
        .and_then(toml::Value::as_str)
        .unwrap_or("");
    // «Внести в приказ …»: the kind in the accusative, which for «приказ» and
    // «распоряжение» is the nominative.
    let whom = kind;
    let reference = format!("{whom} {in_marks} от {date} № {number}").replace("  ", " ");
    let (subpoints, editions) = subpoints(req.changes, threshold);
    if subpoints.is_empty() {
        return Err(Error::NoChanges);
    }
    let out_dir = absolute(&parent(req.out_file));
    let new_dir = parent(req.new_file);
    let appendix = editions
        .iter()
        .filter_map(|n| appendix_file(&new, *n))
        .map(|file| Appendix {
            file: relative(&absolute(&new_dir.join(file)), &out_dir),
            mark: "appendix".into(),
        })
        .collect();
    let copy = |key: &str| old_order.get(key).cloned();
    let draft = Draft {
        organization: relative(&absolute(&org_file), &out_dir),
        order: Order {
            kind: kind.to_string(),
            draft: true,
            title: format!("О внесении изменений в {reference}"),
            preamble: vec!["В связи с … (укажите основание внесения изменений)".into()],
            directive: copy("directive"),
            control: copy("control"),
            points: vec![Point {
                text: format!("Внести в {reference} «{title}» следующие изменения:"),
                points: punctuate(subpoints),
            }],
            signatory: copy("signatory"),
            executor: copy("executor"),
            amends: Amends {
                number: number.to_string(),
                date: datetime,
            },
        },
        appendix,
    };
    toml::to_string(&draft).map_err(|e| Error::Data(format!("не удалось записать данные: {e}")))
}

/// Writes `bytes` to `file` whole or not at all, never replacing a file already there (the
/// error is then `AlreadyExists`): staged beside it, then linked into place.
pub fn write_new(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut staged = tempfile::NamedTempFile::new_in(parent(file))?;
    staged.write_all(bytes)?;
    staged.as_file().sync_all()?;
    staged
        .persist_noclobber(file)
        .map(drop)
        .map_err(|e| e.error)
}

/// The sub-points, one per change, and the appendices (by number) put in a new edition.
fn subpoints(changes: &[Change], threshold: usize) -> (Vec<Point>, Vec<usize>) {
    let mut per_appendix: BTreeMap<usize, usize> = BTreeMap::new();
    for c in changes {
        if let Some(n) = appendix_of(c) {
            *per_appendix.entry(n).or_default() += 1;
        }
    }
    let editions: Vec<usize> = per_appendix
        .iter()
        .filter(|(_, count)| **count > threshold)
        .map(|(n, _)| *n)
        .collect();
    let mut points = Vec::new();
    let mut done = Vec::new();
    for c in changes {
        match appendix_of(c) {
            Some(n) if editions.contains(&n) => {
                if !done.contains(&n) {
                    done.push(n);
                    // The only appendix of the old order has no number.
                    let which = match c.path[0].label.as_str() {
                        "" => "приложение к приказу".to_string(),
                        label => format!("приложение {label}"),
                    };
                    points.push(format!("{which} изложить в новой редакции (прилагается)"));
                }
            }
            _ => points.extend(words::sentence(c)),
        }
    }
    let points = points
        .into_iter()
        .map(|text| Point {
            text,
            points: vec![],
        })
        .collect();
    (points, editions)
}

/// The appendix a change is in, by number.
fn appendix_of(c: &Change) -> Option<usize> {
    let first = c.path.first()?;
    // The only appendix of an order has no number: it is the first.
    (first.kind == StepKind::Appendix).then(|| first.label.parse().unwrap_or(1))
}

/// Each sub-point but the last ends with «;», the last with «.».
fn punctuate(mut points: Vec<Point>) -> Vec<Point> {
    let last = points.len().saturating_sub(1);
    for (i, p) in points.iter_mut().enumerate() {
        p.text.push(if i == last { '.' } else { ';' });
    }
    points
}

/// The `amend_threshold` the organisation file of the order `doc` (read from `file`) sets:
/// the corrected version's is today's setting, so it is asked first.
fn threshold(doc: &toml::Table, file: &Path) -> Option<usize> {
    let org = parent(file).join(doc.get("organization")?.as_str()?);
    let org = read_table(&org).ok()?;
    let n = org.get("amend_threshold")?.as_integer()?;
    usize::try_from(n).ok()
}

/// The file of the corrected order's appendix `n` (counting the `[[appendix]]` tables).
fn appendix_file(new: &toml::Table, n: usize) -> Option<String> {
    let list = new.get("appendix")?.as_array()?;
    let part = list.get(n.checked_sub(1)?)?.as_table()?;
    part.get("file")?.as_str().map(str::to_string)
}

fn read_table(file: &Path) -> Result<toml::Table, Error> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| data(file, &format!("не удалось прочитать: {e}")))?;
    text.parse::<toml::Table>()
        .map_err(|e| data(file, &format!("не разобрать TOML: {e}")))
}

fn data(file: &Path, what: &str) -> Error {
    Error::Data(format!("{}: {what}", file.display()))
}

fn parent(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `path` made absolute and canonical as far as it exists, so that two paths compare.
fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    })
}

/// `target` relative to the folder `base` (both absolute), with «/» between its parts.
fn relative(target: &Path, base: &Path) -> String {
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".into(); b.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let r = relative(Path::new("/a/b/org/x.toml"), Path::new("/a/c"));
        assert_eq!(r, "../b/org/x.toml");
        assert_eq!(relative(Path::new("/a/x.toml"), Path::new("/a")), "x.toml");
    }
}
