//! The journal's storage behind one small interface ([`Store`]), so that a shared database
//! server could back a whole department later; [`super::sqlite`] is the one kept today, a
//! file beside the data.

use super::entry::{Entry, Status};

/// Which entries a listing shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this calendar year.
    pub year: Option<i32>,
    /// Only this series.
    pub series: Option<String>,
}

/// Why the journal could not be used. The messages are the user's, in Russian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The journal cannot be opened or changed: locked, read-only, corrupt, of a newer
    /// schema, or the disk failed. Nothing was changed.
    Journal(String),
    /// The request does not fit the journal: an unknown number, a cancelled entry cancelled
    /// again, a file registered twice.
    Refused(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Journal(m) | StoreError::Refused(m) => f.write_str(m),
        }
    }
}

/// A registration journal's storage. Numbers are taken in two steps ([`Store::allocate`],
/// then [`Store::confirm`]) so that a run killed between them can be put right by the next
/// one ([`Store::pending`], [`Store::confirm`] or [`Store::discard`]); see
/// [`super::register`] for the protocol.
pub trait Store {
    /// Entries left pending by runs that were killed before they confirmed them.
    fn pending(&mut self) -> Result<Vec<Entry>, StoreError>;
    /// Takes the next running number of `entry.series` in `period` (the year, or 0 for a
    /// series that never restarts) and inserts `entry` with it as pending, in one
    /// transaction; `number` prints the running number. Returns the entry as stored.
    fn allocate(
        &mut self,
        entry: Entry,
        period: i32,
        number: &dyn Fn(u32) -> String,
    ) -> Result<Entry, StoreError>;
    /// Makes a pending entry a registered one.
    fn confirm(&mut self, entry: &Entry) -> Result<(), StoreError>;
    /// Removes a pending entry whose number never reached its file, so no number is skipped.
    fn discard(&mut self, entry: &Entry) -> Result<(), StoreError>;
    /// The confirmed entry of an order's file (relative to the journal's folder), if any.
    fn find_by_file(&mut self, file: &str) -> Result<Option<Entry>, StoreError>;
    /// The confirmed entries that pass `filter`, by series, year and running number.
    fn list(&mut self, filter: &Filter) -> Result<Vec<Entry>, StoreError>;
    /// Gives the entry of `series`, `year` and running number `seq` a new status, with an
    /// event that carries `note`. Returns the entry as changed.
    fn set_status(
        &mut self,
        series: &str,
        year: i32,
        seq: u32,
        status: Status,
        note: Option<String>,
    ) -> Result<Entry, StoreError>;
}

/// Local time as events record it: `YYYY-MM-DD HH:MM:SS`.
pub fn now() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}
