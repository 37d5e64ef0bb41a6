//! Merging the candidates of all documents of a study into one value per
//! column. Every candidate keeps a provenance row; where candidates disagree
//! (two countries, two periods that are not the same period at different
//! precision, two licences) a `conflict` flag names them all.

use std::collections::BTreeMap;

use evtab_model::{Flag, FlagKind, Provenance, Severity, StudyField};

use crate::period::Period;
use crate::{ContextValue, DocContext};

/// The context columns of one study, with where each candidate came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StudyContext {
    /// Column name -> cell value (`; `-joined for multi-valued columns).
    /// Columns with no value are absent.
    pub values: BTreeMap<StudyField, String>,
    /// One row per candidate (chosen or not), `study_id` left empty.
    pub provenance: Vec<Provenance>,
    /// Ambiguities and disagreements, `study_id` left empty.
    pub flags: Vec<Flag>,
}

/// Whether label `general` is the last words of label `specific`
/// (`interviews` / `semi-structured interviews`), so that the specific one
/// makes it redundant.
pub(crate) fn subsumed_by(general: &str, specific: &str) -> bool {
    let (g, s) = (crate::folded::fold(general), crate::folded::fold(specific));
    !g.is_empty()
        && s.len() > g.len()
        && s.ends_with(&g)
        && s.as_bytes().get(s.len() - g.len() - 1) == Some(&b' ')
}

/// Merges the documents of one study.
pub fn reconcile_context(docs: &[DocContext]) -> StudyContext {
    let mut out = StudyContext::default();
    for doc in docs {
        out.flags.extend(doc.flags.iter().cloned());
        for v in &doc.values {
            out.provenance.push(Provenance {
                field: v.field.column().to_string(),
                value: v.value.clone(),
                doc_id: v.doc_id.clone(),
                line: v.line,
                rule: v.rule.clone(),
            });
        }
    }
    let all: Vec<&ContextValue> = docs.iter().flat_map(|d| d.values.iter()).collect();
    let of = |field: StudyField| all.iter().copied().filter(|v| v.field == field).collect::<Vec<_>>();

    let countries = of(StudyField::Country);
    let chosen_countries = choose_by_total(&countries, 80, 3);
    if !chosen_countries.is_empty() {
        let rejected: Vec<&ContextValue> =
            countries.iter().copied().filter(|v| !chosen_countries.contains(&v.value)).collect();
        if !rejected.is_empty() {
            out.flags.push(conflict(
                StudyField::Country,
                &countries,
                &chosen_countries.join("; "),
                "most evidence",
            ));
        }
        out.values.insert(StudyField::Country, chosen_countries.join("; "));
    }
    // Cities only from documents that agree on the country.
    let agreeing_docs: Vec<&str> =
        countries.iter().filter(|v| chosen_countries.contains(&v.value)).map(|v| v.doc_id.as_str()).collect();
    let cities: Vec<&ContextValue> =
        of(StudyField::City).into_iter().filter(|v| agreeing_docs.contains(&v.doc_id.as_str())).collect();
    if let Some(city) = choose_city(&cities) {
        let precise: Vec<&ContextValue> = cities.iter().copied().filter(|v| v.precision >= 3).collect();
        let others = precise.iter().any(|v| !city.split("; ").any(|c| city_key(c) == city_key(&v.value)));
        if others {
            out.flags.push(conflict(StudyField::City, &precise, &city, "most evidence"));
        }
        out.values.insert(StudyField::City, city);
    }
    for field in [StudyField::Setting, StudyField::Population] {
        let chosen = choose_by_total(&of(field), 0, 3);
        if !chosen.is_empty() {
            out.values.insert(field, chosen.join("; "));
        }
    }
    if let Some(aim) = best(&of(StudyField::Aim), |v| (v.precision, v.score)) {
        out.values.insert(StudyField::Aim, aim.value.clone());
    }
    if let Some(design) = best(&of(StudyField::Design), |v| (v.precision, v.score)) {
        out.values.insert(StudyField::Design, design.value.clone());
    }
    for field in [StudyField::DataCollection, StudyField::Analysis] {
        let values = of(field);
        let top = values.iter().map(|v| v.precision).max().unwrap_or(0);
        let items = union_specific(values.iter().filter(|v| v.precision == top).map(|v| v.value.as_str()));
        if !items.is_empty() {
            out.values.insert(field, items.join("; "));
        }
    }
    let periods = of(StudyField::CollectionPeriod);
    if let Some(chosen) = best(&periods, |v| (v.precision, v.score)) {
        let disagree = Period::parse_iso(&chosen.value).is_some_and(|c| {
            periods.iter().any(|v| {
                Period::parse_iso(&v.value)
                    .is_some_and(|p| c.truncate(p.precision()).iso() != p.truncate(c.precision()).iso())
            })
        });
        if disagree {
            out.flags.push(conflict(
                StudyField::CollectionPeriod,
                &periods,
                &chosen.value,
                "the most precise",
            ));
        }
        out.values.insert(StudyField::CollectionPeriod, chosen.value.clone());
    }
    let mut funders: Vec<String> = Vec::new();
    for v in of(StudyField::Funding) {
        let key = crate::folded::fold(&v.value);
        if !funders.iter().any(|f| crate::folded::fold(f) == key) {
            funders.push(v.value.clone());
        }
    }
    if !funders.is_empty() {
        out.values.insert(StudyField::Funding, funders.join("; "));
    }
    let licenses = of(StudyField::License);
    if let Some(chosen) = best(&licenses, |v| (v.score, 0)) {
        if licenses.iter().any(|v| v.value != chosen.value) {
            out.flags.push(conflict(
                StudyField::License,
                &licenses,
                &chosen.value,
                "the licence field first",
            ));
        }
        out.values.insert(StudyField::License, chosen.value.clone());
    }
    debug_assert!(out.values.keys().all(|k| StudyField::CONTEXT.contains(k)));
    out.provenance.sort();
    out.provenance.dedup();
    out.flags.sort();
    out.flags.dedup();
    out
}

/// The best candidate by `key`, the earliest on ties.
fn best<'v, K: Ord>(
    values: &[&'v ContextValue],
    key: impl Fn(&ContextValue) -> K,
) -> Option<&'v ContextValue> {
    let mut best: Option<&'v ContextValue> = None;
    for &v in values {
        if best.is_none_or(|b| key(v) > key(b)) {
            best = Some(v);
        }
    }
    best
}

/// Values whose summed score is at least `share`% of the best, best first (at most `cap`).
fn choose_by_total(values: &[&ContextValue], share: u32, cap: usize) -> Vec<String> {
    let mut totals: Vec<(String, u32)> = Vec::new();
    for v in values {
        match totals.iter_mut().find(|t| t.0 == v.value) {
            Some(t) => t.1 += v.score,
            None => totals.push((v.value.clone(), v.score)),
        }
    }
    let top = totals.iter().map(|t| t.1).max().unwrap_or(0);
    // Stable sort keeps first-seen order among equal totals.
    totals.sort_by_key(|t| std::cmp::Reverse(t.1));
    totals.into_iter().filter(|t| t.1 * 100 >= top * share).take(cap).map(|t| t.0).collect()
}

/// `Riverton, Manitoba` and `Riverton` are the same city.
fn city_key(value: &str) -> String {
    crate::folded::fold(value.split(',').next().unwrap_or(value))
}

/// The most precise city (city over region), by summed evidence; other
/// cities as strong as it are kept too.
fn choose_city(values: &[&ContextValue]) -> Option<String> {
    let top_precision = values.iter().map(|v| v.precision).max()?;
    let mut groups: BTreeMap<String, (u32, usize, String)> = BTreeMap::new();
    for (i, v) in values.iter().enumerate().filter(|(_, v)| v.precision == top_precision) {
        let g = groups.entry(city_key(&v.value)).or_insert((0, i, v.value.clone()));
        g.0 += v.score;
        if v.value.len() > g.2.len() {
            g.2 = v.value.clone();
        }
    }
    let mut list: Vec<(u32, usize, String)> = groups.into_values().collect();
    list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let top = list.first().map(|g| g.0)?;
    let chosen: Vec<String> =
        list.into_iter().filter(|g| g.0 * 100 >= top * 75).take(3).map(|g| g.2).collect();
    Some(chosen.join("; "))
}

/// Items in first-seen order without duplicates or items a more specific one covers.
fn union_specific<'a>(items: impl Iterator<Item = &'a str>) -> Vec<String> {
    let items: Vec<&str> = items.collect();
    let mut out: Vec<String> = Vec::new();
    for item in &items {
        if items.iter().any(|other| subsumed_by(item, other)) {
            continue;
        }
        if !out.iter().any(|o| o == item) {
            out.push((*item).to_string());
        }
    }
    out
}

fn conflict(field: StudyField, candidates: &[&ContextValue], kept: &str, why: &str) -> Flag {
    let field = field.column();
    let mut listed: Vec<String> = Vec::new();
    for v in candidates {
        let text = format!("`{}` ({} line {}, {})", v.value, v.doc_id, v.line, v.rule);
        if !listed.contains(&text) {
            listed.push(text);
        }
    }
    Flag {
        field: field.to_string(),
        severity: Severity::Warning,
        kind: FlagKind::Conflict,
        message: format!("{field}: sources disagree: {}; kept `{kept}` ({why})", listed.join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(field: &'static str, value: &str, doc: &str, precision: u8, score: u32) -> ContextValue {
        ContextValue {
            field: StudyField::from_column(field).unwrap_or(StudyField::Country),
            value: value.to_string(),
            doc_id: doc.to_string(),
            line: 1,
            rule: "test".to_string(),
            precision,
            score,
        }
    }

    fn docs(values: Vec<ContextValue>) -> Vec<DocContext> {
        let mut by_doc: BTreeMap<String, Vec<ContextValue>> = BTreeMap::new();
        for v in values {
            by_doc.entry(v.doc_id.clone()).or_default().push(v);
        }
        by_doc.into_iter().map(|(doc_id, values)| DocContext { doc_id, values, flags: Vec::new() }).collect()
    }

    #[test]
    fn specific_labels_cover_general_ones() {
        assert!(subsumed_by("interviews", "semi-structured interviews"));
        assert!(subsumed_by("thematic analysis", "reflexive thematic analysis"));
        assert!(!subsumed_by("analysis", "analysis"));
        assert!(!subsumed_by("views", "interviews"));
    }

    #[test]
    fn the_more_precise_period_wins_and_a_real_difference_is_a_conflict() {
        let ctx = reconcile_context(&docs(vec![
            value("collection_period", "2019/2020", "a.txt", 1, 2),
            value("collection_period", "2019-03/2019-09", "b.txt", 2, 3),
        ]));
        assert_eq!(
            ctx.values.get(&StudyField::CollectionPeriod).map(String::as_str),
            Some("2019-03/2019-09")
        );
        assert_eq!(ctx.flags.len(), 1);
        assert_eq!(ctx.flags[0].kind, FlagKind::Conflict);
        assert!(ctx.flags[0].message.contains("a.txt") && ctx.flags[0].message.contains("b.txt"));
        assert_eq!(ctx.provenance.len(), 2);
    }

    #[test]
    fn the_same_period_at_two_precisions_is_no_conflict() {
        let ctx = reconcile_context(&docs(vec![
            value("collection_period", "2019", "a.txt", 1, 2),
            value("collection_period", "2019-03/2019-09", "b.txt", 2, 3),
        ]));
        assert!(ctx.flags.is_empty(), "{:?}", ctx.flags);
    }

    #[test]
    fn methods_lists_merge_across_documents() {
        let ctx = reconcile_context(&docs(vec![
            value("analysis", "thematic analysis", "a.txt", 2, 2),
            value("analysis", "reflexive thematic analysis", "b.txt", 2, 1),
            value("analysis", "inductive coding", "b.txt", 1, 1),
            value("data_collection", "interviews", "a.txt", 1, 1),
            value("data_collection", "semi-structured interviews", "b.txt", 1, 1),
            value("data_collection", "survey", "b.txt", 1, 1),
        ]));
        assert_eq!(
            ctx.values.get(&StudyField::Analysis).map(String::as_str),
            Some("reflexive thematic analysis")
        );
        assert_eq!(
            ctx.values.get(&StudyField::DataCollection).map(String::as_str),
            Some("semi-structured interviews; survey")
        );
    }

    #[test]
    fn countries_that_disagree_are_flagged() {
        let ctx = reconcile_context(&docs(vec![
            value("country", "Canada", "a.txt", 1, 30),
            value("country", "United States", "b.txt", 1, 6),
            value("city", "Toronto", "a.txt", 3, 10),
            value("city", "Boston", "b.txt", 3, 10),
        ]));
        assert_eq!(ctx.values.get(&StudyField::Country).map(String::as_str), Some("Canada"));
        assert_eq!(ctx.values.get(&StudyField::City).map(String::as_str), Some("Toronto"));
        assert!(ctx.flags.iter().any(|f| f.field == "country" && f.kind == FlagKind::Conflict));
    }

    #[test]
    fn nothing_in_nothing_out() {
        let ctx = reconcile_context(&[]);
        assert!(ctx.values.is_empty() && ctx.provenance.is_empty() && ctx.flags.is_empty());
    }
}
