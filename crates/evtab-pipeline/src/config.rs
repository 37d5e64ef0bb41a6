//! Pipeline files and the settings a run resolves them into.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// A pipeline file (`pipelines/<name>.toml`). Paths are relative to the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineFile {
    /// Name of the review.
    pub name: String,
    /// Folder of input documents.
    pub input: PathBuf,
    /// Folder the tables are written to.
    pub output: PathBuf,
    /// Folder of vocabulary files (default: the built-in vocabularies).
    #[serde(default)]
    pub vocab: Option<PathBuf>,
    /// Folder of platform layouts (default: the built-in ones).
    #[serde(default)]
    pub formats: Option<PathBuf>,
    /// Synthesis codebook (default: the built-in one).
    #[serde(default)]
    pub codebook: Option<PathBuf>,
    /// Reviewer overrides (default `<name>.overrides.csv` beside the file, when it exists).
    #[serde(default)]
    pub overrides: Option<PathBuf>,
    /// Largest document read, in bytes.
    #[serde(default)]
    pub max_document_bytes: Option<u64>,
}

/// Why the configuration cannot be used (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// Which file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A file is not valid.
    #[error("{path}: {message}")]
    Invalid {
        /// Which file.
        path: PathBuf,
        /// What is wrong (with line and column where known).
        message: String,
    },
    /// A data file was read but refused; the message names file, line and problem.
    #[error("{message}")]
    Rejected {
        /// The validator's message.
        message: String,
    },
    /// Something the run needs does not exist.
    #[error("{what} not found: {path}")]
    Missing {
        /// What it is.
        what: &'static str,
        /// Where it was looked for.
        path: PathBuf,
    },
}

/// Everything a run needs, resolved to absolute-or-cwd-relative paths.
#[derive(Debug, Clone)]
pub struct RunSettings {
    /// Folder of input documents.
    pub input: PathBuf,
    /// Folder the tables are written to.
    pub output: PathBuf,
    /// Folder of vocabulary files; a file it does not hold (or no folder)
    /// means the built-in one.
    pub vocab: Option<PathBuf>,
    /// Folder of platform layouts (`pipelines/formats`), likewise.
    pub formats: Option<PathBuf>,
    /// Synthesis codebook (`None`: the built-in one).
    pub codebook: Option<PathBuf>,
    /// Reviewer overrides, when there are any.
    pub overrides: Option<PathBuf>,
    /// Largest document read, in bytes.
    pub max_document_bytes: u64,
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
    /// Whether `records.parquet` is written beside the tables.
    pub emit_records: bool,
    /// Whether documents are linked into studies; without linking every
    /// document is its own study (to see what each document says alone).
    pub link: bool,
    /// Whether the run only deduplicates: records are read and linked, no
    /// content is extracted, and only the tables of the linking are
    /// written (`studies.csv`, `sources.csv` as the crosswalk, `flags.csv`).
    /// A search export's thousands of records are screened before anyone
    /// extracts from them.
    pub dedup_only: bool,
}

/// Reads a configuration or data file, naming it in the error.
pub fn read_to_string(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })
}

impl RunSettings {
    /// Settings for a folder of documents and a folder for the tables, with
    /// the built-in vocabularies and codebook.
    pub fn new(input: impl Into<PathBuf>, output: impl Into<PathBuf>) -> Self {
        RunSettings {
            input: input.into(),
            output: output.into(),
            vocab: None,
            formats: None,
            codebook: None,
            overrides: None,
            max_document_bytes: evtab_ingest::IngestLimits::default().max_document_bytes,
            threads: None,
            emit_records: false,
            link: true,
            dedup_only: false,
        }
    }

    /// Reads a pipeline file and resolves its paths against its folder.
    pub fn from_pipeline_file(path: &Path) -> Result<Self, ConfigError> {
        let text = read_to_string(path)?;
        let file: PipelineFile = toml::from_str(&text)
            .map_err(|e| ConfigError::Invalid { path: path.to_path_buf(), message: e.to_string() })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let mut settings = RunSettings::new(base.join(&file.input), base.join(&file.output));
        settings.vocab = file.vocab.map(|v| base.join(v));
        settings.formats = file.formats.map(|f| base.join(f));
        settings.codebook = file.codebook.map(|c| base.join(c));
        settings.overrides = match file.overrides {
            Some(o) => Some(base.join(o)),
            None => Some(base.join(format!("{}.overrides.csv", file.name))).filter(|p| p.is_file()),
        };
        if let Some(max) = file.max_document_bytes {
            settings.max_document_bytes = max;
        }
        settings.check()?;
        Ok(settings)
    }

    /// Checks that the input folder, vocabulary folder, codebook and
    /// overrides named exist.
    pub fn check(&self) -> Result<(), ConfigError> {
        if !self.input.is_dir() {
            return Err(ConfigError::Missing { what: "input folder", path: self.input.clone() });
        }
        if let Some(vocab) = &self.vocab
            && !vocab.is_dir()
        {
            return Err(ConfigError::Missing { what: "vocabulary folder", path: vocab.clone() });
        }
        if let Some(formats) = &self.formats
            && !formats.is_dir()
        {
            return Err(ConfigError::Missing { what: "formats folder", path: formats.clone() });
        }
        if let Some(codebook) = &self.codebook
            && !codebook.is_file()
        {
            return Err(ConfigError::Missing { what: "codebook", path: codebook.clone() });
        }
        if let Some(overrides) = &self.overrides
            && !overrides.is_file()
        {
            return Err(ConfigError::Missing { what: "overrides file", path: overrides.clone() });
        }
        Ok(())
    }
}
