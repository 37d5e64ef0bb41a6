//! The ground truth of a generated corpus, in the shape of
//! `shared/spec/truth-format.md`.

use serde::{Deserialize, Serialize};

use crate::plan::{Format, Study};

/// One study as the documents state it. A fact no document states is `None`
/// (`null` in JSON), never a guess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TruthStudy {
    /// File names of every document that describes the study, sorted.
    pub docs: Vec<String>,
    /// Title as published.
    pub title: Option<String>,
    /// Family name of the first author, as printed (`O’Dwyer`, `van der Berg`).
    pub first_author_family: Option<String>,
    /// Number of authors.
    pub author_count: Option<u32>,
    /// Publication year.
    pub year: Option<i32>,
    /// Full journal title, when some document names the journal (in full or abbreviated).
    pub journal: Option<String>,
    /// The study's own DOI (lowercase), when some document prints it.
    pub doi: Option<String>,
    /// Country where the study took place, when some document says so.
    pub country: Option<String>,
    /// Total number of participants, when a document states a total.
    pub n_participants: Option<u32>,
    /// Participant groups as the documents print them.
    pub groups: Vec<TruthGroup>,
    /// Theme labels as written; empty when the study names no themes.
    pub themes: Vec<String>,
}

/// One participant group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TruthGroup {
    /// The group as printed.
    pub label: String,
    /// A `participants.csv` category.
    pub category: String,
    /// Its size, when stated.
    pub n: Option<u32>,
}

/// What the documents of a planned study state, as truth.
pub(crate) fn truth_of(study: &Study, journal_title: &str) -> TruthStudy {
    let mut docs: Vec<String> = study.docs.iter().map(|d| d.name.clone()).collect();
    docs.sort();
    let has_fulltext = study.docs.iter().any(|d| d.format == Format::Fulltext);
    let country = study.setting.as_ref().filter(|s| s.in_abstract || has_fulltext).map(|s| s.country.clone());
    let (groups, total) = match &study.participants {
        Some(p) => (
            p.groups
                .iter()
                .map(|g| TruthGroup { label: g.label.clone(), category: g.category.clone(), n: g.n })
                .collect(),
            p.total,
        ),
        None => (Vec::new(), None),
    };
    TruthStudy {
        docs,
        title: Some(study.title.clone()),
        first_author_family: study.authors.first().map(|a| a.family.clone()),
        author_count: u32::try_from(study.authors.len()).ok(),
        year: Some(study.year),
        journal: study.docs.iter().any(|d| d.states_journal()).then(|| journal_title.to_string()),
        doi: study.docs.iter().any(|d| d.doi).then(|| study.doi.to_lowercase()),
        country,
        n_participants: total,
        groups,
        themes: study.themes.clone(),
    }
}

/// Reads a `truth.json`.
pub fn read_truth(json: &str) -> Result<Vec<TruthStudy>, serde_json::Error> {
    serde_json::from_str(json)
}
