//! The journal kept in an SQLite file (rusqlite with its bundled SQLite: nothing to
//! install), `journal.sqlite` beside the orders unless `--journal` names another.
//!
//! The schema is versioned by `PRAGMA user_version`: [`MIGRATIONS`] lists the steps from an
//! empty file, and a later prikaz adds steps at its end. A file of a newer version than this
//! prikaz knows is refused untouched. The file keeps SQLite's rollback journal (no `-wal`
//! files beside it); a busy file is waited for up to the timeout; numbers are taken under
//! `BEGIN IMMEDIATE`, so two processes never read the same last number.

use super::entry::{Entry, Event, Reference, Status};
use super::esign::Facts;
use super::store::{now, Filter, Role, SignStore, SignedFile, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema's steps, in order; `user_version` is how many have been applied.
pub const MIGRATIONS: &[&str] = &[
    // 1: entries with their running numbers, and their history.
    "CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        series TEXT NOT NULL,
        period INTEGER NOT NULL,
        year INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        number TEXT NOT NULL,
        date TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        signatory TEXT NOT NULL,
        executor TEXT NOT NULL,
        file TEXT NOT NULL,
        status TEXT NOT NULL,
        pending INTEGER NOT NULL DEFAULT 0,
        UNIQUE (series, period, seq)
    );
    CREATE INDEX entries_file ON entries (file);
    CREATE TABLE events (
        entry INTEGER NOT NULL REFERENCES entries (id),
        at TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT
    );
    CREATE INDEX events_entry ON events (entry);",
    // 2: what a signed order was made from and what it made (prikaz sign).
    "CREATE TABLE signed_files (
        entry INTEGER NOT NULL REFERENCES entries (id),
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        content BLOB
    );
    CREATE INDEX signed_files_entry ON signed_files (entry);",
    // 3: the certificate facts of an electronic signature (prikaz sign --signature); its
    // file, copies and their hashes are signed_files of their own roles.
    "CREATE TABLE esigners (
        entry INTEGER NOT NULL REFERENCES entries (id),
        serial TEXT NOT NULL,
        owner TEXT NOT NULL,
        not_before TEXT NOT NULL,
        not_after TEXT NOT NULL,
        signed_at TEXT,
        digest TEXT NOT NULL,
        utc_offset INTEGER NOT NULL
    );
    CREATE INDEX esigners_entry ON esigners (entry);",
    // 4: the order an order amends («О внесении изменений в приказ …»), by number and date.
    "ALTER TABLE entries ADD COLUMN amends_number TEXT;
    ALTER TABLE entries ADD COLUMN amends_date TEXT;
    CREATE INDEX entries_amends ON entries (amends_number, amends_date);",
];

/// The oldest schema a command that only reads uses as it is, without the upgrade.
const READ_AS_IS_FROM: i64 = 2;

/// The schema step that added the electronic signatures' facts.
const ESIGNERS_FROM: i64 = 3;

/// The schema step that added the links of amending orders to the orders they amend.
const AMENDS_FROM: i64 = 4;

/// How long a journal busy in another process is waited for, unless
/// `PRIKAZ_JOURNAL_TIMEOUT_MS` says otherwise (the tests shorten it).
pub fn timeout() -> Duration {
    let ms = std::env::var("PRIKAZ_JOURNAL_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    Duration::from_millis(ms)
}

/// The first bytes of every SQLite database file.
const MAGIC: &[u8] = b"SQLite format 3\0";

/// A journal in an SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    /// The schema version the file has once opened: a reader may use an older one as it is.
    schema: i64,
}

impl SqliteStore {
    /// The entry with the row id `id`, as it stands now (after a change was committed).
    fn entry_by_id(&mut self, id: i64) -> Result<Entry, StoreError> {
        let sql = format!("SELECT {} FROM entries WHERE id = ?1", self.columns());
        self.entries(&sql, &[&id])?
            .pop()
            .ok_or_else(|| StoreError::Journal("запись пропала из журнала".into()))
    }

    /// Opens the journal at `path`, creating it when `write` and it does not exist yet, and
    /// brings its schema up to date. A read-only, corrupt or newer file is refused untouched.
    pub fn open(path: &Path, write: bool) -> Result<SqliteStore, StoreError> {
        let shown = path.display();
        let exists = path.exists();
        if !exists && !write {
            return Err(StoreError::Refused(format!(
                "{shown}: журнала нет: ещё ни один приказ не зарегистрирован \
                 (prikaz register создаёт его)"
            )));
        }
        if exists {
            check_file(path, write)?;
        }
        let flags = match write {
            true => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            false => OpenFlags::SQLITE_OPEN_READ_ONLY,
        };
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| sql_error(path, &e))?;
        let mut store = SqliteStore {
            conn,
            path: path.to_path_buf(),
            schema: 0,
        };
        store
            .conn
            .busy_timeout(timeout())
            .map_err(|e| sql_error(path, &e))?;
        store.migrate(write)?;
        store.schema = store.version()?;
        Ok(store)
    }

    /// Applies the migrations this file lacks, or refuses a file newer than this prikaz.
    fn migrate(&mut self, write: bool) -> Result<(), StoreError> {
        let known = MIGRATIONS.len() as i64;
        let version = self.version()?;
        if version > known {
            return Err(newer(&self.path, version, known));
        }
        if version == known {
            return Ok(());
        }
        // Since version 2 the steps only add tables and columns: a reader of an older file
        // sees none of what they hold (a paper signature, no electronic one, no links) and
        // need not upgrade it.
        if !write && version >= READ_AS_IS_FROM {
            return Ok(());
        }
        if !write {
            return Err(StoreError::Journal(format!(
                "{}: журнал старой версии {version}; его обновит первая команда, которая \
                 пишет в журнал (prikaz register)",
                self.path.display()
            )));
        }
        let path = self.path.clone();
        let err = |e: rusqlite::Error| sql_error(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        // Another process may have migrated while this one waited for the lock.
        let version: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if version > known {
            return Err(newer(&path, version, known));
        }
        for step in &MIGRATIONS[version as usize..] {
            tx.execute_batch(step).map_err(err)?;
        }
        tx.execute_batch(&format!("PRAGMA user_version = {known}"))
            .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// The columns [`row_entry`] reads: a journal read as it is from before the links of
    /// amending orders gives none.
    fn columns(&self) -> &'static str {
        match self.schema >= AMENDS_FROM {
            true => ENTRY_COLUMNS,
            false => ENTRY_COLUMNS_BEFORE_AMENDS,
        }
    }

    fn version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| sql_error(&self.path, &e))
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| sql_error(&self.path, &e)
    }

    /// The entries `sql` selects (its columns as [`ENTRY_COLUMNS`]), each with its history.
    fn entries(
        &self,
        sql: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Entry>, StoreError> {
        let mut stmt = self.conn.prepare(sql).map_err(self.err())?;
        let rows = stmt
            .query_map(params, row_entry)
            .map_err(self.err())?
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.err())?;
        let mut events = self
            .conn
            .prepare("SELECT at, status, note FROM events WHERE entry = ?1 ORDER BY rowid")
            .map_err(self.err())?;
        // A journal read as it is from before the links holds none.
        let mut amending = match self.schema >= AMENDS_FROM {
            true => Some(
                self.conn
                    .prepare(
                        "SELECT number, date FROM entries WHERE amends_number = ?1 \
                         AND amends_date = ?2 AND pending = 0 AND status != 'cancelled' \
                         ORDER BY date, id",
                    )
                    .map_err(self.err())?,
            ),
            false => None,
        };
        rows.into_iter()
            .map(|(id, mut entry)| {
                if let Some(amending) = &mut amending {
                    let date = entry.date.format("%Y-%m-%d").to_string();
                    entry.amended_by = amending
                        .query_map(params![entry.number, date], |r| {
                            Ok(reference(r.get(0)?, r.get(1)?))
                        })
                        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                        .map_err(self.err())?
                        .into_iter()
                        .flatten()
                        .collect();
                }
                entry.history = events
                    .query_map([id], |r| {
                        Ok(Event {
                            at: r.get(0)?,
                            status: status_of(&r.get::<_, String>(1)?),
                            note: r.get(2)?,
                        })
                    })
                    .and_then(Iterator::collect)
                    .map_err(self.err())?;
                Ok(entry)
            })
            .collect()
    }
}

/// The columns [`row_entry`] reads, in its order.
const ENTRY_COLUMNS: &str = "id, series, year, seq, number, date, kind, title, signatory, \
                             executor, file, status, amends_number, amends_date";

/// [`ENTRY_COLUMNS`] of a journal from before the links of amending orders.
const ENTRY_COLUMNS_BEFORE_AMENDS: &str = "id, series, year, seq, number, date, kind, title, \
                                          signatory, executor, file, status, NULL, NULL";

fn row_entry(r: &rusqlite::Row) -> rusqlite::Result<(i64, Entry)> {
    let date: String = r.get(5)?;
    Ok((
        r.get(0)?,
        Entry {
            series: r.get(1)?,
            year: r.get(2)?,
            seq: r.get(3)?,
            number: r.get(4)?,
            date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap_or_default(),
            kind: r.get(6)?,
            title: r.get(7)?,
            signatory: r.get(8)?,
            executor: r.get(9)?,
            file: r.get(10)?,
            status: status_of(&r.get::<_, String>(11)?),
            history: Vec::new(),
            amends: reference(r.get(12)?, r.get(13)?),
            amended_by: Vec::new(),
        },
    ))
}

/// A link's number and date as stored, when both are there.
fn reference(number: Option<String>, date: Option<String>) -> Option<Reference> {
    Some(Reference {
        number: number?,
        date: NaiveDate::parse_from_str(&date?, "%Y-%m-%d").ok()?,
    })
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Registered => "registered",
        Status::Signed => "signed",
        Status::Cancelled => "cancelled",
    }
}

fn status_of(name: &str) -> Status {
    match name {
        "signed" => Status::Signed,
        "cancelled" => Status::Cancelled,
        _ => Status::Registered,
    }
}

impl Store for SqliteStore {
    fn pending(&mut self) -> Result<Vec<Entry>, StoreError> {
        let columns = self.columns();
        let sql = format!("SELECT {columns} FROM entries WHERE pending = 1 ORDER BY id");
        self.entries(&sql, &[])
    }

    fn allocate(
        &mut self,
        mut entry: Entry,
        period: i32,
        number: &dyn Fn(u32) -> String,
    ) -> Result<Entry, StoreError> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| sql_error(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let last: u32 = tx
            .query_row(
                "SELECT COALESCE(MAX(seq), 0) FROM entries WHERE series = ?1 AND period = ?2",
                params![entry.series, period],
                |r| r.get(0),
            )
            .map_err(err)?;
        entry.seq = last + 1;
        entry.number = number(entry.seq);
        entry.status = Status::Registered;
        entry.history = vec![Event {
            at: now(),
            status: Status::Registered,
            note: None,
        }];
        tx.execute(
            "INSERT INTO entries (series, period, year, seq, number, date, kind, title, \
             signatory, executor, file, status, pending, amends_number, amends_date) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'registered', 1, ?12, ?13)",
            params![
                entry.series,
                period,
                entry.year,
                entry.seq,
                entry.number,
                entry.date.format("%Y-%m-%d").to_string(),
                entry.kind,
                entry.title,
                entry.signatory,
                entry.executor,
                entry.file,
                entry.amends.as_ref().map(|r| r.number.clone()),
                entry
                    .amends
                    .as_ref()
                    .map(|r| r.date.format("%Y-%m-%d").to_string()),
            ],
        )
        .map_err(err)?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO events (entry, at, status) VALUES (?1, ?2, 'registered')",
            params![id, entry.history[0].at],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(entry)
    }

    fn confirm(&mut self, entry: &Entry) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE entries SET pending = 0 WHERE series = ?1 AND year = ?2 AND seq = ?3 \
                 AND pending = 1",
                params![entry.series, entry.year, entry.seq],
            )
            .map_err(self.err())?;
        Ok(())
    }

    fn discard(&mut self, entry: &Entry) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| sql_error(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM entries WHERE series = ?1 AND year = ?2 AND seq = ?3 \
                 AND pending = 1",
                params![entry.series, entry.year, entry.seq],
                |r| r.get(0),
            )
            .optional()
            .map_err(err)?;
        if let Some(id) = id {
            tx.execute("DELETE FROM events WHERE entry = ?1", [id])
                .map_err(err)?;
            tx.execute("DELETE FROM entries WHERE id = ?1", [id])
                .map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    fn find_by_reference(&mut self, r: &Reference) -> Result<Option<Entry>, StoreError> {
        let columns = self.columns();
        let sql = format!(
            "SELECT {columns} FROM entries WHERE number = ?1 AND date = ?2 AND pending = 0 \
             ORDER BY id DESC LIMIT 1"
        );
        let date = r.date.format("%Y-%m-%d").to_string();
        Ok(self.entries(&sql, &[&r.number, &date])?.pop())
    }

    fn find_by_file(&mut self, file: &str) -> Result<Option<Entry>, StoreError> {
        let columns = self.columns();
        let sql = format!(
            "SELECT {columns} FROM entries WHERE file = ?1 AND pending = 0 \
             ORDER BY id DESC LIMIT 1"
        );
        Ok(self.entries(&sql, &[&file])?.pop())
    }

    fn list(&mut self, filter: &Filter) -> Result<Vec<Entry>, StoreError> {
        let columns = self.columns();
        let sql = format!(
            "SELECT {columns} FROM entries WHERE pending = 0 \
             AND (?1 IS NULL OR year = ?1) AND (?2 IS NULL OR series = ?2) \
             ORDER BY series, year, seq"
        );
        self.entries(&sql, &[&filter.year, &filter.series])
    }

    fn set_status(
        &mut self,
        series: &str,
        year: i32,
        seq: u32,
        status: Status,
        note: Option<String>,
    ) -> Result<Entry, StoreError> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| sql_error(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let id: i64 = tx
            .query_row(
                "SELECT id FROM entries WHERE series = ?1 AND year = ?2 AND seq = ?3 \
                 AND pending = 0",
                params![series, year, seq],
                |r| r.get(0),
            )
            .optional()
            .map_err(err)?
            .ok_or_else(|| {
                StoreError::Refused(format!(
                    "в журнале нет приказа № {seq} серии «{series}» за {year} год"
                ))
            })?;
        tx.execute(
            "UPDATE entries SET status = ?1 WHERE id = ?2",
            params![status_name(status), id],
        )
        .map_err(err)?;
        tx.execute(
            "INSERT INTO events (entry, at, status, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, now(), status_name(status), note],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        self.entry_by_id(id)
    }
}

/// The id and status of the confirmed entry of `series`, `year`, `seq`, in `conn`.
fn entry_id(
    conn: &Connection,
    path: &Path,
    series: &str,
    year: i32,
    seq: u32,
) -> Result<(i64, String), StoreError> {
    conn.query_row(
        "SELECT id, status FROM entries WHERE series = ?1 AND year = ?2 AND seq = ?3 \
         AND pending = 0",
        params![series, year, seq],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .map_err(|e| sql_error(path, &e))?
    .ok_or_else(|| {
        StoreError::Refused(format!(
            "в журнале нет приказа № {seq} серии «{series}» за {year} год"
        ))
    })
}

impl SignStore for SqliteStore {
    fn sign(
        &mut self,
        series: &str,
        year: i32,
        seq: u32,
        files: &[SignedFile],
        note: Option<String>,
    ) -> Result<Entry, StoreError> {
        self.sign_electronic(series, year, seq, files, note, &[])
    }

    fn esign_facts(&mut self, series: &str, year: i32, seq: u32) -> Result<Vec<Facts>, StoreError> {
        if self.schema < ESIGNERS_FROM {
            return Ok(Vec::new());
        }
        let (id, _) = entry_id(&self.conn, &self.path, series, year, seq)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT serial, owner, not_before, not_after, signed_at, digest, utc_offset \
                 FROM esigners WHERE entry = ?1 ORDER BY rowid",
            )
            .map_err(self.err())?;
        let time = |s: String| s.parse::<DateTime<Utc>>().unwrap_or_default();
        let rows = stmt
            .query_map([id], |r| {
                Ok(Facts {
                    serial: r.get(0)?,
                    owner: r.get(1)?,
                    not_before: time(r.get(2)?),
                    not_after: time(r.get(3)?),
                    signed_at: r.get::<_, Option<String>>(4)?.map(time),
                    digest: r.get(5)?,
                    utc_offset: r.get(6)?,
                })
            })
            .map_err(self.err())?
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.err());
        rows
    }

    fn sign_electronic(
        &mut self,
        series: &str,
        year: i32,
        seq: u32,
        files: &[SignedFile],
        note: Option<String>,
        signers: &[Facts],
    ) -> Result<Entry, StoreError> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| sql_error(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let (id, status) = entry_id(&tx, &path, series, year, seq)?;
        if status != "registered" {
            let now = status_of(&status).russian();
            return Err(StoreError::Refused(format!(
                "приказ № {seq} серии «{series}» за {year} год уже не зарегистрирован, а \
                 {now}: подписать его нельзя"
            )));
        }
        tx.execute(
            "UPDATE entries SET status = 'signed' WHERE id = ?1",
            params![id],
        )
        .map_err(err)?;
        tx.execute(
            "INSERT INTO events (entry, at, status, note) VALUES (?1, ?2, 'signed', ?3)",
            params![id, now(), note],
        )
        .map_err(err)?;
        for f in files {
            tx.execute(
                "INSERT INTO signed_files (entry, role, name, sha256, content) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, f.role.name(), f.name, f.sha256, f.content],
            )
            .map_err(err)?;
        }
        let time = |t: &DateTime<Utc>| t.to_rfc3339();
        for f in signers {
            tx.execute(
                "INSERT INTO esigners (entry, serial, owner, not_before, not_after, \
                 signed_at, digest, utc_offset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    f.serial,
                    f.owner,
                    time(&f.not_before),
                    time(&f.not_after),
                    f.signed_at.as_ref().map(time),
                    f.digest,
                    f.utc_offset
                ],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        self.entry_by_id(id)
    }

    fn signed_files(
        &mut self,
        series: &str,
        year: i32,
        seq: u32,
    ) -> Result<Vec<SignedFile>, StoreError> {
        let (id, _) = entry_id(&self.conn, &self.path, series, year, seq)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT role, name, sha256, content FROM signed_files WHERE entry = ?1 \
                 ORDER BY rowid",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map([id], |r| {
                let role: String = r.get(0)?;
                Ok(SignedFile {
                    role: Role::from_name(&role).unwrap_or(Role::Input),
                    name: r.get(1)?,
                    sha256: r.get(2)?,
                    content: r.get(3)?,
                })
            })
            .map_err(self.err())?
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.err());
        rows
    }
}

/// Refuses a file that cannot be the journal before SQLite touches it: one that is not an
/// SQLite database, or (for a command that writes) is read-only.
fn check_file(path: &Path, write: bool) -> Result<(), StoreError> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| {
        StoreError::Journal(format!(
            "{shown}: не удалось открыть журнал: {}",
            crate::output::russian_io_error(&e)
        ))
    })?;
    if meta.is_dir() {
        return Err(StoreError::Journal(format!(
            "{shown}: это папка, а не файл журнала"
        )));
    }
    let mut head = [0u8; 16];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    if meta.len() > 0 && (read < MAGIC.len() || head != MAGIC) {
        return Err(corrupt(path));
    }
    if write && meta.permissions().readonly() {
        return Err(StoreError::Journal(format!(
            "{shown}: файл журнала только для чтения; регистрировать в нём нельзя. \
             Разрешите запись в него (или укажите другой журнал: --journal ФАЙЛ); \
             ничего не изменено"
        )));
    }
    Ok(())
}

fn corrupt(path: &Path) -> StoreError {
    StoreError::Journal(format!(
        "{}: это не журнал prikaz (файл повреждён или не является базой SQLite); он не \
         тронут. Восстановите его из резервной копии или укажите другой: --journal ФАЙЛ",
        path.display()
    ))
}

fn newer(path: &Path, version: i64, known: i64) -> StoreError {
    StoreError::Journal(format!(
        "{}: журнал версии {version}, а эта версия prikaz знает только версии до {known}: \
         его записала более новая prikaz. Обновите prikaz; журнал не тронут",
        path.display()
    ))
}

/// An SQLite failure as the user's message.
fn sql_error(path: &Path, e: &rusqlite::Error) -> StoreError {
    let shown = path.display();
    let code = e.sqlite_error_code();
    StoreError::Journal(match code {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => format!(
            "{shown}: журнал занят другим процессом дольше {} с; повторите позже, ничего \
             не изменено",
            timeout().as_secs_f32()
        ),
        Some(ErrorCode::ReadOnly) => format!(
            "{shown}: журнал открыт только для чтения (нет права записи в файл или папку); \
             ничего не изменено"
        ),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            return corrupt(path);
        }
        Some(ErrorCode::CannotOpen) => format!(
            "{shown}: не удалось открыть или создать файл журнала (есть ли папка и право \
             записи в неё?)"
        ),
        Some(ErrorCode::DiskFull) => format!("{shown}: диск заполнен; ничего не изменено"),
        _ => format!("{shown}: ошибка журнала: {e}"),
    })
}
