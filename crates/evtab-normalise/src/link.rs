//! Linking: which documents describe the same study.
//!
//! Two documents are one study when they share a DOI, or, failing that,
//! when their normalised titles are equal and their first authors and years
//! are compatible (equal, or unknown on one side) and they do not carry two
//! different DOIs. Candidates are found by blocking on keys (DOI, title
//! key) and, for similar titles, by sorted neighbourhoods, so the cost grows
//! with the number of documents, not with its square. Near misses are not
//! merged: they become `possible_duplicate` flags for a reviewer.

use std::collections::BTreeMap;

use evtab_model::{Field, Flag, FlagKind, Severity, SourceRecord};
use evtab_text::match_key;
use rayon::prelude::*;

use crate::date::parse_date;
use crate::doi::normalise_doi;
use crate::names::parse_author;

/// What linking compares, per document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkKeys {
    /// Normalised DOI.
    pub doi: Option<String>,
    /// Folded title.
    pub title: Option<String>,
    /// Folded family name of the first author.
    pub first_author: Option<String>,
    /// Publication year.
    pub year: Option<i32>,
}

impl LinkKeys {
    /// Reads the keys of a parsed document.
    pub fn of(record: &SourceRecord) -> Self {
        let doi = record.all(Field::Doi).find_map(|f| normalise_doi(&f.value));
        let title = record.first(Field::Title).map(|f| match_key(&f.value)).filter(|k| !k.is_empty());
        let first_author = record
            .first(Field::Author)
            .map(|f| match_key(&parse_author(&f.value).family))
            .filter(|k| !k.is_empty());
        let year = record.all(Field::Date).filter_map(|f| parse_date(&f.value)).map(|d| d.year).min();
        LinkKeys { doi, title, first_author, year }
    }
}

/// The result of linking: groups of record indices, and the near misses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linkage {
    /// Each group is one study: indices into the input, ascending; groups
    /// are ordered by their first index.
    pub groups: Vec<Vec<usize>>,
    /// Pairs of documents that look like one study but were not merged,
    /// each pair once, in index order.
    pub near_misses: Vec<NearMiss>,
}

/// Two documents (indices into the input, `a < b`) that look like one study
/// but were not merged, and why they look alike.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NearMiss {
    /// The first document.
    pub a: usize,
    /// The second document.
    pub b: usize,
    /// What they share and where they differ, in words.
    pub reason: String,
}

impl NearMiss {
    /// The `possible_duplicate` flag a reviewer reads, naming both documents.
    pub fn flag(&self, records: &[SourceRecord]) -> Flag {
        let (da, db) = (&records[self.a].doc_id, &records[self.b].doc_id);
        Flag {
            field: "doc_ids".to_string(),
            severity: Severity::Warning,
            kind: FlagKind::PossibleDuplicate,
            message: format!(
                "{da} and {db} may describe the same study but were not merged: {}",
                self.reason
            ),
        }
    }
}

/// Links parsed documents into studies.
pub fn link_studies(records: &[SourceRecord]) -> Linkage {
    let keys: Vec<LinkKeys> = records.par_iter().map(LinkKeys::of).collect();
    let mut sets = DisjointSets::new(records.len());
    let mut near_misses: Vec<(usize, usize, String)> = Vec::new();

    for members in block(&keys, |k| k.doi.as_deref()).values() {
        for pair in members.windows(2) {
            sets.union(pair[0], pair[1]);
        }
    }
    for members in block(&keys, |k| k.title.as_deref()).values() {
        link_same_title(&keys, members, &mut sets, &mut near_misses);
    }
    near_misses.extend(similar_titles(&keys));

    let groups = sets.groups();
    let mut misses: Vec<NearMiss> = near_misses
        .into_iter()
        .filter(|(a, b, _)| sets.find(*a) != sets.find(*b))
        .map(|(a, b, reason)| NearMiss { a: a.min(b), b: a.max(b), reason })
        .collect();
    misses.sort();
    misses.dedup();
    Linkage { groups, near_misses: misses }
}

/// How many neighbours in each sort order a title is compared with, in a
/// block too large to compare every pair (sorted-neighbourhood method).
const WINDOW: usize = 8;

/// Above this many distinct (DOI, first author, year) variants of one
/// title, variants are compared with their [`WINDOW`] neighbours only.
const ALL_PAIRS_LIMIT: usize = 64;

/// Documents with the same title: those whose DOI, first author and year are
/// identical are one study outright; distinct variants are compared for
/// compatibility (an unknown value is compatible with any). Variants are
/// few for a real title, so they are compared pairwise; a title shared by a
/// huge number of documents ("Editorial") has its variants compared with
/// their neighbours in sorted order only, so the cost stays linear.
fn link_same_title(
    keys: &[LinkKeys],
    members: &[usize],
    sets: &mut DisjointSets,
    near_misses: &mut Vec<(usize, usize, String)>,
) {
    // (first author, year, DOI) -> the first document with them. In this
    // order a copy without a DOI sorts next to the same author and year
    // with one, so neighbours are the likely matches.
    type Variant<'k> = (Option<&'k str>, Option<i32>, Option<&'k str>);
    let mut variants: BTreeMap<Variant<'_>, usize> = BTreeMap::new();
    for &i in members {
        let k = &keys[i];
        let first = *variants.entry((k.first_author.as_deref(), k.year, k.doi.as_deref())).or_insert(i);
        sets.union(first, i);
    }
    let variants: Vec<usize> = variants.into_values().collect();
    let reach = if variants.len() <= ALL_PAIRS_LIMIT { variants.len() } else { WINDOW };
    for (n, &a) in variants.iter().enumerate() {
        for &b in variants.iter().skip(n + 1).take(reach) {
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            match incompatibility(&keys[a], &keys[b]) {
                None => sets.union(a, b),
                Some(reason) => near_misses.push((a, b, reason)),
            }
        }
    }
}

/// Pairs of unequal titles whose edit similarity is at least
/// [`SIMILAR_TITLE`], found by the sorted-neighbourhood method: distinct
/// titles are sorted twice (as written, and with their words reversed) and
/// each is compared with its [`WINDOW`] successors in each order. Titles
/// that differ in a word or two usually sort close together in one of the
/// orders, and the cost is O(n log n) whatever the corpus looks like. In a
/// crowd of similar titles (a template used thousands of times) not every
/// similar pair is reported, and each title is represented by its first
/// document; these are hints for a reviewer, and linking never depends on
/// them.
fn similar_titles(keys: &[LinkKeys]) -> Vec<(usize, usize, String)> {
    let mut first_with: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(title) = k.title.as_deref() {
            first_with.entry(title).or_insert(i);
        }
    }
    let titles: Vec<(&str, usize)> = first_with.into_iter().collect();
    let reversed: Vec<String> =
        titles.iter().map(|(t, _)| t.split(' ').rev().collect::<Vec<_>>().join(" ")).collect();
    let mut by_reversed: Vec<usize> = (0..titles.len()).collect();
    by_reversed.sort_by(|&a, &b| reversed[a].cmp(&reversed[b]).then(a.cmp(&b)));

    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for order in [(0..titles.len()).collect::<Vec<_>>(), by_reversed] {
        for (n, &a) in order.iter().enumerate() {
            for &b in order.iter().skip(n + 1).take(WINDOW) {
                candidates.push((a.min(b), a.max(b)));
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let words: Vec<Vec<&str>> = titles.iter().map(|(t, _)| sorted_words(t)).collect();
    let lengths: Vec<usize> = titles.iter().map(|(t, _)| t.chars().count()).collect();
    candidates
        .par_iter()
        .filter(|&&(a, b)| {
            let (short, long) = (lengths[a].min(lengths[b]), lengths[a].max(lengths[b]));
            // An edit similarity of 0.9 allows at most a 10% length
            // difference, and near-duplicate titles share most words; both
            // checks are cheaper than the edit distance.
            long * 10 <= short * 11 + 10
                && shared_words(&words[a], &words[b]) * 2 >= words[a].len().max(words[b].len())
                && nearly_equal(titles[a].0, titles[b].0)
        })
        .map(|&(a, b)| {
            let (x, y) = (titles[a].1, titles[b].1);
            (x.min(y), x.max(y), "their titles are nearly the same".to_string())
        })
        .collect()
}

/// Normalised edit similarity above which unequal titles are reported as
/// possible duplicates.
const SIMILAR_TITLE: f64 = 0.9;

/// Why two documents with the same title are not the same study, if they are not.
fn incompatibility(a: &LinkKeys, b: &LinkKeys) -> Option<String> {
    if let (Some(x), Some(y)) = (&a.doi, &b.doi)
        && x != y
    {
        return Some(format!("same title but different DOIs ({x}, {y})"));
    }
    if let (Some(x), Some(y)) = (&a.first_author, &b.first_author)
        && x != y
    {
        return Some(format!("same title but different first authors ({x}, {y})"));
    }
    if let (Some(x), Some(y)) = (a.year, b.year)
        && x != y
    {
        return Some(format!("same title but different years ({x}, {y})"));
    }
    None
}

/// Whether the normalised edit similarity of two titles is at least
/// [`SIMILAR_TITLE`], i.e. their edit distance is at most 10% of the longer.
fn nearly_equal(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let allowed = ((1.0 - SIMILAR_TITLE) * longest as f64 + 1e-9).floor() as usize;
    bounded_edit_distance(&a, &b, allowed).is_some()
}

/// Levenshtein distance when it is at most `k`, else `None`. Only the band
/// of width `2k + 1` around the diagonal is computed, and the walk stops as
/// soon as a row exceeds `k`: O(k·n) rather than O(n²).
fn bounded_edit_distance(a: &[char], b: &[char], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    let big = k + 1;
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(big)).collect();
    let mut current = vec![big; b.len() + 1];
    for i in 1..=a.len() {
        let from = i.saturating_sub(k).max(1);
        let to = (i + k).min(b.len());
        current.iter_mut().for_each(|c| *c = big);
        current[0] = i.min(big);
        let mut row_min = current[0];
        for j in from..=to {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let value = substitution.min(previous[j] + 1).min(current[j - 1] + 1).min(big);
            current[j] = value;
            row_min = row_min.min(value);
        }
        if row_min > k {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= k).then_some(distance)
}

fn sorted_words(title: &str) -> Vec<&str> {
    let mut words: Vec<&str> = title.split(' ').collect();
    words.sort_unstable();
    words
}

/// Words two sorted word lists have in common (as multisets).
fn shared_words(a: &[&str], b: &[&str]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Groups indices by a key; documents without the key are in no block.
fn block<'k>(
    keys: &'k [LinkKeys],
    key: impl Fn(&'k LinkKeys) -> Option<&'k str>,
) -> BTreeMap<&'k str, Vec<usize>> {
    let mut blocks: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(value) = key(k) {
            blocks.entry(value).or_default().push(i);
        }
    }
    blocks
}

/// Union–find over record indices.
struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets { parent: (0..n).collect() }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index is the root, so groups are stable.
            let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[child] = root;
        }
    }

    fn groups(&mut self) -> Vec<Vec<usize>> {
        let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..self.parent.len() {
            let root = self.find(i);
            by_root.entry(root).or_default().push(i);
        }
        by_root.into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use evtab_model::SourceFormat;

    use super::*;

    fn flags_of(linkage: &Linkage, records: &[SourceRecord]) -> Vec<Flag> {
        linkage.near_misses.iter().map(|m| m.flag(records)).collect()
    }

    fn record(doc: &str, title: &str, author: &str, date: &str, doi: Option<&str>) -> SourceRecord {
        let mut r = SourceRecord::new(doc, SourceFormat::Dspace);
        r.push(Field::Title, title, 1);
        r.push(Field::Author, author, 2);
        r.push(Field::Date, date, 3);
        if let Some(doi) = doi {
            r.push(Field::Doi, doi, 4);
        }
        r
    }

    #[test]
    fn same_doi_links_even_when_titles_differ() {
        let rs = [
            record("a", "Title one", "Smith, A", "2021", Some("https://doi.org/10.1234/X")),
            record("b", "Title One: extended", "A Smith", "2021", Some("10.1234/x")),
        ];
        assert_eq!(link_studies(&rs).groups, [vec![0, 1]]);
    }

    #[test]
    fn same_title_links_when_author_and_year_agree_or_are_unknown() {
        let mut no_year = record("c", "“Peer” work, in care!", "Smith, A", "", None);
        no_year.fields.retain(|f| f.field != Field::Date);
        let rs = [
            record("a", "Peer work in care", "Ann Smith", "2020", None),
            record("b", "peer WORK in care", "Smith, A.", "2020", Some("10.1234/x")),
            no_year,
        ];
        assert_eq!(link_studies(&rs).groups, [vec![0, 1, 2]]);
    }

    #[test]
    fn same_title_different_author_or_year_is_flagged_not_merged() {
        let rs = [
            record("a", "Peer work in care", "Smith, A", "2020", None),
            record("b", "Peer work in care", "Jones, B", "2020", None),
            record("c", "Peer work in care", "Smith, A", "2023", None),
        ];
        let linkage = link_studies(&rs);
        assert_eq!(linkage.groups, [vec![0], vec![1], vec![2]]);
        assert_eq!(flags_of(&linkage, &rs).len(), 3);
        assert!(flags_of(&linkage, &rs).iter().all(|f| f.kind == FlagKind::PossibleDuplicate));
        assert!(flags_of(&linkage, &rs)[0].message.contains("a and b"));
    }

    #[test]
    fn nearly_equal_titles_are_flagged() {
        let rs = [
            record("a", "Peer support workers as a bridge in hospital care", "Smith, A", "2020", None),
            record("b", "Peer support workers as a bridge in hospital cares", "Smith, A", "2021", None),
        ];
        let linkage = link_studies(&rs);
        assert_eq!(linkage.groups.len(), 2);
        assert_eq!(flags_of(&linkage, &rs).len(), 1);
    }

    #[test]
    fn titles_of_very_different_length_in_one_block_are_not_compared_as_near_misses() {
        let rs = [
            record("a", "A qualitative study of peer work", "Smith, A", "2020", None),
            record(
                "b",
                "A qualitative study of peer work in hospital emergency departments in three cities",
                "Lee, B",
                "2020",
                None,
            ),
            record("c", "A qualitative study of peer works", "Kim, C", "2021", None),
        ];
        let linkage = link_studies(&rs);
        assert_eq!(linkage.groups.len(), 3);
        assert_eq!(flags_of(&linkage, &rs).len(), 1);
        assert!(
            flags_of(&linkage, &rs)[0].message.starts_with("a and c"),
            "{}",
            flags_of(&linkage, &rs)[0].message
        );
    }

    #[test]
    fn the_banded_distance_agrees_with_the_full_one_within_its_bound() {
        let pairs = [
            ("kitten", "sitting"),
            ("peer support workers as a bridge", "peer support worker as a bridges"),
            ("", "abc"),
            ("same", "same"),
            ("abcdefghij", "jihgfedcba"),
            ("a qualitative study of peer work", "a qualitative study of peer works in care"),
        ];
        for (a, b) in pairs {
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let full = strsim::levenshtein(a, b);
            for k in 0..12 {
                let expected = (full <= k).then_some(full);
                assert_eq!(bounded_edit_distance(&ca, &cb, k), expected, "{a:?} {b:?} k={k}");
            }
            let similar = strsim::normalized_levenshtein(a, b) >= SIMILAR_TITLE;
            assert_eq!(nearly_equal(a, b), similar, "{a:?} {b:?}");
        }
    }

    #[test]
    fn titles_that_differ_in_their_first_word_are_found_through_the_reversed_order() {
        let mut rs: Vec<SourceRecord> = (0..40)
            .map(|i| {
                record(
                    &format!("x{i:02}"),
                    &format!("Zeta study number {i} of peer work in care"),
                    "Lee, B",
                    "2019",
                    None,
                )
            })
            .collect();
        rs.push(record(
            "a",
            "Experiences of peer support workers in hospital care",
            "Smith, A",
            "2020",
            None,
        ));
        rs.push(record("b", "Experience of peer support workers in hospital care", "Smith, A", "2021", None));
        let linkage = link_studies(&rs);
        assert!(
            flags_of(&linkage, &rs).iter().any(|f| f.message.starts_with("a and b")),
            "{:?}",
            flags_of(&linkage, &rs)
        );
    }

    #[test]
    fn a_title_shared_by_many_documents_is_compared_with_neighbours_only() {
        let family = |i: u8| format!("{}{}", char::from(b'a' + i / 26), char::from(b'a' + i % 26));
        let rs: Vec<SourceRecord> = (0..500_u16)
            .map(|i| {
                let (hi, lo) = (u8::try_from(i / 26).unwrap_or(0), u8::try_from(i % 26).unwrap_or(0));
                record(
                    &format!("d{i:03}"),
                    "Editorial",
                    &format!("{}{}, A", family(hi), family(lo)),
                    "2020",
                    None,
                )
            })
            .collect();
        let linkage = link_studies(&rs);
        assert_eq!(linkage.groups.len(), 500);
        // Each of the 500 variants meets at most WINDOW successors, not all 499.
        assert!(flags_of(&linkage, &rs).len() <= 500 * WINDOW, "{}", flags_of(&linkage, &rs).len());
        assert!(flags_of(&linkage, &rs).len() >= 499, "{}", flags_of(&linkage, &rs).len());
    }

    #[test]
    fn in_a_crowded_title_a_copy_without_doi_still_meets_its_study() {
        let family = |i: usize| {
            let letter = |n: usize| char::from(b'a' + u8::try_from(n % 26).unwrap_or(0));
            format!("{}{}", letter(i / 26), letter(i))
        };
        let mut rs: Vec<SourceRecord> = (0..100)
            .map(|i| {
                record(
                    &format!("d{i:03}"),
                    "Editorial",
                    &format!("{}, A", family(i)),
                    "2020",
                    Some(&format!("10.1234/e{i:03}")),
                )
            })
            .collect();
        rs.push(record("copy", "Editorial", &format!("{}, A", family(99)), "2020", None));
        let linkage = link_studies(&rs);
        assert_eq!(linkage.groups.len(), 100);
        assert!(
            linkage.groups.contains(&vec![99, 100]),
            "{:?}",
            linkage.groups.iter().find(|g| g.contains(&100))
        );
    }

    #[test]
    fn documents_with_one_title_and_identical_keys_merge_however_many_there_are() {
        let rs: Vec<SourceRecord> =
            (0..300).map(|i| record(&format!("d{i:03}"), "Editorial", "Smith, A", "2020", None)).collect();
        assert_eq!(link_studies(&rs).groups, [(0..300).collect::<Vec<_>>()]);
    }

    #[test]
    fn different_dois_are_never_merged() {
        let rs = [
            record("a", "Same title", "Smith, A", "2020", Some("10.1234/a")),
            record("b", "Same title", "Smith, A", "2020", Some("10.1234/b")),
        ];
        assert_eq!(link_studies(&rs).groups.len(), 2);
    }
}
