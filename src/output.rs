//! Writing outputs without losing anything. The files of one document (its DOCX and PDF) are
//! written to temporary files in the target folder first and moved into place together only
//! when all are complete; if a move fails, the ones already moved are put back, so DOCX and
//! PDF never disagree and a failed run never replaces a good file with part of a new one.
//! Output names are planned for the whole run before anything is written: two inputs that
//! would write the same file, or an output that would overwrite an input, are refused.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Prefix of our temporary files; the process id follows, so a later run can tell the files
/// of a run that was killed from those of a run still going.
const TEMP_PREFIX: &str = ".prikaz-";
const TEMP_SUFFIX: &str = ".tmp";

/// The output file of `input` with extension `ext` in `dir`: the input's name without its
/// `.toml`, so `order.v2.toml` gives `order.v2.docx`, not `order.docx`.
pub fn output_path(dir: &Path, input: &Path, ext: &str) -> PathBuf {
    output_path_with_suffix(dir, input, "", ext)
}

/// [`output_path`] with `suffix` after the stem: `order.toml` with `-appendix-2` gives
/// `order-appendix-2.docx`.
pub fn output_path_with_suffix(dir: &Path, input: &Path, suffix: &str, ext: &str) -> PathBuf {
    let name = input.file_name().unwrap_or_default().to_string_lossy();
    let stem = name.strip_suffix(".toml").unwrap_or(&name);
    dir.join(format!("{stem}{suffix}.{ext}"))
}

/// Why an input's outputs cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// Another input of the same run writes the same file.
    SameOutput {
        /// The output both would write.
        output: PathBuf,
        /// The input that claimed it first.
        first: PathBuf,
    },
    /// The output is one of the run's inputs.
    OverwritesInput {
        /// The output that would overwrite it.
        output: PathBuf,
    },
}

impl std::fmt::Display for Clash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Clash::SameOutput { output, first } => write!(
                f,
                "файл {} уже пишет {}: переименуйте один из файлов или соберите их в разные папки (-o)",
                output.display(),
                first.display()
            ),
            Clash::OverwritesInput { output } => write!(
                f,
                "результат {} заменил бы входной файл: выберите другую папку (-o)",
                output.display()
            ),
        }
    }
}

/// Plans the outputs of every input (extensions `exts`) in `dir`: each input gets its paths,
/// or the clash that stops it. Paths are compared after resolving the folders, so
/// `out/../out/x.docx` and `out/x.docx` are the same file.
pub fn plan(dir: &Path, inputs: &[PathBuf], exts: &[&str]) -> Vec<Result<Vec<PathBuf>, Clash>> {
    plan_with_suffix(dir, inputs, "", exts)
}

/// [`plan`] for outputs named with `suffix` after the stem (see [`output_path_with_suffix`]).
pub fn plan_with_suffix(
    dir: &Path,
    inputs: &[PathBuf],
    suffix: &str,
    exts: &[&str],
) -> Vec<Result<Vec<PathBuf>, Clash>> {
    // A set, not a list: a batch of a thousand inputs checks two thousand outputs.
    let mut folders = HashMap::new();
    let mut resolved = |p: &Path| resolved_in(&mut folders, p);
    let inputs_resolved: std::collections::HashSet<PathBuf> =
        inputs.iter().map(|p| resolved(p)).collect();
    let mut claimed: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    inputs
        .iter()
        .map(|input| {
            let outputs: Vec<PathBuf> = exts
                .iter()
                .map(|e| output_path_with_suffix(dir, input, suffix, e))
                .collect();
            for output in &outputs {
                let key = resolved(output);
                if inputs_resolved.contains(&key) {
                    return Err(Clash::OverwritesInput {
                        output: output.clone(),
                    });
                }
                if let Some(first) = claimed.get(&key).filter(|f| *f != input) {
                    return Err(Clash::SameOutput {
                        output: output.clone(),
                        first: first.clone(),
                    });
                }
            }
            for output in &outputs {
                claimed.insert(resolved(output), input.clone());
            }
            Ok(outputs)
        })
        .collect()
}

/// `path` with its folder resolved (the file itself need not exist); `folders` keeps the
/// folders resolved before, as a batch's thousands of paths share a few folders.
fn resolved_in(folders: &mut HashMap<PathBuf, PathBuf>, path: &Path) -> PathBuf {
    let dir = folder_of(path);
    let dir = folders
        .entry(dir.to_path_buf())
        .or_insert_with(|| std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()));
    dir.join(path.file_name().unwrap_or_default())
}

/// Writes every `(path, bytes)` so that either all files are replaced or none is: all are
/// written and synced to temporary files first, then moved into place; a failed move puts
/// back the files already moved.
pub fn write_all_atomic(files: &[(PathBuf, &[u8])]) -> std::io::Result<()> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        std::fs::create_dir_all(folder_of(path))?;
        let tmp = stage(path, bytes)?;
        tmp.as_file().sync_all()?;
        staged.push((path.clone(), tmp.into_temp_path()));
    }
    move_into_place(staged)
}

/// Moves every staged file to its path; a failed move puts back the files already moved.
fn move_into_place(staged: Vec<(PathBuf, tempfile::TempPath)>) -> std::io::Result<()> {
    let mut moved: Vec<(PathBuf, Option<tempfile::TempPath>)> = Vec::new();
    for (path, tmp) in staged {
        let backup = match back_up(&path) {
            Ok(b) => b,
            Err(e) => return Err(roll_back(moved, e)),
        };
        let result = tmp.persist(&path);
        moved.push((path, backup));
        if let Err(e) = result {
            return Err(roll_back(moved, e.error));
        }
    }
    Ok(())
}

/// The outputs of many documents, made durable together: each document's files are written
/// to temporary files as it is built, and [`Batch::commit`] syncs them all to disk at once
/// and only then moves each document's files into place together. Syncing every file as it
/// is written cost a tenth of a large batch; the rule stays the same — a document whose
/// files could not all be written and synced replaces nothing.
#[derive(Default)]
pub struct Batch {
    // Paths, not open files: a batch of a thousand documents must not hold two thousand
    // descriptors (the usual limit is 1,024).
    documents: Vec<Vec<(PathBuf, tempfile::TempPath)>>,
    folders: std::collections::HashSet<PathBuf>,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Writes one document's `(path, bytes)` to temporary files; nothing is replaced until
    /// [`Batch::commit`]. A failure leaves no temporary file behind.
    pub fn stage(&mut self, files: &[(PathBuf, &[u8])]) -> std::io::Result<()> {
        let mut staged = Vec::with_capacity(files.len());
        for (path, bytes) in files {
            // Each folder is made once, not once per file.
            let folder = folder_of(path);
            if !self.folders.contains(folder) {
                std::fs::create_dir_all(folder)?;
                self.folders.insert(folder.to_path_buf());
            }
            staged.push((path.clone(), stage(path, bytes)?.into_temp_path()));
        }
        self.documents.push(staged);
        Ok(())
    }

    /// Syncs every staged file, then moves each document's files into place together, and
    /// gives one result per staged document, in the order they were staged. When the sync
    /// fails, no document replaces anything.
    pub fn commit(self) -> Vec<std::io::Result<()>> {
        let files: Vec<_> = self
            .documents
            .iter()
            .flatten()
            .map(|(_, tmp)| tmp)
            .collect();
        if let Err(e) = sync_all_of(files.into_iter()) {
            return self
                .documents
                .iter()
                .map(|_| Err(std::io::Error::new(e.kind(), e.to_string())))
                .collect();
        }
        let mut folders = std::collections::BTreeSet::new();
        let results = self
            .documents
            .into_iter()
            .map(|staged| {
                folders.extend(staged.iter().map(|(p, _)| folder_of(p).to_path_buf()));
                move_into_place(staged)
            })
            .collect();
        // The moves themselves are made durable by syncing their folders, once each.
        for folder in folders {
            let _ = std::fs::File::open(folder).and_then(|f| f.sync_all());
        }
        results
    }
}

/// Makes the staged files durable. On Linux one `syncfs` per file system does it for all
/// of them; elsewhere each file is synced.
fn sync_all_of<'a>(
    files: impl ExactSizeIterator<Item = &'a tempfile::TempPath>,
) -> std::io::Result<()> {
    // A `syncfs` also writes out whatever else waits for that disk: for a handful of files,
    // syncing each is cheaper.
    const FEW: usize = 8;
    #[cfg(target_os = "linux")]
    if files.len() > FEW {
        let folders: std::collections::BTreeSet<&Path> = files.map(|p| folder_of(p)).collect();
        let mut devices = std::collections::BTreeSet::new();
        for folder in folders {
            use std::os::unix::fs::MetadataExt;
            let folder = std::fs::File::open(folder)?;
            if devices.insert(folder.metadata()?.dev()) {
                rustix::fs::syncfs(&folder)?;
            }
        }
        return Ok(());
    }
    // Syncing through a new descriptor writes out what was written through the old one.
    files
        .into_iter()
        .try_for_each(|tmp| std::fs::File::open(tmp).and_then(|f| f.sync_all()))
}

/// A complete temporary copy of `bytes` beside `path`, not yet synced.
fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = folder_of(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // Temporary files are private; an output is an ordinary document others may read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    Ok(tmp)
}

/// A hard link to the file now at `path` under a temporary name, to put back if a later move
/// fails; `None` when there is no file there yet. Dropping it deletes the link.
fn back_up(path: &Path) -> std::io::Result<Option<tempfile::TempPath>> {
    // The link is tried first and the file looked at only when it fails: a batch that
    // replaces a thousand documents saves a thousand look-ups.
    let link = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(TEMP_SUFFIX)
        // A hard link costs nothing; where the file system has none (some network shares),
        // a copy does the same job.
        .make_in(folder_of(path), |p| {
            std::fs::hard_link(path, p).or_else(|e| match path.is_file() {
                true => std::fs::copy(path, p).map(drop),
                false => Err(e),
            })
        });
    match link {
        Ok(link) => Ok(Some(link.into_temp_path())),
        Err(_) if !path.is_file() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Puts back what `moved` replaced (or removes what it created) and returns `error`.
fn roll_back(
    moved: Vec<(PathBuf, Option<tempfile::TempPath>)>,
    error: std::io::Error,
) -> std::io::Error {
    for (path, backup) in moved.into_iter().rev() {
        // Best effort: the error that stopped the run is the one to report.
        let _ = match backup {
            Some(old) => old.persist(&path).map_err(|e| e.error),
            None => std::fs::remove_file(&path),
        };
    }
    error
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Removes temporary files that runs killed before they finished left in `dir`: ours, named
/// with the id of a process that no longer runs. Files of runs still going are left alone.
pub fn clean_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = temp_owner(&name.to_string_lossy()) else {
            continue;
        };
        if !process_runs(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in the name of one of our temporary files.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    rest.split('-').next()?.parse().ok()
}

/// Whether process `pid` is running. Where that cannot be told (no `/proc`), it is assumed
/// to run, so nothing of a live run is ever removed.
fn process_runs(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

/// What went wrong with a file operation, in Russian: the operating system's own text is
/// English and would stand inside a Russian message.
pub fn russian_io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let what = match e.kind() {
        NotFound => "нет такого файла или папки",
        PermissionDenied => "нет прав",
        AlreadyExists => "файл уже есть",
        StorageFull => "на диске кончилось место",
        QuotaExceeded => "превышена квота на диске",
        ReadOnlyFilesystem => "диск доступен только для чтения",
        IsADirectory => "на этом месте папка",
        NotADirectory => "часть пути — не папка",
        DirectoryNotEmpty => "папка не пуста",
        FileTooLarge => "файл слишком велик",
        CrossesDevices => "файлы на разных дисках",
        InvalidFilename => "недопустимое имя файла",
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("ошибка ввода-вывода (код системы {code})"),
                None => "ошибка ввода-вывода".to_string(),
            }
        }
    };
    what.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.docx");
        write_all_atomic(&[(path.clone(), &b"old"[..])]).unwrap();
        write_all_atomic(&[(path.clone(), &b"new"[..])]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_move_puts_back_the_files_already_moved() {
        let dir = tempfile::tempdir().unwrap();
        let docx = dir.path().join("a.docx");
        let pdf = dir.path().join("a.pdf");
        std::fs::write(&docx, b"old docx").unwrap();
        // A folder where the PDF should go: the move of the new PDF fails.
        std::fs::create_dir(&pdf).unwrap();
        std::fs::write(pdf.join("keep"), b"x").unwrap();
        let files = [
            (docx.clone(), &b"new docx"[..]),
            (pdf.clone(), &b"new pdf"[..]),
        ];
        assert!(write_all_atomic(&files).is_err());
        assert_eq!(std::fs::read(&docx).unwrap(), b"old docx");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_batch_replaces_nothing_before_its_commit_and_keeps_documents_apart() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.docx"), dir.path().join("b.docx"));
        let bad = dir.path().join("b.pdf");
        std::fs::write(&a, b"old a").unwrap();
        std::fs::write(&b, b"old b").unwrap();
        // A folder where b's PDF goes: b's moves fail, a's do not.
        std::fs::create_dir(&bad).unwrap();
        std::fs::write(bad.join("keep"), b"x").unwrap();
        let mut batch = Batch::new();
        batch.stage(&[(a.clone(), &b"new a"[..])]).unwrap();
        batch
            .stage(&[(b.clone(), &b"new b"[..]), (bad.clone(), &b"pdf"[..])])
            .unwrap();
        // Many small documents: the sync of the whole file system is taken.
        for i in 0..10 {
            let path = dir.path().join(format!("c{i}.docx"));
            batch.stage(&[(path, &b"c"[..])]).unwrap();
        }
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        let results = batch.commit();
        assert_eq!(results.len(), 12);
        assert!(results[0].is_ok() && results[1].is_err() && results[2].is_ok());
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
        assert_eq!(std::fs::read(&b).unwrap(), b"old b");
        // a, b, b.pdf and the ten c files: no temporary is left.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 13);
    }

    #[test]
    fn io_errors_are_told_in_russian() {
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert_eq!(russian_io_error(&full), "на диске кончилось место");
        assert!(russian_io_error(&std::io::Error::from_raw_os_error(71)).contains("71"));
    }

    #[test]
    fn output_names_keep_every_dot_of_the_input() {
        let out = output_path(Path::new("out"), Path::new("data/order.v2.toml"), "docx");
        assert_eq!(out, Path::new("out/order.v2.docx"));
    }

    #[test]
    fn two_inputs_with_one_output_name_clash() {
        let inputs = [PathBuf::from("a/x.toml"), PathBuf::from("b/x.toml")];
        let plan = plan(Path::new("out"), &inputs, &["docx", "pdf"]);
        assert!(plan[0].is_ok());
        assert!(matches!(&plan[1], Err(Clash::SameOutput { first, .. }) if first == &inputs[0]));
    }

    #[test]
    fn an_output_may_not_replace_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = [dir.path().join("x.toml"), dir.path().join("x.docx")];
        for input in &inputs {
            std::fs::write(input, "").unwrap();
        }
        let plan = plan(dir.path(), &inputs, &["docx"]);
        assert!(matches!(plan[0], Err(Clash::OverwritesInput { .. })));
    }

    #[test]
    fn only_temporaries_of_dead_runs_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".prikaz-4294967295-abc.tmp");
        let live = dir
            .path()
            .join(format!(".prikaz-{}-abc.tmp", std::process::id()));
        let other = dir.path().join("notes.tmp");
        for p in [&dead, &live, &other] {
            std::fs::write(p, "").unwrap();
        }
        clean_stale_temporaries(dir.path());
        assert!(!dead.exists() && live.exists() && other.exists());
    }
}
