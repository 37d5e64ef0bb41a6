//! The study's stated aim, as one sentence: an abstract's Aim part, a
//! sentence with an aim cue (`This study aimed to`, `The purpose of this
//! study was to`), an abstract Background part that opens with `To
//! describe ...`, or, failing those, a sentence about the study with a
//! purpose clause (`A study was conducted ... to explore ...`).

use evtab_model::{Section, StudyField};

use crate::ContextValue;
use crate::units::{Origin, Sentence};
use crate::vocab::ContextVocab;

/// Words that make a sentence about a study, for the weakest aim rule.
const STUDY_WORDS: &[&str] = &["study", "research", "evaluation", "project", "paper", "article"];

/// How strongly a sentence states the aim (0 = not at all), and the rule name.
fn rank(s: &Sentence<'_>, vocab: &ContextVocab) -> (u8, &'static str) {
    // A teaser cut off mid-word (`... in-depth understandi...`) is not the stated aim.
    let truncated = s.text.trim_end().ends_with("...") || s.text.trim_end().ends_with('…');
    if s.affiliation || truncated {
        return (0, "");
    }
    let in_abstract = matches!(s.origin, Origin::Abstract(_));
    let in_body = matches!(s.origin, Origin::Body(section) if !matches!(section, Section::Funding | Section::BackMatter | Section::Results));
    if !in_abstract && !in_body {
        return (0, "");
    }
    if s.origin == Origin::Abstract(Section::Aim) && s.index == 0 {
        return (5, "aim_part");
    }
    if vocab.aim_cues.any_in(&s.folded) {
        return if in_abstract { (4, "abstract_cue") } else { (3, "body_cue") };
    }
    let words: Vec<&str> = s.folded.folded.split(' ').collect();
    let is_verb = |w: &str| vocab.purpose_verbs.iter().any(|v| v == w);
    let opens_with_purpose = words.first() == Some(&"to") && words.get(1).is_some_and(|w| is_verb(w));
    if opens_with_purpose
        && matches!(s.origin, Origin::Abstract(Section::Background | Section::Aim | Section::Abstract))
        && s.index == 0
    {
        return (4, "abstract_purpose");
    }
    let purpose_clause = words.windows(2).any(|w| w[0] == "to" && is_verb(w[1]));
    let about_study = s.self_ref || words.iter().any(|w| STUDY_WORDS.contains(w));
    let is_result = words.first().is_some_and(|w| matches!(*w, "results" | "findings"))
        || words.get(1).is_some_and(|w| matches!(*w, "results" | "findings"));
    if purpose_clause && about_study && !is_result {
        return if in_abstract { (2, "abstract_purpose_clause") } else { (1, "body_purpose_clause") };
    }
    (0, "")
}

/// The best aim sentence of one document.
pub(crate) fn extract(doc_id: &str, sentences: &[Sentence<'_>], vocab: &ContextVocab) -> Vec<ContextValue> {
    let mut best: Option<(u8, &Sentence<'_>, &'static str)> = None;
    for s in sentences {
        let (r, rule) = rank(s, vocab);
        if r > best.as_ref().map_or(0, |b| b.0) {
            best = Some((r, s, rule));
        }
    }
    let Some((r, s, rule)) = best else { return Vec::new() };
    let text = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
    vec![ContextValue {
        field: StudyField::Aim,
        value: text,
        doc_id: doc_id.to_string(),
        line: s.line,
        rule: format!("aim:{rule}"),
        precision: r,
        score: u32::from(r),
    }]
}
