//! Funders and licence.
//!
//! Funders are the capitalised names after a funding cue (`supported by`,
//! `our funders`) in a funding field or Funding section, or the capitalised
//! names of such a text when it has no cue; acknowledgement sentences count
//! only when nothing better states the funding. Licences are read with the
//! licence vocabulary (`Creative Commons Attribution 4.0` -> `CC BY 4.0`),
//! the first one stated in a sentence, never from a sentence about a data
//! waiver.

use evtab_model::{Section, StudyField};

use crate::ContextValue;
use crate::folded::{FoldedText, fold};
use crate::units::{Origin, Sentence};
use crate::vocab::{ContextVocab, FundingVocab, IGNORED, PlaceKind};

/// Funder names of one document, in the order stated.
pub(crate) fn extract_funding(
    doc_id: &str,
    sentences: &[Sentence<'_>],
    vocab: &ContextVocab,
) -> Vec<ContextValue> {
    let funding = &vocab.funding;
    let mut primary: Vec<ContextValue> = Vec::new();
    let mut fallback: Vec<ContextValue> = Vec::new();
    for s in sentences {
        let (is_primary, score) = match s.origin {
            Origin::FundingField => (true, 3),
            Origin::Body(Section::Funding) => (true, 3),
            Origin::Body(Section::BackMatter) => (false, 1),
            _ => continue,
        };
        let cue_hits = funding.cues.find(&s.folded);
        if !is_primary && cue_hits.is_empty() {
            continue;
        }
        let names = funder_names(funding, &s.folded, &cue_hits);
        let target = if is_primary { &mut primary } else { &mut fallback };
        for name in names {
            if is_place_name(vocab, &name) || target.iter().any(|v| fold(&v.value) == fold(&name)) {
                continue;
            }
            target.push(ContextValue {
                field: StudyField::Funding,
                value: name,
                doc_id: doc_id.to_string(),
                line: s.line,
                rule: format!("funding:{}", s.origin.name()),
                precision: 1,
                score,
            });
        }
    }
    if primary.is_empty() { fallback } else { primary }
}

/// `Ottawa`, `Canada`: the address of a funder, not a funder.
fn is_place_name(vocab: &ContextVocab, name: &str) -> bool {
    let folded = FoldedText::new(name);
    let hits = vocab.gazetteer.matcher.find(&folded);
    let [hit] = hits.as_slice() else { return false };
    let is_place = vocab.gazetteer.names.get(hit.id).is_some_and(|n| {
        n.kinds
            .iter()
            .any(|k| matches!(k, PlaceKind::Country(_) | PlaceKind::Subdivision(_) | PlaceKind::City(_)))
    });
    is_place && hit.start == 0 && hit.end == folded.folded.len()
}

/// Funder names in one sentence: after each cue up to the next, or in the
/// whole sentence when it has no cue.
fn funder_names(
    funding: &FundingVocab,
    folded: &FoldedText<'_>,
    cue_hits: &[crate::phrases::Hit],
) -> Vec<String> {
    if funding.none.any_in(folded) && cue_hits.is_empty() {
        return Vec::new();
    }
    let text = folded.original;
    let mut segments: Vec<&str> = Vec::new();
    if cue_hits.is_empty() {
        segments.push(text);
    } else {
        for (i, hit) in cue_hits.iter().enumerate() {
            let (_, from) = folded.original_range(hit.start, hit.end);
            let to =
                cue_hits.get(i + 1).map_or(text.len(), |next| folded.original_range(next.start, next.end).0);
            if let Some(segment) = text.get(from..to.max(from)) {
                segments.push(segment);
            }
        }
    }
    let mut names: Vec<String> = Vec::new();
    for segment in segments {
        for name in names_in(funding, &without_brackets(segment)) {
            if !names.iter().any(|n| fold(n) == fold(&name)) {
                names.push(name);
            }
        }
    }
    names
}

/// Text with bracketed asides (grant numbers, acronyms) replaced by a comma.
fn without_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for ch in text.chars() {
        match ch {
            '(' | '[' => {
                if depth == 0 {
                    out.push_str(" , ");
                }
                depth += 1;
            }
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}

/// Runs of capitalised words (with connectors such as `of`, `and`) are names.
fn names_in(funding: &FundingVocab, segment: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut skip_next = false;
    for token in segment.split_whitespace() {
        let word = token.trim_end_matches([',', ';', ':', '.', '?', '!']).trim_start_matches(['"', '“', '‘']);
        let word = word.trim_end_matches(['"', '”', '’']);
        let breaks = token.len() != word.len() && token.ends_with([',', ';', ':', '.', '?', '!']);
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let connector = !current.is_empty() && funding.connectors.iter().any(|c| *c == word.to_lowercase());
        if !word.is_empty() && (capitalised || connector) {
            current.push(word);
        } else {
            flush(funding, &mut current, &mut skip_next, &mut names);
            if funding.skip_after.iter().any(|s| *s == fold(word)) {
                skip_next = true;
            }
        }
        if breaks || word.is_empty() {
            flush(funding, &mut current, &mut skip_next, &mut names);
        }
    }
    flush(funding, &mut current, &mut skip_next, &mut names);
    names
}

fn flush(funding: &FundingVocab, current: &mut Vec<&str>, skip_next: &mut bool, names: &mut Vec<String>) {
    while current.last().is_some_and(|w| funding.connectors.iter().any(|c| *c == w.to_lowercase())) {
        current.pop();
    }
    while current.first().is_some_and(|w| funding.not_names.iter().any(|n| n == w)) {
        current.remove(0);
    }
    if current.is_empty() {
        return;
    }
    let run = std::mem::take(current);
    if std::mem::take(skip_next) {
        return;
    }
    let joined = run.join(" ");
    let folded = fold(&joined);
    let keeps_and = funding.known.iter().any(|k| k.contains(" and ") && folded.contains(k.as_str()));
    let parts: Vec<String> = if keeps_and {
        vec![joined]
    } else {
        run.split(|w| *w == "and").map(|p| p.join(" ")).filter(|p| !p.is_empty()).collect()
    };
    for part in parts {
        let letters = part.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 && !names.contains(&part) {
            names.push(part);
        }
    }
}

/// Licences of one document: the first one in each sentence, distinct values,
/// licence fields before running text.
pub(crate) fn extract_license(
    doc_id: &str,
    sentences: &[Sentence<'_>],
    vocab: &ContextVocab,
) -> Vec<ContextValue> {
    let license = &vocab.license;
    let mut values: Vec<ContextValue> = Vec::new();
    let mut ordered: Vec<&Sentence<'_>> =
        sentences.iter().filter(|s| s.origin == Origin::LicenseField).collect();
    ordered
        .extend(sentences.iter().filter(|s| s.origin != Origin::LicenseField && s.origin != Origin::Title));
    for s in ordered {
        if license.exclude.any_in(&s.folded) {
            continue;
        }
        let Some(hit) = license.matcher.find(&s.folded).into_iter().find(|h| h.id != IGNORED) else {
            continue;
        };
        let Some(label) = license.labels.get(hit.id) else { continue };
        if values.iter().any(|v| v.value == label.name) {
            continue;
        }
        values.push(ContextValue {
            field: StudyField::License,
            value: label.name.clone(),
            doc_id: doc_id.to_string(),
            line: s.line,
            rule: format!("license:{}", s.origin.name()),
            precision: 1,
            score: if s.origin == Origin::LicenseField { 3 } else { 2 },
        });
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_are_removed() {
        assert_eq!(without_brackets("EC (grant 709844 (a)), and UCL"), "EC  , , and UCL");
    }
}
