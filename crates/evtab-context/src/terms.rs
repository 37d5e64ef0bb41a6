//! Controlled-vocabulary fields (setting, population, data collection,
//! analysis) and the study design phrase.
//!
//! Terms count where the document describes its own study: the title, the
//! abstract (its Background part only in sentences about "this study", so
//! that the literature it cites does not count) and the Methods.

use std::collections::BTreeMap;

use evtab_model::{Section, StudyField};

use crate::ContextValue;
use crate::reconcile::subsumed_by;
use crate::units::{Origin, Sentence};
use crate::vocab::{ContextVocab, IGNORED, LabelledVocab};

/// Which labelled field is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Setting,
    Population,
    DataCollection,
    Analysis,
}

impl Kind {
    fn field(self) -> StudyField {
        match self {
            Kind::Setting => StudyField::Setting,
            Kind::Population => StudyField::Population,
            Kind::DataCollection => StudyField::DataCollection,
            Kind::Analysis => StudyField::Analysis,
        }
    }

    /// How much one sentence counts for this field (0 = not at all).
    fn weight(self, s: &Sentence<'_>) -> u32 {
        if s.affiliation {
            return 0;
        }
        let describes_people = matches!(self, Kind::Setting | Kind::Population);
        match s.origin {
            Origin::Title => 3,
            Origin::Abstract(Section::Methods | Section::Abstract) => 2,
            Origin::Abstract(Section::Background | Section::Aim) => match (describes_people, s.self_ref) {
                (true, true) => 2,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => 0,
            },
            Origin::Abstract(_) => {
                if describes_people {
                    1
                } else {
                    2
                }
            }
            Origin::Body(Section::Methods) => 1,
            _ => 0,
        }
    }
}

/// Weighted sentence weight of a term in a document (one count per sentence).
#[derive(Debug, Clone, Copy)]
struct Tally {
    score: u32,
    /// `(sentence, offset)` of the first mention, for text order.
    first: (usize, usize),
    /// Sentence of the strongest mention, for the provenance line.
    best: usize,
    best_weight: u32,
}

fn tally(sentences: &[Sentence<'_>], vocab: &LabelledVocab, kind: Kind) -> BTreeMap<usize, Tally> {
    let mut tallies: BTreeMap<usize, Tally> = BTreeMap::new();
    for (si, s) in sentences.iter().enumerate() {
        let weight = kind.weight(s);
        if weight == 0 || vocab.exclude.any_in(&s.folded) {
            continue;
        }
        let mut seen_here: Vec<usize> = Vec::new();
        for hit in vocab.matcher.find(&s.folded) {
            if hit.id == IGNORED || seen_here.contains(&hit.id) {
                continue;
            }
            seen_here.push(hit.id);
            let t = tallies.entry(hit.id).or_insert(Tally {
                score: 0,
                first: (si, hit.start),
                best: si,
                best_weight: 0,
            });
            t.score += weight;
            if weight > t.best_weight {
                t.best = si;
                t.best_weight = weight;
            }
        }
    }
    tallies
}

/// Values of one labelled field in one document, in the order they are written.
pub(crate) fn extract_labelled(
    doc_id: &str,
    sentences: &[Sentence<'_>],
    vocab: &LabelledVocab,
    kind: Kind,
) -> Vec<ContextValue> {
    let tallies = tally(sentences, vocab, kind);
    let mut chosen: Vec<(usize, Tally)> = tallies.into_iter().collect();
    match kind {
        Kind::Setting | Kind::Population => {
            let (minimum, share, cap) = if kind == Kind::Setting { (2, 2, 2) } else { (3, 3, 3) };
            let best = chosen.iter().map(|c| c.1.score).max().unwrap_or(0);
            chosen.retain(|c| c.1.score >= minimum && c.1.score * share >= best);
            chosen.sort_by(|a, b| b.1.score.cmp(&a.1.score).then(a.1.first.cmp(&b.1.first)));
            chosen.truncate(cap);
        }
        Kind::DataCollection | Kind::Analysis => {
            let has_main = chosen.iter().any(|c| vocab.labels.get(c.0).is_some_and(|l| !l.qualifier));
            if has_main {
                chosen.retain(|c| vocab.labels.get(c.0).is_some_and(|l| !l.qualifier));
            }
            chosen.sort_by_key(|c| c.1.first);
        }
    }
    let names: Vec<&str> =
        chosen.iter().filter_map(|c| vocab.labels.get(c.0).map(|l| l.name.as_str())).collect();
    let mut values = Vec::new();
    for (id, t) in &chosen {
        let Some(label) = vocab.labels.get(*id) else { continue };
        if names.iter().any(|other| subsumed_by(&label.name, other)) {
            continue;
        }
        let Some(s) = sentences.get(t.best) else { continue };
        values.push(ContextValue {
            field: kind.field(),
            value: label.name.clone(),
            doc_id: doc_id.to_string(),
            line: s.line,
            rule: format!("{}:{}", kind.field(), s.origin.name()),
            precision: if kind == Kind::Analysis && !label.qualifier { 2 } else { 1 },
            score: t.score,
        });
    }
    values
}

/// A design phrase: `((specificity, weight), (sentence, offset), phrase, sentence)`.
type DesignPick = ((u32, u32), (usize, usize), String, usize);

/// The design as the authors word it: adjacent design terms make one phrase
/// (`participatory` + `case study`), which must contain a design noun or be
/// followed by a head noun (`a qualitative study`). The most specific phrase
/// wins; generic words (`qualitative`) count less than specific ones.
pub(crate) fn extract_design(
    doc_id: &str,
    sentences: &[Sentence<'_>],
    vocab: &ContextVocab,
) -> Vec<ContextValue> {
    let design = &vocab.design;
    // (specificity, weight, -position) of the best phrase so far.
    let mut best: Option<DesignPick> = None;
    // Failing a design phrase, the first design word at all (`qualitative interviews` -> `qualitative`).
    let mut fallback: Option<DesignPick> = None;
    for (si, s) in sentences.iter().enumerate() {
        let weight = Kind::DataCollection.weight(s);
        if weight == 0 {
            continue;
        }
        let hits = design.matcher.find(&s.folded);
        let mut i = 0;
        while i < hits.len() {
            let mut j = i;
            while j + 1 < hits.len() && hits[j + 1].start == hits[j].end + 1 {
                j += 1;
            }
            let chain = &hits[i..=j];
            i = j + 1;
            let terms: Vec<_> = chain.iter().filter_map(|h| design.terms.get(h.id)).collect();
            let has_noun = terms.iter().any(|t| t.noun);
            let (Some(first), Some(last)) = (chain.first(), chain.last()) else { continue };
            let last_word =
                s.folded.folded.get(last.start..last.end).unwrap_or("").rsplit(' ').next().unwrap_or("");
            let next_word = s.folded.words_after(last.end).next().unwrap_or("");
            let headed = design.heads.iter().any(|h| h == next_word || h == last_word);
            if !has_noun && !headed {
                if fallback.is_none() {
                    let phrase = tidy_phrase(s.folded.original_slice(first.start, last.end));
                    if !phrase.is_empty() {
                        fallback = Some(((0, weight), (si, first.start), phrase, si));
                    }
                }
                continue;
            }
            let specificity: u32 = terms.iter().map(|t| if t.generic { 1 } else { 2 }).sum();
            let phrase = tidy_phrase(s.folded.original_slice(first.start, last.end));
            if phrase.is_empty() {
                continue;
            }
            let key = (specificity, weight);
            let better = match &best {
                None => true,
                Some((k, pos, _, _)) => key > *k || (key == *k && (si, first.start) < *pos),
            };
            if better {
                best = Some((key, (si, first.start), phrase, si));
            }
        }
    }
    let Some(((specificity, weight), _, phrase, si)) = best.or(fallback) else {
        return Vec::new();
    };
    let Some(s) = sentences.get(si) else { return Vec::new() };
    vec![ContextValue {
        field: StudyField::Design,
        value: phrase,
        doc_id: doc_id.to_string(),
        line: s.line,
        rule: format!("design:{}{}", s.origin.name(), if specificity == 0 { ":unheaded" } else { "" }),
        precision: u8::try_from(specificity).unwrap_or(u8::MAX),
        score: weight,
    }]
}

/// Lowercases a printed phrase (acronyms kept) and collapses its whitespace.
fn tidy_phrase(printed: &str) -> String {
    printed
        .split_whitespace()
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 2 && !w.chars().any(char::is_lowercase) { w.to_string() } else { w.to_lowercase() }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_lowercased_but_acronyms_kept() {
        assert_eq!(tidy_phrase("Participatory  Case\nStudy"), "participatory case study");
        assert_eq!(tidy_phrase("CBPR"), "CBPR");
    }
}
