use serde::Serialize;

/// One author of a study, normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Author {
    /// Family name as printed (apostrophes and accents kept).
    pub family: String,
    /// Given name(s) as printed; empty when only initials are known.
    pub given: String,
    /// Initials without dots or spaces (`RL`, `AC` for `Andreea-Catalina`).
    pub initials: String,
    /// The string as it appeared in the source.
    pub raw: String,
}

impl Author {
    /// `Family Initials` (Vancouver style), or the family name alone when
    /// no initials are known.
    pub fn vancouver(&self) -> String {
        if self.initials.is_empty() {
            self.family.clone()
        } else {
            format!("{} {}", self.family, self.initials)
        }
    }
}

/// A linked study: one row of `studies.csv` plus its author list.
///
/// Every `Option` is `None` when no source states the value; the report
/// writes that as an empty cell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[allow(missing_docs)]
pub struct Study {
    pub study_id: String,
    pub title: Option<String>,
    pub authors: Vec<Author>,
    /// Only the first authors are known (every source cut its list short),
    /// so `author_count` is left empty rather than undercounted.
    pub authors_truncated: bool,
    pub year: Option<i32>,
    pub publication_date: Option<String>,
    pub journal: Option<String>,
    pub journal_abbrev: Option<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    pub doi: Option<String>,
    pub pmid: Option<String>,
    pub pmcid: Option<String>,
    pub issn: Option<String>,
    pub publisher: Option<String>,
    pub language: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub setting: Option<String>,
    pub population: Option<String>,
    pub aim: Option<String>,
    pub design: Option<String>,
    pub data_collection: Option<String>,
    pub analysis: Option<String>,
    pub collection_period: Option<String>,
    pub n_participants: Option<u32>,
    pub funding: Option<String>,
    pub license: Option<String>,
    /// Every input document merged into this study, sorted.
    pub doc_ids: Vec<String>,
}

/// Where one candidate value of a study field came from (`provenance.csv`).
/// It carries no study id: it is made while one study (or one document) is
/// being read, and the run files it under that study's id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Provenance {
    /// The `studies.csv` column (or side-table field) the value is for.
    pub field: String,
    /// The value, normalised as it would be written.
    pub value: String,
    /// The document it was read from.
    pub doc_id: String,
    /// 1-based line in that document.
    pub line: u32,
    /// The rule that produced it (`dspace:dc.title`, `fulltext:front_matter`, ...).
    pub rule: String,
}

/// How urgently a reviewer should look at a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Probably needs a reviewer's decision.
    Warning,
    /// A value is likely wrong or missing.
    Error,
}

impl Severity {
    /// Name used in `flags.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What kind of problem a flag reports (the `kind` column of `flags.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Sources disagree on a field.
    Conflict,
    /// Group counts do not add up to the total.
    SumMismatch,
    /// A required field is missing.
    Missing,
    /// A value was parsed with low confidence.
    Uncertain,
    /// Two documents look like one study but were not merged.
    PossibleDuplicate,
    /// Embedded metadata seems to describe another item than its page.
    Mismatch,
}

impl FlagKind {
    /// Name used in `flags.csv`.
    pub fn name(self) -> &'static str {
        match self {
            FlagKind::Conflict => "conflict",
            FlagKind::SumMismatch => "sum_mismatch",
            FlagKind::Missing => "missing",
            FlagKind::Uncertain => "uncertain",
            FlagKind::PossibleDuplicate => "possible_duplicate",
            FlagKind::Mismatch => "mismatch",
        }
    }
}

/// Something a reviewer should look at (`flags.csv`). Like [`Provenance`]
/// it carries no study id: the run files it under the study (or the
/// document's study) it was raised for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Flag {
    /// The field concerned.
    pub field: String,
    /// How urgent.
    pub severity: Severity,
    /// What kind.
    pub kind: FlagKind,
    /// A sentence a person understands, naming the documents involved.
    pub message: String,
}

/// One participant group of a study (`participants.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParticipantGroup {
    /// The group as reported (abbreviations expanded).
    pub group: String,
    /// Category from the participant vocabulary (`peer_worker`, ..., `other`).
    pub category: String,
    /// Group size, `None` when the study names the group but not its size.
    pub n: Option<u32>,
    /// How the group took part (`interview`, `survey`, ...) where stated.
    pub method: Option<String>,
    /// Document it was read from.
    pub doc_id: String,
    /// 1-based line of the evidence sentence.
    pub line: u32,
    /// The sentence it was read from.
    pub evidence: String,
}

/// Whether a study theme row is a named theme or a key finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeKind {
    /// The authors name it as a theme, category, domain or core concept.
    Theme,
    /// A key finding of a study that names no themes.
    Finding,
}

impl ThemeKind {
    /// Name used in `themes.csv`.
    pub fn name(self) -> &'static str {
        match self {
            ThemeKind::Theme => "theme",
            ThemeKind::Finding => "finding",
        }
    }
}

/// One theme or finding as a study reported it (`themes.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StudyTheme {
    /// Order in which the study lists it, from 1.
    pub theme_no: u32,
    /// Theme or finding.
    pub kind: ThemeKind,
    /// The author's label, as printed.
    pub theme: String,
    /// The domain or higher-order theme it sits under.
    pub parent: Option<String>,
    /// Document it was read from.
    pub doc_id: String,
    /// 1-based line of the evidence sentence.
    pub line: u32,
    /// The sentence it was read from.
    pub evidence: String,
}

/// One codebook match that supports a synthesis theme for a study
/// (`theme_evidence.csv`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ThemeEvidence {
    /// Codebook theme id.
    pub synthesis_theme: String,
    /// The study.
    pub study_id: String,
    /// The study theme or finding label that matched (empty when the match
    /// was in an evidence sentence rather than a label).
    pub study_theme: String,
    /// Document of the evidence.
    pub doc_id: String,
    /// The sentence that matched.
    pub evidence: String,
    /// The codebook term that matched.
    pub matched: String,
}
