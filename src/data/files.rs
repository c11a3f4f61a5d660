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
/// cannot be read (in Russian, without the file's name).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    // The type is checked before opening: opening a FIFO for reading blocks until a writer
    // comes, and a device never ends.
    let meta = std::fs::metadata(path).map_err(|e| unreadable(&e))?;
    check_metadata(&meta)?;
    let file = File::open(path).map_err(|e| unreadable(&e))?;
    // The file might have been replaced between the check and the opening.
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
}
