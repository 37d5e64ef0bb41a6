//! One document's themes: the list its abstract names (else its Results body,
//! else its Results subheadings), or its key findings when it names no
//! themes; plus the sentences that back them and the flags a reviewer needs.

use std::sync::LazyLock;

use evtab_model::{Flag, FlagKind, Passage, Section, Severity, SourceRecord, StudyTheme, ThemeKind};
use evtab_text::sentences;
use regex::Regex;

use crate::findings::{finding_claim, is_sample_sentence};
use crate::list_sentence::{
    ListItem, ListSentence, announced_count, clean_label, core_concept, ordinal_theme, parse_list_sentence,
    quoted_labels,
};
use crate::wording::{pair_labels, same_theme, same_wording, similarity};
use crate::{DocThemes, EvidenceSource, ThemeBasis, ThemeSentence};

fn regex(pattern: &str) -> Regex {
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("constant pattern compiles")
}

/// Numbering in front of a subheading (`Theme 1:`, `2.3`, `Subtheme one –`).
static HEADING_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?is)^(?:(?:sub-?)?(?:theme|category|domain)\s+(?:[0-9]+(?:\.[0-9]+)*|[ivx]+|one|two|three|four|five|six|seven|eight|nine|ten)\s*[:.\-–—]?\s*|[0-9]+(?:\.[0-9]+)*\.?\s+|\((?:[0-9]+|[a-h])\)\s+)",
    )
});

/// Results subheadings that structure the section but name no theme.
static GENERIC_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?is)^(?:results?|findings|overview|summary|introduction|(?:the\s+)?(?:main\s+|key\s+)?themes?|thematic\s+(?:map|analysis|framework|structure)\b.*|.*\boverview|participants?\b.*|(?:participant|sample|study|respondent)\s+(?:characteristics|demographics|description|profile)\b.*|.*\bcharacteristics\s+of\s+(?:the\s+)?(?:participants|sample|respondents|interviewees)\b.*|demographics?\b.*|(?:the\s+)?sample\b.*|table\s*[0-9].*|fig(?:ure)?\.?\s*[0-9].*)$",
    )
});

/// A theme as one tier of the document names it, before numbering.
#[derive(Debug, Clone)]
struct Named {
    label: String,
    parent: Option<String>,
    line: u32,
    evidence: String,
}

/// What one part of a document (abstract or Results body) names.
#[derive(Debug, Default)]
struct TierScan {
    named: Vec<Named>,
    has_list: bool,
    has_core: bool,
    flags: Vec<Flag>,
    summary: Vec<(u32, String)>,
}

/// Reads a document's themes (or findings), evidence and flags.
pub fn extract_themes(record: &SourceRecord) -> DocThemes {
    let abstract_passages: Vec<&Passage> = record
        .passages
        .iter()
        .filter(|p| p.in_abstract && matches!(p.section, Section::Abstract | Section::Results))
        .collect();
    let body_results: Vec<&Passage> =
        record.passages.iter().filter(|p| !p.in_abstract && p.section == Section::Results).collect();
    let abstract_scan = scan(&record.doc_id, &abstract_passages, true);
    let body_scan = scan(&record.doc_id, &body_results, false);
    let headings = result_headings(record);

    let mut out = DocThemes {
        doc_id: record.doc_id.clone(),
        themes: Vec::new(),
        basis: ThemeBasis::Nothing,
        flags: Vec::new(),
        evidence: Vec::new(),
    };
    let (named, basis, summary) = if abstract_scan.has_list {
        out.flags.extend(abstract_scan.flags);
        confirm_with_body_list(&record.doc_id, &abstract_scan.named, &body_scan, &mut out.flags);
        (abstract_scan.named, ThemeBasis::AbstractList, abstract_scan.summary)
    } else if body_scan.has_list {
        out.flags.extend(body_scan.flags);
        (body_scan.named, ThemeBasis::BodyList, abstract_scan.summary)
    } else {
        let mut named = if abstract_scan.named.is_empty() { body_scan.named } else { abstract_scan.named };
        let from_headings = headings_as_themes(&headings);
        let basis = if !from_headings.is_empty() {
            out.flags.push(flag(
                Severity::Warning,
                FlagKind::Uncertain,
                format!(
                    "{}: no sentence lists the themes; the Results subheadings are taken as themes",
                    record.doc_id
                ),
            ));
            for heading in from_headings {
                if !named.iter().any(|n| same_wording(&n.label, &heading.label)) {
                    named.push(heading);
                }
            }
            ThemeBasis::ResultHeadings
        } else if !named.is_empty() {
            ThemeBasis::AbstractList
        } else {
            ThemeBasis::Nothing
        };
        (named, basis, abstract_scan.summary)
    };

    if basis == ThemeBasis::Nothing {
        let (findings, evidence, flags) = find_findings(record);
        out.basis = if findings.is_empty() { ThemeBasis::Nothing } else { ThemeBasis::Findings };
        out.themes = findings;
        out.evidence = evidence;
        out.flags.extend(flags);
        return out;
    }

    out.basis = basis;
    out.themes = named
        .iter()
        .enumerate()
        .map(|(i, n)| StudyTheme {
            theme_no: u32::try_from(i + 1).unwrap_or(u32::MAX),
            kind: ThemeKind::Theme,
            theme: n.label.clone(),
            parent: n.parent.clone(),
            doc_id: record.doc_id.clone(),
            line: n.line,
            evidence: n.evidence.clone(),
        })
        .collect();
    for (line, text) in summary {
        out.evidence.push(ThemeSentence {
            study_theme: String::new(),
            doc_id: record.doc_id.clone(),
            line,
            text,
            source: EvidenceSource::Summary,
        });
    }
    if basis != ThemeBasis::ResultHeadings {
        locate_under_headings(record, &named, &headings, basis, &mut out);
    } else {
        // Each heading theme's evidence is its own section.
        for n in &named {
            push_section(record, &n.label, &n.evidence, &mut out.evidence);
        }
    }
    out
}

fn flag(severity: Severity, kind: FlagKind, message: String) -> Flag {
    Flag { field: "themes".to_string(), severity, kind, message }
}

/// Collapses the line breaks of a wrapped paragraph into spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads core concepts and theme lists from passages, in document order.
fn scan(doc_id: &str, passages: &[&Passage], in_abstract: bool) -> TierScan {
    let mut tier = TierScan::default();
    let mut ordinals: Vec<Named> = Vec::new();
    for passage in passages {
        let mut started = false;
        // `Five themes captured X.` followed by `‘A’, stressing ...; ‘B’, ...`.
        let mut announced: Option<u32> = None;
        for sentence in sentences(&passage.text) {
            let line = passage.line.saturating_add(sentence.line_offset);
            let text = one_line(sentence.text);
            let core = core_concept(&text);
            let mut list = parse_list_sentence(&text);
            if list.is_none()
                && let Some(n) = announced.take()
            {
                let labels = quoted_labels(&text);
                if labels.len() >= 2 {
                    let items =
                        labels.into_iter().map(|label| ListItem { label, subthemes: Vec::new() }).collect();
                    list = Some(ListSentence { count: Some(n), parent: None, items, sub: false });
                }
            }
            if list.is_none() && core.is_none() {
                announced = announced_count(&text);
            }
            if core.is_none()
                && list.is_none()
                && let Some(label) = ordinal_theme(&text)
            {
                ordinals.push(Named { label, parent: None, line, evidence: text.clone() });
            }
            if core.is_none() && list.is_none() {
                let results_part = passage.section == Section::Results || started;
                if in_abstract && results_part && !is_sample_sentence(&text) {
                    tier.summary.push((line, text));
                }
                continue;
            }
            started = true;
            if let (Some(list), Some(core)) = (list.as_mut(), core.as_ref())
                && list.sub
                && list.parent.is_none()
            {
                // `one overarching theme, ‘A’, and three subthemes: ...`
                list.parent = Some(core.clone());
            }
            if let Some(label) = core
                && !tier.has_core
            {
                // A study has one core concept; later mentions restate it.
                tier.has_core = true;
                add_named(&mut tier.named, Named { label, parent: None, line, evidence: text.clone() });
            }
            let Some(list) = list else { continue };
            tier.has_list = true;
            if list.count_disagrees() {
                let labels: Vec<&str> = list.items.iter().map(|i| i.label.as_str()).collect();
                tier.flags.push(flag(
                    Severity::Warning,
                    FlagKind::Uncertain,
                    format!(
                        "{doc_id} line {line}: the sentence announces {} themes but lists {}: {}",
                        list.count.unwrap_or(0),
                        labels.len(),
                        labels.join("; ")
                    ),
                ));
            }
            for item in &list.items {
                let named = Named {
                    label: item.label.clone(),
                    parent: list.parent.clone(),
                    line,
                    evidence: text.clone(),
                };
                add_named(&mut tier.named, named);
                for sub in &item.subthemes {
                    let named = Named {
                        label: sub.clone(),
                        parent: Some(item.label.clone()),
                        line,
                        evidence: text.clone(),
                    };
                    add_named(&mut tier.named, named);
                }
            }
        }
    }
    if !tier.has_list && ordinals.len() >= 2 {
        // `The first theme, A, ... The second theme, B, ...` lists themes too.
        tier.has_list = true;
        for named in ordinals {
            add_named(&mut tier.named, named);
        }
    }
    let mut seen: Vec<String> = Vec::new();
    tier.summary.retain(|(_, text)| {
        let key = crate::folding::fold(text);
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
    });
    tier
}

/// Adds a theme unless the tier already named it (lists are often repeated).
fn add_named(named: &mut Vec<Named>, new: Named) {
    let repeated = named
        .iter()
        .any(|n| same_wording(&n.label, &new.label) || similarity(&n.label, &new.label).0 >= 0.95);
    if !repeated {
        named.push(new);
    }
}

/// Compares the body's restated list with the abstract's and flags themes
/// that only one of them names.
fn confirm_with_body_list(doc_id: &str, primary: &[Named], body: &TierScan, flags: &mut Vec<Flag>) {
    if !body.has_list {
        return;
    }
    let extra: Vec<&str> = body
        .named
        .iter()
        .filter(|b| !primary.iter().any(|p| same_theme(&p.label, &b.label)))
        .map(|b| b.label.as_str())
        .collect();
    if !extra.is_empty() {
        flags.push(flag(
            Severity::Warning,
            FlagKind::Conflict,
            format!(
                "{doc_id}: the Results section names themes the abstract's list does not: {}",
                extra.join("; ")
            ),
        ));
    }
    let missing: Vec<&str> = primary
        .iter()
        .filter(|p| !body.named.iter().any(|b| same_theme(&p.label, &b.label)))
        .map(|p| p.label.as_str())
        .collect();
    if !missing.is_empty() {
        flags.push(flag(
            Severity::Info,
            FlagKind::Conflict,
            format!("{doc_id}: the Results section's theme list does not restate: {}", missing.join("; ")),
        ));
    }
}

/// The Results subheadings with their lines: the record's list, or else the
/// distinct headings of Results paragraphs in order.
fn result_headings(record: &SourceRecord) -> Vec<(String, u32)> {
    if !record.result_headings.is_empty() {
        return record.result_headings.clone();
    }
    let mut headings: Vec<(String, u32)> = Vec::new();
    for p in record.passages.iter().filter(|p| !p.in_abstract && p.section == Section::Results) {
        if let Some(h) = &p.heading
            && !headings.iter().any(|(seen, _)| seen == h)
        {
            headings.push((h.clone(), p.line.saturating_sub(1)));
        }
    }
    headings
}

/// A subheading without its numbering (`Theme 2: Trust` -> `Trust`).
fn heading_label(heading: &str) -> String {
    let text = one_line(heading);
    let text = text.trim_matches('*').trim();
    let stripped = HEADING_NUMBER.find(text).map_or(text, |m| &text[m.end()..]);
    clean_label(stripped)
}

fn headings_as_themes(headings: &[(String, u32)]) -> Vec<Named> {
    headings
        .iter()
        .filter_map(|(heading, line)| {
            let label = heading_label(heading);
            let usable = !label.is_empty()
                && !GENERIC_HEADING.is_match(&label)
                && label.split_whitespace().count() <= 16;
            usable.then(|| Named { label, parent: None, line: *line, evidence: heading.clone() })
        })
        .collect()
}

/// Pairs themes (and their domains) with Results subheadings: flags a heading
/// that words a theme differently, and takes the paragraphs under each
/// heading as that theme's body evidence.
fn locate_under_headings(
    record: &SourceRecord,
    named: &[Named],
    headings: &[(String, u32)],
    basis: ThemeBasis,
    out: &mut DocThemes,
) {
    if headings.is_empty() || named.is_empty() {
        return;
    }
    let mut labels: Vec<&str> = named.iter().map(|n| n.label.as_str()).collect();
    let theme_count = labels.len();
    for n in named {
        if let Some(parent) = n.parent.as_deref()
            && !labels.contains(&parent)
        {
            labels.push(parent);
        }
    }
    let heading_labels: Vec<String> = headings.iter().map(|(h, _)| heading_label(h)).collect();
    let heading_refs: Vec<&str> = heading_labels.iter().map(String::as_str).collect();
    let paired = pair_labels(&labels, &heading_refs, 0.5);
    let where_named = if basis == ThemeBasis::AbstractList { "the abstract's list" } else { "the list" };
    for (index, pairing) in paired.iter().enumerate() {
        let Some(h) = *pairing else { continue };
        let Some((heading, line)) = headings.get(h) else { continue };
        let is_theme = index < theme_count;
        let label = labels[index];
        if is_theme && !same_wording(label, &heading_labels[h]) {
            out.flags.push(flag(
                Severity::Info,
                FlagKind::Uncertain,
                format!(
                    "{}: theme \"{label}\" in {where_named} is headed \"{}\" in the Results (line {line}); \
                     the list's wording is kept",
                    record.doc_id,
                    one_line(heading)
                ),
            ));
        }
        let study_theme = if is_theme { label } else { "" };
        push_section(record, study_theme, heading, &mut out.evidence);
    }
    let unpaired: Vec<&str> =
        labels.iter().take(theme_count).zip(&paired).filter(|(_, p)| p.is_none()).map(|(l, _)| *l).collect();
    let paired_themes = theme_count - unpaired.len();
    if !unpaired.is_empty() && paired_themes * 2 >= theme_count {
        out.flags.push(flag(
            Severity::Info,
            FlagKind::Uncertain,
            format!("{}: no Results subheading found for: {}", record.doc_id, unpaired.join("; ")),
        ));
    }
}

/// Adds every sentence of the body paragraphs under `heading` as evidence.
fn push_section(record: &SourceRecord, study_theme: &str, heading: &str, evidence: &mut Vec<ThemeSentence>) {
    for p in record.passages.iter().filter(|p| !p.in_abstract && p.heading.as_deref() == Some(heading)) {
        for sentence in sentences(&p.text) {
            evidence.push(ThemeSentence {
                study_theme: study_theme.to_string(),
                doc_id: record.doc_id.clone(),
                line: p.line.saturating_add(sentence.line_offset),
                text: one_line(sentence.text),
                source: EvidenceSource::Body,
            });
        }
    }
}

/// Finding rows for a document that names no themes: signalled finding
/// statements of the abstract (else of the Results body), each with the
/// sentences that follow it; failing those, the abstract's Results sentences.
fn find_findings(record: &SourceRecord) -> (Vec<StudyTheme>, Vec<ThemeSentence>, Vec<Flag>) {
    let abstract_passages: Vec<&Passage> = record
        .passages
        .iter()
        .filter(|p| {
            p.in_abstract && matches!(p.section, Section::Abstract | Section::Results | Section::Conclusion)
        })
        .collect();
    let body: Vec<&Passage> =
        record.passages.iter().filter(|p| !p.in_abstract && p.section == Section::Results).collect();
    let mut themes = Vec::new();
    let mut evidence = Vec::new();
    for passages in [&abstract_passages, &body] {
        signalled_findings(record, passages, &mut themes, &mut evidence);
        if !themes.is_empty() {
            return (themes, evidence, Vec::new());
        }
    }
    // No signalled statement: the structured abstract's Results sentences.
    for p in abstract_passages.iter().filter(|p| p.section == Section::Results) {
        for sentence in sentences(&p.text) {
            let text = one_line(sentence.text);
            if is_sample_sentence(&text) || text.split_whitespace().count() < 4 || themes.len() >= 6 {
                continue;
            }
            let label = text.trim_end_matches('.').to_string();
            push_finding(record, &label, p.line.saturating_add(sentence.line_offset), &text, &mut themes);
        }
    }
    let flags = if themes.is_empty() {
        Vec::new()
    } else {
        vec![flag(
            Severity::Warning,
            FlagKind::Uncertain,
            format!(
                "{}: names no themes and states no finding with a lead-in; the abstract's Results sentences \
                 are taken as findings",
                record.doc_id
            ),
        )]
    };
    (themes, evidence, flags)
}

fn signalled_findings(
    record: &SourceRecord,
    passages: &[&Passage],
    themes: &mut Vec<StudyTheme>,
    evidence: &mut Vec<ThemeSentence>,
) {
    for p in passages {
        let mut current: Option<String> = None;
        for sentence in sentences(&p.text) {
            let text = one_line(sentence.text);
            let line = p.line.saturating_add(sentence.line_offset);
            if let Some(claim) = finding_claim(&text) {
                if themes.iter().any(|t: &StudyTheme| same_wording(&t.theme, &claim)) {
                    current = None;
                    continue;
                }
                push_finding(record, &claim, line, &text, themes);
                current = Some(claim);
            } else if let Some(claim) = &current
                && !is_sample_sentence(&text)
            {
                evidence.push(ThemeSentence {
                    study_theme: claim.clone(),
                    doc_id: record.doc_id.clone(),
                    line,
                    text,
                    source: EvidenceSource::Summary,
                });
            }
        }
    }
}

fn push_finding(record: &SourceRecord, claim: &str, line: u32, sentence: &str, themes: &mut Vec<StudyTheme>) {
    themes.push(StudyTheme {
        theme_no: u32::try_from(themes.len() + 1).unwrap_or(u32::MAX),
        kind: ThemeKind::Finding,
        theme: claim.to_string(),
        parent: None,
        doc_id: record.doc_id.clone(),
        line,
        evidence: sentence.to_string(),
    });
}
