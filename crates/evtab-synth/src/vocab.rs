//! The generator's vocabulary: a data file (`pipelines/synth/vocab.toml`),
//! so that no name, title or number of a generated study is written in code.

use serde::Deserialize;

/// Why a vocabulary file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SynthVocabError {
    /// TOML syntax or shape error (toml's message names line and column).
    #[error("synth vocabulary: {0}")]
    Toml(String),
    /// A list the generator draws from is empty, or a value is out of range.
    #[error("synth vocabulary: {0}")]
    Invalid(String),
}

/// Everything the generator draws from. Built only by [`SynthVocab::from_toml_str`],
/// which checks that every list it draws from has an item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynthVocab {
    pub(crate) corpus: CorpusMix,
    pub(crate) names: Names,
    pub(crate) titles: Titles,
    #[serde(rename = "journal")]
    pub(crate) journals: Vec<Journal>,
    pub(crate) references: References,
    #[serde(rename = "place")]
    pub(crate) places: Vec<Place>,
    #[serde(rename = "group")]
    pub(crate) groups: Vec<GroupTerm>,
    pub(crate) themes: Themes,
    pub(crate) text: Text,
    pub(crate) chrome: Chrome,
    pub(crate) exports: ExportMix,
}

/// The mix of an export corpus (`evtab synth --exports`).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExportMix {
    /// Share of studies exported twice, in two formats.
    pub(crate) copy_share: f64,
    /// Share of those second copies that lack the DOI.
    pub(crate) copy_without_doi_share: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CorpusMix {
    pub(crate) documents_per_study: Vec<u32>,
    pub(crate) years: [i32; 2],
    pub(crate) setting_share: f64,
    pub(crate) setting_in_abstract_share: f64,
    pub(crate) title_place_share: f64,
    pub(crate) shared_title_share: f64,
    pub(crate) no_participants_share: f64,
    pub(crate) no_themes_share: f64,
    pub(crate) running_header_share: f64,
    pub(crate) ascii_quotes_share: f64,
    pub(crate) cite_corpus_share: f64,
    pub(crate) page_break_share: f64,
    pub(crate) trap_place_share: f64,
    pub(crate) formats: PerFormat<u32>,
    pub(crate) doi_stated: PerFormat<f64>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PerFormat<T> {
    pub(crate) dspace: T,
    pub(crate) fulltext: T,
    pub(crate) pure: T,
    pub(crate) aggregator_json: T,
    pub(crate) vufind: T,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Names {
    pub(crate) given: Vec<String>,
    pub(crate) family: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Titles {
    pub(crate) templates: Vec<String>,
    pub(crate) place_templates: Vec<String>,
    pub(crate) role: Vec<String>,
    pub(crate) metaphor: Vec<String>,
    pub(crate) design: Vec<String>,
    pub(crate) setting: Vec<String>,
    pub(crate) population: Vec<String>,
    pub(crate) concept: Vec<String>,
    pub(crate) quote: Vec<String>,
    pub(crate) verb: Vec<String>,
    pub(crate) from: Vec<String>,
    pub(crate) to: Vec<String>,
}

/// A journal of the generated studies.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Journal {
    pub(crate) title: String,
    pub(crate) abbrev: String,
    pub(crate) publisher: String,
    pub(crate) issn: String,
    pub(crate) doi: String,
    pub(crate) pages: PageStyle,
    pub(crate) impact: String,
    pub(crate) jcr: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum PageStyle {
    Article,
    Range,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct References {
    pub(crate) journals: Vec<String>,
    pub(crate) topics: Vec<String>,
    pub(crate) books: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Place {
    pub(crate) city: String,
    pub(crate) subdivision: String,
    pub(crate) country: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GroupTerm {
    pub(crate) category: String,
    pub(crate) singular: String,
    pub(crate) plural: String,
    #[serde(default)]
    pub(crate) qualifiers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Themes {
    pub(crate) labels: Vec<String>,
    pub(crate) domains: Vec<String>,
    pub(crate) findings: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Text {
    pub(crate) background: Vec<String>,
    pub(crate) aims: Vec<String>,
    pub(crate) data_collection: Vec<String>,
    pub(crate) analysis: Vec<String>,
    pub(crate) designs: Vec<String>,
    pub(crate) conclusions: Vec<String>,
    pub(crate) body: Vec<String>,
    pub(crate) quotes: Vec<String>,
    pub(crate) speakers: Vec<String>,
    pub(crate) discussion: Vec<String>,
    pub(crate) limitations: Vec<String>,
    pub(crate) trap_places: Vec<String>,
    pub(crate) funders: Vec<String>,
    pub(crate) departments: Vec<String>,
    pub(crate) keywords: Vec<String>,
    pub(crate) mesh: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Chrome {
    pub(crate) dspace_tail: Vec<String>,
    pub(crate) fulltext_badges: Vec<String>,
    pub(crate) fulltext_tail: Vec<String>,
    pub(crate) pure_tail: Vec<String>,
    pub(crate) aggregator_tail: Vec<String>,
    pub(crate) vufind: Vec<VufindLabels>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VufindLabels {
    pub(crate) loading: String,
    pub(crate) full_description: String,
    pub(crate) details: String,
    pub(crate) main_authors: String,
    pub(crate) format: String,
    pub(crate) language: String,
    pub(crate) published: String,
    pub(crate) subjects: String,
    pub(crate) online_access: String,
}

/// The categories of `participants.csv` (tables.md).
pub(crate) const CATEGORIES: &[&str] = &[
    "patient_or_service_user",
    "healthcare_provider",
    "peer_worker",
    "employer_or_manager",
    "family_or_carer",
    "researcher",
    "other",
];

impl SynthVocab {
    /// Parses and checks a vocabulary file.
    pub fn from_toml_str(text: &str) -> Result<Self, SynthVocabError> {
        let vocab: SynthVocab = toml::from_str(text).map_err(|e| SynthVocabError::Toml(e.to_string()))?;
        vocab.check()?;
        Ok(vocab)
    }

    fn check(&self) -> Result<(), SynthVocabError> {
        let t = &self.titles;
        let x = &self.text;
        let lists: [(&str, usize); 41] = [
            ("names.given", self.names.given.len()),
            ("names.family", self.names.family.len()),
            ("titles.templates", t.templates.len()),
            ("titles.place_templates", t.place_templates.len()),
            ("titles.role", t.role.len()),
            ("titles.metaphor", t.metaphor.len()),
            ("titles.design", t.design.len()),
            ("titles.setting", t.setting.len()),
            ("titles.population", t.population.len()),
            ("titles.concept", t.concept.len()),
            ("titles.quote", t.quote.len()),
            ("titles.verb", t.verb.len()),
            ("titles.from", t.from.len()),
            ("titles.to", t.to.len()),
            ("journal", self.journals.len()),
            ("references.journals", self.references.journals.len()),
            ("references.topics", self.references.topics.len()),
            ("references.books", self.references.books.len()),
            ("place", self.places.len()),
            ("group", self.groups.len()),
            ("themes.labels", self.themes.labels.len()),
            ("themes.domains", self.themes.domains.len()),
            ("themes.findings", self.themes.findings.len()),
            ("text.background", x.background.len()),
            ("text.aims", x.aims.len()),
            ("text.data_collection", x.data_collection.len()),
            ("text.analysis", x.analysis.len()),
            ("text.designs", x.designs.len()),
            ("text.conclusions", x.conclusions.len()),
            ("text.body", x.body.len()),
            ("text.quotes", x.quotes.len()),
            ("text.speakers", x.speakers.len()),
            ("text.discussion", x.discussion.len()),
            ("text.limitations", x.limitations.len()),
            ("text.trap_places", x.trap_places.len()),
            ("text.funders", x.funders.len()),
            ("text.departments", x.departments.len()),
            ("text.keywords", x.keywords.len()),
            ("text.mesh", x.mesh.len()),
            ("chrome.fulltext_badges", self.chrome.fulltext_badges.len()),
            ("chrome.vufind", self.chrome.vufind.len()),
        ];
        if let Some((name, _)) = lists.iter().find(|(_, n)| *n == 0) {
            return Err(SynthVocabError::Invalid(format!("`{name}` is empty; the generator draws from it")));
        }
        // Distinct draws: up to six theme labels, four groups, eight authors.
        if self.themes.labels.len() < 6 || self.groups.len() < 4 || self.names.family.len() < 8 {
            return Err(SynthVocabError::Invalid(
                "`themes.labels` needs at least 6 labels, `group` 4 groups and `names.family` 8 names"
                    .to_string(),
            ));
        }
        let c = &self.corpus;
        if c.documents_per_study.iter().all(|w| *w == 0) || c.documents_per_study.len() > 5 {
            return Err(SynthVocabError::Invalid(
                "`corpus.documents_per_study` needs one to five weights, not all zero".to_string(),
            ));
        }
        let f = c.formats;
        if [f.dspace, f.fulltext, f.pure, f.aggregator_json, f.vufind].iter().filter(|w| **w > 0).count()
            < c.documents_per_study.len()
        {
            return Err(SynthVocabError::Invalid(
                "`corpus.formats` must allow as many formats as a study may have documents".to_string(),
            ));
        }
        if c.years[0] > c.years[1] || c.years[0] < 1900 {
            return Err(SynthVocabError::Invalid(
                "`corpus.years` must be [first, last] with first <= last".to_string(),
            ));
        }
        let d = c.doi_stated;
        let shares = [
            c.setting_share,
            c.setting_in_abstract_share,
            c.title_place_share,
            c.shared_title_share,
            c.no_participants_share,
            c.no_themes_share,
            c.running_header_share,
            c.ascii_quotes_share,
            c.cite_corpus_share,
            c.page_break_share,
            c.trap_place_share,
            d.dspace,
            d.fulltext,
            d.pure,
            d.aggregator_json,
            d.vufind,
        ];
        if shares.iter().any(|s| !(0.0..=1.0).contains(s)) {
            return Err(SynthVocabError::Invalid("shares in `[corpus]` must be between 0 and 1".to_string()));
        }
        let random = |p: &str| p.contains("{d}") || p.contains("{article}") || p.contains("{n");
        if let Some(j) = self.journals.iter().find(|j| !random(&j.doi)) {
            return Err(SynthVocabError::Invalid(format!(
                "journal `{}`: its doi pattern `{}` has no random part ({{nK}}, {{d}} or {{article}})",
                j.title, j.doi
            )));
        }
        if let Some(g) = self.groups.iter().find(|g| !CATEGORIES.contains(&g.category.as_str())) {
            return Err(SynthVocabError::Invalid(format!(
                "group `{}` has category `{}`, which is not a participants.csv category",
                g.plural, g.category
            )));
        }
        Ok(())
    }
}
