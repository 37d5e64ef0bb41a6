//! Writing the tables (CSV, plus their data package, workbook and HTML
//! report), all or nothing.

use std::fs;
use std::path::{Path, PathBuf};

use polars::prelude::{CsvWriter, DataFrame, ParquetCompression, ParquetWriter, PolarsError, SerWriter};
use rayon::prelude::*;

use crate::frames::{Tables, build_frames, records_frame};
use crate::{datapackage, html, workbook};

/// File names of the companions written beside the CSVs.
pub const DATAPACKAGE_FILE: &str = "datapackage.json";
/// The workbook (not committed: binary, and rebuilt from the CSVs).
pub const WORKBOOK_FILE: &str = "evidence_tables.xlsx";
/// The HTML report.
pub const REPORT_FILE: &str = "report.html";
/// The normalised source records, written only when a run emits them.
pub const RECORDS_FILE: &str = crate::schema::RECORDS.file;

/// Why the tables could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Building or writing a frame failed.
    #[error("could not build table {table}: {source}")]
    Frame {
        /// File name of the table.
        table: String,
        /// polars' error.
        source: PolarsError,
    },
    /// The workbook could not be built.
    #[error("could not build the workbook sheet {table}: {message}")]
    Workbook {
        /// File name of the table, or what else failed.
        table: String,
        /// rust_xlsxwriter's error.
        message: String,
    },
    /// A file-system operation failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was attempted.
        action: &'static str,
        /// Where.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> ReportError + 'a {
    move |source| ReportError::Io { action, path: path.to_path_buf(), source }
}

/// Creates `path`, writes `bytes` and flushes them to disk.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    write_parts(path, &[bytes])
}

/// Creates `path`, writes the parts one after another and flushes them to disk.
fn write_parts(path: &Path, parts: &[impl AsRef<[u8]>]) -> Result<(), ReportError> {
    use std::io::Write as _;
    let mut handle = fs::File::create(path).map_err(io("create", path))?;
    for part in parts {
        handle.write_all(part.as_ref()).map_err(io("write", path))?;
    }
    handle.sync_all().map_err(io("flush", path))
}

/// One table as CSV in `dir`, flushed to disk.
fn write_csv(dir: &Path, file: &str, df: &DataFrame) -> Result<(), ReportError> {
    let mut df = df.clone();
    let path = dir.join(file);
    let mut handle = fs::File::create(&path).map_err(io("create", &path))?;
    CsvWriter::new(&mut handle)
        .include_header(true)
        .with_line_terminator("\n".into())
        .finish(&mut df)
        .map_err(|source| ReportError::Frame { table: file.to_string(), source })?;
    handle.sync_all().map_err(io("flush", &path))
}

/// The records as Parquet in `dir`, flushed to disk. Zstandard keeps the
/// file small; the bytes depend only on the rows, not on the threads.
fn write_parquet(dir: &Path, df: &DataFrame) -> Result<(), ReportError> {
    let mut df = df.clone();
    let path = dir.join(RECORDS_FILE);
    let mut handle = fs::File::create(&path).map_err(io("create", &path))?;
    ParquetWriter::new(&mut handle)
        .with_compression(ParquetCompression::Zstd(None))
        .finish(&mut df)
        .map_err(|source| ReportError::Frame { table: RECORDS_FILE.to_string(), source })?;
    handle.sync_all().map_err(io("flush", &path))
}

/// Writes every table into `out_dir` as CSV, with `datapackage.json`,
/// `evidence_tables.xlsx` and `report.html` built from the same frames (and
/// `records.parquet` when the tables carry records),
/// atomically: the files are written to a temporary directory beside it,
/// which replaces `out_dir` only when all are complete. A run that dies
/// midway leaves the previous tables as they were.
pub fn write_tables(tables: &Tables, out_dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    let (frames, records) = rayon::join(|| build_frames(tables), || records_frame(tables));
    let frames = frames.map_err(|source| ReportError::Frame { table: "(all)".to_string(), source })?;
    let records = records.map_err(|source| ReportError::Frame { table: RECORDS_FILE.to_string(), source })?;
    let parent = out_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io("create directory", parent))?;
    let name = out_dir.file_name().and_then(|n| n.to_str()).unwrap_or("tables");
    if out_dir.exists() && !out_dir.is_dir() {
        let exists = std::io::Error::new(std::io::ErrorKind::AlreadyExists, "it exists and is not a folder");
        return Err(ReportError::Io {
            action: "write the tables to",
            path: out_dir.to_path_buf(),
            source: exists,
        });
    }
    recover_interrupted(parent, name, out_dir)?;
    let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io("remove stale directory", &staging))?;
    }
    fs::create_dir_all(&staging).map_err(io("create directory", &staging))?;
    // Every file is independent of the others: the CSVs, the data package,
    // the workbook and the report are written at the same time. Errors are
    // reported in the fixed order of the files, whichever thread met them.
    let (csvs, companions) = rayon::join(
        || frames.par_iter().map(|(file, df)| write_csv(&staging, file, df)).collect::<Vec<_>>(),
        || {
            let jobs: [&(dyn Fn() -> Result<(), ReportError> + Sync); 4] = [
                &|| records.as_ref().map_or(Ok(()), |df| write_parquet(&staging, df)),
                &|| write_file(&staging.join(DATAPACKAGE_FILE), datapackage::datapackage_json(name, &frames).as_bytes()),
                &|| workbook::write_workbook(&frames, &staging.join(WORKBOOK_FILE)),
                &|| write_parts(&staging.join(REPORT_FILE), &html::report_html_parts(tables, &tables.synthesis_labels)),
            ];
            jobs.par_iter().map(|job| job()).collect::<Vec<_>>()
        },
    );
    csvs.into_iter().chain(companions).collect::<Result<Vec<()>, ReportError>>()?;
    let mut written: Vec<PathBuf> = frames.iter().map(|(file, _)| out_dir.join(file)).collect();
    for file in [DATAPACKAGE_FILE, WORKBOOK_FILE, REPORT_FILE] {
        written.push(out_dir.join(file));
    }
    if records.is_some() {
        written.push(out_dir.join(RECORDS_FILE));
    }
    // Files the run does not write (for example a reviewer's notes) are
    // carried over; records of an earlier run are not, since they would no
    // longer match the tables beside them.
    if out_dir.is_dir() {
        for entry in fs::read_dir(out_dir).map_err(io("read directory", out_dir))? {
            let entry = entry.map_err(io("read directory", out_dir))?;
            let target = staging.join(entry.file_name());
            if !target.exists() && entry.path().is_file() && entry.file_name() != RECORDS_FILE {
                fs::copy(entry.path(), &target).map_err(io("copy", &entry.path()))?;
            }
        }
    }
    let previous = parent.join(format!(".{name}.old-{}", std::process::id()));
    if out_dir.exists() {
        fs::rename(out_dir, &previous).map_err(io("move aside", out_dir))?;
    }
    fs::rename(&staging, out_dir).map_err(io("move into place", &staging))?;
    if previous.exists() {
        fs::remove_dir_all(&previous).map_err(io("remove", &previous))?;
    }
    Ok(written)
}

/// Cleans up after runs that were killed while writing: their staging
/// folders (`.<name>.tmp-<pid>`) are removed, and if one died between moving
/// the previous tables aside (`.<name>.old-<pid>`) and moving the new ones
/// in, the previous tables are put back first. Only the folders of processes
/// that no longer run are touched.
fn recover_interrupted(parent: &Path, name: &str, out_dir: &Path) -> Result<(), ReportError> {
    let Ok(listing) = fs::read_dir(parent) else { return Ok(()) };
    let prefix = format!(".{name}.");
    let mut stale = Vec::new();
    for entry in listing.flatten() {
        let file_name = entry.file_name();
        let Some((kind, pid)) =
            file_name.to_str().and_then(|f| f.strip_prefix(&prefix)).and_then(|r| r.split_once('-'))
        else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if !matches!(kind, "tmp" | "old") || pid == std::process::id() || process_may_run(pid) {
            continue;
        }
        stale.push((kind == "tmp", entry.path()));
    }
    // `old` folders first (false < true), so previous tables are restored
    // before anything is removed.
    stale.sort();
    for (is_staging, path) in stale {
        if !is_staging && !out_dir.exists() {
            fs::rename(&path, out_dir).map_err(io("restore the previous tables from", &path))?;
        } else {
            fs::remove_dir_all(&path).map_err(io("remove stale directory", &path))?;
        }
    }
    Ok(())
}

/// Whether a process may still be running: where there is no `/proc` to
/// ask, every process may, and nothing is removed.
fn process_may_run(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}
