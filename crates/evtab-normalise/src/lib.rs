//! Normalise: bibliographic values to canonical forms, and records of the
//! same study linked and merged into one [`evtab_model::Study`].
//!
//! This is the intermediate layer. It owns names, DOIs, dates, journal
//! titles and languages; deciding which documents are one study; and which
//! source's value wins for each field. It never reads files: vocabularies
//! arrive as strings, documents as parsed records.
//!
//! Key decision: a merge never resolves disagreement silently. Every
//! candidate value becomes a provenance row and disagreement a `conflict`
//! flag; near-miss links become `possible_duplicate` flags.
#![deny(missing_docs)]

mod date;
mod doi;
mod field_value;
mod journal;
mod language;
mod link;
mod merge;
mod names;
mod study_id;

/// The strings under `key` of a word-list file of `pipelines/vocab/`
/// compiled into the binary (`file` names it in the panic a unit test
/// would have caught first).
pub(crate) fn compiled_words(text: &str, file: &str, key: &str) -> Vec<String> {
    let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let words =
        table.get(key).and_then(toml::Value::as_array).unwrap_or_else(|| panic!("{file}: no list `{key}`"));
    words
        .iter()
        .map(|w| w.as_str().unwrap_or_else(|| panic!("{file}: `{key}` holds a non-string")).to_string())
        .collect()
}

pub use date::{PartialDate, find_date, parse_date};
pub use doi::normalise_doi;
pub use field_value::normalise_field;
pub use journal::{JournalCatalogue, ReferenceLists, VocabError, abbrev_key, title_case, title_key};
pub use language::iso639_1;
pub use link::{LinkKeys, Linkage, NearMiss, link_studies};
pub use merge::{CorpusJournals, MergeContext, MergedStudy, merge_study, precedence};
pub use names::{parse_author, vancouver};
pub use study_id::{assign_study_ids, base_study_id};
