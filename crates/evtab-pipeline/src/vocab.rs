//! The data files of a run — vocabularies, platform layouts, vendored
//! reference data and the codebook — from folders or built in.
//!
//! A program that embeds evtab compiles the data files of `pipelines/`
//! into itself ([`BuiltIn`]), so it works from any directory. A reviewer's
//! vocabulary folder (`--vocab`) or formats folder (`--formats`) overrides
//! them file by file: a folder that holds only `participant_categories.toml`
//! changes the categories and keeps every other built-in list, and a
//! formats folder may add the layout of a new platform.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use evtab_context::{ContextVocab, VendoredPlaces};
use evtab_ingest::Layouts;
use evtab_normalise::{JournalCatalogue, ReferenceLists};
use evtab_participants::ParticipantVocab;
use evtab_themes::Codebook;

use crate::config::{ConfigError, RunSettings, read_to_string};

/// Data files compiled into the program.
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    /// Every data file a run reads, by its path under `pipelines/`
    /// (`vocab/journals.toml`, `formats/vufind.toml`, `vendor/…`).
    pub files: &'static [(&'static str, &'static str)],
    /// The default synthesis codebook: file name and text.
    pub codebook: (&'static str, &'static str),
}

/// Where one data file of a run came from, for `evtab check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the program.
    BuiltIn,
    /// Read from this file.
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("built-in"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Vocabularies, layouts and codebook, loaded once per run.
pub struct Vocabularies {
    /// Journal titles and LTWA rules.
    pub journals: JournalCatalogue,
    /// Participant categories and the words that mark who took part.
    pub participants: ParticipantVocab,
    /// Gazetteer and study-context vocabularies.
    pub context: ContextVocab,
    /// Platform layouts for reading pages.
    pub layouts: Layouts,
    /// The synthesis codebook.
    pub codebook: Codebook,
    /// Where each file came from (path under `pipelines/`, origin), then the codebook.
    pub origins: Vec<(String, Origin)>,
}

/// One data file's text and where it came from.
struct Source {
    text: std::borrow::Cow<'static, str>,
    origin: Origin,
}

/// The run's data files, each from its override folder or built in.
struct DataFiles<'a> {
    settings: &'a RunSettings,
    built_in: &'a BuiltIn,
    origins: Vec<(String, Origin)>,
}

impl DataFiles<'_> {
    /// The folder that overrides files under `prefix/`, if the run names one.
    fn folder(&self, prefix: &str) -> Option<&Path> {
        match prefix {
            "vocab" => self.settings.vocab.as_deref(),
            "formats" => self.settings.formats.as_deref(),
            _ => None,
        }
    }

    fn get(&mut self, path: &str) -> Result<Source, ConfigError> {
        let (prefix, rest) = path.split_once('/').unwrap_or(("", path));
        if let Some(dir) = self.folder(prefix) {
            let file = dir.join(rest);
            if file.is_file() {
                let text = read_to_string(&file)?;
                self.origins.push((path.to_string(), Origin::File(file.clone())));
                return Ok(Source { text: text.into(), origin: Origin::File(file) });
            }
        }
        let text =
            self.built_in.files.iter().find(|(name, _)| *name == path).map(|(_, text)| *text).ok_or_else(
                || ConfigError::Missing { what: "built-in data file", path: PathBuf::from(path) },
            )?;
        self.origins.push((path.to_string(), Origin::BuiltIn));
        Ok(Source { text: text.into(), origin: Origin::BuiltIn })
    }

    /// Every file under `prefix/` with the extension: the built-in ones
    /// and any more in the override folder (a new platform's layout).
    fn all_under(&mut self, prefix: &str) -> Result<BTreeMap<String, Source>, ConfigError> {
        let mut names: Vec<String> = self
            .built_in
            .files
            .iter()
            .filter_map(|(name, _)| name.strip_prefix(&format!("{prefix}/")).map(str::to_string))
            .collect();
        if let Some(dir) = self.folder(prefix) {
            for sub in ["", "labels"] {
                let Ok(listing) = std::fs::read_dir(dir.join(sub)) else { continue };
                for entry in listing.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.ends_with(".toml") && entry.path().is_file() {
                        names.push(if sub.is_empty() { name } else { format!("{sub}/{name}") });
                    }
                }
            }
        }
        names.sort();
        names.dedup();
        let mut out = BTreeMap::new();
        for name in names {
            let source = self.get(&format!("{prefix}/{name}"))?;
            out.insert(name, source);
        }
        Ok(out)
    }
}

fn invalid(source: &Source, path: &str, message: String) -> ConfigError {
    match &source.origin {
        Origin::File(file) => ConfigError::Invalid { path: file.clone(), message },
        Origin::BuiltIn => ConfigError::Rejected { message: format!("built-in {path}: {message}") },
    }
}

impl Vocabularies {
    /// Loads every data file and the codebook: each from the run's folder
    /// or file where it names one, else the built-in one.
    pub fn load(settings: &RunSettings, built_in: &BuiltIn) -> Result<Self, ConfigError> {
        let mut files = DataFiles { settings, built_in, origins: Vec::new() };
        let journals_src = files.get("vocab/journals.toml")?;
        let (nlm, iso4, ltwa) = (
            files.get("vendor/jabref/journals_nlm.tsv")?,
            files.get("vendor/jabref/journals_iso4.tsv")?,
            files.get("vendor/ltwa/ltwa.tsv")?,
        );
        let lists = ReferenceLists { nlm: &nlm.text, iso4: &iso4.text, ltwa: &ltwa.text };
        let journals = JournalCatalogue::load(&journals_src.text, lists)
            .map_err(|e| invalid(&journals_src, "vocab/journals.toml", e.to_string()))?;
        let participants_src = files.get("vocab/participant_categories.toml")?;
        let participants = ParticipantVocab::from_toml_str(&participants_src.text)
            .map_err(|e| invalid(&participants_src, "vocab/participant_categories.toml", e.to_string()))?;
        let (gazetteer_src, context_src) =
            (files.get("vocab/gazetteer.toml")?, files.get("vocab/study_context.toml")?);
        let (countries, subdivisions, cities) = (
            files.get("vendor/gazetteer/countries.tsv")?,
            files.get("vendor/gazetteer/subdivisions.tsv")?,
            files.get("vendor/gazetteer/cities.tsv")?,
        );
        let places = VendoredPlaces {
            countries: &countries.text,
            subdivisions: &subdivisions.text,
            cities: &cities.text,
        };
        let context = ContextVocab::from_sources(&gazetteer_src.text, &context_src.text, Some(places))
            .map_err(|e| ConfigError::Rejected {
                message: format!("vocab/gazetteer.toml / vocab/study_context.toml: {e}"),
            })?;
        let formats = files.all_under("formats")?;
        let layout_files: Vec<(&str, &str)> =
            formats.iter().map(|(name, s)| (name.as_str(), s.text.as_ref())).collect();
        let layouts = Layouts::from_toml_files(&layout_files).map_err(|e| {
            let source = formats.get(&e.file);
            match source.map(|s| &s.origin) {
                Some(Origin::File(path)) => {
                    ConfigError::Invalid { path: path.clone(), message: e.message.clone() }
                }
                _ => ConfigError::Rejected { message: format!("built-in formats/{e}") },
            }
        })?;
        let codebook_src = match &settings.codebook {
            Some(path) => Source { text: read_to_string(path)?.into(), origin: Origin::File(path.clone()) },
            None => Source { text: built_in.codebook.1.into(), origin: Origin::BuiltIn },
        };
        let codebook_name = match &codebook_src.origin {
            Origin::File(path) => path.display().to_string(),
            Origin::BuiltIn => format!("built-in {}", built_in.codebook.0),
        };
        let codebook = Codebook::parse(&codebook_src.text, &codebook_name)
            .map_err(|e| ConfigError::Rejected { message: e.to_string() })?;
        let mut origins = files.origins;
        origins.push((built_in.codebook.0.to_string(), codebook_src.origin));
        Ok(Vocabularies { journals, participants, context, layouts, codebook, origins })
    }
}
