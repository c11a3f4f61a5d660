//! The signed version of an order brought back from the journal: the data files it was
//! signed with, written again into a temporary folder in their recorded layout, so that
//! `prikaz diff` and `prikaz amend` compare a correction with exactly what was signed, even
//! after the files on disk were edited.

use super::entry::Entry;
use super::sign::{archive_paths, frozen, sha256_hex};
use super::store::{Role, SignedFile};
use std::path::{Component, Path, PathBuf};

/// A signed order's data, restored.
pub struct SignedVersion {
    /// The journal's entry of the order.
    pub entry: Entry,
    /// The order's data file inside [`SignedVersion::root`].
    pub order: PathBuf,
    /// The folder that holds the restored files; removed when this is dropped.
    pub root: tempfile::TempDir,
}

/// The signed version of the order at `order`, when `journal` records it as signed; `None`
/// when the journal does not exist or the order is not signed in it. The archive's DOCX and
/// PDF must still be there: without them the signing cannot be shown to have happened.
pub fn restore(order: &Path, journal: &Path) -> Result<Option<SignedVersion>, String> {
    let found = frozen(order, journal).map_err(|e| e.to_string())?;
    let Some(signed) = found else {
        return Ok(None);
    };
    let what = format!(
        "подписанный {} № {} от {}",
        signed.entry.kind,
        signed.entry.number,
        signed.entry.date.format("%d.%m.%Y")
    );
    for path in archive_paths(&signed.dir, &signed.entry) {
        if !path.is_file() {
            return Err(format!(
                "{}: архив ({what}) не найден: подписанную редакцию не с чем сверить; \
                 верните файл в архив из резервной копии",
                path.display()
            ));
        }
    }
    let inputs: Vec<&SignedFile> = signed
        .files
        .iter()
        .filter(|f| f.role == Role::Input)
        .collect();
    let places: Vec<PathBuf> = inputs
        .iter()
        .map(|f| normal(&signed.dir.join(&f.name)))
        .collect();
    let base = common_ancestor(&places);
    let root =
        tempfile::tempdir().map_err(|e| format!("не удалось создать временную папку: {e}"))?;
    for (file, place) in inputs.iter().zip(&places) {
        let bytes = recorded_bytes(file, place, &what)?;
        let to = root.path().join(place.strip_prefix(&base).unwrap_or(place));
        write(&to, &bytes)?;
    }
    let order_place = normal(&signed.dir.join(&signed.entry.file));
    let order = root
        .path()
        .join(order_place.strip_prefix(&base).unwrap_or(&order_place));
    Ok(Some(SignedVersion {
        entry: signed.entry,
        order,
        root,
    }))
}

/// The bytes of a recorded input: its text as the journal keeps it, or, for a picture (the
/// journal keeps only its hash), the file on disk if it is still the one signed.
fn recorded_bytes(file: &SignedFile, place: &Path, what: &str) -> Result<Vec<u8>, String> {
    if let Some(content) = &file.content {
        return Ok(content.clone());
    }
    match std::fs::read(place) {
        Ok(bytes) if sha256_hex(&bytes) == file.sha256 => Ok(bytes),
        Ok(_) => Err(format!(
            "{}: файл изменён после подписания, а журнал хранит только его хеш: \
             подписанную редакцию ({what}) восстановить нельзя",
            place.display()
        )),
        Err(e) => Err(format!(
            "{}: файл подписанной редакции ({what}) не прочитан: {}",
            place.display(),
            crate::output::russian_io_error(&e)
        )),
    }
}

fn write(to: &Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: std::io::Error| {
        format!(
            "{}: не удалось восстановить подписанную редакцию: {}",
            to.display(),
            crate::output::russian_io_error(&e)
        )
    };
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    std::fs::write(to, bytes).map_err(fail)
}

/// `path` with `.` and `..` resolved by its words alone.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// The deepest folder that holds every one of `paths`.
fn common_ancestor(paths: &[PathBuf]) -> PathBuf {
    let mut base = match paths.first().and_then(|p| p.parent()) {
        Some(parent) => parent.to_path_buf(),
        None => return PathBuf::new(),
    };
    for p in &paths[1..] {
        while !p.starts_with(&base) {
            if !base.pop() {
                return PathBuf::new();
            }
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_ancestor_of_a_document_and_its_organisation() {
        let paths = [
            PathBuf::from("/j/data/order.toml"),
            PathBuf::from("/j/data/org/o.toml"),
            PathBuf::from("/j/shared/inc.toml"),
        ];
        assert_eq!(common_ancestor(&paths), PathBuf::from("/j"));
        assert_eq!(common_ancestor(&paths[..2]), PathBuf::from("/j/data"));
        assert_eq!(
            normal(Path::new("/j/data/../x/./y")),
            PathBuf::from("/j/x/y")
        );
    }
}
