//! Participant extraction (issue 3): the total number of participants and
//! each participant group (with its size where stated, its category and how
//! it took part), read from the sentences of a study's abstracts and
//! Methods/Results sections, each traceable to its sentence.
//!
//! [`extract_participants`] reads one document: abbreviations the document
//! defines are written out first (Schwartz–Hearst, see
//! [`evtab_text::abbreviation_definitions`]); every sentence of an abstract,
//! Methods or Results passage is read for a list of groups and a total; per
//! document part (abstract, body) the sentence with the most stated group
//! sizes gives the groups. [`reconcile_participants`] merges the documents of
//! one study into one set of groups, flagging disagreements and group sizes
//! that do not add up to the total. Categories come from a vocabulary data
//! file ([`ParticipantVocab`]); a group no term matches is `other` and flagged.

mod expand;
mod extract;
mod grammar;
mod reading;
mod reconcile;
mod tokens;
mod vocab;

use evtab_model::{Flag, ParticipantGroup, Provenance};

pub use extract::extract_participants;
pub use reconcile::reconcile_participants;
pub use vocab::{Category, ParticipantVocab, VocabError};

/// A total number of participants as one document part states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedTotal {
    /// The number of participants.
    pub n: u32,
    /// The document it was read from.
    pub doc_id: String,
    /// 1-based line of the sentence.
    pub line: u32,
    /// The sentence, as printed (whitespace collapsed).
    pub evidence: String,
    /// The rule that read it (`participants:total_sentence`, `participants:n_equals`,
    /// `participants:total_of`, `participants:interview_count`).
    pub rule: String,
}

/// A participant group with the rule that read its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedGroup {
    /// The group, ready for `participants.csv` (study id is added by the caller).
    pub group: ParticipantGroup,
    /// `participants:group_count` (`6 nurses`), `participants:group_singular`
    /// (`a peer worker`), `participants:group_n_equals` (`nurses (n = 6)`),
    /// `participants:interview_count` (`Five interviews with ...`) or
    /// `participants:group_named` (no size stated).
    pub rule: String,
}

/// What one part of a document (its abstract, or its body) says about who took part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceParticipants {
    /// The document.
    pub doc_id: String,
    /// Whether this is the abstract (any format) rather than the body of a full text.
    pub in_abstract: bool,
    /// The total, where stated.
    pub total: Option<StatedTotal>,
    /// The groups, in the order the text lists them.
    pub groups: Vec<ExtractedGroup>,
}

/// What one document says about who took part: its abstract and body read
/// separately (`sources`) and reconciled (`total`, `groups`, `flags`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocParticipants {
    /// The document.
    pub doc_id: String,
    /// The total, where stated (abstract first when parts disagree).
    pub total: Option<StatedTotal>,
    /// The reconciled groups.
    pub groups: Vec<ParticipantGroup>,
    /// Disagreements within the document, unknown groups, sums that do not add up.
    pub flags: Vec<Flag>,
    /// The abstract and body readings this was reconciled from.
    pub sources: Vec<SourceParticipants>,
}

/// The participants of one study, reconciled over all of its documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyParticipants {
    /// `studies.n_participants`: the stated total, never derived from group sizes.
    pub total: Option<u32>,
    /// `participants.csv` rows (study id left empty for the caller).
    pub groups: Vec<ParticipantGroup>,
    /// `n_participants` rows for every stated total and `participants` rows
    /// for every group (study id left empty for the caller).
    pub provenance: Vec<Provenance>,
    /// Conflicts, sum mismatches and unknown groups (study id left empty).
    pub flags: Vec<Flag>,
}
