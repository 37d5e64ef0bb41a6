//! One run: read every input document, link, merge, extract, write tables.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use evtab_context::{DocContext, extract_context, reconcile_context};
use evtab_ingest::{IngestError, IngestLimits, IngestOutcome, ingest_document};
use evtab_model::{
    Field, Flag, ParticipantGroup, Provenance, SourceRecord, Study, StudyTheme, ThemeEvidence,
};
use evtab_normalise::{MergeContext, assign_study_ids, link_studies, merge_study, normalise_field};
use evtab_participants::{DocParticipants, extract_participants, reconcile_participants};
use evtab_report::{RecordRow, SourceRow, Tables};
use evtab_themes::{CodebookMatcher, DocThemes, extract_themes, reconcile_themes};
use rayon::prelude::*;

use crate::config::{ConfigError, RunSettings};
use crate::output::{OutputError, OwnedFolder};
use crate::overrides::{apply_overrides, read_overrides};
use crate::vocab::{BuiltIn, Vocabularies};

/// Why a run failed as a whole (documents failing never fail a run).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The configuration or a vocabulary is unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The input folder could not be listed.
    #[error("cannot list input folder {path}: {source}")]
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
    /// Linking, merging and per-study reconciliation.
    pub link: Duration,
    /// Building the frames and writing every output file.
    pub report: Duration,
}

/// One entry of the input folder and what reading it gave.
struct Read {
    doc_id: String,
    outcome: Result<IngestOutcome, String>,
    /// Length and hash of the bytes, to recognise the same file saved twice.
    fingerprint: Option<(usize, u64)>,
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
    let folder = OwnedFolder::claim(
        &settings.output,
        &settings.input,
        &evtab_report::output_files(settings.emit_records),
    )?;
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
    let written = pool.install(|| evtab_report::write_tables(&tables, staging.dir(), &package))?;
    folder.commit(staging, &written)?;
    times.report = started.elapsed();
    Ok(RunSummary { times, ..summarise(&tables, settings) })
}

/// The output folder's own name (`tables` for `review/tables/`).
fn folder_name(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute.file_name().and_then(|n| n.to_str()).unwrap_or("tables").to_string()
}

/// Reads, links, merges and extracts; everything but writing.
/// `on_document` is called once per input entry read (for progress);
/// `times` receives the wall time of the ingest and link stages.
pub fn build_tables(
    settings: &RunSettings,
    vocab: &Vocabularies,
    on_document: &(dyn Fn() + Sync),
    times: &mut StageTimes,
) -> Result<Tables, RunError> {
    let started = Instant::now();
    let entries = list_input(&settings.input)?;
    let limits = IngestLimits { max_document_bytes: settings.max_document_bytes };
    // Each document is read, parsed and its content extracted in one go;
    // only its fields and extraction results are kept, so memory grows
    // with the number of documents, not with their bytes.
    let reads: Vec<(Read, Option<DocExtraction>)> = entries
        .par_iter()
        .map(|(doc_id, path)| {
            let mut read = read_document(doc_id, path, limits);
            let extraction = match &mut read.outcome {
                Ok(IngestOutcome { result: Ok(record), .. }) => Some(extract_document(record, vocab)),
                _ => None,
            };
            on_document();
            (read, extraction)
        })
        .collect();

    // The same file saved twice under two names: both are kept (each is an
    // input and gets its row), and the later one says which it repeats.
    let mut first_with: BTreeMap<(usize, u64), String> = BTreeMap::new();
    let mut duplicates: BTreeMap<String, String> = BTreeMap::new();
    for (read, _) in &reads {
        if let Some(fingerprint) = read.fingerprint {
            match first_with.get(&fingerprint) {
                Some(first) => {
                    duplicates.insert(read.doc_id.clone(), first.clone());
                }
                None => {
                    first_with.insert(fingerprint, read.doc_id.clone());
                }
            }
        }
    }
    let mut sources: Vec<SourceRow> = Vec::new();
    let mut records: Vec<SourceRecord> = Vec::new();
    let mut documents: Vec<DocExtraction> = Vec::new();
    for (read, extraction) in reads {
        match read.outcome {
            Err(message) => sources.push(rejected(&read.doc_id, None, message)),
            Ok(outcome) => match (outcome.result, extraction) {
                (Err(error), _) => {
                    sources.push(rejected(&read.doc_id, outcome.format.map(|f| f.name()), describe(&error)));
                }
                (Ok(record), extraction) => {
                    let (status, message) = if record.warnings.is_empty() {
                        ("ok", None)
                    } else {
                        ("partial", Some(record.warnings.join("; ")))
                    };
                    sources.push(SourceRow {
                        doc_id: read.doc_id.clone(),
                        format: Some(record.format.name().to_string()),
                        study_id: None,
                        status: status.to_string(),
                        message,
                    });
                    records.push(record);
                    documents.push(extraction.unwrap_or_default());
                }
            },
        }
    }

    times.ingest = started.elapsed();
    let started = Instant::now();
    let linkage = if settings.link {
        link_studies(&records)
    } else {
        evtab_normalise::Linkage { groups: (0..records.len()).map(|i| vec![i]).collect(), flags: Vec::new() }
    };
    let corpus_journals: BTreeSet<String> = records
        .iter()
        .flat_map(|r| r.all(Field::Journal).map(|f| f.value.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect();
    let cx = MergeContext { catalogue: &vocab.journals, corpus_journals: &corpus_journals };
    let merged: Vec<_> = linkage
        .groups
        .par_iter()
        .map(|group| {
            let members: Vec<&SourceRecord> = group.iter().map(|&i| &records[i]).collect();
            let mut m = merge_study(&members, &cx);
            for record in &members {
                m.flags.extend(record.flags.iter().cloned());
            }
            m
        })
        .collect();

    let (mut studies, merged): (Vec<Study>, Vec<MergeRows>) =
        merged.into_iter().map(|m| (m.study, (m.provenance, m.flags))).unzip();
    assign_study_ids(&mut studies);
    let matcher = Some(CodebookMatcher::new(&vocab.codebook));
    // Each study's rows are reconciled and labelled with its id on the
    // worker threads; what is left serial only moves them into the tables.
    let rows: Vec<StudyRows> = linkage
        .groups
        .par_iter()
        .zip(studies.par_iter_mut())
        .zip(merged.into_par_iter())
        .map(|((group, study), (provenance, flags))| {
            let members: Vec<&DocExtraction> = group.iter().map(|&i| &documents[i]).collect();
            let x = extract_study(&study.study_id, &members, matcher.as_ref());
            set_context(study, &x.context);
            study.n_participants = x.n_participants;
            let id = &study.study_id;
            let labelled = |p: Provenance| Provenance { study_id: id.clone(), ..p };
            let flagged = |f: Flag| Flag { study_id: id.clone(), ..f };
            StudyRows {
                participants: x.participants.into_iter().map(|g| (id.clone(), g)).collect(),
                themes: x.themes.into_iter().map(|t| (id.clone(), t)).collect(),
                theme_evidence: x.theme_evidence,
                provenance: x.provenance.into_iter().chain(provenance).map(labelled).collect(),
                flags: x.flags.into_iter().chain(flags).map(flagged).collect(),
            }
        })
        .collect();
    // Studies in id order: every table is sorted by study id, and rows that
    // arrive nearly in order sort in close to linear time.
    let mut by_id: Vec<(Study, StudyRows)> = studies.into_iter().zip(rows).collect();
    by_id.par_sort_unstable_by(|a, b| a.0.study_id.cmp(&b.0.study_id));
    let (studies, rows): (Vec<Study>, Vec<StudyRows>) = by_id.into_iter().unzip();
    let mut tables = Tables { sources, ..Tables::default() };
    tables.synthesis_themes = vocab.codebook.themes.iter().map(|t| t.id.clone()).collect();
    tables.synthesis_labels = vocab.codebook.themes.iter().map(|t| (t.id.clone(), t.label.clone())).collect();
    let total = |len: fn(&StudyRows) -> usize| rows.iter().map(len).sum::<usize>();
    tables.participants.reserve(total(|x| x.participants.len()));
    tables.themes.reserve(total(|x| x.themes.len()));
    tables.theme_evidence.reserve(total(|x| x.theme_evidence.len()));
    tables.provenance.reserve(total(|x| x.provenance.len()));
    tables.flags.reserve(total(|x| x.flags.len()) + linkage.flags.len());
    for x in rows {
        tables.participants.extend(x.participants);
        tables.themes.extend(x.themes);
        tables.theme_evidence.extend(x.theme_evidence);
        tables.provenance.extend(x.provenance);
        tables.flags.extend(x.flags);
    }
    let mut study_of_doc: BTreeMap<&str, &str> = BTreeMap::new();
    for study in &studies {
        for doc in &study.doc_ids {
            study_of_doc.insert(doc, &study.study_id);
        }
    }
    for row in &mut tables.sources {
        row.study_id = study_of_doc.get(row.doc_id.as_str()).map(|s| (*s).to_string());
        if let Some(first) = duplicates.get(row.doc_id.as_str()) {
            let same_study = row.study_id.is_some()
                && row.study_id.as_deref() == study_of_doc.get(first.as_str()).copied();
            let note = if same_study {
                format!("same bytes as {first}; both are sources of the same study")
            } else {
                format!("same bytes as {first}")
            };
            row.message = Some(match row.message.take() {
                Some(message) => format!("{note}; {message}"),
                None => note,
            });
        }
    }
    // Near misses name both documents; they are filed under the first one's study.
    for flag in linkage.flags {
        let first_doc = flag.message.split(' ').next().unwrap_or("");
        let study_id = study_of_doc.get(first_doc).map(|s| (*s).to_string()).unwrap_or_default();
        tables.flags.push(Flag { study_id, ..flag });
    }
    if settings.emit_records {
        tables.records = Some(record_rows(&records, &study_of_doc));
    }
    tables.studies = studies;
    if let Some(path) = &settings.overrides {
        let overrides = read_overrides(path)?;
        let source =
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        apply_overrides(&mut tables, &overrides, &source);
    }
    // Millions of small values: freed on both threads rather than one.
    rayon::join(|| drop(records), || drop(documents));
    times.link = started.elapsed();
    Ok(tables)
}

/// What merging a study's documents adds to the provenance and flags tables.
type MergeRows = (Vec<Provenance>, Vec<Flag>);

/// One study's rows for each table, labelled with its id.
struct StudyRows {
    participants: Vec<(String, ParticipantGroup)>,
    themes: Vec<(String, StudyTheme)>,
    theme_evidence: Vec<ThemeEvidence>,
    provenance: Vec<Provenance>,
    flags: Vec<Flag>,
}

/// What the content extractors found for one study.
#[derive(Default)]
struct Extraction {
    themes: Vec<StudyTheme>,
    theme_evidence: Vec<ThemeEvidence>,
    flags: Vec<Flag>,
    provenance: Vec<Provenance>,
    context: BTreeMap<&'static str, String>,
    n_participants: Option<u32>,
    participants: Vec<ParticipantGroup>,
}

/// Every field of every parsed document in canonical form, for
/// `records.parquet`.
fn record_rows(records: &[SourceRecord], study_of_doc: &BTreeMap<&str, &str>) -> Vec<RecordRow> {
    records
        .par_iter()
        .flat_map_iter(|record| {
            let study_id = study_of_doc.get(record.doc_id.as_str()).map(|s| (*s).to_string());
            record.fields.iter().zip(1..).map(move |(f, position)| RecordRow {
                doc_id: record.doc_id.clone(),
                format: record.format.name(),
                study_id: study_id.clone(),
                position,
                field: f.field.name(),
                value: f.value.clone(),
                normalised: normalise_field(f.field, &f.value),
                line: f.line,
            })
        })
        .collect()
}

/// What the content extractors found in one document.
#[derive(Default)]
struct DocExtraction {
    participants: Option<DocParticipants>,
    context: Option<DocContext>,
    themes: Option<DocThemes>,
}

/// Runs the content extractors on one parsed document, then drops its
/// running text: later stages need only its fields and these results.
fn extract_document(record: &mut SourceRecord, vocab: &Vocabularies) -> DocExtraction {
    let extraction = DocExtraction {
        participants: Some(extract_participants(record, &vocab.participants)),
        context: Some(extract_context(record, &vocab.context)),
        themes: Some(extract_themes(record)),
    };
    record.passages = Vec::new();
    record.result_headings = Vec::new();
    extraction
}

/// Reconciles what the documents of one study say.
fn extract_study(
    study_id: &str,
    members: &[&DocExtraction],
    matcher: Option<&CodebookMatcher>,
) -> Extraction {
    let mut x = Extraction::default();
    let per_doc: Vec<DocParticipants> = members.iter().filter_map(|d| d.participants.clone()).collect();
    let participants = reconcile_participants(&per_doc);
    x.n_participants =
        participants.total.or_else(|| single_group_total(&participants.groups, &mut x.provenance));
    x.participants = participants.groups;
    x.provenance.extend(participants.provenance);
    x.flags.extend(participants.flags);
    let per_doc: Vec<DocContext> = members.iter().filter_map(|d| d.context.clone()).collect();
    let context = reconcile_context(&per_doc);
    x.context = context.values;
    x.provenance.extend(context.provenance);
    x.flags.extend(context.flags);

    let per_doc: Vec<DocThemes> = members.iter().filter_map(|d| d.themes.clone()).collect();
    let themes = reconcile_themes(&per_doc);
    if let Some(matcher) = matcher {
        x.theme_evidence = matcher.match_study(study_id, &themes);
        x.flags.extend(matcher.unmatched_themes(&themes, &x.theme_evidence));
    }
    x.flags.extend(themes.flags.iter().cloned());
    x.themes = themes.themes;
    x
}

/// A study that took exactly one group, of stated size, states its total:
/// "interviews were conducted with two current peer workers" is two
/// participants. With more groups, or an unknown size, nothing is derived.
fn single_group_total(groups: &[ParticipantGroup], provenance: &mut Vec<Provenance>) -> Option<u32> {
    let [group] = groups else { return None };
    let n = group.n?;
    provenance.push(Provenance {
        study_id: String::new(),
        field: "n_participants".to_string(),
        value: n.to_string(),
        doc_id: group.doc_id.clone(),
        line: group.line,
        rule: "participants:single_group".to_string(),
    });
    Some(n)
}

/// Copies the reconciled context values into the study's columns.
fn set_context(study: &mut Study, values: &BTreeMap<&'static str, String>) {
    let get = |field: &str| values.get(field).cloned();
    study.country = get("country");
    study.city = get("city");
    study.setting = get("setting");
    study.population = get("population");
    study.aim = get("aim");
    study.design = get("design");
    study.data_collection = get("data_collection");
    study.analysis = get("analysis");
    study.collection_period = get("collection_period");
    study.funding = get("funding");
    study.license = get("license");
}

fn rejected(doc_id: &str, format: Option<&str>, message: String) -> SourceRow {
    SourceRow {
        doc_id: doc_id.to_string(),
        format: format.map(str::to_string),
        study_id: None,
        status: "rejected".to_string(),
        message: Some(message),
    }
}

fn describe(error: &IngestError) -> String {
    error.to_string()
}

/// Every entry of the input folder, sorted by name. Not recursive: a
/// sub-folder is an entry like any other and gets its own `sources.csv` row.
fn list_input(dir: &Path) -> Result<Vec<(String, PathBuf)>, RunError> {
    let listing =
        fs::read_dir(dir).map_err(|source| RunError::ListInput { path: dir.to_path_buf(), source })?;
    let mut entries = Vec::new();
    for entry in listing {
        let entry = entry.map_err(|source| RunError::ListInput { path: dir.to_path_buf(), source })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        entries.push((name, entry.path()));
    }
    entries.sort();
    Ok(entries)
}

/// Reads one entry with its size checked first, so a huge file is never loaded.
fn read_document(doc_id: &str, path: &Path, limits: IngestLimits) -> Read {
    let mut fingerprint = None;
    let outcome = (|| {
        let meta = regular_file(path)?;
        if meta.len() > limits.max_document_bytes {
            return Err(
                IngestError::TooLarge { size: meta.len(), limit: limits.max_document_bytes }.to_string()
            );
        }
        // The file may grow between the check and the read: never read
        // more than one byte past the limit.
        let mut bytes = Vec::new();
        fs::File::open(path)
            .and_then(|f| {
                let mut limited = std::io::Read::take(f, limits.max_document_bytes.saturating_add(1));
                std::io::Read::read_to_end(&mut limited, &mut bytes)
            })
            .map_err(|e| format!("cannot be read: {e}"))?;
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(&bytes, &mut hasher);
        fingerprint = Some((bytes.len(), std::hash::Hasher::finish(&hasher)));
        Ok(ingest_document(doc_id, &bytes, limits))
    })();
    Read { doc_id: doc_id.to_string(), outcome, fingerprint }
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
    let what = if kind.is_dir() {
        if crate::output::is_owned_folder(path) {
            return Err(format!(
                "is a folder of tables an earlier evtab run wrote (it has {}), not documents; not read",
                crate::output::MARKER_FILE
            ));
        }
        return Err("is a folder, not a document; sub-folders are not read".to_string());
    } else if std::os::unix::fs::FileTypeExt::is_fifo(&kind) {
        "a named pipe (FIFO)"
    } else if std::os::unix::fs::FileTypeExt::is_socket(&kind) {
        "a socket"
    } else {
        "a device"
    };
    Err(format!("is {what}, not a regular file; only regular files are read"))
}

fn summarise(tables: &Tables, settings: &RunSettings) -> RunSummary {
    let mut summary =
        RunSummary { studies: tables.studies.len(), output: settings.output.clone(), ..Default::default() };
    for row in &tables.sources {
        let format = row.format.clone().unwrap_or_else(|| "unknown".to_string());
        *summary.documents.entry((format, row.status.clone())).or_default() += 1;
        if row.status == "rejected" {
            summary.rejected += 1;
        }
    }
    for flag in &tables.flags {
        *summary.flags.entry(flag.severity.name().to_string()).or_default() += 1;
    }
    summary
}
