//! Linking: which documents describe the same study.
//!
//! Two documents are one study when they share a DOI, or, failing that,
//! when their normalised titles are equal and their first authors and years
//! are compatible (equal, or unknown on one side) and they do not carry two
//! different DOIs. Candidates are found by blocking on keys (DOI, title key,
//! title prefix), so the cost grows with the number of documents, not with
//! its square. Near misses are not merged: they become `possible_duplicate`
//! flags for a reviewer.

use std::collections::BTreeMap;

use evtab_model::{Field, Flag, FlagKind, Severity, SourceRecord};
use evtab_text::match_key;

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
    /// `possible_duplicate` flags (study ids are filled in later).
    pub flags: Vec<Flag>,
}

/// Links parsed documents into studies.
pub fn link_studies(records: &[SourceRecord]) -> Linkage {
    let keys: Vec<LinkKeys> = records.iter().map(LinkKeys::of).collect();
    let mut sets = DisjointSets::new(records.len());
    let mut near_misses: Vec<(usize, usize, String)> = Vec::new();

    for members in block(&keys, |k| k.doi.clone()).values() {
        for pair in members.windows(2) {
            sets.union(pair[0], pair[1]);
        }
    }
    for members in block(&keys, |k| k.title.clone()).values() {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                match incompatibility(&keys[a], &keys[b]) {
                    None => sets.union(a, b),
                    Some(reason) => near_misses.push((a, b, reason)),
                }
            }
        }
    }
    // Similar but unequal titles: compare only within a block of titles
    // that start alike, and there only titles of similar length (a
    // normalised edit similarity of 0.9 allows at most a 10% length
    // difference), walking the block in length order. A block of common
    // openings ("a qualitative study of") then costs about its size times
    // the few titles of nearly the same length, not its square.
    for members in block(&keys, |k| k.title.as_ref().map(|t| title_prefix(t))).values() {
        let mut by_length: Vec<(usize, &str, usize)> = members
            .iter()
            .filter_map(|&i| keys[i].title.as_deref().map(|t| (t.chars().count(), t, i)))
            .collect();
        by_length.sort_unstable();
        let words: Vec<Vec<&str>> = by_length.iter().map(|(_, t, _)| sorted_words(t)).collect();
        for (n, &(len_a, ta, a)) in by_length.iter().enumerate() {
            for (m, &(len_b, tb, b)) in by_length.iter().enumerate().skip(n + 1) {
                if len_b * 10 > len_a * 11 + 10 {
                    break;
                }
                // Near-duplicate titles differ in a word or two; titles that
                // share fewer than half their words are not worth the
                // quadratic edit distance.
                if ta != tb
                    && shared_words(&words[n], &words[m]) * 2 >= words[n].len().max(words[m].len())
                    && nearly_equal(ta, tb)
                {
                    let (a, b) = if a < b { (a, b) } else { (b, a) };
                    near_misses.push((a, b, "their titles are nearly the same".to_string()));
                }
            }
        }
    }

    let groups = sets.groups();
    let mut flags = Vec::new();
    for (a, b, reason) in near_misses {
        if sets.find(a) == sets.find(b) {
            continue;
        }
        let (da, db) = (&records[a].doc_id, &records[b].doc_id);
        flags.push(Flag {
            study_id: String::new(),
            field: "doc_ids".to_string(),
            severity: Severity::Warning,
            kind: FlagKind::PossibleDuplicate,
            message: format!("{da} and {db} may describe the same study but were not merged: {reason}"),
        });
    }
    flags.sort();
    flags.dedup();
    Linkage { groups, flags }
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

fn title_prefix(title: &str) -> String {
    title.split(' ').take(4).collect::<Vec<_>>().join(" ")
}

/// Groups indices by a key; documents without the key are in no block.
fn block(keys: &[LinkKeys], key: impl Fn(&LinkKeys) -> Option<String>) -> BTreeMap<String, Vec<usize>> {
    let mut blocks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
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
        assert_eq!(linkage.flags.len(), 3);
        assert!(linkage.flags.iter().all(|f| f.kind == FlagKind::PossibleDuplicate));
        assert!(linkage.flags[0].message.contains("a and b"));
    }

    #[test]
    fn nearly_equal_titles_are_flagged() {
        let rs = [
            record("a", "Peer support workers as a bridge in hospital care", "Smith, A", "2020", None),
            record("b", "Peer support workers as a bridge in hospital cares", "Smith, A", "2021", None),
        ];
        let linkage = link_studies(&rs);
        assert_eq!(linkage.groups.len(), 2);
        assert_eq!(linkage.flags.len(), 1);
    }

    #[test]
    fn titles_of_very_different_length_in_one_block_are_not_compared_as_near_misses() {
        let rs = [
            record("a", "A qualitative study of peer work", "Smith, A", "2020", None),
            record("b", "A qualitative study of peer work in hospital emergency departments in three cities", "Lee, B", "2020", None),
            record("c", "A qualitative study of peer works", "Kim, C", "2021", None),
        ];
        let linkage = link_studies(&rs);
        assert_eq!(linkage.groups.len(), 3);
        assert_eq!(linkage.flags.len(), 1);
        assert!(linkage.flags[0].message.starts_with("a and c"), "{}", linkage.flags[0].message);
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
    fn different_dois_are_never_merged() {
        let rs = [
            record("a", "Same title", "Smith, A", "2020", Some("10.1234/a")),
            record("b", "Same title", "Smith, A", "2020", Some("10.1234/b")),
        ];
        assert_eq!(link_studies(&rs).groups.len(), 2);
    }
}
