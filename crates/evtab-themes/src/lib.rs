//! Themes of qualitative studies and the synthesis matrix built from them.
//!
//! [`extract_themes`] reads the themes a document's authors name (lists with a
//! count, numbered lists, domains with a core concept, Results subheadings) or,
//! when a study names none, its key finding statements. [`reconcile_themes`]
//! picks one document's list per study and turns the others into confirmations
//! or flags. [`Codebook`] is the reviewer-owned list of synthesis themes (a data
//! file, never code) and [`CodebookMatcher`] maps each study's themes onto it,
//! so that every `1` in the matrix is backed by the sentence that put it there.
#![deny(missing_docs)]

mod codebook;
mod extract;
mod findings;
mod folding;
mod list_sentence;
mod matcher;
mod reconcile;
mod wording;

pub use codebook::{Codebook, CodebookError, CodebookProblem, CodebookTheme};
pub use extract::extract_themes;
pub use matcher::CodebookMatcher;
pub use reconcile::reconcile_themes;

use evtab_model::{Flag, StudyTheme};

/// Where an evidence sentence sits, which decides how much it may prove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EvidenceSource {
    /// A results statement of the abstract (or a finding's follow-up sentence):
    /// the authors' own summary, strong enough to put a `1` in the matrix.
    Summary,
    /// A full-text paragraph under the Results subheading of a theme: it
    /// illustrates a theme (often with quotes), so it only adds evidence to a
    /// `1` that a label or summary already gave.
    Body,
}

/// One sentence that supports a study theme (or the study as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeSentence {
    /// The study theme or finding it belongs to, empty when it belongs to none.
    pub study_theme: String,
    /// Document it was read from.
    pub doc_id: String,
    /// 1-based line of the sentence.
    pub line: u32,
    /// The sentence as printed.
    pub text: String,
    /// Summary or body text.
    pub source: EvidenceSource,
}

/// What one document says about its study's themes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocThemes {
    /// The document.
    pub doc_id: String,
    /// Themes (or findings) in the order the document gives them.
    pub themes: Vec<StudyTheme>,
    /// How the themes were found: the abstract's list ranks above a list in
    /// the body, which ranks above Results subheadings, then findings.
    pub basis: ThemeBasis,
    /// Problems a reviewer should look at (`study_id` left empty).
    pub flags: Vec<Flag>,
    /// Sentences beyond the naming sentence that support the themes.
    pub evidence: Vec<ThemeSentence>,
}

/// How a document's theme rows were found, best first (used to choose which
/// document's list a study keeps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ThemeBasis {
    /// A theme list (or core concept) in the abstract.
    AbstractList,
    /// A theme list in the body's Results section.
    BodyList,
    /// The full text's Results subheadings, for lack of a list.
    ResultHeadings,
    /// Key finding statements of a study that names no themes.
    Findings,
    /// Nothing was found.
    Nothing,
}

/// The themes of one study after its documents are reconciled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StudyThemes {
    /// Theme or finding rows, numbered from 1 in the study's order.
    pub themes: Vec<StudyTheme>,
    /// Flags from every document plus disagreements between them.
    pub flags: Vec<Flag>,
    /// Supporting sentences from every document, attributed to the kept labels.
    pub evidence: Vec<ThemeSentence>,
}
