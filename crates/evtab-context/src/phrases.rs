//! Many-phrase matching over folded text: one Aho-Corasick automaton per
//! vocabulary, built once, with word boundaries, a case check for acronyms
//! and proper names, and leftmost-longest selection so that `New South Wales`
//! wins over `Wales`.

use aho_corasick::AhoCorasick;

use crate::folded::{FoldedText, fold};
use crate::vocab::VocabError;

/// How a phrase must be written in the text to count.
#[derive(Debug, Clone)]
enum CaseRule {
    /// Any case (common vocabulary).
    Any,
    /// Words that start with a capital in the vocabulary must start with one
    /// in the text (place names: `Reading`, not `reading`).
    ProperName(Vec<bool>),
    /// Exactly these letters and digits, in this case (`US`, `NHS`, `PWUD`).
    Exact(String),
}

#[derive(Debug, Clone)]
struct Pattern {
    id: usize,
    case: CaseRule,
}

/// One phrase found in a text: which entry, and where in the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub id: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct PhraseMatcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

impl PhraseMatcher {
    /// Builds a matcher from `(phrase as written, entry id)`. Phrases that fold
    /// to the same key keep the first entry. `proper_names` makes capitalised
    /// words in a phrase require capitals in the text.
    pub(crate) fn new<'p>(
        phrases: impl IntoIterator<Item = (&'p str, usize)>,
        proper_names: bool,
        what: &str,
    ) -> Result<Self, VocabError> {
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (phrase, id) in phrases {
            let folded = FoldedText::new(phrase);
            if folded.folded.is_empty() {
                return Err(VocabError::EmptyTerm { what: what.to_string(), term: phrase.to_string() });
            }
            if !seen.insert(folded.folded.clone()) {
                continue;
            }
            let case = case_rule(phrase, &folded, proper_names);
            keys.push(folded.folded);
            patterns.push(Pattern { id, case });
        }
        let automaton = if keys.is_empty() {
            None
        } else {
            Some(AhoCorasick::new(&keys).map_err(|e| VocabError::Matcher(e.to_string()))?)
        };
        Ok(PhraseMatcher { automaton, patterns })
    }

    /// Every phrase in the text, leftmost-longest, not overlapping, in text order.
    pub(crate) fn find(&self, text: &FoldedText<'_>) -> Vec<Hit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let hay = text.folded.as_bytes();
        let mut hits = Vec::new();
        for m in automaton.find_overlapping_iter(&text.folded) {
            let (start, end) = (m.start(), m.end());
            let boundary_before = start == 0 || hay.get(start - 1) == Some(&b' ');
            let boundary_after = end == hay.len() || hay.get(end) == Some(&b' ');
            if !boundary_before || !boundary_after {
                continue;
            }
            let Some(pattern) = self.patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            if !case_fits(&pattern.case, text, start, end) {
                continue;
            }
            hits.push(Hit { id: pattern.id, start, end });
        }
        hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.id.cmp(&b.id)));
        let mut chosen: Vec<Hit> = Vec::new();
        for hit in hits {
            if chosen.last().is_none_or(|last| hit.start >= last.end) {
                chosen.push(hit);
            }
        }
        chosen
    }

    /// Whether any phrase occurs in the text.
    pub(crate) fn any_in(&self, text: &FoldedText<'_>) -> bool {
        !self.find(text).is_empty()
    }
}

/// A plain-string convenience: does any phrase occur in `text`?
pub(crate) fn contains_any(matcher: &PhraseMatcher, text: &str) -> bool {
    matcher.any_in(&FoldedText::new(text))
}

fn case_rule(phrase: &str, folded: &FoldedText<'_>, proper_names: bool) -> CaseRule {
    let letters: String = phrase.chars().filter(|c| c.is_alphanumeric()).collect();
    let alphabetic = letters.chars().filter(|c| c.is_alphabetic()).count();
    if alphabetic >= 2 && letters.chars().all(|c| !c.is_lowercase()) {
        return CaseRule::Exact(letters);
    }
    if proper_names {
        let caps = folded.word_starts(0, folded.folded.len()).into_iter().map(|at| folded.is_upper_at(at));
        return CaseRule::ProperName(caps.collect());
    }
    CaseRule::Any
}

fn case_fits(rule: &CaseRule, text: &FoldedText<'_>, start: usize, end: usize) -> bool {
    match rule {
        CaseRule::Any => true,
        CaseRule::Exact(letters) => {
            let printed: String =
                text.original_slice(start, end).chars().filter(|c| c.is_alphanumeric()).collect();
            printed == *letters
        }
        CaseRule::ProperName(caps) => {
            let words = text.word_starts(start, end);
            words.len() == caps.len()
                && words.iter().zip(caps).all(|(&at, &needs_cap)| !needs_cap || text.is_upper_at(at))
        }
    }
}

/// Folds every phrase of a list (for comparing single words and short phrases).
pub(crate) fn fold_all(phrases: &[String]) -> Vec<String> {
    phrases.iter().map(|p| fold(p)).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(m: &PhraseMatcher, text: &str) -> Vec<usize> {
        m.find(&FoldedText::new(text)).into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn longest_phrase_wins_and_words_must_be_whole() {
        let Ok(m) = PhraseMatcher::new([("Wales", 0), ("New South Wales", 1), ("Niger", 2)], true, "t")
        else {
            panic!("matcher builds")
        };
        assert_eq!(ids(&m, "in New South Wales and Wales"), [1, 0]);
        assert!(ids(&m, "in Nigeria").is_empty());
    }

    #[test]
    fn acronyms_need_capitals_and_names_need_a_capital() {
        let Ok(m) = PhraseMatcher::new([("US", 0), ("Reading", 1), ("U.K.", 2)], true, "t") else {
            panic!("matcher builds")
        };
        assert_eq!(ids(&m, "in the US"), [0]);
        assert!(ids(&m, "told us about reading").is_empty());
        assert_eq!(ids(&m, "in Reading, U.K."), [1, 2]);
        assert_eq!(ids(&m, "in Reading, UK"), [1], "U.K. and UK are different spellings");
    }

    #[test]
    fn common_terms_ignore_case() {
        let Ok(m) = PhraseMatcher::new([("semi-structured interviews", 7)], false, "t") else {
            panic!("matcher builds")
        };
        assert_eq!(ids(&m, "Semi-Structured\ninterviews were held"), [7]);
    }

    #[test]
    fn an_empty_term_is_an_error() {
        assert!(PhraseMatcher::new([("--", 0)], false, "t").is_err());
        let Ok(empty) = PhraseMatcher::new(std::iter::empty::<(&str, usize)>(), false, "t") else {
            panic!("matcher builds")
        };
        assert!(ids(&empty, "anything").is_empty());
    }
}
