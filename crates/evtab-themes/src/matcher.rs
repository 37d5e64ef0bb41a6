//! Matching study themes against the codebook with one Aho-Corasick
//! automaton over accent- and case-folded text, keeping whole-word matches.
//!
//! What may put a `1` in the matrix: a study theme's label (or a finding's
//! claim), and the authors' results statements in the abstract. Paragraphs
//! under a full text's Results subheadings are full of quotes and asides, so
//! they add evidence rows only to synthesis themes already supported.

use aho_corasick::{AhoCorasick, MatchKind};
use evtab_model::{Flag, FlagKind, Severity, ThemeEvidence, ThemeKind};

use crate::codebook::Codebook;
use crate::folding::{FoldedText, fold};
use crate::{EvidenceSource, StudyThemes};

/// One pattern of the automaton.
#[derive(Debug, Clone)]
struct Pattern {
    theme: usize,
    /// The term as the codebook writes it (the `matched` column).
    written: String,
    /// A trailing `*`: the last word may run on.
    prefix: bool,
    exclude: bool,
}

/// A compiled codebook.
#[derive(Debug, Clone)]
pub struct CodebookMatcher {
    ids: Vec<String>,
    patterns: Vec<Pattern>,
    automaton: Option<AhoCorasick>,
}

/// A piece of a study's text to match, and how it is reported.
struct Unit<'a> {
    study_theme: &'a str,
    doc_id: &'a str,
    /// The sentence reported as evidence.
    evidence: &'a str,
    /// The text matched (a label, or the evidence sentence itself).
    text: &'a str,
    /// Whether a match here may put a `1` in the matrix.
    decisive: bool,
}

impl CodebookMatcher {
    /// Compiles the codebook's terms and exclusions into one automaton.
    pub fn new(codebook: &Codebook) -> Self {
        let mut patterns = Vec::new();
        let mut keys = Vec::new();
        for (theme, t) in codebook.themes.iter().enumerate() {
            for (list, exclude) in [(&t.terms, false), (&t.exclude, true)] {
                for written in list {
                    let prefix = written.ends_with('*');
                    let key = fold(written.trim_end_matches('*'));
                    if key.is_empty() {
                        continue;
                    }
                    keys.push(key);
                    patterns.push(Pattern { theme, written: written.clone(), prefix, exclude });
                }
            }
        }
        // Standard semantics so overlapping matches (`peer mentor`, `mentor`) are all seen.
        let automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&keys).ok();
        CodebookMatcher { ids: codebook.themes.iter().map(|t| t.id.clone()).collect(), patterns, automaton }
    }

    /// The codebook themes a text supports, each with the terms that matched
    /// (in codebook order), after word bounds and exclusions.
    fn themes_in(&self, text: &str) -> Vec<(usize, Vec<&str>)> {
        let Some(automaton) = &self.automaton else { return Vec::new() };
        let folded = FoldedText::new(text);
        let mut hits: Vec<(usize, usize, usize)> = Vec::new(); // (pattern, start, end)
        for m in automaton.find_overlapping_iter(&folded.text) {
            let Some(pattern) = self.patterns.get(m.pattern().as_usize()) else { continue };
            let bounded = if pattern.prefix {
                folded.starts_word(m.start())
            } else {
                folded.is_word_bounded(m.start(), m.end())
            };
            if bounded {
                hits.push((m.pattern().as_usize(), m.start(), m.end()));
            }
        }
        let mut found: Vec<(usize, Vec<&str>)> = Vec::new();
        for theme in 0..self.ids.len() {
            let of_theme = |exclude: bool| {
                hits.iter().filter(move |(p, ..)| {
                    self.patterns.get(*p).is_some_and(|pat| pat.theme == theme && pat.exclude == exclude)
                })
            };
            if of_theme(true).next().is_some() {
                continue;
            }
            let support: Vec<&(usize, usize, usize)> = of_theme(false).collect();
            let mut terms: Vec<(usize, &str)> = Vec::new();
            for &&(p, start, end) in &support {
                // A term inside a longer match of the same theme adds nothing.
                let inside = support
                    .iter()
                    .any(|&&(q, s, e)| q != p && s <= start && end <= e && (e - s) > (end - start));
                if inside {
                    continue;
                }
                if let Some(pattern) = self.patterns.get(p)
                    && !terms.iter().any(|(_, w)| *w == pattern.written)
                {
                    terms.push((p, pattern.written.as_str()));
                }
            }
            terms.sort_by_key(|(p, _)| *p);
            if !terms.is_empty() {
                found.push((theme, terms.into_iter().map(|(_, w)| w).collect()));
            }
        }
        found
    }

    /// Evidence rows for one study: one per (synthesis theme, study theme,
    /// sentence, matched term), in codebook order, then study order.
    pub fn match_study(&self, study_id: &str, themes: &StudyThemes) -> Vec<ThemeEvidence> {
        let mut units: Vec<Unit<'_>> = Vec::new();
        let mut ordered: Vec<&evtab_model::StudyTheme> = themes.themes.iter().collect();
        ordered.sort_by_key(|t| t.theme_no);
        for t in ordered {
            units.push(Unit {
                study_theme: &t.theme,
                doc_id: &t.doc_id,
                evidence: &t.evidence,
                text: &t.theme,
                decisive: true,
            });
        }
        // Domains are the authors' higher-order themes: their names count too,
        // with the sentence that named them.
        let mut parents: Vec<&str> = Vec::new();
        for t in &themes.themes {
            if let Some(parent) = t.parent.as_deref()
                && !parents.contains(&parent)
                && !themes.themes.iter().any(|other| other.theme == parent)
            {
                parents.push(parent);
                units.push(Unit {
                    study_theme: parent,
                    doc_id: &t.doc_id,
                    evidence: &t.evidence,
                    text: parent,
                    decisive: true,
                });
            }
        }
        for s in &themes.evidence {
            units.push(Unit {
                study_theme: &s.study_theme,
                doc_id: &s.doc_id,
                evidence: &s.text,
                text: &s.text,
                decisive: s.source == EvidenceSource::Summary,
            });
        }
        let mut matched: Vec<(usize, usize, usize, &str)> = Vec::new(); // (theme, unit, term rank, term)
        for (u, unit) in units.iter().enumerate() {
            for (theme, terms) in self.themes_in(unit.text) {
                for (rank, term) in terms.into_iter().enumerate() {
                    matched.push((theme, u, rank, term));
                }
            }
        }
        let supported: Vec<usize> = matched.iter().filter(|m| units[m.1].decisive).map(|m| m.0).collect();
        matched.retain(|m| supported.contains(&m.0));
        matched.sort();
        let mut rows: Vec<ThemeEvidence> = Vec::new();
        for (theme, u, _, term) in matched {
            let unit = &units[u];
            let row = ThemeEvidence {
                synthesis_theme: self.ids[theme].clone(),
                study_id: study_id.to_string(),
                study_theme: unit.study_theme.to_string(),
                doc_id: unit.doc_id.to_string(),
                evidence: unit.evidence.to_string(),
                matched: term.to_string(),
            };
            if !rows.contains(&row) {
                rows.push(row);
            }
        }
        rows
    }

    /// Info flags for study themes that support no synthesis theme, so the
    /// reviewer can see what the codebook misses.
    pub fn unmatched_themes(&self, themes: &StudyThemes, evidence: &[ThemeEvidence]) -> Vec<Flag> {
        themes
            .themes
            .iter()
            .filter(|t| t.kind == ThemeKind::Theme || t.kind == ThemeKind::Finding)
            .filter(|t| !evidence.iter().any(|e| e.study_theme == t.theme))
            .map(|t| Flag {
                field: "theme_matrix".to_string(),
                severity: Severity::Info,
                kind: FlagKind::Uncertain,
                message: format!(
                    "{} \"{}\" ({}) matched no synthesis theme in the codebook",
                    t.kind.name(),
                    t.theme,
                    t.doc_id
                ),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{StudyThemes, ThemeSentence};
    use evtab_model::StudyTheme;

    const CODEBOOK: &str = r#"
[[theme]]
id = "trust"
label = "Trust"
definition = "d"
terms = ["trust", "distrust", "relationship of trust"]
exclude = ["Hepatitis C Trust"]

[[theme]]
id = "advocacy"
label = "Advocacy"
definition = "d"
terms = ["advoca*", "speak up"]

[[theme]]
id = "training"
label = "Training"
definition = "d"
terms = ["training", "peer mentor*", "mentor*"]
"#;

    fn matcher() -> CodebookMatcher {
        CodebookMatcher::new(&Codebook::parse(CODEBOOK, "t.toml").unwrap_or_else(|e| panic!("{e}")))
    }

    fn theme(no: u32, label: &str, evidence: &str) -> StudyTheme {
        StudyTheme {
            theme_no: no,
            kind: ThemeKind::Theme,
            theme: label.into(),
            parent: None,
            doc_id: "d1".into(),
            line: 3,
            evidence: evidence.into(),
        }
    }

    fn sentence(label: &str, text: &str, source: EvidenceSource) -> ThemeSentence {
        ThemeSentence { study_theme: label.into(), doc_id: "d2".into(), line: 9, text: text.into(), source }
    }

    #[test]
    fn word_bounded_case_and_accent_insensitive() {
        let m = matcher();
        let ids = |text: &str| {
            m.themes_in(text)
                .into_iter()
                .map(|(t, terms)| (m.ids[t].clone(), terms.join("|")))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("Restoring TRUST"), [("trust".to_string(), "trust".to_string())]);
        assert_eq!(ids("trustworthy entrusted"), []);
        assert_eq!(ids("Advocàcy and ADVOCATES"), [("advocacy".to_string(), "advoca*".to_string())]);
        assert_eq!(
            ids("a relationship of trust"),
            [("trust".to_string(), "relationship of trust".to_string())]
        );
        // `peer mentorship` also contains `mentor*`, which adds nothing.
        assert_eq!(ids("peer mentorship"), [("training".to_string(), "peer mentor*".to_string())]);
        assert_eq!(ids("tormentors"), []);
        assert_eq!(ids(""), []);
    }

    #[test]
    fn exclusion_cancels_the_theme_in_that_sentence_only() {
        let m = matcher();
        assert!(
            m.themes_in("Thanks to the Hepatitis C Trust for training.")
                .iter()
                .all(|(t, _)| m.ids[*t] != "trust")
        );
        assert!(
            m.themes_in("Thanks to the Hepatitis C Trust for training.")
                .iter()
                .any(|(t, _)| m.ids[*t] == "training")
        );
    }

    #[test]
    fn labels_and_summaries_decide_body_only_adds() {
        let m = matcher();
        let study = StudyThemes {
            themes: vec![
                theme(1, "restoring trust", "We found themes: restoring trust, and ongoing care."),
                theme(2, "ongoing care", "We found themes: restoring trust, and ongoing care."),
            ],
            flags: vec![],
            evidence: vec![
                sentence("restoring trust", "Trust is essential, said P4.", EvidenceSource::Body),
                sentence("ongoing care", "Training was lacking.", EvidenceSource::Body),
                sentence("", "Peers could speak up for patients.", EvidenceSource::Summary),
            ],
        };
        let rows = m.match_study("s1", &study);
        let got: Vec<(&str, &str, &str, &str)> = rows
            .iter()
            .map(|r| {
                (r.synthesis_theme.as_str(), r.study_theme.as_str(), r.doc_id.as_str(), r.matched.as_str())
            })
            .collect();
        assert_eq!(
            got,
            [
                ("trust", "restoring trust", "d1", "trust"),
                ("trust", "restoring trust", "d2", "trust"),
                ("advocacy", "", "d2", "speak up"),
            ]
        );
        assert_eq!(rows[0].evidence, "We found themes: restoring trust, and ongoing care.");
        assert!(rows.iter().all(|r| r.study_id == "s1"));
        // Training appears only in a body paragraph: no `1`, no rows.
        assert!(rows.iter().all(|r| r.synthesis_theme != "training"));
        let flags = m.unmatched_themes(&study, &rows);
        assert_eq!(flags.len(), 1);
        assert!(flags[0].message.contains("ongoing care"));
    }

    #[test]
    fn domain_names_count_once_with_their_sentence() {
        let m = matcher();
        let mut a = theme(1, "listening", "Two themes about advocacy work: listening and presence.");
        a.parent = Some("advocacy work".into());
        let mut b = theme(2, "presence", "Two themes about advocacy work: listening and presence.");
        b.parent = Some("advocacy work".into());
        let study = StudyThemes { themes: vec![a, b], flags: vec![], evidence: vec![] };
        let rows = m.match_study("s", &study);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].study_theme, "advocacy work");
        assert_eq!(rows[0].matched, "advoca*");
        assert_eq!(rows[0].evidence, "Two themes about advocacy work: listening and presence.");
    }

    #[test]
    fn empty_study_gives_no_rows() {
        assert!(matcher().match_study("s", &StudyThemes::default()).is_empty());
    }
}
