//! Reading a data file's text defensively: only regular files, no more than
//! [`MAX_FILE_SIZE`] bytes, UTF-8 (a leading byte order mark is dropped), every problem told
//! in Russian with the file's name and, for a bad byte, its line and column.

use crate::diag::Diagnostic;
use crate::output::russian_io_error;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// The largest data file read, in bytes (32 MiB): the largest sample is a few hundred
/// kilobytes.
pub const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// The UTF-8 byte order mark some Windows editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of the data file at `path`, or the one problem that stops reading it.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path).map_err(|message| Diagnostic::file(path, message))?;
    let body = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => Err(not_utf8(path, body, e.valid_up_to())),
    }
}

/// The bytes of the regular file at `path`, at most [`MAX_FILE_SIZE`] of them, or why they
/// cannot be read (in Russian, without the file's name). A symlink is followed.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    read_bytes_with(path, Follow::Yes)
}

/// Whether the last component of a path may be a symbolic link.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Follow {
    /// A symlink is followed to its target.
    Yes,
    /// A symlink is refused: the caller has already checked where the path leads.
    No,
}

/// [`read_bytes`], with the choice of following a symlink.
pub fn read_bytes_with(path: &Path, follow: Follow) -> Result<Vec<u8>, String> {
    // Open first, then look at what was opened: a check by name before the opening could be
    // made stale by swapping the file in between. Opening does not block on a FIFO
    // (O_NONBLOCK), and the type is then taken from the open file itself.
    let file = open(path, follow)?;
    let meta = file.metadata().map_err(|e| unreadable(&e))?;
    check_metadata(&meta)?;
    let mut bytes = Vec::new();
    // Read at most one byte past the limit: a file that grows meanwhile stays bounded.
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(&e))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Opens `path` for reading without blocking on a FIFO and, unless `follow`, without following
/// a symlink in its last component.
#[cfg(target_os = "linux")]
fn open(path: &Path, follow: Follow) -> Result<File, String> {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = OFlags::NONBLOCK;
    if follow == Follow::No {
        flags |= OFlags::NOFOLLOW;
    }
    match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
    {
        Ok(file) => Ok(file),
        // O_NOFOLLOW on a symlink fails with ELOOP.
        Err(e)
            if follow == Follow::No
                && e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) =>
        {
            Err("это символьная ссылка, а здесь ссылки не разрешены: укажите сам файл".to_string())
        }
        Err(e) => Err(unreadable(&e)),
    }
}

/// Elsewhere the type is checked by name before opening (opening a FIFO could block).
#[cfg(not(target_os = "linux"))]
fn open(path: &Path, follow: Follow) -> Result<File, String> {
    let meta = match follow {
        Follow::Yes => std::fs::metadata(path),
        Follow::No => std::fs::symlink_metadata(path),
    }
    .map_err(|e| unreadable(&e))?;
    if meta.file_type().is_symlink() {
        return Err(
            "это символьная ссылка, а здесь ссылки не разрешены: укажите сам файл".to_string(),
        );
    }
    check_metadata(&meta)?;
    File::open(path).map_err(|e| unreadable(&e))
}

/// Why a file cannot be read, from the system's error.
fn unreadable(e: &std::io::Error) -> String {
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "файл не найден".to_string(),
        _ => russian_io_error(e),
    };
    format!("не удалось прочитать файл: {what}")
}

fn too_large() -> String {
    format!(
        "файл слишком велик: больше {} МиБ; файл данных — это текст в несколько сотен \
         килобайт, проверьте, тот ли это файл",
        MAX_FILE_SIZE / (1024 * 1024)
    )
}

/// An error unless `meta` is a regular file's and not too large.
fn check_metadata(meta: &Metadata) -> Result<(), String> {
    if !meta.is_file() {
        return Err(format!(
            "это не обычный файл, а {}: ожидается текстовый файл TOML",
            kind_of(meta)
        ));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(too_large());
    }
    Ok(())
}

/// What a file that is not a regular one is, in words.
fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "папка";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "именованный канал (FIFO)";
        }
        if t.is_char_device() {
            return "символьное устройство";
        }
        if t.is_block_device() {
            return "блочное устройство";
        }
        if t.is_socket() {
            return "сокет";
        }
    }
    "особый файл"
}

/// The first byte that is not UTF-8, at its line and column, with a way to convert the file.
fn not_utf8(path: &Path, bytes: &[u8], at: usize) -> Diagnostic {
    // The valid prefix is the same in the lossy text, so `at` is the bad byte's offset there.
    let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(at + 4096)]);
    let name = path.display();
    Diagnostic::at(
        path,
        &shown,
        at,
        format!(
            "файл не в кодировке UTF-8: байт 0x{:02X} здесь не может стоять в UTF-8 (файл, \
             вероятно, сохранён в кодировке Windows-1251). Перекодируйте его: \
             iconv -f cp1251 -t utf-8 {name} > новый.toml — или сохраните в редакторе \
             как UTF-8",
            bytes[at]
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_byte_is_placed_by_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, b"title = \"ok\"\nname = \"\xcf\xf0\"\n").unwrap();
        let d = read_text(&path).unwrap_err();
        assert_eq!((d.line, d.col), (2, 9), "{d}");
        assert!(d.message.contains("UTF-8"), "{d}");
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, b"\xEF\xBB\xBFtitle = \"\"\n").unwrap();
        assert_eq!(read_text(&path).unwrap(), "title = \"\"\n");
    }

    #[test]
    fn a_folder_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let d = read_text(dir.path()).unwrap_err();
        assert!(d.message.contains("не обычный файл, а папка"), "{d}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe.toml");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test
        }
        let message = read_bytes(&path).unwrap_err();
        assert!(
            message.contains("не обычный файл, а именованный канал"),
            "{message}"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_is_refused() {
        let message = read_bytes(Path::new("/dev/zero")).unwrap_err();
        assert!(
            message.contains("не обычный файл, а символьное устройство"),
            "{message}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_refused_when_it_must_not_be_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.toml");
        std::fs::write(&target, "x = 1\n").unwrap();
        let link = dir.path().join("b.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(read_bytes(&link).unwrap(), b"x = 1\n");
        let message = read_bytes_with(&link, Follow::No).unwrap_err();
        assert!(message.contains("символьная ссылка"), "{message}");
    }
}
