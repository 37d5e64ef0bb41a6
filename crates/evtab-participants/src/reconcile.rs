//! One set of groups from several readings of a study (abstracts in several
//! formats, a full text's abstract and its Methods).
//!
//! Wording: where an abstract and a body state the same group with the same
//! size, the abstract's wording and sentence are kept, so that a study read
//! only from catalogue abstracts and one read from its full text are
//! labelled alike.

use std::collections::BTreeSet;

use evtab_model::{Flag, FlagKind, ParticipantGroup, Provenance, Severity};

use crate::{DocParticipants, ExtractedGroup, SourceParticipants, StatedTotal, StudyParticipants};

pub(crate) struct Merged {
    pub total: Option<StatedTotal>,
    pub groups: Vec<ExtractedGroup>,
    pub flags: Vec<Flag>,
    pub provenance: Vec<Provenance>,
}

struct MergedGroup {
    group: ExtractedGroup,
    from_abstract: bool,
}

/// Reconciles every document of one study (in any order) into one total
/// and one set of groups. Readings are ordered abstracts first, then by
/// document id. Groups start from the reading with the most stated sizes
/// (the first on ties); the other readings' groups are matched to them by
/// category (and wording or size), fill in sizes and methods, flag differing
/// sizes, and are added when they state a size or name a category not yet
/// seen. The total is that reading's own total if it states one, else the
/// first stated; it is never the sum of the groups (nothing is invented).
/// A different stated total is a `conflict` flag. One exception: a study
/// that took exactly one group, of stated size, states its total ("we
/// interviewed two peer workers" is two participants; rule
/// `participants:single_group`).
pub fn reconcile_participants(docs: &[DocParticipants]) -> StudyParticipants {
    let mut docs: Vec<&DocParticipants> = docs.iter().collect();
    docs.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
    let sources: Vec<&SourceParticipants> = docs.iter().flat_map(|d| d.sources.iter()).collect();
    let merged = merge_sources(&sources);
    let groups: Vec<ParticipantGroup> = merged.groups.into_iter().map(|g| g.group).collect();
    let mut provenance = merged.provenance;
    let total = merged.total.map(|t| t.n).or_else(|| single_group_total(&groups, &mut provenance));
    StudyParticipants { total, groups, provenance, flags: merged.flags }
}

/// The size of a study's only group, as its total; with more groups, or an
/// unknown size, nothing is derived.
fn single_group_total(groups: &[ParticipantGroup], provenance: &mut Vec<Provenance>) -> Option<u32> {
    let [group] = groups else { return None };
    let n = group.n?;
    provenance.push(Provenance {
        field: "n_participants".to_string(),
        value: n.to_string(),
        doc_id: group.doc_id.clone(),
        line: group.line,
        rule: "participants:single_group".to_string(),
    });
    Some(n)
}

pub(crate) fn merge_sources(sources: &[&SourceParticipants]) -> Merged {
    let mut order: Vec<&SourceParticipants> = sources.to_vec();
    order.sort_by(|a, b| (!a.in_abstract, &a.doc_id).cmp(&(!b.in_abstract, &b.doc_id)));
    let mut flags: BTreeSet<Flag> = BTreeSet::new();
    let mut provenance: Vec<Provenance> = Vec::new();

    let stated = |s: &SourceParticipants| s.groups.iter().filter(|g| g.group.n.is_some()).count();
    let mut base: Option<usize> = None;
    for (i, s) in order.iter().enumerate() {
        let score = (stated(s), s.groups.len());
        if base.is_none_or(|b| score > (stated(order[b]), order[b].groups.len())) {
            base = Some(i);
        }
    }

    let totals: Vec<&StatedTotal> = order.iter().filter_map(|s| s.total.as_ref()).collect();
    for t in &totals {
        provenance.push(Provenance {
            field: "n_participants".to_string(),
            value: t.n.to_string(),
            doc_id: t.doc_id.clone(),
            line: t.line,
            rule: t.rule.clone(),
        });
    }
    // The reading that gives the groups also gives the total, so the two agree.
    let total = base.and_then(|b| order[b].total.clone()).or_else(|| totals.first().map(|t| (*t).clone()));
    if let Some(kept) = &total
        && totals.iter().any(|t| t.n != kept.n)
    {
        let stated: Vec<String> =
            totals.iter().map(|t| format!("{} ({} line {})", t.n, t.doc_id, t.line)).collect();
        flags.insert(flag(
            "n_participants",
            FlagKind::Conflict,
            format!("sources disagree on the number of participants: {}; kept {}", stated.join(", "), kept.n),
        ));
    }

    let mut merged: Vec<MergedGroup> = Vec::new();
    if let Some(b) = base {
        merged.extend(
            order[b]
                .groups
                .iter()
                .map(|g| MergedGroup { group: g.clone(), from_abstract: order[b].in_abstract }),
        );
        for (i, source) in order.iter().enumerate() {
            if i != b {
                merge_one(&mut merged, source, &mut flags);
            }
        }
    }

    let groups: Vec<ExtractedGroup> = merged.into_iter().map(|m| m.group).collect();
    for g in &groups {
        let p = &g.group;
        provenance.push(Provenance {
            field: "participants".to_string(),
            value: match p.n {
                Some(n) => format!("{} (n = {n})", p.group),
                None => p.group.clone(),
            },
            doc_id: p.doc_id.clone(),
            line: p.line,
            rule: g.rule.clone(),
        });
        if p.category == "other" {
            flags.insert(flag(
                "participants",
                FlagKind::Uncertain,
                format!(
                    "participant group `{}` ({} line {}) matches no term of the participant vocabulary; category set to other",
                    p.group, p.doc_id, p.line
                ),
            ));
        }
    }
    if let Some(t) = &total
        && !groups.is_empty()
        && groups.iter().all(|g| g.group.n.is_some())
    {
        let sizes: Vec<u32> = groups.iter().filter_map(|g| g.group.n).collect();
        let sum: u64 = sizes.iter().map(|&n| u64::from(n)).sum();
        if sum != u64::from(t.n) {
            let parts: Vec<String> = sizes.iter().map(u32::to_string).collect();
            flags.insert(flag(
                "n_participants",
                FlagKind::SumMismatch,
                format!(
                    "group sizes add up to {sum} ({}) but the stated total is {} ({} line {})",
                    parts.join(" + "),
                    t.n,
                    t.doc_id,
                    t.line
                ),
            ));
        }
    }
    Merged { total, groups, flags: flags.into_iter().collect(), provenance }
}

fn flag(field: &str, kind: FlagKind, message: String) -> Flag {
    Flag { field: field.to_string(), severity: Severity::Warning, kind, message }
}

/// Folds a label for comparison, each word in the singular.
fn label_key(label: &str) -> String {
    evtab_text::match_key(label)
        .split(' ')
        .map(|w| if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") { &w[..w.len() - 1] } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

fn merge_one(merged: &mut Vec<MergedGroup>, source: &SourceParticipants, flags: &mut BTreeSet<Flag>) {
    let mut used = vec![false; merged.len()];
    for incoming in &source.groups {
        let g = &incoming.group;
        // A group read as `other` (an abbreviation defined only in another
        // document) is the same group as a named one of the same stated size.
        let compatible = |k: usize| {
            let c = &merged[k].group.group.category;
            *c == g.category
                || ((*c == "other") != (g.category == "other")
                    && g.n.is_some()
                    && merged[k].group.group.n == g.n)
        };
        let same_category: Vec<usize> = (0..used.len()).filter(|&k| !used[k] && compatible(k)).collect();
        let by_label = same_category
            .iter()
            .copied()
            .find(|&k| label_key(&merged[k].group.group.group) == label_key(&g.group));
        let by_size = || {
            let same: Vec<usize> = same_category
                .iter()
                .copied()
                .filter(|&k| g.n.is_some() && merged[k].group.group.n == g.n)
                .collect();
            (same.len() == 1).then(|| same[0])
        };
        let by_uniqueness = || {
            let siblings = source.groups.iter().filter(|x| x.group.category == g.category).count();
            (same_category.len() == 1 && siblings == 1).then(|| same_category[0])
        };
        match by_label.or_else(by_size).or_else(by_uniqueness) {
            Some(k) => {
                used[k] = true;
                update(&mut merged[k], incoming, source.in_abstract, flags);
            }
            None => {
                let category_seen = merged.iter().any(|m| m.group.group.category == g.category);
                if g.n.is_some() || !category_seen {
                    merged.push(MergedGroup { group: incoming.clone(), from_abstract: source.in_abstract });
                }
            }
        }
    }
}

fn update(
    kept: &mut MergedGroup,
    incoming: &ExtractedGroup,
    incoming_abstract: bool,
    flags: &mut BTreeSet<Flag>,
) {
    let method = kept.group.group.method.clone().or_else(|| incoming.group.method.clone());
    if kept.group.group.category == "other" && incoming.group.category != "other" {
        kept.group = incoming.clone();
        kept.from_abstract = incoming_abstract;
        kept.group.group.method = method;
        return;
    }
    let k: &ParticipantGroup = &kept.group.group;
    let g: &ParticipantGroup = &incoming.group;
    match (k.n, g.n) {
        (Some(a), Some(b)) if a != b => {
            flags.insert(flag(
                "participants",
                FlagKind::Conflict,
                format!(
                    "sources disagree on the size of participant group `{}`: {a} ({} line {}) vs {b} ({} line {}); kept {a}",
                    k.group, k.doc_id, k.line, g.doc_id, g.line
                ),
            ));
        }
        (None, Some(_)) => {
            // Take the sentence that states the size, so the size stays traceable.
            kept.group = incoming.clone();
            kept.from_abstract = incoming_abstract;
        }
        (a, b) if a == b && incoming_abstract && !kept.from_abstract => {
            kept.group = incoming.clone();
            kept.from_abstract = true;
        }
        _ => {}
    }
    kept.group.group.method = method;
}
