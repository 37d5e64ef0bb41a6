//! The input folder: its entries, and the bytes of each regular file.
//!
//! Every entry gets a row in `sources.csv`, whatever it is; only regular
//! files (or links to them) are opened, and never more than one byte past
//! the size limit, so a FIFO cannot hang a run and a huge file cannot fill
//! memory.

use std::fs;
use std::path::{Path, PathBuf};

use evtab_ingest::{HEAD_BYTES, IngestError, IngestLimits, Layouts};

/// One entry of the input folder: its name (the document id) and path.
pub(crate) type Entry = (String, PathBuf);

/// Every entry of the input folder, sorted by name. Not recursive: a
/// sub-folder is an entry like any other and gets its own `sources.csv` row.
pub(crate) fn list_input(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        entries.push((name, entry.path()));
    }
    entries.sort();
    Ok(entries)
}

/// The bytes of one entry, read with its size checked first; or why it is
/// not read, in words for `sources.csv`.
pub(crate) fn read_bytes(path: &Path, limits: IngestLimits, layouts: &Layouts) -> Result<Vec<u8>, String> {
    let meta = regular_file(path)?;
    let mut max_bytes = limits.max_document_bytes;
    if meta.len() > max_bytes {
        // An export file of many records may be larger: its head tells.
        let mut head = Vec::with_capacity(HEAD_BYTES);
        fs::File::open(path)
            .and_then(|f| {
                std::io::Read::read_to_end(&mut std::io::Read::take(f, HEAD_BYTES as u64), &mut head)
            })
            .map_err(|e| format!("cannot be read: {e}"))?;
        max_bytes = limits.max_file_bytes(&head, layouts);
        if meta.len() > max_bytes {
            return Err(IngestError::TooLarge { size: meta.len(), limit: max_bytes }.to_string());
        }
    }
    // The file may grow between the check and the read: never read more
    // than one byte past the limit (ingest then rejects it as too large).
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| {
            let mut limited = std::io::Read::take(f, max_bytes.saturating_add(1));
            std::io::Read::read_to_end(&mut limited, &mut bytes)
        })
        .map_err(|e| format!("cannot be read: {e}"))?;
    Ok(bytes)
}

/// Length and hash of a file's bytes, to recognise the same file saved twice.
pub(crate) fn fingerprint(bytes: &[u8]) -> (usize, u64) {
    let mut hasher = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(bytes, &mut hasher);
    (bytes.len(), std::hash::Hasher::finish(&hasher))
}

/// The metadata of an entry that is (or links to) a regular file, or why it
/// is not read. Only regular files are opened: opening a named pipe with no
/// writer would block the run forever.
fn regular_file(path: &Path) -> Result<fs::Metadata, String> {
    let own = fs::symlink_metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    let meta = if own.file_type().is_symlink() {
        let target = fs::read_link(path)
            .map_or_else(|_| "an unreadable target".to_string(), |t| t.display().to_string());
        match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(format!("is a symbolic link to {target}, which does not exist"));
            }
            Err(e) => return Err(format!("is a symbolic link to {target}, which cannot be followed: {e}")),
        }
    } else {
        own
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(meta);
    }
    if kind.is_dir() {
        if crate::output::is_owned_folder(path) {
            return Err(format!(
                "is a folder of tables an earlier evtab run wrote (it has {}), not documents; not read",
                crate::output::MARKER_FILE
            ));
        }
        return Err("is a folder, not a document; sub-folders are not read".to_string());
    }
    Err(format!("is {}, not a regular file; only regular files are read", special_kind(&kind)))
}

/// What a special file is, in words.
#[cfg(unix)]
fn special_kind(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a device"
    }
}

/// What a special file is, in words.
#[cfg(not(unix))]
fn special_kind(_kind: &fs::FileType) -> &'static str {
    "a special file"
}
