//! One evtab run, as a library: the stages from the documents of an input
//! folder to the tables in an output folder, and the rules between them
//! (reconciling a study's documents, reviewer overrides, which folder a run
//! may write to and how).
//!
//! The stage crates do the work: `evtab-ingest` reads a document,
//! `evtab-normalise` links and merges, the extractors read content,
//! `evtab-report` writes tables into a folder it is handed. This crate owns
//! the file system around them: it lists the input, claims the output
//! folder ([`output`]), and moves finished files into place. It knows no
//! command line: `evtab-cli` turns arguments into [`RunSettings`] and the
//! outcome into messages and exit codes.
#![deny(missing_docs)]

pub mod config;
mod extraction;
pub mod floor;
mod input;
pub mod output;
pub mod overrides;
mod run;
mod stages;
pub mod vocab;

pub use config::{ConfigError, PipelineFile, RunSettings, read_to_string};
pub use run::{RunError, RunSummary, StageTimes, build_tables, run, run_with_progress};
pub use vocab::{BuiltIn, Origin, Vocabularies};

/// Creates `path`, writes `bytes` and flushes them to disk.
pub(crate) fn write_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
