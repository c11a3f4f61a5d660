//! `prikaz register`: the next number of a series goes into the order's TOML file and into
//! the journal, and the two agree even when the run is killed at any moment.
//!
//! # The protocol
//!
//! The order is checked and built in memory first; nothing is locked or written for an
//! order with errors. Then, holding an exclusive lock on `<journal>.lock` (the operating
//! system drops it when the process dies, so a killed run never blocks the next one):
//!
//! 1. **Reconcile.** Entries left *pending* can only be those of killed runs, since a live
//!    run holds the lock while it has one. For each, its file is read: if it carries the
//!    pending number, the entry is confirmed (the run died after writing the file); if not,
//!    the entry is deleted (it died before), so its number is taken again and none is
//!    skipped.
//! 2. **Allocate.** Under `BEGIN IMMEDIATE` the next running number of the series and
//!    period is read and the entry inserted as pending; commit.
//! 3. **Write the order.** The number and date go into `[order]` with toml_edit, keeping
//!    comments and layout; the file is written to a temporary file in its folder, synced
//!    and renamed over the old one, so it is either the old file or the new one.
//! 4. **Confirm.** The entry stops being pending.
//!
//! A kill before 3's rename leaves a pending entry and an unnumbered file: step 1 of the
//! next run deletes the entry. A kill after it leaves a numbered file: step 1 confirms.
//! Listings show confirmed entries only; `prikaz journal` and `journal cancel` first settle
//! what killed runs left ([`settle`]), the same way. `PRIKAZ_TEST_PAUSE` (milliseconds)
//! widens the gaps between the steps for the kill test.

use super::entry::{Entry, Reference, Status};
use super::series::{choose, Series};
use super::sqlite::{timeout, SqliteStore};
use super::store::{Store, StoreError};
use crate::data::raw::{DocFile, OrgFile};
use chrono::{Datelike, NaiveDate};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Why an order was not registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterError {
    /// The order cannot be registered: no `[order]`, already numbered or registered.
    Refused(String),
    /// The call names what does not exist: a series.
    Usage(String),
    /// The journal or the order's file could not be read or written; nothing changed.
    Io(String),
}

impl std::fmt::Display for RegisterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RegisterError::Refused(m) | RegisterError::Usage(m) | RegisterError::Io(m) => {
                f.write_str(m)
            }
        }
    }
}

impl From<StoreError> for RegisterError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Journal(m) => RegisterError::Io(m),
            StoreError::Refused(m) => RegisterError::Refused(m),
        }
    }
}

/// What to register.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The order's data file (checked to build without errors by the caller).
    pub order: &'a Path,
    /// The journal's file.
    pub journal: &'a Path,
    /// The series' id; the organisation's default series when `None`.
    pub series: Option<&'a str>,
    /// The order's date.
    pub date: NaiveDate,
}

/// The journal of an order file when `--journal` is not given: `journal.sqlite` beside it.
pub fn default_journal(order: &Path) -> PathBuf {
    let dir = order.parent().filter(|d| !d.as_os_str().is_empty());
    dir.unwrap_or(Path::new(".")).join("journal.sqlite")
}

/// The refusals that need no build, checked before it: an order already numbered, a
/// series that does not exist. [`register`] checks them again under the lock.
pub fn precheck(req: &Request) -> Result<(), RegisterError> {
    // A file that does not load is left to the build, which reports each problem.
    let Ok((_, all)) = order_facts(req.order) else {
        return Ok(());
    };
    choose(&all, req.series).map_err(RegisterError::Usage)?;
    already_numbered(req.order, &read(req.order)?)
}

fn already_numbered(order: &Path, text: &str) -> Result<(), RegisterError> {
    match number_in(text) {
        Some(number) => Err(RegisterError::Refused(format!(
            "{}: приказ уже зарегистрирован: в [order] уже стоит номер «{number}»; \
             номер даёт только prikaz register",
            order.display()
        ))),
        None => Ok(()),
    }
}

/// Registers the order of `req`: see the module's protocol. Returns the journal's entry.
pub fn register(req: &Request) -> Result<Entry, RegisterError> {
    let (draft, all) = order_facts(req.order)?;
    let series = choose(&all, req.series).map_err(RegisterError::Usage)?;
    let dir = journal_dir(req.journal);
    let file = relative_to(req.order, &dir);
    let mut store = SqliteStore::open(req.journal, true)?;
    let _lock = lock(req.journal)?;
    reconcile(&mut store, &dir)?;
    // A run killed while writing the order left its temporary file beside it.
    let folder = req.order.parent().filter(|d| !d.as_os_str().is_empty());
    crate::output::clean_stale_temporaries(folder.unwrap_or(Path::new(".")));
    let text = read(req.order)?;
    already_numbered(req.order, &text)?;
    if let Some(e) = store.find_by_file(&file)? {
        return Err(RegisterError::Refused(format!(
            "{}: приказ уже зарегистрирован в журнале: № {} от {}",
            req.order.display(),
            e.number,
            e.date.format("%d.%m.%Y")
        )));
    }
    if let Some(amended) = &draft.amends {
        amendable(&mut store, amended, req.order)?;
    }
    let year = req.date.year();
    let entry = Entry {
        series: series.id.clone(),
        year,
        date: req.date,
        file,
        ..draft
    };
    let entry = store.allocate(entry, series.period(year), &|seq| series.number(seq, year))?;
    pause();
    let stamped = stamp(&text, &entry.number, req.date);
    let written = stamped.and_then(|t| write(req.order, &t));
    if let Err(e) = written {
        store.discard(&entry)?;
        return Err(e);
    }
    pause();
    store.confirm(&entry)?;
    Ok(entry)
}

/// Refuses to link an amending order to an order of the journal that is not signed: only a
/// signed order is amended by another; a registered one is still corrected in its data, a
/// cancelled one is gone. An order the journal does not hold (signed before it was kept) is
/// linked by its number and date alone.
fn amendable(
    store: &mut SqliteStore,
    amended: &Reference,
    order: &Path,
) -> Result<(), RegisterError> {
    let found = store.find_by_reference(amended)?;
    match found.map(|e| e.status) {
        None | Some(Status::Signed) => Ok(()),
        Some(status) => Err(RegisterError::Refused(format!(
            "{}: [order.amends] называет приказ {amended}, а он в журнале {}: изменяют \
             только подписанный приказ. Ничего не изменено",
            order.display(),
            status.russian()
        ))),
    }
}

/// Puts right what killed registrations left in an existing, writable journal, under its
/// lock, so that a listing or a cancellation sees every numbered order. A read-only journal
/// is left as it is.
pub fn settle(journal: &Path) -> Result<(), RegisterError> {
    let writable = std::fs::metadata(journal).is_ok_and(|m| !m.permissions().readonly());
    if !writable {
        return Ok(());
    }
    let mut store = SqliteStore::open(journal, true)?;
    if store.pending()?.is_empty() {
        return Ok(());
    }
    let _lock = lock(journal)?;
    Ok(reconcile(&mut store, &journal_dir(journal))?)
}

/// Confirms or deletes the entries killed runs left pending, by what their files say.
pub fn reconcile(store: &mut dyn Store, dir: &Path) -> Result<(), StoreError> {
    for entry in store.pending()? {
        let text = std::fs::read_to_string(dir.join(&entry.file)).unwrap_or_default();
        match number_in(&text) {
            Some(n) if n == entry.number => store.confirm(&entry)?,
            _ => store.discard(&entry)?,
        }
    }
    Ok(())
}

/// The folder a journal's file names are relative to.
pub fn journal_dir(journal: &Path) -> PathBuf {
    let dir = journal.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

/// `file` as the journal records it: relative to `dir` when inside it, else absolute.
pub(crate) fn relative_to(file: &Path, dir: &Path) -> String {
    let file = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
    let rel = file.strip_prefix(dir).unwrap_or(&file);
    rel.to_string_lossy().replace('\\', "/")
}

/// Takes the journal's lock, waiting for another register up to the journal's timeout.
pub(crate) fn lock(journal: &Path) -> Result<File, RegisterError> {
    let mut name = journal.as_os_str().to_owned();
    name.push(".lock");
    let path = PathBuf::from(name);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| {
            RegisterError::Io(format!(
                "{}: не удалось создать файл блокировки журнала: {}; ничего не изменено",
                path.display(),
                crate::output::russian_io_error(&e)
            ))
        })?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < timeout() => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => {
                return Err(RegisterError::Io(format!(
                    "{}: журнал занят другой регистрацией дольше {} с; повторите позже, \
                     ничего не изменено",
                    journal.display(),
                    timeout().as_secs_f32()
                )))
            }
        }
    }
}

/// Sleeps `PRIKAZ_TEST_PAUSE` milliseconds between the protocol's steps (for the kill test).
fn pause() {
    if let Some(ms) = std::env::var("PRIKAZ_TEST_PAUSE")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

fn read(order: &Path) -> Result<String, RegisterError> {
    std::fs::read_to_string(order).map_err(|e| {
        RegisterError::Io(format!(
            "{}: не удалось прочитать: {}",
            order.display(),
            crate::output::russian_io_error(&e)
        ))
    })
}

fn write(order: &Path, text: &str) -> Result<(), RegisterError> {
    crate::output::write_all_atomic(&[(order.to_path_buf(), text.as_bytes())]).map_err(|e| {
        RegisterError::Io(format!(
            "{}: не удалось записать номер в файл: {}; файл и журнал не изменены",
            order.display(),
            crate::output::russian_io_error(&e)
        ))
    })
}

/// The number `[order]` of a TOML text carries, if any.
pub fn number_in(text: &str) -> Option<String> {
    let doc: toml_edit::DocumentMut = text.parse().ok()?;
    let number = doc
        .get("order")?
        .get("number")?
        .as_str()?
        .trim()
        .to_string();
    (!number.is_empty()).then_some(number)
}

/// `text` with `number` and `date` in its `[order]`, and `draft = true` turned off; every
/// other byte as it was. Keys already there keep their place and comments; new ones go at
/// the end of `[order]`'s own keys.
pub fn stamp(text: &str, number: &str, date: NaiveDate) -> Result<String, RegisterError> {
    let bad = |why: String| RegisterError::Refused(format!("файл приказа не читается: {why}"));
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| bad(format!("{e}")))?;
    let order = doc
        .get_mut("order")
        .and_then(toml_edit::Item::as_table_like_mut)
        .ok_or_else(|| bad("в нём нет [order]".into()))?;
    let day = toml_edit::Date {
        year: date.year() as u16,
        month: date.month() as u8,
        day: date.day() as u8,
    };
    let day = toml_edit::Datetime {
        date: Some(day),
        time: None,
        offset: None,
    };
    set(order, "number", number.into());
    set(order, "date", day.into());
    if order.get("draft").and_then(toml_edit::Item::as_bool) == Some(true) {
        set(order, "draft", false.into());
    }
    Ok(doc.to_string())
}

/// Sets `key` of `table` to `value`, keeping the key's place, comment and the value's
/// trailing comment when it is already there.
fn set(table: &mut dyn toml_edit::TableLike, key: &str, mut value: toml_edit::Value) {
    match table.get_mut(key) {
        Some(item) => {
            if let Some(old) = item.as_value() {
                *value.decor_mut() = old.decor().clone();
            }
            *item = toml_edit::Item::Value(value);
        }
        None => {
            table.insert(key, toml_edit::Item::Value(value));
        }
    }
}

/// The journal's view of the order in `path` (series, year, number and file left blank) and
/// its organisation's series.
fn order_facts(path: &Path) -> Result<(Entry, Vec<Series>), RegisterError> {
    let unreadable = |d: Vec<crate::diag::Diagnostic>| {
        let lines: Vec<String> = d.iter().map(ToString::to_string).collect();
        RegisterError::Refused(lines.join("\n"))
    };
    let (doc, _) = crate::data::read_toml::<DocFile>(path).map_err(unreadable)?;
    let Some(order) = doc.order.as_ref() else {
        return Err(RegisterError::Refused(format!(
            "{}: в файле нет приказа ([order]): регистрировать нечего",
            path.display()
        )));
    };
    let series = match &doc.organization {
        Some(rel) => {
            let dir = path.parent().unwrap_or(Path::new("."));
            let (org, _) =
                crate::data::read_toml::<OrgFile>(&dir.join(rel.as_str())).map_err(unreadable)?;
            crate::data::series::series_of(&org.series)
        }
        None => vec![Series::plain()],
    };
    let executors: Vec<String> = order
        .executor
        .0
        .iter()
        .filter_map(|e| e.name.as_ref().map(|n| n.to_string()))
        .collect();
    let entry = Entry {
        series: String::new(),
        year: 0,
        seq: 0,
        number: String::new(),
        date: NaiveDate::default(),
        kind: order
            .kind
            .as_ref()
            .map_or("приказ".into(), |k| k.to_string()),
        // The clerk's line breaks ("\n") are layout, not part of the title.
        title: order.title.split_whitespace().collect::<Vec<_>>().join(" "),
        signatory: order
            .signatory
            .as_ref()
            .map(|s| s.name.to_string())
            .unwrap_or_default(),
        executor: executors.join(", "),
        file: String::new(),
        status: Status::Registered,
        history: Vec::new(),
        amends: order.amends.as_ref().and_then(|a| {
            Some(Reference {
                number: a.number.to_string(),
                date: crate::data::to_date(a.date.get_ref())?,
            })
        }),
        amended_by: Vec::new(),
    };
    Ok((entry, series))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER: &str = "# an order\n[order]\nkind = \"приказ\"  # the kind\ndraft = true\n\
                         title = \"О\"\n\n# the points\n[[order.points]]\ntext = \"x\"\n";

    #[test]
    fn stamping_keeps_comments_and_layout() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let out = stamp(ORDER, "12-к", date).unwrap();
        assert_eq!(
            out,
            "# an order\n[order]\nkind = \"приказ\"  # the kind\ndraft = false\n\
             title = \"О\"\nnumber = \"12-к\"\ndate = 2026-11-29\n\n# the points\n\
             [[order.points]]\ntext = \"x\"\n"
        );
        assert_eq!(number_in(&out).as_deref(), Some("12-к"));
        assert_eq!(number_in(ORDER), None);
    }

    #[test]
    fn stamping_replaces_a_date_in_place() {
        let text = "[order]\n# when\ndate = 2020-01-01 # old\ntitle = \"О\"\n";
        let date = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        let out = stamp(text, "1", date).unwrap();
        assert_eq!(
            out,
            "[order]\n# when\ndate = 2026-01-02 # old\ntitle = \"О\"\nnumber = \"1\"\n"
        );
    }
}
