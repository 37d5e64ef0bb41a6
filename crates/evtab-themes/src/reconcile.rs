//! One theme list per study: the best-placed document's list wins (an
//! abstract's list over a body list over subheadings over findings, ties to
//! the first `doc_id`), the other documents confirm it or raise flags, and
//! every document's evidence is re-attributed to the kept labels.

use evtab_model::{Flag, FlagKind, Severity, StudyTheme, ThemeKind};

use crate::folding::fold;
use crate::wording::{same_theme, same_wording, similarity};
use crate::{DocThemes, StudyThemes, ThemeBasis, ThemeSentence};

/// Reconciles the documents of one study into its theme rows.
pub fn reconcile_themes(docs: &[DocThemes]) -> StudyThemes {
    let mut order: Vec<&DocThemes> = docs.iter().collect();
    order.sort_by(|a, b| a.basis.cmp(&b.basis).then_with(|| a.doc_id.cmp(&b.doc_id)));
    let mut out = StudyThemes::default();
    let Some(winner) = order.first().copied().filter(|d| d.basis != ThemeBasis::Nothing) else {
        let ids: Vec<&str> = order.iter().map(|d| d.doc_id.as_str()).collect();
        out.flags.extend(docs_flags(&order));
        out.flags.push(Flag {
            field: "themes".to_string(),
            severity: Severity::Warning,
            kind: FlagKind::Missing,
            message: format!("no themes or key findings found in {}", ids.join(", ")),
        });
        return out;
    };
    out.themes = winner
        .themes
        .iter()
        .enumerate()
        .map(|(i, t)| StudyTheme { theme_no: u32::try_from(i + 1).unwrap_or(u32::MAX), ..t.clone() })
        .collect();
    out.flags.extend(docs_flags(&order));
    for other in order.iter().skip(1) {
        compare_lists(winner, other, &mut out.flags);
    }
    let mut seen: Vec<(String, String, crate::EvidenceSource)> = Vec::new();
    for doc in &order {
        for sentence in &doc.evidence {
            let study_theme = kept_label(&out.themes, &sentence.study_theme);
            let key = (study_theme.clone(), fold(&sentence.text), sentence.source);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.evidence.push(ThemeSentence { study_theme, ..sentence.clone() });
        }
    }
    out
}

/// Every document's own flags, once each, in document order.
fn docs_flags(order: &[&DocThemes]) -> Vec<Flag> {
    let mut by_doc: Vec<&DocThemes> = order.to_vec();
    by_doc.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
    let mut flags: Vec<Flag> = Vec::new();
    for doc in by_doc {
        for f in &doc.flags {
            if !flags.contains(f) {
                flags.push(f.clone());
            }
        }
    }
    flags
}

/// The kept label an evidence sentence belongs to: the same wording, else
/// the most similar kept theme that names the same theme, else none.
fn kept_label(themes: &[StudyTheme], label: &str) -> String {
    if label.is_empty() {
        return String::new();
    }
    if let Some(t) = themes.iter().find(|t| same_wording(&t.theme, label)) {
        return t.theme.clone();
    }
    themes
        .iter()
        .filter(|t| same_theme(&t.theme, label))
        .max_by(|a, b| similarity(&a.theme, label).0.total_cmp(&similarity(&b.theme, label).0))
        .map(|t| t.theme.clone())
        .unwrap_or_default()
}

/// Flags where another document's list disagrees with the kept one.
fn compare_lists(winner: &DocThemes, other: &DocThemes, flags: &mut Vec<Flag>) {
    let lists = |d: &DocThemes| matches!(d.basis, ThemeBasis::AbstractList | ThemeBasis::BodyList);
    let themes_only = |d: &DocThemes| -> Vec<String> {
        d.themes.iter().filter(|t| t.kind == ThemeKind::Theme).map(|t| t.theme.clone()).collect()
    };
    if !lists(other) || !lists(winner) {
        return;
    }
    let kept = themes_only(winner);
    let theirs = themes_only(other);
    let extra: Vec<&str> =
        theirs.iter().filter(|o| !kept.iter().any(|k| same_theme(k, o))).map(String::as_str).collect();
    let missing: Vec<&str> =
        kept.iter().filter(|k| !theirs.iter().any(|o| same_theme(k, o))).map(String::as_str).collect();
    if extra.is_empty() && missing.is_empty() {
        return;
    }
    let mut parts = Vec::new();
    if !extra.is_empty() {
        parts.push(format!("{} also names: {}", other.doc_id, extra.join("; ")));
    }
    if !missing.is_empty() {
        parts.push(format!("{} does not name: {}", other.doc_id, missing.join("; ")));
    }
    flags.push(Flag {
        field: "themes".to_string(),
        severity: Severity::Warning,
        kind: FlagKind::Conflict,
        message: format!("theme lists differ; {}'s list is kept; {}", winner.doc_id, parts.join("; ")),
    });
}
