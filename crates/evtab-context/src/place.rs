//! Country and city of the study from its own setting sentences.
//!
//! Gazetteer names are found in every sentence; a name counts as evidence
//! only where the sentence describes the study (title, abstract, Methods, or
//! a sentence about "this study"), not in affiliations, ethics or funding
//! sentences, nor inside an organisation's name (`Lakeside University,
//! Riverton`). Cities need a locative cue (`in Riverton`, `Riverton,
//! Manitoba`) because city names are also surnames (`Lincoln and Guba`).
//! A city of several countries is resolved by the place named next to it,
//! then by the other places and country cues anywhere in the document
//! (funding notes included: they do not give the setting, but they tell
//! which Springfield is meant), else the first candidate is taken and flagged.

use std::collections::BTreeMap;

use evtab_model::{Flag, FlagKind, Section, Severity, StudyField};

use crate::ContextValue;
use crate::folded::FoldedText;
use crate::phrases::Hit;
use crate::units::{Origin, Sentence};
use crate::vocab::{ContextVocab, Gazetteer, PlaceKind};

/// One reading of a place name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Candidate {
    country: usize,
    sub: Option<usize>,
    city: Option<usize>,
    weak: Weak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weak {
    No,
    Demonym,
    Cue,
}

/// How an ambiguous name was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolution {
    Single,
    Adjacent,
    Context,
    Default,
}

#[derive(Debug, Clone)]
struct Found {
    sentence: usize,
    name: usize,
    start: usize,
    end: usize,
    candidates: Vec<Candidate>,
    anchored: bool,
    org: bool,
    stated_sub: Option<usize>,
    resolution: Resolution,
    score: u32,
}

impl Found {
    fn chosen(&self) -> Option<Candidate> {
        self.candidates.first().copied()
    }
    fn single_country(&self) -> Option<usize> {
        let first = self.candidates.first()?.country;
        self.candidates.iter().all(|c| c.country == first).then_some(first)
    }
    fn single_sub(&self) -> Option<usize> {
        let first = self.candidates.first()?.sub?;
        self.candidates.iter().all(|c| c.sub == Some(first)).then_some(first)
    }
}

/// Country, city (or region) values and ambiguity flags of one document.
pub(crate) fn extract(
    doc_id: &str,
    sentences: &[Sentence<'_>],
    vocab: &ContextVocab,
) -> (Vec<ContextValue>, Vec<Flag>) {
    let gaz = &vocab.gazetteer;
    let mut found: Vec<Found> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let hits = gaz.matcher.find(&s.folded);
        let first = found.len();
        for hit in &hits {
            if let Some(f) = read_hit(gaz, s, si, *hit) {
                found.push(f);
            }
        }
        link_neighbours(&s.folded, &mut found[first..]);
    }
    resolve_by_context(&mut found);
    for f in &mut found {
        f.score = evidence_score(vocab, &sentences[f.sentence], f);
    }
    decide(doc_id, gaz, sentences, &found)
}

fn read_hit(gaz: &Gazetteer, s: &Sentence<'_>, si: usize, hit: Hit) -> Option<Found> {
    let name = gaz.names.get(hit.id)?;
    let mut candidates = Vec::new();
    for kind in &name.kinds {
        match *kind {
            PlaceKind::Country(c) => {
                candidates.push(Candidate { country: c, sub: None, city: None, weak: Weak::No })
            }
            PlaceKind::Subdivision(i) => {
                if let Some((_, c)) = gaz.subdivisions.get(i) {
                    candidates.push(Candidate { country: *c, sub: Some(i), city: None, weak: Weak::No });
                }
            }
            PlaceKind::City(i) => {
                for &(country, sub) in gaz.cities.get(i).map(|c| c.candidates.as_slice()).unwrap_or(&[]) {
                    candidates.push(Candidate { country, sub, city: Some(i), weak: Weak::No });
                }
            }
            PlaceKind::Demonym(c) => {
                candidates.push(Candidate { country: c, sub: None, city: None, weak: Weak::Demonym })
            }
            PlaceKind::Cue(c) => {
                candidates.push(Candidate { country: c, sub: None, city: None, weak: Weak::Cue })
            }
            PlaceKind::Region => {}
        }
    }
    if candidates.is_empty() {
        return None;
    }
    let whole_field = s.origin == Origin::Keyword && hit.start == 0 && hit.end == s.folded.folded.len();
    let anchored = whole_field || is_anchored(gaz, &s.folded, hit.start, hit.end);
    let mut f = Found {
        sentence: si,
        name: hit.id,
        start: hit.start,
        end: hit.end,
        candidates,
        anchored,
        org: in_organisation_name(gaz, &s.folded, hit.start, hit.end),
        stated_sub: None,
        resolution: Resolution::Single,
        score: 0,
    };
    if f.single_country().is_none() {
        f.resolution = Resolution::Default;
    }
    Some(f)
}

/// `in Riverton`, `in the city of Riverton`, `in urban Southwestern Manitoba`, `Riverton-based`.
fn is_anchored(gaz: &Gazetteer, folded: &FoldedText<'_>, start: usize, end: usize) -> bool {
    let mut skipped = 0;
    for word in folded.words_before(start) {
        if gaz.prepositions.iter().any(|p| p == word) {
            return true;
        }
        if skipped < 4 && gaz.fillers.iter().any(|f| f == word) {
            skipped += 1;
            continue;
        }
        break;
    }
    folded.words_after(end).next().is_some_and(|w| gaz.place_suffixes.iter().any(|s| s == w))
}

/// `University of Lakeside`, `Lakeside University`, `King's College Lakeside`, `Riverton Integrated Research Ethics Board`.
fn in_organisation_name(gaz: &Gazetteer, folded: &FoldedText<'_>, start: usize, end: usize) -> bool {
    let text = folded.folded.as_str();
    let before = text.get(..start).unwrap_or("").trim_end();
    let after = text.get(end..).unwrap_or("").trim_start();
    let ends_with_word = |hay: &str, word: &str| {
        hay.ends_with(word)
            && (hay.len() == word.len() || hay.as_bytes().get(hay.len() - word.len() - 1) == Some(&b' '))
    };
    let starts_with_word = |hay: &str, word: &str| {
        hay.starts_with(word) && (hay.len() == word.len() || hay.as_bytes().get(word.len()) == Some(&b' '))
    };
    gaz.org_before.iter().any(|o| ends_with_word(before, o))
        || gaz.org_after.iter().any(|o| starts_with_word(after, o))
}

/// Places named next to each other within one sentence: `Riverton, Manitoba`
/// (the second qualifies the first), `in Riverton and Brookfield` (the second
/// shares the first's locative cue).
fn link_neighbours(folded: &FoldedText<'_>, found: &mut [Found]) {
    for i in 1..found.len() {
        let (left, right) = found.split_at_mut(i);
        let (Some(a), Some(b)) = (left.last_mut(), right.first_mut()) else {
            continue;
        };
        let gap = folded.folded.get(a.end..b.start).unwrap_or("");
        let (_, a_end) = folded.original_range(a.start, a.end);
        let (b_start, _) = folded.original_range(b.start, b.end);
        let printed_gap = folded.original.get(a_end..b_start).unwrap_or("");
        let qualifies = gap == " "
            && (printed_gap.contains(',') || printed_gap.contains('('))
            && b.candidates.iter().all(|c| c.city.is_none() && c.weak == Weak::No);
        if qualifies {
            let consistent: Vec<Candidate> = a
                .candidates
                .iter()
                .copied()
                .filter(|ca| {
                    b.candidates
                        .iter()
                        .any(|cb| cb.country == ca.country && (cb.sub.is_none() || cb.sub == ca.sub))
                })
                .collect();
            if !consistent.is_empty() {
                let was_ambiguous = a.single_country().is_none() || a.candidates.len() > consistent.len();
                a.candidates = consistent;
                if was_ambiguous && a.single_country().is_some() {
                    a.resolution = Resolution::Adjacent;
                }
                if let Some(sub) = b.single_sub()
                    && a.candidates
                        .iter()
                        .any(|c| c.sub == Some(sub) || (c.sub.is_none() && c.city.is_some()))
                {
                    a.stated_sub = Some(sub);
                }
                // The qualifier takes the reading that fits the place it qualifies.
                let fitting: Vec<Candidate> = b
                    .candidates
                    .iter()
                    .copied()
                    .filter(|cb| a.candidates.iter().any(|ca| ca.country == cb.country))
                    .collect();
                if !fitting.is_empty() {
                    b.candidates = fitting;
                    if b.single_country().is_some() && b.resolution == Resolution::Default {
                        b.resolution = Resolution::Adjacent;
                    }
                }
            }
            b.anchored |= a.anchored;
        } else if a.anchored && is_coordination(gap) {
            b.anchored = true;
        }
    }
}

/// The words between two places in a list (`Riverton and Brookfield`, `Canada and the United States`).
fn is_coordination(gap: &str) -> bool {
    let words: Vec<&str> = gap.split(' ').filter(|w| !w.is_empty()).collect();
    words.len() <= 3 && words.iter().all(|w| matches!(*w, "and" | "or" | "the" | "in" | "as" | "well"))
}

/// Resolves names of several countries by the rest of the document: places
/// of one reading's subdivision count twice, of its country once.
fn resolve_by_context(found: &mut [Found]) {
    let mut country_count: BTreeMap<usize, u32> = BTreeMap::new();
    let mut sub_count: BTreeMap<usize, u32> = BTreeMap::new();
    for f in found.iter() {
        if let Some(c) = f.single_country() {
            *country_count.entry(c).or_default() += 1;
        }
        if let Some(s) = f.single_sub() {
            *sub_count.entry(s).or_default() += 1;
        }
    }
    for f in found.iter_mut() {
        if f.single_country().is_some() {
            continue;
        }
        let score = |c: &Candidate| {
            2 * c.sub.and_then(|s| sub_count.get(&s)).copied().unwrap_or(0)
                + country_count.get(&c.country).copied().unwrap_or(0)
        };
        let best = f.candidates.iter().map(score).max().unwrap_or(0);
        let leaders: Vec<Candidate> = f.candidates.iter().copied().filter(|c| score(c) == best).collect();
        let leader_countries: std::collections::BTreeSet<usize> = leaders.iter().map(|c| c.country).collect();
        if best > 0 && leader_countries.len() == 1 {
            f.candidates = leaders;
            f.resolution = Resolution::Context;
        } else {
            // Keep the most likely reading (listed first) and say so.
            if let Some(first) = f.candidates.first().copied() {
                f.candidates.retain(|c| c.country == first.country);
            }
            f.resolution = Resolution::Default;
        }
    }
}

/// Weight of one name as evidence of the study setting (0 = context only).
fn evidence_score(vocab: &ContextVocab, s: &Sentence<'_>, f: &Found) -> u32 {
    let base = match s.origin {
        Origin::Title => 12,
        Origin::Abstract(Section::Methods | Section::Abstract) => 10,
        Origin::Abstract(Section::Background | Section::Aim) => 6,
        Origin::Abstract(_) => 6,
        Origin::Body(Section::Methods) => {
            if s.heading.is_some_and(|h| crate::phrases::contains_any(&vocab.setting_headings, h)) {
                12
            } else {
                10
            }
        }
        Origin::Body(Section::Funding | Section::BackMatter) => 0,
        // Discussion and Background sentences about "our study" compare it
        // with other places more often than they state its own.
        Origin::Body(_) => {
            if s.self_ref {
                4
            } else {
                0
            }
        }
        Origin::Keyword => 6,
        Origin::CountryField => 20,
        Origin::FundingField | Origin::LicenseField => 0,
    };
    if base == 0 || s.affiliation || f.org || vocab.not_setting.any_in(&s.folded) {
        return 0;
    }
    let Some(c) = f.chosen() else {
        return 0;
    };
    let name_needs_anchor = vocab.gazetteer.names.get(f.name).is_some_and(|n| n.anchor_required);
    let factor = match c.weak {
        // `in a mid-sized Canadian city` says more than `Canadian policy`.
        Weak::Demonym => {
            if f.anchored {
                75
            } else {
                50
            }
        }
        Weak::Cue => 25,
        Weak::No if c.city.is_some() || name_needs_anchor => {
            if f.anchored {
                100
            } else {
                0
            }
        }
        Weak::No => {
            if f.anchored {
                100
            } else {
                75
            }
        }
    };
    let citation = if cites_literature(s.text) { 25 } else { 100 };
    let uncertain = if f.resolution == Resolution::Default { 50 } else { 100 };
    base * factor * citation / 100 * uncertain / 100
}

/// A sentence that cites other work (`[12]`, `et al.`, `(Smith, 2019)`)
/// probably reports somebody else's setting.
fn cites_literature(text: &str) -> bool {
    if text.contains("et al") {
        return true;
    }
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'[' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            return true;
        }
        if b == b'(' {
            let close = text.get(i..).and_then(|rest| rest.find(')')).map(|j| i + j);
            if let Some(inner) = close.and_then(|j| text.get(i + 1..j)) {
                let has_year = inner
                    .split(|c: char| !c.is_ascii_digit())
                    .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
                let has_name = inner.chars().next().is_some_and(char::is_uppercase);
                if has_year && has_name {
                    return true;
                }
            }
        }
    }
    false
}

fn how(f: &Found, c: Candidate) -> &'static str {
    match (c.weak, f.resolution) {
        (Weak::Demonym, _) => "demonym",
        (Weak::Cue, _) => "cue",
        (_, Resolution::Adjacent) => "adjacent",
        (_, Resolution::Context) => "context",
        (_, Resolution::Default) => "default",
        (_, Resolution::Single) => {
            if f.anchored {
                "stated"
            } else {
                "named"
            }
        }
    }
}

fn decide(
    doc_id: &str,
    gaz: &Gazetteer,
    sentences: &[Sentence<'_>],
    found: &[Found],
) -> (Vec<ContextValue>, Vec<Flag>) {
    let mut values = Vec::new();
    let mut flags = Vec::new();
    // A country counts once per sentence (its strongest mention there), so a
    // sentence that repeats a name does not outweigh one that states the setting.
    let mut per_sentence: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (i, f) in found.iter().enumerate() {
        let Some(c) = f.chosen() else { continue };
        if f.score == 0 {
            continue;
        }
        let entry = per_sentence.entry((c.country, f.sentence)).or_insert(i);
        if f.score > found[*entry].score {
            *entry = i;
        }
    }
    // Country totals, with the strongest single mention as its line.
    let mut totals: BTreeMap<usize, (u32, usize)> = BTreeMap::new();
    for (&(country, _), &i) in &per_sentence {
        let score = found[i].score;
        let entry = totals.entry(country).or_insert((0, i));
        entry.0 += score;
        if score > found[entry.1].score || (score == found[entry.1].score && i < entry.1) {
            entry.1 = i;
        }
    }
    let Some(best_total) = totals.values().map(|t| t.0).max() else {
        return (values, flags);
    };
    let mut ranked: Vec<(usize, u32, usize)> =
        totals.iter().map(|(&c, &(total, at))| (c, total, at)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    // A second country joins only when stated alongside the first in one
    // sentence (`in Canada and the United States`) and nearly as strongly;
    // countries named in the background of the study do not.
    let leader = ranked.first().map(|r| r.0);
    let sentences_of = |country: usize| -> Vec<usize> {
        per_sentence.keys().filter(|(c, _)| *c == country).map(|(_, s)| *s).collect()
    };
    let leader_sentences = leader.map(sentences_of).unwrap_or_default();
    let chosen: Vec<(usize, u32, usize)> = ranked
        .iter()
        .enumerate()
        .filter(|(rank, r)| {
            *rank == 0
                || (r.1 * 100 >= best_total * 80
                    && sentences_of(r.0).iter().any(|s| leader_sentences.contains(s)))
        })
        .map(|(_, r)| *r)
        .take(3)
        .collect();
    let line_of = |f: &Found| sentences.get(f.sentence).map_or(0, |s| s.line);
    let origin_of = |f: &Found| sentences.get(f.sentence).map_or("", |s| s.origin.name());
    for &(country, total, at) in &chosen {
        let f = &found[at];
        let Some(c) = f.chosen() else { continue };
        values.push(ContextValue {
            field: StudyField::Country,
            value: gaz.countries.get(country).cloned().unwrap_or_default(),
            doc_id: doc_id.to_string(),
            line: line_of(f),
            rule: format!("place:{}:{}", origin_of(f), how(f, c)),
            precision: 1,
            score: total,
        });
        let only_weak = found
            .iter()
            .filter(|g| g.score > 0 && g.chosen().is_some_and(|gc| gc.country == country))
            .all(|g| g.chosen().is_some_and(|gc| gc.weak != Weak::No));
        if only_weak {
            flags.push(uncertain(
                "country",
                format!(
                    "{doc_id}: country `{}` rests only on indirect words (e.g. `{}`, line {})",
                    gaz.countries.get(country).map_or("", String::as_str),
                    sentences.get(f.sentence).map_or("", |s| s.folded.original_slice(f.start, f.end)),
                    line_of(f)
                ),
            ));
        }
    }
    let chosen_countries: Vec<usize> = chosen.iter().map(|c| c.0).collect();
    // Cities of the chosen countries, by total weight.
    let mut cities: BTreeMap<usize, (u32, usize, Option<usize>)> = BTreeMap::new();
    for (i, f) in found.iter().enumerate() {
        let Some(c) = f.chosen() else { continue };
        let Some(city) = c.city else { continue };
        if f.score == 0 || !chosen_countries.contains(&c.country) {
            continue;
        }
        let entry = cities.entry(city).or_insert((0, i, None));
        entry.0 += f.score;
        if f.score > found[entry.1].score {
            entry.1 = i;
        }
        if entry.2.is_none() {
            entry.2 = f.stated_sub;
        }
    }
    let mut city_list: Vec<(usize, u32, usize, Option<usize>)> =
        cities.iter().map(|(&c, &(total, at, sub))| (c, total, at, sub)).collect();
    city_list.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let best_city = city_list.first().map_or(0, |c| c.1);
    for &(city, total, at, stated_sub) in city_list.iter().filter(|c| c.1 * 100 >= best_city * 75).take(3) {
        let f = &found[at];
        let Some(c) = f.chosen() else { continue };
        let Some(def) = gaz.cities.get(city) else { continue };
        let non_default =
            def.candidates.first().is_some_and(|&(country, sub)| (country, sub) != (c.country, c.sub));
        let shown_sub = stated_sub.or(if non_default { c.sub } else { None });
        let value = match shown_sub.and_then(|s| gaz.subdivisions.get(s)) {
            Some((sub_name, _)) if !def.name.contains(',') => format!("{}, {}", def.name, sub_name),
            _ => def.name.clone(),
        };
        values.push(ContextValue {
            field: StudyField::City,
            value,
            doc_id: doc_id.to_string(),
            line: line_of(f),
            rule: format!("place:{}:{}", origin_of(f), how(f, c)),
            precision: 3,
            score: total,
        });
    }
    if city_list.is_empty() {
        // No city stated: the region (province, state) where one is.
        let mut regions: BTreeMap<usize, (u32, usize)> = BTreeMap::new();
        for (i, f) in found.iter().enumerate() {
            let Some(c) = f.chosen() else { continue };
            let (Some(sub), None) = (c.sub, c.city) else { continue };
            if f.score == 0 || !chosen_countries.contains(&c.country) || c.weak != Weak::No {
                continue;
            }
            let entry = regions.entry(sub).or_insert((0, i));
            entry.0 += f.score;
        }
        if let Some((&sub, &(total, at))) =
            regions.iter().max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        {
            let f = &found[at];
            if let (Some(c), Some((name, _))) = (f.chosen(), gaz.subdivisions.get(sub)) {
                values.push(ContextValue {
                    field: StudyField::City,
                    value: name.clone(),
                    doc_id: doc_id.to_string(),
                    line: line_of(f),
                    rule: format!("place:{}:{}:region", origin_of(f), how(f, c)),
                    precision: 2,
                    score: total,
                });
            }
        }
    }
    // Ambiguous names that nothing in the document resolved.
    let mut reported: Vec<usize> = Vec::new();
    for f in found.iter().filter(|f| f.resolution == Resolution::Default && f.score > 0) {
        if reported.contains(&f.name) {
            continue;
        }
        reported.push(f.name);
        let Some(c) = f.chosen() else { continue };
        let printed = sentences.get(f.sentence).map_or("", |s| s.folded.original_slice(f.start, f.end));
        let readings = readings_of(gaz, f.name);
        flags.push(uncertain(
            if c.city.is_some() { "city" } else { "country" },
            format!(
                "{doc_id} line {}: `{printed}` could be {}; nothing in the document decides, took {}",
                line_of(f),
                readings.join(" or "),
                gaz.countries.get(c.country).map_or("", String::as_str)
            ),
        ));
    }
    (values, flags)
}

fn readings_of(gaz: &Gazetteer, name: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for kind in gaz.names.get(name).map(|n| n.kinds.as_slice()).unwrap_or(&[]) {
        let places: Vec<(usize, Option<usize>)> = match *kind {
            PlaceKind::City(i) => gaz.cities.get(i).map(|c| c.candidates.clone()).unwrap_or_default(),
            PlaceKind::Subdivision(i) => {
                gaz.subdivisions.get(i).map(|s| vec![(s.1, Some(i))]).unwrap_or_default()
            }
            PlaceKind::Country(c) => vec![(c, None)],
            _ => Vec::new(),
        };
        for (country, sub) in places {
            let country_name = gaz.countries.get(country).map_or("", String::as_str);
            let text = match sub.and_then(|s| gaz.subdivisions.get(s)) {
                Some((sub_name, _)) => format!("{sub_name}, {country_name}"),
                None => country_name.to_string(),
            };
            if !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out
}

fn uncertain(field: &str, message: String) -> Flag {
    Flag { field: field.to_string(), severity: Severity::Warning, kind: FlagKind::Uncertain, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_recognised() {
        assert!(cites_literature("A study in Vancouver found this [12]."));
        assert!(cites_literature("As Smith et al. found in Toronto."));
        assert!(cites_literature("Peers in Ottawa were valued (Kerr, 2005)."));
        assert!(!cites_literature("The study took place in Hamilton (Ontario) in 2019."));
    }
}
