//! The vocabularies and codebook of a run, from a folder or built in.
//!
//! A program that embeds evtab compiles the data files of `pipelines/`
//! into itself ([`BuiltIn`]), so it works from any directory. A reviewer's
//! vocabulary folder overrides them file by file: a folder that holds only
//! `participant_categories.toml` changes the categories and keeps every
//! other built-in list.

use std::path::PathBuf;

use evtab_context::ContextVocab;
use evtab_normalise::JournalCatalogue;
use evtab_participants::ParticipantVocab;
use evtab_themes::Codebook;

use crate::config::{ConfigError, RunSettings, read_to_string};

/// The vocabulary files a run reads, by their path inside the vocabulary folder.
pub const VOCAB_FILES: [&str; 5] =
    ["journals.toml", "ltwa.toml", "participant_categories.toml", "gazetteer.toml", "study_context.toml"];

/// Data files compiled into the program.
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    /// Each vocabulary file of [`VOCAB_FILES`] with its text.
    pub vocab: &'static [(&'static str, &'static str)],
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

/// Vocabularies and codebook, loaded once per run.
pub struct Vocabularies {
    /// Journal titles and LTWA rules.
    pub journals: JournalCatalogue,
    /// Participant categories and the words that mark who took part.
    pub participants: ParticipantVocab,
    /// Gazetteer and study-context vocabularies.
    pub context: ContextVocab,
    /// The synthesis codebook.
    pub codebook: Codebook,
    /// Where each file came from: every vocabulary file, then the codebook.
    pub origins: Vec<(String, Origin)>,
}

/// One data file's text and where it came from.
struct Source {
    text: std::borrow::Cow<'static, str>,
    origin: Origin,
}

impl Source {
    /// The name a message gives the file.
    fn name(&self, file: &str) -> String {
        match &self.origin {
            Origin::BuiltIn => format!("built-in {file}"),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

fn vocab_file(settings: &RunSettings, built_in: &BuiltIn, file: &str) -> Result<Source, ConfigError> {
    if let Some(dir) = &settings.vocab {
        let path = dir.join(file);
        if path.is_file() {
            return Ok(Source { text: read_to_string(&path)?.into(), origin: Origin::File(path) });
        }
    }
    let text = built_in
        .vocab
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| *text)
        .ok_or_else(|| ConfigError::Missing { what: "built-in vocabulary", path: PathBuf::from(file) })?;
    Ok(Source { text: text.into(), origin: Origin::BuiltIn })
}

impl Vocabularies {
    /// Loads every vocabulary file and the codebook: each from the run's
    /// folder or file where it names one, else the built-in one.
    pub fn load(settings: &RunSettings, built_in: &BuiltIn) -> Result<Self, ConfigError> {
        let get = |file: &str| vocab_file(settings, built_in, file);
        let invalid = |source: &Source, file: &str, message: String| match &source.origin {
            Origin::File(path) => ConfigError::Invalid { path: path.clone(), message },
            Origin::BuiltIn => ConfigError::Rejected { message: format!("built-in {file}: {message}") },
        };
        let (journals_src, ltwa_src) = (get("journals.toml")?, get("ltwa.toml")?);
        let journals = JournalCatalogue::from_toml_strs(&journals_src.text, &ltwa_src.text)
            .map_err(|e| invalid(&journals_src, "journals.toml", e.to_string()))?;
        let participants_src = get("participant_categories.toml")?;
        let participants = ParticipantVocab::from_toml_str(&participants_src.text)
            .map_err(|e| invalid(&participants_src, "participant_categories.toml", e.to_string()))?;
        let (gazetteer_src, context_src) = (get("gazetteer.toml")?, get("study_context.toml")?);
        let context = ContextVocab::from_toml_strs(&gazetteer_src.text, &context_src.text).map_err(|e| {
            ConfigError::Rejected {
                message: format!(
                    "{} / {}: {e}",
                    gazetteer_src.name("gazetteer.toml"),
                    context_src.name("study_context.toml")
                ),
            }
        })?;
        let codebook_src = match &settings.codebook {
            Some(path) => Source { text: read_to_string(path)?.into(), origin: Origin::File(path.clone()) },
            None => Source { text: built_in.codebook.1.into(), origin: Origin::BuiltIn },
        };
        let codebook = Codebook::parse(&codebook_src.text, &codebook_src.name(built_in.codebook.0))
            .map_err(|e| ConfigError::Rejected { message: e.to_string() })?;
        let origins = [
            ("journals.toml", journals_src.origin),
            ("ltwa.toml", ltwa_src.origin),
            ("participant_categories.toml", participants_src.origin),
            ("gazetteer.toml", gazetteer_src.origin),
            ("study_context.toml", context_src.origin),
            (built_in.codebook.0, codebook_src.origin),
        ]
        .into_iter()
        .map(|(name, origin)| (name.to_string(), origin))
        .collect();
        Ok(Vocabularies { journals, participants, context, codebook, origins })
    }
}
