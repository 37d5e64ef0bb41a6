//! One run: read every input document, link, merge, extract, write tables.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use evtab_model::SourceStatus;
use evtab_report::Tables;

use crate::config::{ConfigError, RunSettings};
use crate::output::{OutputError, OwnedFolder};
use crate::overrides::{apply_overrides, read_overrides};
use crate::stages;
use crate::vocab::{BuiltIn, Vocabularies};

/// Why a run failed as a whole (documents failing never fail a run).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The configuration or a vocabulary is unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The input folder could not be listed.
    #[error("cannot list input folder {}: {source}", path.display())]
    ListInput {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The input folder holds evtab's tables, not documents.
    #[error(
        "the input folder {} holds tables an evtab run wrote (it has {}), not documents; give the folder of \
         the documents",
        path.display(),
        crate::output::MARKER_FILE
    )]
    InputIsTables {
        /// The folder.
        path: PathBuf,
    },
    /// The output folder cannot be used, or writing into it failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The tables could not be written.
    #[error(transparent)]
    Report(#[from] evtab_report::ReportError),
    /// The worker pool could not start.
    #[error("cannot start worker threads: {0}")]
    Threads(String),
}

/// What a run did, for the summary and the exit code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Documents by (format, status).
    pub documents: BTreeMap<(String, String), usize>,
    /// Number of studies.
    pub studies: usize,
    /// Flags by severity.
    pub flags: BTreeMap<String, usize>,
    /// Documents rejected.
    pub rejected: usize,
    /// Where the tables were written.
    pub output: PathBuf,
    /// Wall time of each stage.
    pub times: StageTimes,
}

/// Wall time of each stage of a run, for `--timings` and the benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StageTimes {
    /// Reading, decoding, parsing and per-document extraction.
    pub ingest: Duration,
    /// The part of `ingest` spent reading, decoding and parsing (its
    /// share of the stage's thread time, applied to its wall time).
    pub reading: Duration,
    /// Linking, merging and per-study reconciliation.
    pub link: Duration,
    /// Building the frames and writing every output file.
    pub report: Duration,
}

impl RunError {
    /// Whether the run refused to start, touching nothing (exit 2), rather
    /// than failed on the way (exit 1).
    pub fn is_refusal(&self) -> bool {
        match self {
            RunError::Config(_) | RunError::InputIsTables { .. } => true,
            RunError::Output(e) => e.is_refusal(),
            RunError::ListInput { .. } | RunError::Report(_) | RunError::Threads(_) => false,
        }
    }
}

/// Runs the pipeline and writes the tables.
pub fn run(settings: &RunSettings, built_in: &BuiltIn) -> Result<RunSummary, RunError> {
    run_with_progress(settings, built_in, &|| {})
}

/// Runs the pipeline; `on_document` is called once per input entry read
/// (for a progress bar).
pub fn run_with_progress(
    settings: &RunSettings,
    built_in: &BuiltIn,
    on_document: &(dyn Fn() + Sync),
) -> Result<RunSummary, RunError> {
    settings.check()?;
    let vocab = Vocabularies::load(settings, built_in)?;
    if crate::output::is_owned_folder(&settings.input) {
        return Err(RunError::InputIsTables { path: settings.input.clone() });
    }
    // The folder is claimed before any document is read: a run that may
    // not write there stops at once, and a second run into the same folder
    // waits for nothing.
    let files = if settings.dedup_only {
        evtab_report::dedup_output_files()
    } else {
        evtab_report::output_files(settings.emit_records)
    };
    let folder = OwnedFolder::claim(&settings.output, &settings.input, &files)?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = settings.threads {
        pool = pool.num_threads(n);
    }
    let pool = pool.build().map_err(|e| RunError::Threads(e.to_string()))?;
    let mut times = StageTimes::default();
    let tables = pool.install(|| build_tables(settings, &vocab, on_document, &mut times))?;
    let started = Instant::now();
    // Writing runs on the same pool, so `--threads` bounds our own work;
    // polars' CSV and Parquet writers use their own pool, sized by
    // `POLARS_MAX_THREADS`. The data package is named after the folder.
    let package = folder_name(&settings.output);
    let staging = folder.stage()?;
    let written = pool.install(|| {
        if settings.dedup_only {
            evtab_report::write_dedup_tables(&tables, staging.dir(), &package)
        } else {
            evtab_report::write_tables(&tables, staging.dir(), &package)
        }
    })?;
    folder.commit(staging, &written)?;
    times.report = started.elapsed();
    Ok(RunSummary { times, ..summarise(&tables, settings) })
}

/// The output folder's own name (`tables` for `review/tables/`).
fn folder_name(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute.file_name().and_then(|n| n.to_str()).unwrap_or("tables").to_string()
}

/// Reads, links, merges and extracts; everything but writing. The stages,
/// each with typed input and output: the input folder's documents are read
/// into records (with each document's content extracted as it is read),
/// the records linked and merged into studies, each study's extractions
/// reconciled, and the whole assembled into tables, to which the
/// reviewer's overrides are applied last. `on_document` is called once
/// per input entry read (for progress); `times` receives the wall time of
/// the ingest and link stages.
pub fn build_tables(
    settings: &RunSettings,
    vocab: &Vocabularies,
    on_document: &(dyn Fn() + Sync),
    times: &mut StageTimes,
) -> Result<Tables, RunError> {
    let started = Instant::now();
    let entries = crate::input::list_input(&settings.input)
        .map_err(|source| RunError::ListInput { path: settings.input.clone(), source })?;
    let documents = stages::read_documents(
        &entries,
        settings.max_document_bytes,
        vocab,
        !settings.dedup_only,
        on_document,
    );
    times.ingest = started.elapsed();
    times.reading = times.ingest.mul_f64(documents.reading_share.clamp(0.0, 1.0));

    let started = Instant::now();
    let linkage = stages::link(&documents.records, settings.link);
    let studies = stages::merge(&documents.records, &linkage, vocab);
    let extracted = stages::extract(studies, &linkage, &documents.extractions, vocab);
    let mut tables = stages::assemble(documents, linkage, extracted, vocab, settings.emit_records);
    if let Some(path) = &settings.overrides {
        let overrides = read_overrides(path)?;
        let source =
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        apply_overrides(&mut tables, &overrides, &source);
    }
    times.link = started.elapsed();
    Ok(tables)
}

fn summarise(tables: &Tables, settings: &RunSettings) -> RunSummary {
    let mut summary =
        RunSummary { studies: tables.studies.len(), output: settings.output.clone(), ..Default::default() };
    for row in &tables.sources {
        let format = row.format.map_or("unknown", |f| f.name()).to_string();
        *summary.documents.entry((format, row.status.name().to_string())).or_default() += 1;
        if row.status == SourceStatus::Rejected {
            summary.rejected += 1;
        }
    }
    for (_, flag) in &tables.flags {
        *summary.flags.entry(flag.severity.name().to_string()).or_default() += 1;
    }
    summary
}
