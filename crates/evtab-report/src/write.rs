//! Writing the tables (CSV, plus their data package, workbook and HTML
//! report) into the folder the run hands over.

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

/// Every file [`write_tables`] writes, by name: the tables, their
/// companions and, when asked, the records. The run checks these names
/// before it writes, so a reviewer's file of the same name is never replaced.
pub fn output_files(emit_records: bool) -> Vec<&'static str> {
    let mut files: Vec<&'static str> = crate::frames::FRAME_FILES.to_vec();
    files.extend([DATAPACKAGE_FILE, WORKBOOK_FILE, REPORT_FILE]);
    if emit_records {
        files.push(RECORDS_FILE);
    }
    files
}

/// Every file [`write_dedup_tables`] writes, by name.
pub fn dedup_output_files() -> Vec<&'static str> {
    let mut files: Vec<&'static str> = crate::frames::DEDUP_FRAME_FILES.to_vec();
    files.push(DATAPACKAGE_FILE);
    files
}

/// Writes the tables of a deduplication run (`studies.csv`, `sources.csv`,
/// `flags.csv`) into the empty folder `dir` as CSV, with `datapackage.json`
/// describing them, each flushed to disk. Returns the names written.
pub fn write_dedup_tables(
    tables: &Tables,
    dir: &Path,
    package_name: &str,
) -> Result<Vec<String>, ReportError> {
    let frames = crate::frames::build_frames_of(tables, &crate::frames::DEDUP_FRAME_FILES)
        .map_err(|source| ReportError::Frame { table: "(all)".to_string(), source })?;
    let mut results: Vec<Result<(), ReportError>> =
        frames.par_iter().map(|(file, df)| write_csv(dir, file, df)).collect();
    results.push(write_file(
        &dir.join(DATAPACKAGE_FILE),
        datapackage::datapackage_json(package_name, &frames).as_bytes(),
    ));
    results.into_iter().collect::<Result<Vec<()>, ReportError>>()?;
    Ok(dedup_output_files().into_iter().map(str::to_string).collect())
}

/// Writes every table into the empty folder `dir` as CSV, with
/// `datapackage.json` (its package named `package_name`),
/// `evidence_tables.xlsx` and `report.html` built from the same frames (and
/// `records.parquet` when the tables carry records), each flushed to disk.
/// Returns the names of the files written. Where the folder goes next is
/// the caller's business: this crate writes only into the folder it is given.
pub fn write_tables(tables: &Tables, dir: &Path, package_name: &str) -> Result<Vec<String>, ReportError> {
    let (frames, records) = rayon::join(|| build_frames(tables), || records_frame(tables));
    let frames = frames.map_err(|source| ReportError::Frame { table: "(all)".to_string(), source })?;
    let records = records.map_err(|source| ReportError::Frame { table: RECORDS_FILE.to_string(), source })?;
    // Every file is independent of the others: the CSVs, the data package,
    // the workbook and the report are written at the same time. Errors are
    // reported in the fixed order of the files, whichever thread met them.
    let (csvs, companions) = rayon::join(
        || frames.par_iter().map(|(file, df)| write_csv(dir, file, df)).collect::<Vec<_>>(),
        || {
            let jobs: [&(dyn Fn() -> Result<(), ReportError> + Sync); 4] = [
                &|| records.as_ref().map_or(Ok(()), |df| write_parquet(dir, df)),
                &|| {
                    write_file(
                        &dir.join(DATAPACKAGE_FILE),
                        datapackage::datapackage_json(package_name, &frames).as_bytes(),
                    )
                },
                &|| workbook::write_workbook(&frames, &dir.join(WORKBOOK_FILE)),
                &|| {
                    write_parts(
                        &dir.join(REPORT_FILE),
                        &html::report_html_parts(tables, &tables.synthesis_labels),
                    )
                },
            ];
            jobs.par_iter().map(|job| job()).collect::<Vec<_>>()
        },
    );
    csvs.into_iter().chain(companions).collect::<Result<Vec<()>, ReportError>>()?;
    let mut written: Vec<String> = frames.iter().map(|(file, _)| (*file).to_string()).collect();
    written.extend([DATAPACKAGE_FILE, WORKBOOK_FILE, REPORT_FILE].map(str::to_string));
    if records.is_some() {
        written.push(RECORDS_FILE.to_string());
    }
    Ok(written)
}
