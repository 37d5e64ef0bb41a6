//! Arguments, sub-commands, exit codes and what the user sees.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use evtab_model::SourceFormat;

use evtab_pipeline::{RunSettings, RunSummary, Vocabularies, run_with_progress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::defaults::BUILT_IN;

/// Exit codes, as documented in `--help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Every document was read.
    Ok = 0,
    /// The run could not finish (for example the tables could not be written).
    Failure = 1,
    /// Bad arguments, pipeline file, vocabulary or codebook; nothing was written.
    Usage = 2,
    /// The tables were written, but some documents were rejected (see sources.csv).
    SomeRejected = 3,
}

const EXIT_CODES: &str = "Exit codes: 0 all documents read; 1 the run failed (tables left as they were); \
2 bad arguments or configuration, or an output folder evtab may not write to (nothing written); 3 tables written but some documents were rejected \
(see sources.csv).";

#[derive(Parser, Debug)]
#[command(name = "evtab", version, about = "Evidence tables from the documents of a qualitative evidence synthesis", after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read every document of a review and write its evidence tables.
    #[command(after_help = EXIT_CODES)]
    Run(RunArgs),
    /// Check a pipeline file (or the built-in defaults), its vocabularies,
    /// codebook and overrides without writing anything; say which files a run would use.
    #[command(after_help = EXIT_CODES)]
    Check {
        /// Pipeline file (pipelines/<name>.toml); without one, the built-in defaults.
        pipeline: Option<PathBuf>,
        /// Folder of vocabulary files to check instead of the pipeline's.
        #[arg(long)]
        vocab: Option<PathBuf>,
        /// Synthesis codebook to check instead of the pipeline's.
        #[arg(long)]
        codebook: Option<PathBuf>,
        /// Reviewer overrides file to check instead of the pipeline's.
        #[arg(long)]
        overrides: Option<PathBuf>,
    },
    /// List the source formats evtab recognises.
    Formats,
    /// Write a synthetic corpus in all five page formats (or, with --exports, as
    /// export files), with its ground truth (truth.json).
    Synth {
        /// Number of studies.
        #[arg(long)]
        studies: usize,
        /// Seed: the same seed gives the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder to write `docs/` and `truth.json` into.
        #[arg(long)]
        out: PathBuf,
        /// Generator vocabulary.
        #[arg(long, default_value = "pipelines/synth/vocab.toml")]
        vocab: PathBuf,
        /// Write the studies as records of database and reference-manager
        /// exports (RIS, MEDLINE, PubMed XML, EndNote XML, BibTeX, CSL-JSON,
        /// Scopus CSV, Web of Science), a share of them exported twice.
        #[arg(long)]
        exports: bool,
    },
    /// The benchmark's floor: read every file of a folder and split it into lines, nothing else.
    #[command(hide = true)]
    Floor {
        /// Folder of documents.
        #[arg(long)]
        input: PathBuf,
        /// Worker threads [default: one per core].
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Score a run's tables against a ground truth (linking and field accuracy).
    Eval {
        /// A truth file (`evtab synth`'s, or a labelled real corpus's); give
        /// several to score their studies together.
        #[arg(long, required = true)]
        truth: Vec<PathBuf>,
        /// Folder of the tables to score.
        #[arg(long)]
        tables: PathBuf,
        /// Also list examples of each kind of error.
        #[arg(long)]
        examples: bool,
        /// Tables of a run of the same documents with `--no-link`: adds a
        /// table of what each document says alone, by format and field.
        #[arg(long)]
        each_document: Option<PathBuf>,
        /// Score deduplication only (the truth lists every true group of an
        /// export, singletons included): sensitivity, specificity, pairs.
        #[arg(long)]
        dedup: bool,
    },
}

#[derive(Args, Debug)]
struct RunArgs {
    /// Pipeline file (pipelines/<name>.toml); or give --input and --out.
    #[arg(required_unless_present_all = ["input", "out"], conflicts_with_all = ["input", "out"])]
    pipeline: Option<PathBuf>,
    /// Folder of input documents (instead of a pipeline file).
    #[arg(long, requires = "out")]
    input: Option<PathBuf>,
    /// Folder to write the tables to (instead of a pipeline file).
    #[arg(long, requires = "input")]
    out: Option<PathBuf>,
    /// Folder of vocabulary files; a file it lacks is the built-in one
    /// [default: the pipeline's, or the built-in vocabularies].
    #[arg(long)]
    vocab: Option<PathBuf>,
    /// Folder of platform layouts (like pipelines/formats); a file it lacks
    /// is the built-in one, and a new file teaches a new platform.
    #[arg(long)]
    formats: Option<PathBuf>,
    /// Synthesis codebook to use instead of the pipeline's [default: the built-in one].
    #[arg(long)]
    codebook: Option<PathBuf>,
    /// Reviewer overrides file to apply instead of the pipeline's.
    #[arg(long)]
    overrides: Option<PathBuf>,
    /// Worker threads [default: one per core].
    #[arg(long)]
    threads: Option<usize>,
    /// Largest document read, in bytes [default: 20 MB].
    #[arg(long)]
    max_document_bytes: Option<u64>,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
    /// Print the wall time of each stage (ingest, link, report) to stderr.
    #[arg(long)]
    timings: bool,
    /// Also write records.parquet: every field of every parsed document,
    /// with its canonical form, study and line, for DuckDB, R, Python or a
    /// distributed SQL engine.
    #[arg(long)]
    emit_records: bool,
    /// Do not link documents: every document becomes a study of its own
    /// (to check what each document says alone, as `make eval-real` does).
    #[arg(long)]
    no_link: bool,
    /// Only deduplicate (a search export before screening): link the
    /// records and write studies.csv, sources.csv (which record became
    /// which study) and flags.csv (possible duplicates), without extracting
    /// participants, themes or context.
    #[arg(long, conflicts_with_all = ["no_link", "emit_records"])]
    dedup: bool,
}

impl RunArgs {
    fn settings(&self) -> Result<RunSettings, evtab_pipeline::ConfigError> {
        let mut settings = match (&self.pipeline, &self.input, &self.out) {
            (Some(pipeline), _, _) => RunSettings::from_pipeline_file(pipeline)?,
            (None, Some(input), Some(out)) => RunSettings::new(input, out),
            _ => unreachable!("clap requires a pipeline or --input with --out"),
        };
        apply_paths(&mut settings, self.vocab.as_ref(), self.codebook.as_ref(), self.overrides.as_ref());
        if let Some(formats) = &self.formats {
            settings.formats = Some(formats.clone());
        }
        if let Some(max) = self.max_document_bytes {
            settings.max_document_bytes = max;
        }
        settings.threads = self.threads;
        settings.emit_records = self.emit_records;
        settings.link = !self.no_link;
        settings.dedup_only = self.dedup;
        settings.check()?;
        Ok(settings)
    }
}

/// Command-line paths win over the pipeline file's.
fn apply_paths(
    settings: &mut RunSettings,
    vocab: Option<&PathBuf>,
    codebook: Option<&PathBuf>,
    overrides: Option<&PathBuf>,
) {
    if let Some(vocab) = vocab {
        settings.vocab = Some(vocab.clone());
    }
    if let Some(codebook) = codebook {
        settings.codebook = Some(codebook.clone());
    }
    if let Some(overrides) = overrides {
        settings.overrides = Some(overrides.clone());
    }
}

fn progress_bar(show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    // The bar hides itself when stderr is not a terminal.
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} reading documents {pos} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

/// Runs the command line with the given arguments; returns the exit code.
pub fn main_with_args<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let is_help = matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            );
            let rendered = e.render();
            let _ = if is_help { write!(out, "{rendered}") } else { write!(err, "{rendered}") };
            return if is_help { ExitStatus::Ok } else { ExitStatus::Usage };
        }
    };
    match cli.command {
        Command::Formats => {
            for format in SourceFormat::ALL {
                let _ = writeln!(out, "{:<16} {}", format.name(), evtab_ingest::format_description(format));
            }
            ExitStatus::Ok
        }
        Command::Synth { studies, seed, out: folder, vocab, exports } => {
            let result = evtab_pipeline::read_to_string(&vocab)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    evtab_synth::SynthVocab::from_toml_str(&text)
                        .map_err(|e| format!("{}: {e}", vocab.display()))
                })
                .and_then(|vocab| {
                    let corpus = if exports {
                        evtab_synth::generate_exports(studies, seed, &vocab)
                    } else {
                        evtab_synth::generate(studies, seed, &vocab)
                    };
                    evtab_synth::write_corpus(&corpus, &folder)
                        .map(|()| {
                            (corpus.documents.len(), corpus.truth.iter().map(|t| t.docs.len()).sum::<usize>())
                        })
                        .map_err(|e| format!("cannot write {}: {e}", folder.display()))
                });
            match result {
                Ok((files, documents)) if exports => {
                    let _ = writeln!(
                        out,
                        "{documents} records in {files} export files for {studies} studies in {}",
                        folder.display()
                    );
                    ExitStatus::Ok
                }
                Ok((documents, _)) => {
                    let _ =
                        writeln!(out, "{documents} documents for {studies} studies in {}", folder.display());
                    ExitStatus::Ok
                }
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    ExitStatus::Usage
                }
            }
        }
        Command::Floor { input, threads } => match evtab_pipeline::floor::read_floor(&input, threads) {
            Ok(floor) => {
                let _ = writeln!(out, "{} files, {} bytes, {} lines", floor.files, floor.bytes, floor.lines);
                ExitStatus::Ok
            }
            Err(e) => {
                let _ = writeln!(err, "error: {e}");
                ExitStatus::Failure
            }
        },
        Command::Eval { truth, tables, dedup: true, .. } => {
            let scored = read_truths(&truth)
                .and_then(|truth| evtab_synth::score_dedup(&truth, &tables).map_err(|e| e.to_string()));
            match scored {
                Ok(scores) => {
                    let _ = writeln!(out, "{scores}");
                    ExitStatus::Ok
                }
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    ExitStatus::Usage
                }
            }
        }
        Command::Eval { truth, tables, examples, each_document, dedup: false } => {
            let scores = read_truths(&truth).and_then(|truth| {
                let studies = evtab_synth::score(&truth, &tables).map_err(|e| e.to_string())?;
                let documents = match &each_document {
                    Some(dir) => Some(evtab_synth::score_documents(&truth, dir).map_err(|e| e.to_string())?),
                    None => None,
                };
                Ok((studies, documents))
            });
            match scores {
                Ok((scores, documents)) => {
                    let _ = if examples { writeln!(out, "{scores:#}") } else { writeln!(out, "{scores}") };
                    if let Some(documents) = documents {
                        let _ = writeln!(out, "{}", evtab_synth::render_format_scores(&documents));
                    }
                    ExitStatus::Ok
                }
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    ExitStatus::Usage
                }
            }
        }
        Command::Check { pipeline, vocab, codebook, overrides } => {
            match check(pipeline.as_deref(), vocab.as_ref(), codebook.as_ref(), overrides.as_ref()) {
                Ok(lines) => {
                    for line in lines {
                        let _ = writeln!(out, "{line}");
                    }
                    ExitStatus::Ok
                }
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    ExitStatus::Usage
                }
            }
        }
        Command::Run(args) => {
            let settings = match args.settings() {
                Ok(s) => s,
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    return ExitStatus::Usage;
                }
            };
            let bar = progress_bar(!args.quiet);
            let result = run_with_progress(&settings, &BUILT_IN, &|| bar.inc(1));
            bar.finish_and_clear();
            match result {
                Ok(summary) => {
                    if args.timings {
                        let t = summary.times;
                        let _ = writeln!(
                            err,
                            "timings: ingest {:.3} s, link {:.3} s, report {:.3} s (of the ingest, reading and parsing {:.3} s)",
                            t.ingest.as_secs_f64(),
                            t.link.as_secs_f64(),
                            t.report.as_secs_f64(),
                            t.reading.as_secs_f64()
                        );
                    }
                    if !args.quiet {
                        let _ = write!(out, "{}", render_summary(&summary));
                    }
                    if summary.rejected > 0 { ExitStatus::SomeRejected } else { ExitStatus::Ok }
                }
                Err(e) if e.is_refusal() => {
                    let _ = writeln!(err, "error: {e}");
                    ExitStatus::Usage
                }
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    ExitStatus::Failure
                }
            }
        }
    }
}

/// Validates everything a run would read, without reading documents, and
/// says where each data file comes from.
fn check(
    pipeline: Option<&std::path::Path>,
    vocab: Option<&PathBuf>,
    codebook: Option<&PathBuf>,
    overrides: Option<&PathBuf>,
) -> Result<Vec<String>, evtab_pipeline::ConfigError> {
    let mut settings = match pipeline {
        Some(path) => RunSettings::from_pipeline_file(path)?,
        None => RunSettings::new(".", "."),
    };
    apply_paths(&mut settings, vocab, codebook, overrides);
    settings.check()?;
    let loaded = Vocabularies::load(&settings, &BUILT_IN)?;
    let mut lines = Vec::new();
    match pipeline {
        Some(path) => {
            lines.push(format!("ok  pipeline      {}", path.display()));
            lines.push(format!("ok  input         {}", settings.input.display()));
        }
        None => lines.push("--  pipeline      none: the built-in defaults".to_string()),
    }
    for (file, origin) in &loaded.origins {
        lines.push(format!("ok  {file:<28} {origin}"));
    }
    lines.push(format!("ok  codebook      {} synthesis themes", loaded.codebook.themes.len()));
    match &settings.overrides {
        Some(path) => {
            let overrides = evtab_pipeline::overrides::read_overrides(path)?;
            lines.push(format!("ok  overrides     {} ({} corrections)", path.display(), overrides.len()));
        }
        None => lines.push("--  overrides     none".to_string()),
    }
    Ok(lines)
}

/// The one-screen summary printed after a run.
pub(crate) fn render_summary(summary: &RunSummary) -> String {
    let mut s = String::new();
    let total: usize = summary.documents.values().sum();
    s.push_str(&format!("documents read: {total}\n"));
    for ((format, status), n) in &summary.documents {
        s.push_str(&format!("  {format:<16} {status:<9} {n}\n"));
    }
    s.push_str(&format!("studies: {}\n", summary.studies));
    let flags: Vec<String> = summary.flags.iter().map(|(sev, n)| format!("{sev} {n}")).collect();
    s.push_str(&format!("flags: {}\n", if flags.is_empty() { "none".to_string() } else { flags.join(", ") }));
    if summary.rejected > 0 {
        s.push_str(&format!("rejected documents: {} (reasons in sources.csv)\n", summary.rejected));
    }
    s.push_str(&format!("tables: {}\n", summary.output.display()));
    s
}

/// The studies of several truth files, in order.
fn read_truths(paths: &[PathBuf]) -> Result<Vec<evtab_synth::TruthStudy>, String> {
    let files = paths
        .iter()
        .map(|path| {
            let text = evtab_pipeline::read_to_string(path).map_err(|e| e.to_string())?;
            evtab_synth::read_truth(&text).map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(files.concat())
}
