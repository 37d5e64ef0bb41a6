//! Generated corpora with a ground truth, and the scorer that measures the
//! pipeline's tables against it (issue 8).
//!
//! [`generate`] plans `N` synthetic studies from a vocabulary data file
//! ([`SynthVocab`], `pipelines/synth/vocab.toml`) and renders each as one to
//! three documents in the five source formats the pipeline reads, with the
//! page chrome, reference lists and missing DOIs of real captures. The
//! truth ([`TruthStudy`], `truth.json`) records what the documents state and
//! nothing else. [`score`] reads the pipeline's CSV tables and reports
//! linking precision/recall and per-field accuracy ([`Scores`] prints a table).
//!
//! Key decision: a seeded SplitMix64 generator and ordered collections only,
//! so the same seed gives the same bytes everywhere.
#![deny(missing_docs)]

mod exports;
mod plan;
mod render;
mod rng;
mod score;
mod truth;
mod vocab;
mod words;

use std::collections::BTreeSet;
use std::io;
use std::path::Path;

pub use score::{
    Dedup, FieldScore, FormatScore, Linking, Mismatch, ScoreError, Scores, SetScore, fold,
    render_format_scores, score, score_dedup, score_documents, themes_match,
};
pub use truth::{TruthGroup, TruthStudy, read_truth};
pub use vocab::{SynthVocab, SynthVocabError};

use plan::{Doc, FORMATS, Format, plan_study};
use rng::Rng;
use vocab::PageStyle;

/// A generated corpus: the documents and the truth about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corpus {
    /// `(file name, bytes)`, sorted by file name.
    pub documents: Vec<(String, Vec<u8>)>,
    /// One entry per study, in generation order.
    pub truth: Vec<TruthStudy>,
}

impl Corpus {
    /// `truth.json`: pretty-printed, with a final newline.
    pub fn truth_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(&self.truth).unwrap_or_else(|_| "[]".to_string());
        json.push('\n');
        json
    }
}

/// Salt for the stream that picks each study's documents (apart from its facts).
const DOCS_SALT: u64 = 0x5EED_D0C5;

/// Generates `studies` studies and their documents. The same seed and
/// vocabulary give the same bytes.
pub fn generate(studies: usize, seed: u64, vocab: &SynthVocab) -> Corpus {
    let mix = &vocab.corpus;
    let mut titles = BTreeSet::new();
    let mut dois = BTreeSet::new();
    let mut names = BTreeSet::new();
    let mut plans = Vec::with_capacity(studies);
    for i in 0..studies {
        let mut study = plan_study(i, seed, vocab, &mut titles, &mut dois);
        let mut rng = Rng::for_item(seed ^ DOCS_SALT, i as u64);
        let count = 1 + rng.weighted(&mix.documents_per_study);
        let f = mix.formats;
        let mut weights = [f.dspace, f.fulltext, f.pure, f.aggregator_json, f.vufind];
        let article_style = vocab.journals[study.journal].pages == PageStyle::Article;
        let study_country = study.setting.as_ref().map(|s| s.country.clone());
        for _ in 0..count {
            let k = rng.weighted(&weights);
            weights[k] = 0;
            let format = FORMATS[k];
            let name = loop {
                let candidate = format!("{}.txt", rng.hex(16));
                if names.insert(candidate.clone()) {
                    break candidate;
                }
            };
            let d = mix.doi_stated;
            let doi_share = match format {
                Format::Dspace => d.dspace,
                Format::Fulltext => d.fulltext,
                Format::Pure => d.pure,
                Format::AggregatorJson => d.aggregator_json,
                Format::Vufind => d.vufind,
            };
            let trap_place = rng.chance(mix.trap_place_share).then(|| {
                let k = rng.below(vocab.places.len());
                // Another country than the study's, so a wrong reading shows.
                (0..vocab.places.len())
                    .map(|o| (k + o) % vocab.places.len())
                    .find(|&p| Some(&vocab.places[p].country) != study_country.as_ref())
                    .unwrap_or(k)
            });
            study.docs.push(Doc {
                format,
                name,
                doi: rng.chance(doi_share),
                running_header: format == Format::Fulltext
                    && article_style
                    && rng.chance(mix.running_header_share),
                ascii: rng.chance(mix.ascii_quotes_share),
                page_break: rng.chance(mix.page_break_share),
                trap_place,
                symplectic: rng.chance(0.85),
                citation: rng.chance(0.8),
                labels: rng.below(vocab.chrome.vufind.len()),
                seed: rng.next_u64(),
            });
        }
        // Another study's title, by other authors: the linker must not merge them.
        if i > 0 && rng.chance(mix.shared_title_share) && !study.title_place {
            let j = rng.below(i);
            let other: &plan::Study = &plans[j];
            if !other.title_place {
                study.title = other.title.clone();
                let taken = other.authors.first().map(|a| a.family.clone());
                if let Some(first) = study.authors.first_mut()
                    && Some(&first.family) == taken.as_ref()
                {
                    let families = &vocab.names.family;
                    let k = families.iter().position(|f| Some(f) == taken.as_ref()).unwrap_or(0);
                    first.family = families[(k + 1) % families.len()].clone();
                }
            }
        }
        if studies > 1 && rng.chance(mix.cite_corpus_share) {
            for _ in 0..rng.range(1, 2) {
                let other = rng.below(studies);
                if other != i {
                    study.cites.push(other);
                }
            }
        }
        plans.push(study);
    }
    let mut documents: Vec<(String, Vec<u8>)> = plans
        .iter()
        .flat_map(|s| {
            s.docs.iter().map(|d| (d.name.clone(), render::render(s, d, &plans, vocab).into_bytes()))
        })
        .collect();
    documents.sort_by(|a, b| a.0.cmp(&b.0));
    let truth = plans.iter().map(|s| truth::truth_of(s, &vocab.journals[s.journal].title)).collect();
    Corpus { documents, truth }
}

/// Salt for the stream that picks an export study's shared title.
const TRAP_SALT: u64 = 0x71A9_5EED;

/// Generates `studies` studies as records of database and reference-manager
/// export files (RIS, MEDLINE, PubMed XML, EndNote XML, BibTeX, CSL-JSON,
/// Scopus CSV, Web of Science), one file per format; a share of studies is
/// exported twice, in two formats (the vocabulary's `[exports]`). A
/// document id is `<file>#<n>`, as the pipeline names export records.
pub fn generate_exports(studies: usize, seed: u64, vocab: &SynthVocab) -> Corpus {
    let mut titles = BTreeSet::new();
    let mut dois = BTreeSet::new();
    let mut plans: Vec<plan::Study> = Vec::with_capacity(studies);
    for i in 0..studies {
        let mut study = plan_study(i, seed, vocab, &mut titles, &mut dois);
        // Another study's title, by another first author: two records the
        // linker must keep apart although no DOI may tell them apart.
        let mut rng = Rng::for_item(seed ^ TRAP_SALT, i as u64);
        if i > 0 && rng.chance(vocab.corpus.shared_title_share) {
            let other = &plans[rng.below(i)];
            let taken = other.authors.first().map(|a| a.family.clone());
            study.title = other.title.clone();
            if let Some(first) = study.authors.first_mut()
                && Some(&first.family) == taken.as_ref()
            {
                let families = &vocab.names.family;
                let k = families.iter().position(|f| Some(f) == taken.as_ref()).unwrap_or(0);
                first.family = families[(k + 1) % families.len()].clone();
            }
        }
        plans.push(study);
    }
    let records = exports::plan_records(studies, seed, vocab);
    let (documents, ids) = exports::render_files(&records, &plans, vocab);
    let mut docs: Vec<Vec<String>> = vec![Vec::new(); studies];
    let mut doi = vec![false; studies];
    for (record, id) in records.iter().zip(ids) {
        docs[record.study].push(id);
        doi[record.study] |= record.doi;
    }
    let truth = plans
        .iter()
        .zip(docs)
        .zip(doi)
        .map(|((s, mut docs), doi)| {
            docs.sort();
            exports::truth_of(s, &vocab.journals[s.journal], docs, doi)
        })
        .collect();
    Corpus { documents, truth }
}

/// Writes the documents to `out_dir/docs/` and the truth to
/// `out_dir/truth.json`. Refuses a `docs/` folder that already holds files,
/// so documents of an older corpus never mix into a new one.
pub fn write_corpus(corpus: &Corpus, out_dir: &Path) -> io::Result<()> {
    let docs = out_dir.join("docs");
    if docs.is_dir() && std::fs::read_dir(&docs)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already holds documents; remove it or choose another folder", docs.display()),
        ));
    }
    std::fs::create_dir_all(&docs)?;
    for (name, bytes) in &corpus.documents {
        std::fs::write(docs.join(name), bytes)?;
    }
    std::fs::write(out_dir.join("truth.json"), corpus.truth_json())
}

#[cfg(test)]
mod tests;
