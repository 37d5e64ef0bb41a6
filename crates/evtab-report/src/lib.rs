//! Report: the evidence tables, built as polars DataFrames and written as
//! CSV through one writer that enforces the output contract
//! (`docs/tables.md`): column order, empty cells for missing values, plain
//! integers, `\n` line ends, rows sorted by each table's key.
//!
//! Key decision: the table schemas in [`schema`] are the single definition
//! of every file's columns; the writer refuses a frame that does not match
//! its schema, so code and contract cannot drift apart silently. The data
//! package, workbook and HTML report are built from the same frames.
#![deny(missing_docs)]

mod datapackage;
mod frames;
mod html;
pub mod schema;
mod workbook;
mod write;

pub use datapackage::datapackage_json;
pub use frames::{RecordRow, SourceRow, Tables, build_frames, records_frame};
pub use html::report_html;
pub use workbook::write_workbook;
pub use write::{
    DATAPACKAGE_FILE, RECORDS_FILE, REPORT_FILE, ReportError, WORKBOOK_FILE, dedup_output_files,
    output_files, write_dedup_tables, write_tables,
};
