//! Study context (issue 5): where a study took place (country, city), its
//! care setting and population, design, data collection, analysis, data
//! collection period, stated aim, funders and licence.
//!
//! [`extract_context`] reads one parsed document and returns every candidate
//! value with the line and rule it came from; [`reconcile_context`] merges the
//! candidates of all documents of a study into `studies.csv` values, one
//! provenance row per candidate and a `conflict` flag where documents (or the
//! abstract and the Methods of one document) disagree. Only text that
//! describes the study counts: the title, the abstract, the Methods, and
//! sentences of other sections that speak of "this study"; affiliations,
//! funders and back matter never give the setting. All place names, terms and
//! cue phrases come from the data files read by [`ContextVocab`].
#![deny(missing_docs)]

mod aim;
mod folded;
mod funding;
mod period;
mod phrases;
mod place;
mod reconcile;
mod terms;
mod units;
mod vendored;
mod vocab;

use evtab_model::{Flag, SourceRecord, StudyField};

pub use reconcile::{StudyContext, reconcile_context};
pub use vendored::VendoredPlaces;
pub use vocab::{ContextVocab, VocabError};

/// One candidate value for a study field, read from one place in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextValue {
    /// The `studies.csv` column (one of [`StudyField::CONTEXT`]).
    pub field: StudyField,
    /// The value as it would be written (one item for multi-valued columns).
    pub value: String,
    /// The document.
    pub doc_id: String,
    /// 1-based line of the sentence or field it was read from.
    pub line: u32,
    /// The rule that produced it (`place:methods:stated`, `period:abstract:from_to`).
    pub rule: String,
    /// How precise the value is, compared within a field: periods 1 = year,
    /// 2 = month, 3 = day; places 1 = country, 2 = region, 3 = city; designs
    /// the number of design terms; aims the strength of the aim cue;
    /// analyses 2 = a named approach, 1 = a qualifier such as inductive coding.
    pub precision: u8,
    /// Weight of the evidence behind it (higher = stated more often, in
    /// better places), for choosing between documents.
    pub score: u32,
}

/// Everything one document says about its study's context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocContext {
    /// The document.
    pub doc_id: String,
    /// Candidate values, grouped by field in [`CONTEXT_FIELDS`] order.
    pub values: Vec<ContextValue>,
    /// Problems met in this document alone (an ambiguous city nothing resolves).
    pub flags: Vec<Flag>,
}

/// Reads the study context of one document.
///
/// The title (`record.first(Field::Title)`) counts as setting evidence
/// (`... in Riverton, Canada`); so do the abstract, the Methods, keyword and
/// country fields, and sentences elsewhere that speak of the study itself.
pub fn extract_context(record: &SourceRecord, vocab: &ContextVocab) -> DocContext {
    let sentences = units::sentences(record, vocab);
    let doc_id = record.doc_id.as_str();
    let mut values = Vec::new();
    let mut flags = Vec::new();
    let (place_values, place_flags) = place::extract(doc_id, &sentences, vocab);
    values.extend(place_values);
    flags.extend(place_flags);
    values.extend(terms::extract_labelled(doc_id, &sentences, &vocab.setting, terms::Kind::Setting));
    values.extend(terms::extract_labelled(doc_id, &sentences, &vocab.population, terms::Kind::Population));
    values.extend(aim::extract(doc_id, &sentences, vocab));
    values.extend(terms::extract_design(doc_id, &sentences, vocab));
    values.extend(terms::extract_labelled(
        doc_id,
        &sentences,
        &vocab.data_collection,
        terms::Kind::DataCollection,
    ));
    values.extend(terms::extract_labelled(doc_id, &sentences, &vocab.analysis, terms::Kind::Analysis));
    values.extend(period::extract(doc_id, &sentences, vocab));
    values.extend(funding::extract_funding(doc_id, &sentences, vocab));
    values.extend(funding::extract_license(doc_id, &sentences, vocab));
    values.sort_by_key(|v| v.field);
    DocContext { doc_id: doc_id.to_string(), values, flags }
}

#[cfg(test)]
mod tests;
