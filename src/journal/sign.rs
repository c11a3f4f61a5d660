//! `prikaz sign`: a registered order becomes signed. The journal records the SHA-256 of every
//! file its build read (data files, images, templates) and of the DOCX and PDF it made, keeps
//! the text of the data files and templates, and the DOCX and PDF are copied into the archive
//! beside the journal (`archive/<series>/<year>/<number>.docx|.pdf`), never overwriting.
//!
//! Afterwards the order is frozen: [`frozen`] finds its signature, [`compare`] tells which
//! inputs changed and where, and `prikaz build` refuses a changed one; `prikaz journal verify`
//! rebuilds every signed order ([`verify`]) and compares it with the record and the archive.

use super::entry::{Entry, Status};
use super::esign::Facts;
use super::register::{lock, relative_to, RegisterError};
use super::sqlite::SqliteStore;
use super::store::{Filter, Role, SignStore, SignedFile, Store, StoreError};
use crate::template::Templates;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The name the built-in templates are recorded under (their hash says which ones).
pub const BUILT_IN_TEMPLATES: &str = "встроенные шаблоны prikaz";

/// The SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What to sign.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The order's data file.
    pub order: &'a Path,
    /// The journal's file.
    pub journal: &'a Path,
    /// The `--templates` folder, if any.
    pub templates: Option<&'a Path>,
}

/// The refusals that need no build: no journal, an order not registered, already signed
/// or cancelled. [`sign`] checks them again under the lock.
pub fn precheck(req: &Request) -> Result<Entry, RegisterError> {
    if !req.journal.exists() {
        return Err(not_registered(req.order));
    }
    let mut store = SqliteStore::open(req.journal, true)?;
    registered_entry(&mut store, req)
}

fn not_registered(order: &Path) -> RegisterError {
    RegisterError::Refused(format!(
        "{}: приказ не зарегистрирован: подписывают только зарегистрированный приказ \
         (сначала prikaz register)",
        order.display()
    ))
}

/// The entry of `req.order`, if it is registered and neither signed nor cancelled.
fn registered_entry(store: &mut SqliteStore, req: &Request) -> Result<Entry, RegisterError> {
    let file = relative_to(req.order, &super::register::journal_dir(req.journal));
    let entry = store
        .find_by_file(&file)?
        .ok_or_else(|| not_registered(req.order))?;
    let when = entry
        .history
        .last()
        .map_or("", |e| e.at.as_str())
        .to_string();
    let shown = req.order.display();
    match entry.status {
        Status::Registered => Ok(entry),
        Status::Signed => Err(RegisterError::Refused(format!(
            "{shown}: приказ № {} уже подписан ({when}); подписанный приказ не подписывают \
             и не меняют — изменения вносят новым приказом",
            entry.number
        ))),
        Status::Cancelled => Err(RegisterError::Refused(format!(
            "{shown}: приказ № {} отменён ({when}); отменённый приказ не подписывают",
            entry.number
        ))),
    }
}

/// Signs the order of `req`, built from `inputs` (the loader's [`crate::Prepared::inputs`])
/// into `docx` and `pdf`: archive first (a retry after a failure finds identical files and
/// goes on), then the journal in one transaction. Returns the entry and the archive's files.
pub fn sign(
    req: &Request,
    inputs: &[PathBuf],
    docx: &[u8],
    pdf: &[u8],
) -> Result<(Entry, [PathBuf; 2]), RegisterError> {
    let (entry, archive) = sign_with(req, inputs, [docx, pdf], None)?;
    Ok((entry, [archive[0].clone(), archive[1].clone()]))
}

/// An electronic signature of the order's PDF and the copy it makes.
#[derive(Debug, Clone)]
pub struct Electronic<'a> {
    /// The signature file's bytes, as given.
    pub signature: &'a [u8],
    /// Its signers, read and checked against the PDF ([`super::esign::read`]).
    pub signers: &'a [Facts],
    /// The copy with the mark: DOCX and PDF.
    pub copy: [&'a [u8]; 2],
    /// Where the copy is also written (beside the outputs); each must be absent or the same.
    pub out: [&'a Path; 2],
}

/// [`sign`] with an electronic signature: the signature file and the copy go to the archive
/// and to `esign.out` too, their hashes and the signers' certificate facts to the journal.
/// Returns the entry and the archive's files: DOCX, PDF, signature, copy's DOCX and PDF.
pub fn sign_electronic(
    req: &Request,
    inputs: &[PathBuf],
    docx: &[u8],
    pdf: &[u8],
    esign: &Electronic,
) -> Result<(Entry, Vec<PathBuf>), RegisterError> {
    sign_with(req, inputs, [docx, pdf], Some(esign))
}

fn sign_with(
    req: &Request,
    inputs: &[PathBuf],
    [docx, pdf]: [&[u8]; 2],
    esign: Option<&Electronic>,
) -> Result<(Entry, Vec<PathBuf>), RegisterError> {
    let dir = super::register::journal_dir(req.journal);
    let mut store = SqliteStore::open(req.journal, true)?;
    let _lock = lock(req.journal)?;
    let entry = registered_entry(&mut store, req)?;
    let mut files = input_files(inputs, &dir).map_err(RegisterError::Io)?;
    files.extend(template_files(req.templates, &dir).map_err(RegisterError::Io)?);
    let mut made = vec![(Role::Docx, docx), (Role::Pdf, pdf)];
    if let Some(e) = esign {
        made.extend([
            (Role::Signature, e.signature),
            (Role::CopyDocx, e.copy[0]),
            (Role::CopyPdf, e.copy[1]),
        ]);
    }
    for &(role, bytes) in &made {
        files.push(SignedFile {
            role,
            name: role.name().into(),
            sha256: sha256_hex(bytes),
            // The signature is kept whole: it is small and cannot be made again.
            content: (role == Role::Signature).then(|| bytes.to_vec()),
        });
    }
    let archive = archive_paths(&dir, &entry);
    let mut writes: Vec<(PathBuf, &[u8])> = archive.iter().cloned().zip([docx, pdf]).collect();
    let Some(e) = esign else {
        archive_write(&writes, true)?;
        let note = Some(format!("подписан: {}", entry.file));
        let signed = store.sign(&entry.series, entry.year, entry.seq, &files, note)?;
        return Ok((signed, archive.to_vec()));
    };
    let extra = esign_archive_paths(&dir, &entry);
    writes.extend(
        extra
            .iter()
            .cloned()
            .zip([e.signature, e.copy[0], e.copy[1]]),
    );
    archive_write(&writes, true)?;
    let out: Vec<(PathBuf, &[u8])> = e.out.iter().map(|p| p.to_path_buf()).zip(e.copy).collect();
    archive_write(&out, false)?;
    let first = &e.signers[0];
    let note = Some(format!(
        "{ESIGN_NOTE} ({}, сертификат {}): {}",
        first.owner, first.serial, entry.file
    ));
    let signed = store.sign_electronic(
        &entry.series,
        entry.year,
        entry.seq,
        &files,
        note,
        e.signers,
    )?;
    Ok((signed, archive.into_iter().chain(extra).collect()))
}

/// The archive's signature file and the copy's DOCX and PDF of `entry`.
pub fn esign_archive_paths(dir: &Path, entry: &Entry) -> [PathBuf; 3] {
    let [docx, _] = archive_paths(dir, entry);
    let number = safe_name(&entry.number);
    [
        docx.with_file_name(format!("{number}.p7s")),
        docx.with_file_name(format!("{number}{COPY_SUFFIX}.docx")),
        docx.with_file_name(format!("{number}{COPY_SUFFIX}.pdf")),
    ]
}

/// How the event of an electronic signing begins; the listing shows its owner and serial.
pub const ESIGN_NOTE: &str = "подписан электронной подписью";

/// What the copy of an e-signed order adds to its file name: «12-к-копия-ЭП.pdf».
pub const COPY_SUFFIX: &str = "-копия-ЭП";

/// Builds the copy of the order at `order` with the mark of the first signer in `signers`:
/// its DOCX and PDF, in this thread.
pub fn render_copy(
    order: &Path,
    templates: &Templates,
    signers: &[Facts],
) -> Result<[Vec<u8>; 2], String> {
    let mark = signers.first().map(Facts::view);
    let options = crate::data::LoadOptions::default();
    let prepared = crate::prepare_edited(order, templates, &options, |v| v.esign = mark)
        .map_err(|d| d.to_string())?;
    let both = crate::Formats {
        docx: true,
        pdf: true,
    };
    let r = crate::render_here(&prepared.document, both).map_err(|e| e.to_string())?;
    Ok([r.docx.unwrap_or_default(), r.pdf.unwrap_or_default()])
}

/// The archive's DOCX and PDF of `entry`, under the journal's folder `dir`.
pub fn archive_paths(dir: &Path, entry: &Entry) -> [PathBuf; 2] {
    let folder = dir
        .join("archive")
        .join(safe_name(&entry.series))
        .join(entry.year.to_string());
    let number = safe_name(&entry.number);
    [
        folder.join(format!("{number}.docx")),
        folder.join(format!("{number}.pdf")),
    ]
}

/// `name` made safe for a file name: «01/3057» → «01-3057».
pub fn safe_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    match safe.trim_matches('.') {
        "" => "_".into(),
        s => s.to_string(),
    }
}

/// Writes files atomically; a file already there must be byte-identical (a retry), anything
/// else there is refused and left untouched. `archive` tells the archive from the folder of
/// the outputs, in the messages.
fn archive_write(files: &[(PathBuf, &[u8])], archive: bool) -> Result<(), RegisterError> {
    let error = if archive { archive_error } else { copy_error };
    let mut new = Vec::new();
    for (path, bytes) in files {
        match std::fs::read(path) {
            Ok(old) if old == *bytes => {}
            Ok(_) => {
                let (there, kept) = match archive {
                    true => ("в архиве", "архив не перезаписывается"),
                    false => ("там", "prikaz не пишет поверх другого файла"),
                };
                return Err(RegisterError::Refused(format!(
                    "{}: {there} уже лежит другой файл с этим именем; {kept}. Ничего не \
                     изменено",
                    path.display()
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => new.push((path.clone(), *bytes)),
            Err(e) => return Err(error(path, &e)),
        }
    }
    for (path, _) in &new {
        let folder = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder).map_err(|e| error(folder, &e))?;
    }
    let Some((first, _)) = new.first() else {
        return Ok(());
    };
    crate::output::write_all_atomic(&new).map_err(|e| error(first, &e))
}

fn copy_error(path: &Path, e: &std::io::Error) -> RegisterError {
    RegisterError::Io(format!(
        "{}: не удалось записать копию: {}; приказ не подписан",
        path.display(),
        crate::output::russian_io_error(e)
    ))
}

fn archive_error(path: &Path, e: &std::io::Error) -> RegisterError {
    RegisterError::Io(format!(
        "{}: не удалось записать в архив: {}; приказ не подписан",
        path.display(),
        crate::output::russian_io_error(e)
    ))
}

/// The loader's inputs as recorded: by name relative to `dir`, hashed, text kept.
pub fn input_files(inputs: &[PathBuf], dir: &Path) -> Result<Vec<SignedFile>, String> {
    inputs
        .iter()
        .map(|path| read_signed(Role::Input, path, dir))
        .collect()
}

/// One file as recorded: text (UTF-8) kept, images only hashed.
fn read_signed(role: Role, path: &Path, dir: &Path) -> Result<SignedFile, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "{}: не удалось прочитать: {}",
            path.display(),
            crate::output::russian_io_error(&e)
        )
    })?;
    let text = std::str::from_utf8(&bytes).is_ok();
    Ok(SignedFile {
        role,
        name: relative_to(path, dir),
        sha256: sha256_hex(&bytes),
        content: text.then_some(bytes),
    })
}

/// The templates in use as recorded: the built-in ones as one input named
/// [`BUILT_IN_TEMPLATES`] with their hash, or each `*.xml` of the `--templates` folder.
pub fn template_files(templates: Option<&Path>, dir: &Path) -> Result<Vec<SignedFile>, String> {
    let Some(folder) = templates else {
        return Ok(vec![SignedFile {
            role: Role::Template,
            name: BUILT_IN_TEMPLATES.into(),
            sha256: crate::template::built_in_sha256(),
            content: None,
        }]);
    };
    let entries = std::fs::read_dir(folder).map_err(|e| {
        format!(
            "{}: не удалось открыть папку шаблонов: {}",
            folder.display(),
            crate::output::russian_io_error(&e)
        )
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| read_signed(Role::Template, p, dir))
        .collect()
}

/// A signed order's record, as `prikaz build` and `journal verify` check against it.
#[derive(Debug, Clone)]
pub struct Frozen {
    /// The journal's entry.
    pub entry: Entry,
    /// What was recorded at signing.
    pub files: Vec<SignedFile>,
    /// The journal's folder, which the recorded names are relative to.
    pub dir: PathBuf,
    /// The certificate facts of an electronic signature; empty for a paper one.
    pub signers: Vec<Facts>,
}

impl Frozen {
    /// The recorded SHA-256 of the DOCX or PDF.
    pub fn output_hash(&self, role: Role) -> Option<&str> {
        let file = self.files.iter().find(|f| f.role == role)?;
        Some(file.sha256.as_str())
    }

    /// The `--templates` folder the order was signed with; `None` for the built-in ones.
    pub fn templates_dir(&self) -> Option<PathBuf> {
        let file = self.files.iter().find(|f| f.role == Role::Template)?;
        if file.name == BUILT_IN_TEMPLATES {
            return None;
        }
        Some(self.dir.join(&file.name).parent()?.to_path_buf())
    }

    /// The recorded inputs and templates as they are on disk now (a file gone is left out),
    /// with the templates of `templates` in place of the recorded ones.
    pub fn current(&self, templates: Option<&Path>) -> Result<Vec<SignedFile>, String> {
        let mut now = Vec::new();
        for f in self.files.iter().filter(|f| f.role == Role::Input) {
            let path = self.dir.join(&f.name);
            if path.exists() {
                now.push(read_signed(Role::Input, &path, &self.dir)?);
            }
        }
        now.extend(template_files(templates, &self.dir)?);
        Ok(now)
    }
}

/// The signature of the order at `order` in `journal`, if the journal exists and the order is
/// signed in it.
pub fn frozen(order: &Path, journal: &Path) -> Result<Option<Frozen>, StoreError> {
    if !journal.is_file() || !has_signatures(journal) {
        return Ok(None);
    }
    let dir = super::register::journal_dir(journal);
    let mut store = SqliteStore::open(journal, false)?;
    let Some(entry) = store.find_by_file(&relative_to(order, &dir))? else {
        return Ok(None);
    };
    if entry.status != Status::Signed {
        return Ok(None);
    }
    let files = store.signed_files(&entry.series, entry.year, entry.seq)?;
    let signers = esign_facts(&mut store, &entry)?;
    Ok(Some(Frozen {
        entry,
        files,
        dir,
        signers,
    }))
}

/// The electronic signature's facts of `entry`: none in a journal older than them (read
/// only, it is not upgraded).
fn esign_facts(store: &mut SqliteStore, entry: &Entry) -> Result<Vec<Facts>, StoreError> {
    store.esign_facts(&entry.series, entry.year, entry.seq)
}

/// Whether the journal's schema has signatures at all: one of an older version signed
/// nothing, and reading it must not ask for its upgrade.
fn has_signatures(journal: &Path) -> bool {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let Ok(conn) = rusqlite::Connection::open_with_flags(journal, flags) else {
        return true; // let the store say what is wrong with it
    };
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap_or(i64::MAX);
    version >= 2
}

/// How one input differs from the signed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Its bytes changed; the first changed place as line and column (of the current file),
    /// when both are text.
    Changed(String, Option<(usize, usize)>),
    /// It was read when signed and is not now.
    Gone(String),
    /// It is read now and was not when signed.
    Added(String),
}

impl Change {
    /// The change in words, the file shown under `shown_dir`.
    pub fn describe(&self, shown_dir: &Path) -> String {
        let show = |name: &str| match name {
            BUILT_IN_TEMPLATES => name.to_string(),
            _ if shown_dir == Path::new(".") => name.to_string(),
            _ => shown_dir.join(name).display().to_string(),
        };
        match self {
            Change::Changed(n, Some((line, col))) => {
                format!("{}:{line}:{col}: изменён (первое изменение здесь)", show(n))
            }
            Change::Changed(n, None) => format!("{}: изменён", show(n)),
            Change::Gone(n) => format!("{}: был при подписании, теперь его нет", show(n)),
            Change::Added(n) => format!("{}: добавлен после подписания", show(n)),
        }
    }
}

/// The inputs and templates of `now` against those `signed` records.
pub fn compare(signed: &[SignedFile], now: &[SignedFile]) -> Vec<Change> {
    let is_input = |f: &&SignedFile| matches!(f.role, Role::Input | Role::Template);
    let before: HashMap<&str, &SignedFile> = signed
        .iter()
        .filter(is_input)
        .map(|f| (f.name.as_str(), f))
        .collect();
    let after: HashMap<&str, &SignedFile> = now
        .iter()
        .filter(is_input)
        .map(|f| (f.name.as_str(), f))
        .collect();
    let mut changes = Vec::new();
    for f in signed.iter().filter(is_input) {
        match after.get(f.name.as_str()) {
            None => changes.push(Change::Gone(f.name.clone())),
            Some(n) if n.sha256 != f.sha256 => {
                let place = match (&f.content, &n.content) {
                    (Some(old), Some(new)) => Some(first_difference(old, new)),
                    _ => None,
                };
                changes.push(Change::Changed(f.name.clone(), place));
            }
            Some(_) => {}
        }
    }
    for f in now.iter().filter(is_input) {
        if !before.contains_key(f.name.as_str()) {
            changes.push(Change::Added(f.name.clone()));
        }
    }
    changes
}

/// Line and column (1-based, in characters) in `new` of the first byte that differs from
/// `old`.
pub fn first_difference(old: &[u8], new: &[u8]) -> (usize, usize) {
    let at = old
        .iter()
        .zip(new)
        .position(|(a, b)| a != b)
        .unwrap_or(old.len().min(new.len()));
    // Back to the start of the character the difference falls in.
    let mut at = at;
    while at > 0 && at < new.len() && (new[at] & 0xC0) == 0x80 {
        at -= 1;
    }
    let before = String::from_utf8_lossy(&new[..at]);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The refusal `prikaz build` gives a signed order whose inputs changed (without the order's
/// name, which the caller puts first).
pub fn refusal(frozen: &Frozen, changes: &[Change], shown_dir: &Path) -> String {
    let e = &frozen.entry;
    if only_prikaz_changed(changes) {
        let [docx, pdf] = archive_paths(&frozen.dir, e);
        return format!(
            "приказ № {} от {} подписан со встроенными шаблонами прежней версии prikaz, а в \
             этой версии они другие: собрать его заново в точности таким же нельзя, а правка \
             данных тут ни при чём. Подписанные файлы лежат в архиве: {}, {}. Ничего не \
             записано.",
            e.number,
            e.date.format("%d.%m.%Y"),
            docx.display(),
            pdf.display()
        );
    }
    let lines: Vec<String> = changes
        .iter()
        .map(|c| format!("  {}", c.describe(shown_dir)))
        .collect();
    let date = e.date.format("%d.%m.%Y");
    format!(
        "приказ № {} от {date} подписан, а его входные файлы с тех пор изменились:\n{}\n\
         Подписанный приказ не правят: изменения вносят новым приказом («О внесении \
         изменений в приказ от {date} № {}»). Верните прежние файлы, чтобы собрать подписанный. \
         Ничего не записано.",
        e.number,
        lines.join("\n"),
        e.number
    )
}

/// Whether the only difference from the signing is the built-in templates: the data is as
/// signed, and this prikaz is another version than the one that signed it.
pub fn only_prikaz_changed(changes: &[Change]) -> bool {
    !changes.is_empty()
        && changes
            .iter()
            .all(|c| matches!(c, Change::Changed(name, _) if name == BUILT_IN_TEMPLATES))
}

/// What `journal verify` found for one signed order: nothing when it rebuilds the same.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The journal's entry.
    pub entry: Entry,
    /// Each difference, in words.
    pub problems: Vec<String>,
}

/// Rebuilds every signed order of `journal` and compares it with the record and the
/// archive, in parallel; `done` is told of each order as it is finished.
/// `start` is told how many orders there are before the first is rebuilt.
pub fn verify(
    journal: &Path,
    start: &dyn Fn(usize),
    done: &(dyn Fn(&Verified) + Sync),
) -> Result<Vec<Verified>, StoreError> {
    let dir = super::register::journal_dir(journal);
    if journal.is_file() && !has_signatures(journal) {
        start(0);
        return Ok(Vec::new());
    }
    let mut store = SqliteStore::open(journal, false)?;
    let mut orders = Vec::new();
    for entry in store.list(&Filter::default())? {
        if entry.status == Status::Signed {
            let files = store.signed_files(&entry.series, entry.year, entry.seq)?;
            let signers = esign_facts(&mut store, &entry)?;
            let dir = dir.clone();
            orders.push(Frozen {
                entry,
                files,
                dir,
                signers,
            });
        }
    }
    // Templates are read once per folder, not once per order.
    let mut templates: HashMap<Option<PathBuf>, Result<Templates, String>> = HashMap::new();
    for f in &orders {
        let folder = f.templates_dir();
        templates.entry(folder.clone()).or_insert_with(|| {
            folder
                .as_deref()
                .map_or_else(Templates::built_in, Templates::with_dir)
                .map_err(|d| d.to_string())
        });
    }
    start(orders.len());
    let results = each_parallel(&orders, |f| {
        let problems = check_one(f, &templates[&f.templates_dir()]);
        let v = Verified {
            entry: f.entry.clone(),
            problems,
        };
        done(&v);
        v
    });
    Ok(results)
}

/// Runs `job` on every item on all cores (the batch engine, [`crate::in_parallel`]);
/// results in the items' order, a job that panicked reported as such.
fn each_parallel(items: &[Frozen], job: impl Fn(&Frozen) -> Verified + Sync) -> Vec<Verified> {
    let mut out = Vec::with_capacity(items.len());
    crate::in_parallel(items, job, |i, v| {
        out.push(v.unwrap_or_else(|| Verified {
            entry: items[i].entry.clone(),
            problems: vec!["внутренняя ошибка prikaz: аварийная остановка при сборке".into()],
        }))
    });
    out
}

/// The differences of one signed order: changed inputs, a different build, a missing or
/// changed archive file.
fn check_one(f: &Frozen, templates: &Result<Templates, String>) -> Vec<String> {
    let mut problems = Vec::new();
    let shown = Path::new("");
    let dir_shown = |p: &Path| p.strip_prefix(&f.dir).unwrap_or(p).display().to_string();
    let order = f.dir.join(&f.entry.file);
    // Signed by another version of prikaz with its own built-in templates: the data and the
    // archive are checked, but the order cannot be rebuilt into the same bytes.
    let mut other_prikaz = false;
    match f.current(f.templates_dir().as_deref()) {
        Ok(now) => {
            let changes = compare(&f.files, &now);
            other_prikaz = only_prikaz_changed(&changes);
            if !other_prikaz {
                problems.extend(changes.iter().map(|c| c.describe(shown)));
            }
        }
        Err(e) => problems.push(e),
    }
    let mut archived: Vec<(PathBuf, Role)> = archive_paths(&f.dir, &f.entry)
        .into_iter()
        .zip([Role::Docx, Role::Pdf])
        .collect();
    if !f.signers.is_empty() {
        let roles = [Role::Signature, Role::CopyDocx, Role::CopyPdf];
        archived.extend(esign_archive_paths(&f.dir, &f.entry).into_iter().zip(roles));
    }
    for (path, role) in &archived {
        let (path, role) = (path.as_path(), *role);
        let want = f.output_hash(role).unwrap_or_default();
        match std::fs::read(path) {
            Ok(bytes) if sha256_hex(&bytes) == want => {}
            Ok(_) => problems.push(format!("{}: архивный файл изменён", dir_shown(path))),
            Err(_) => problems.push(format!("{}: архивного файла нет", dir_shown(path))),
        }
    }
    if !problems.is_empty() || other_prikaz {
        return problems;
    }
    let templates = match templates {
        Ok(t) => t,
        Err(e) => return vec![e.clone()],
    };
    let rendered = crate::prepare(&order, templates)
        .map_err(|d| d.to_string())
        .and_then(|p| {
            let both = crate::Formats {
                docx: true,
                pdf: true,
            };
            crate::render_here(&p.document, both).map_err(|e| e.to_string())
        });
    match rendered {
        Ok(r) => {
            let made = [(Role::Docx, r.docx), (Role::Pdf, r.pdf)];
            for (role, bytes) in made {
                let got = bytes.map(|b| sha256_hex(&b)).unwrap_or_default();
                if Some(got.as_str()) != f.output_hash(role) {
                    problems.push(format!(
                        "{}: {} собирается не так, как подписан",
                        f.entry.file,
                        role.name().to_uppercase()
                    ));
                }
            }
        }
        Err(e) => problems.push(format!("{}: не собирается: {e}", f.entry.file)),
    }
    if problems.is_empty() && !f.signers.is_empty() {
        problems.extend(check_copy(f, &order, templates));
    }
    problems
}

/// The copy of an e-signed order, rebuilt from the recorded certificate facts, against the
/// recorded hashes.
fn check_copy(f: &Frozen, order: &Path, templates: &Templates) -> Vec<String> {
    let copy = match render_copy(order, templates, &f.signers) {
        Ok(copy) => copy,
        Err(e) => return vec![format!("{}: копия не собирается: {e}", f.entry.file)],
    };
    let mut problems = Vec::new();
    for (role, bytes) in [(Role::CopyDocx, &copy[0]), (Role::CopyPdf, &copy[1])] {
        if Some(sha256_hex(bytes).as_str()) != f.output_hash(role) {
            let kind = if role == Role::CopyDocx {
                "DOCX"
            } else {
                "PDF"
            };
            problems.push(format!(
                "{}: {kind} копии с отметкой об электронной подписи собирается не так, как \
                 записан при подписании",
                f.entry.file
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_difference_is_placed_by_line_and_column() {
        assert_eq!(first_difference(b"ab\ncd\n", b"ab\ncx\n"), (2, 2));
        assert_eq!(first_difference(b"ab", b"abc"), (1, 3));
        // Columns count characters, and a difference inside one is placed at its start.
        let old = "а\nсрок = \"01.02\"".as_bytes();
        let new = "а\nсрок = \"01.03\"".as_bytes();
        assert_eq!(first_difference(old, new), (2, 13));
        assert_eq!(first_difference("яа".as_bytes(), "юа".as_bytes()), (1, 1));
    }

    #[test]
    fn numbers_become_safe_file_names() {
        assert_eq!(safe_name("01/3057"), "01-3057");
        assert_eq!(safe_name("12-к"), "12-к");
        assert_eq!(safe_name(".."), "_");
    }

    fn file(name: &str, hash: &str, text: &str) -> SignedFile {
        SignedFile {
            role: Role::Input,
            name: name.into(),
            sha256: hash.into(),
            content: Some(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn changed_gone_and_added_inputs_are_told_apart() {
        let signed = [
            file("a", "1", "x\ny"),
            file("b", "2", ""),
            file("c", "3", ""),
        ];
        let now = [
            file("a", "9", "x\nz"),
            file("c", "3", ""),
            file("d", "4", ""),
        ];
        assert_eq!(
            compare(&signed, &now),
            [
                Change::Changed("a".into(), Some((2, 1))),
                Change::Gone("b".into()),
                Change::Added("d".into()),
            ]
        );
    }
}
