//! The pieces of a record that extraction reads (title, abstract parts, body
//! paragraphs, bibliographic fields), each split into sentences with the line
//! it starts on, and the judgements every field shares: does this sentence
//! speak about the study itself, is this paragraph an affiliation.

use evtab_model::{Field, Section, SourceRecord};

use crate::folded::FoldedText;
use crate::vocab::ContextVocab;

/// Where a piece of text sits in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Title,
    /// An abstract part, by its section.
    Abstract(Section),
    /// A body paragraph, by its top-level section.
    Body(Section),
    Keyword,
    CountryField,
    FundingField,
    LicenseField,
}

impl Origin {
    /// Short name used in provenance rules.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Origin::Title => "title",
            Origin::Abstract(Section::Methods) => "abstract_methods",
            Origin::Abstract(Section::Background | Section::Aim) => "abstract_background",
            Origin::Abstract(Section::Results | Section::Discussion | Section::Conclusion) => {
                "abstract_results"
            }
            Origin::Abstract(_) => "abstract",
            Origin::Body(Section::Methods) => "methods",
            Origin::Body(Section::Funding) => "funding_section",
            Origin::Body(Section::BackMatter) => "back_matter",
            Origin::Body(_) => "body",
            Origin::Keyword => "keyword",
            Origin::CountryField => "country_field",
            Origin::FundingField => "funding_field",
            Origin::LicenseField => "license_field",
        }
    }
}

/// One sentence of a record with everything extractors need about it.
#[derive(Debug, Clone)]
pub(crate) struct Sentence<'r> {
    pub origin: Origin,
    pub heading: Option<&'r str>,
    pub text: &'r str,
    pub folded: FoldedText<'r>,
    pub line: u32,
    /// Index of the sentence within its unit.
    pub index: usize,
    /// Speaks about the study itself (`this study`, `we`, `our`).
    pub self_ref: bool,
    /// Sits in a paragraph that reads like an author affiliation.
    pub affiliation: bool,
}

/// Every sentence of the record, in record order: title, passages, then fields.
pub(crate) fn sentences<'r>(record: &'r SourceRecord, vocab: &ContextVocab) -> Vec<Sentence<'r>> {
    let mut units: Vec<(Origin, Option<&'r str>, &'r str, u32)> = Vec::new();
    if let Some(title) = record.first(Field::Title) {
        units.push((Origin::Title, None, title.value.as_str(), title.line));
    }
    for p in &record.passages {
        let origin = if p.in_abstract { Origin::Abstract(p.section) } else { Origin::Body(p.section) };
        units.push((origin, p.heading.as_deref(), p.text.as_str(), p.line));
    }
    for f in &record.fields {
        let origin = match f.field {
            Field::Keyword => Origin::Keyword,
            Field::Country => Origin::CountryField,
            Field::Funding => Origin::FundingField,
            Field::License => Origin::LicenseField,
            _ => continue,
        };
        units.push((origin, None, f.value.as_str(), f.line));
    }
    let mut out = Vec::new();
    for (origin, heading, text, line) in units {
        let affiliation =
            matches!(origin, Origin::Abstract(_) | Origin::Body(_)) && looks_like_affiliation(text);
        let parts = if origin == Origin::Title || origin == Origin::Keyword {
            vec![evtab_text::Sentence { text: text.trim(), offset: 0, line_offset: 0 }]
        } else {
            evtab_text::sentences(text)
        };
        for (index, s) in parts.into_iter().enumerate() {
            if s.text.is_empty() {
                continue;
            }
            let folded = FoldedText::new(s.text);
            let self_ref = vocab.self_reference.any_in(&folded);
            out.push(Sentence {
                origin,
                heading,
                text: s.text,
                folded,
                line: line.saturating_add(s.line_offset),
                index,
                self_ref,
                affiliation: affiliation || looks_like_affiliation(s.text),
            });
        }
    }
    out
}

/// Words that name an institution in an affiliation line.
const INSTITUTION_WORDS: &[&str] = &[
    "department",
    "division",
    "faculty",
    "school",
    "university",
    "institute",
    "centre",
    "center",
    "college",
    "hospital",
    "unit",
    "program",
    "programme",
    "laboratory",
    "foundation",
    "trust",
];

/// Words that a sentence about the study has and an address line has not.
const CLAUSE_WORDS: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "we",
    "our",
    "this",
    "that",
    "which",
    "who",
    "with",
    "had",
    "have",
    "has",
    "be",
    "been",
    "to",
    "in",
    "took",
    "participants",
    "recruited",
    "conducted",
];

/// An affiliation or correspondence line (`¹ Department of Family Medicine,
/// Lakeside University, Riverton, Canada`): a footnote marker or address
/// list naming institutions, with no clause words. Such text never states
/// the study setting.
pub(crate) fn looks_like_affiliation(text: &str) -> bool {
    let trimmed = text.trim();
    let lower = trimmed.to_lowercase();
    if lower.starts_with("*correspondence") || lower.starts_with("correspondence") || lower.contains('@') {
        return true;
    }
    let folded = crate::folded::fold(trimmed);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let has_institution = words.iter().any(|w| INSTITUTION_WORDS.contains(w));
    let has_clause = words.iter().any(|w| CLAUSE_WORDS.contains(w));
    let first = trimmed.chars().next();
    let marker = first.is_some_and(|c| matches!(c, '¹' | '²' | '³' | '⁰'..='⁹' | '^' | '*' | '†' | '‡'))
        || (first.is_some_and(|c| c.is_ascii_digit())
            && trimmed.chars().nth(1).is_some_and(|c| c == ' ' || c.is_alphabetic()));
    let commas = trimmed.matches(',').count();
    has_institution && !has_clause && (marker || commas >= 2) && words.len() <= 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affiliation_lines_are_recognised() {
        assert!(looks_like_affiliation(
            "¹ Department of Family Medicine, McMaster University, Hamilton, Canada"
        ));
        assert!(looks_like_affiliation(
            "Division of Infectious Diseases, Department of Medicine, McMaster University, Hamilton, Canada."
        ));
        assert!(looks_like_affiliation("*Correspondence: someone@example.org"));
    }

    #[test]
    fn setting_sentences_are_not_affiliations() {
        assert!(!looks_like_affiliation(
            "Patient participants were recruited from two academic hospitals in Hamilton, Ontario."
        ));
        assert!(!looks_like_affiliation(
            "The study took place between March and September 2019 in an urban center in Southwestern Ontario, Canada."
        ));
        assert!(!looks_like_affiliation(""));
    }
}
