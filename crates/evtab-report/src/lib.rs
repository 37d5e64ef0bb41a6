//! Report: the evidence tables, built as polars DataFrames and written as
//! CSV through one writer that enforces the output contract
//! (`docs/tables.md`): column order, empty cells for missing values, plain
//! integers, `\n` line ends, rows sorted by each table's key.
//!
//! Key decision: the table schemas in [`schema`] are the single definition
//! of every file's columns; the writer refuses a frame that does not match
//! its schema, so code and contract cannot drift apart silently.
#![deny(missing_docs)]

mod frames;
pub mod schema;
mod write;

pub use frames::{SourceRow, Tables, build_frames};
pub use write::{ReportError, write_tables};
