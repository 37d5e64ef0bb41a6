//! Linking: which documents describe the same study.
//!
//! Candidate pairs come from blocks (the same DOI, PubMed id or folded
//! title; the same year, volume, first page and first author) and from
//! sorted neighbourhoods of titles, so the cost grows with the number of
//! documents, not with its square. Each pair is then compared field by
//! field ([`compare`]): the title's edit similarity, and whether DOI,
//! PubMed id, first author, year, volume and first page agree, differ or are
//! unknown on one side. Exports from several databases spell one article
//! differently (`[11C]` and `[<sup>11</sup>C]`, a `[French]` tag, pages
//! `1753-67` and `1753-1767`, an Excel-mangled `01-Jul`), and the same
//! title can be two records (a conference abstract and its article, the
//! parts of a series, abstracts of one supplement sharing its DOI); the
//! rules below keep both kinds right, and a pair that is close but not
//! settled is not merged: it becomes a `possible_duplicate` flag naming
//! what agreed and what did not.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use evtab_model::{Field, Flag, FlagKind, Severity, SourceRecord};
use evtab_text::match_key;
use rayon::prelude::*;

use crate::date::{month_number, parse_date};
use crate::doi::normalise_doi;
use crate::names::parse_author;

/// What linking compares, per document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkKeys {
    /// Normalised DOI.
    pub doi: Option<String>,
    /// PubMed id.
    pub pmid: Option<String>,
    /// Folded title, markup and language tags removed, words joined
    /// without spaces (`11c` whether printed `[11C]` or `[<sup>11</sup>C]`).
    pub title: Option<String>,
    /// Folded family names of the first authors (at most [`AUTHORS_KEPT`]).
    pub authors: Vec<String>,
    /// Publication year.
    pub year: Option<i32>,
    /// Volume, digits only.
    pub volume: Option<String>,
    /// First page, digits only, without leading zeros (`S299` is `299`,
    /// `e0163969` is `163969`, Excel's `01-Jul` is `1`).
    pub first_page: Option<String>,
    /// Folded words of the journal (full or abbreviated), `of`, `the`,
    /// `and` left out.
    pub journal: Vec<String>,
    /// The notice words (`erratum`, `reply`) its title holds.
    pub notices: BTreeSet<&'static str>,
    /// The page range as numbers, the last page written out (`1753-67` is
    /// 1753 to 1767), when the pages are a range of numbers.
    pub page_range: Option<(u64, u64)>,
}

/// The notice words of `pipelines/vocab/linking.toml`.
static NOTICES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::compiled_words(LINKING_FILE, "linking.toml", "notices")
        .iter()
        .map(|w| &*Box::leak(match_key(w).into_boxed_str()))
        .collect()
});

/// The title notes of `pipelines/vocab/linking.toml`, lower case.
static TITLE_NOTES: LazyLock<Vec<String>> = LazyLock::new(|| {
    crate::compiled_words(LINKING_FILE, "linking.toml", "title_notes")
        .into_iter()
        .map(|n| n.to_ascii_lowercase())
        .collect()
});

/// `pipelines/vocab/linking.toml`, compiled in.
const LINKING_FILE: &str = include_str!("../../../pipelines/vocab/linking.toml");

/// The notice a title carries when it ends with the citation of another
/// article (`Title (vol 12, pg 34, 2001)`): a correction of that article.
const CITES_AN_ARTICLE: &str = "(cites an article)";

/// Whether two journal names can be one journal: equal, or one's words
/// (an abbreviation's) each beginning a word of the other in order
/// (`J Clin Virol` and `Journal of Clinical Virology`; not `Diabetes` and
/// `Diabetologia`).
fn journals_agreement(a: &[String], b: &[String]) -> Agreement {
    if a.is_empty() || b.is_empty() {
        return Agreement::Unknown;
    }
    // Each word of the shorter name begins a word of the longer, or is
    // begun by it (`clin virology` and `clinical virol`), in order.
    let fits = |short: &[String], long: &[String]| {
        let mut rest = long.iter();
        short.iter().all(|w| rest.any(|l| l.starts_with(w.as_str()) || w.starts_with(l.as_str())))
    };
    let agree = if a.len() < b.len() {
        fits(a, b)
    } else if b.len() < a.len() {
        fits(b, a)
    } else {
        fits(a, b) || fits(b, a)
    };
    if agree { Agreement::Agree } else { Agreement::Differ }
}

/// How many authors of each document are compared.
const AUTHORS_KEPT: usize = 3;

impl LinkKeys {
    /// Reads the keys of a parsed document.
    pub fn of(record: &SourceRecord) -> Self {
        let doi = record.all(Field::Doi).find_map(|f| normalise_doi(&f.value));
        let pmid = record
            .all(Field::Pmid)
            .map(|f| f.value.trim().trim_start_matches('0').to_string())
            .find(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
        let (title_words, cites) = match record.first(Field::Title).map(|f| title_words(&f.value)) {
            Some((words, cites)) => (Some(match_key(&words)), cites),
            None => (None, false),
        };
        let title = title_words.as_ref().map(|w| w.replace(' ', "")).filter(|k| !k.is_empty());
        let authors = record
            .all(Field::Author)
            .take(AUTHORS_KEPT)
            .map(|f| match_key(&parse_author(&f.value).family).replace(' ', ""))
            .filter(|k| !k.is_empty())
            .collect();
        let year = record.all(Field::Date).filter_map(|f| parse_date(&f.value)).map(|d| d.year).min();
        // `1)` is what a split left of `50 (Suppl 1)`: not the volume.
        let volume = record
            .first(Field::Volume)
            .filter(|f| !f.value.contains(')') || f.value.contains('('))
            .and_then(|f| leading_number(&f.value));
        let first_page = record.first(Field::Pages).and_then(|f| first_page(&f.value));
        let page_range = record.first(Field::Pages).and_then(|f| page_range(&f.value));
        let journal = record
            .first(Field::Journal)
            .or_else(|| record.first(Field::JournalAbbrev))
            .map(|f| {
                match_key(&f.value)
                    .split(' ')
                    .filter(|w| {
                        !w.is_empty() && !matches!(*w, "of" | "the" | "and" | "for" | "in" | "de" | "la")
                    })
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let mut notices: BTreeSet<&'static str> = title_words
            .iter()
            .flat_map(|words| words.split(' '))
            .filter_map(|w| NOTICES.iter().copied().find(|n| *n == w))
            .collect();
        if cites {
            notices.insert(CITES_AN_ARTICLE);
        }
        LinkKeys { doi, pmid, title, authors, year, volume, first_page, journal, notices, page_range }
    }

    fn first_author(&self) -> Option<&str> {
        self.authors.first().map(String::as_str)
    }
}

/// A title's own words, as linking compares them (folded, their words
/// then joined: `11c` whether printed `[11C]` or `[<sup>11</sup>C]`):
/// markup blanked (entities were decoded at ingest), the notes a
/// database appends (`.[Erratum appears in …]`, `[French]`) left out; and
/// whether the title ended with the citation of another article, which is
/// left out too (`Title (vol 12, pg 34, 2001)`, a correction's form).
fn title_words(title: &str) -> (String, bool) {
    let blanked = evtab_text::blank_markup(title);
    let mut text = blanked.trim();
    // MEDLINE appends `.[Erratum appears in …]` after the title's full stop,
    // cut short by some exports; a note of `linking.toml` is cut wherever
    // it stands, a bracket after a full stop when the title is long.
    // ASCII lowercasing keeps every byte where it was.
    let lower = text.to_ascii_lowercase();
    let note_at = lower.match_indices('[').map(|(at, _)| at).find(|&at| {
        let rest = &lower[at + 1..];
        TITLE_NOTES.iter().any(|n| rest.starts_with(n.as_str()))
    });
    if let Some(at) = note_at.filter(|&at| at > 0) {
        text = &text[..at];
    } else if let Some(at) = text.find(".[").filter(|&at| at >= CUT_TITLE_CHARS) {
        text = &text[..at];
    }
    let mut text = text.trim().trim_end_matches('.').trim();
    let cites = if let Some(at) = cited_article_at(text) {
        text = text[..at].trim().trim_end_matches('.').trim();
        true
    } else {
        false
    };
    // Databases append notes in brackets: `[French]`, `[Review] [45 refs]`.
    for _ in 0..3 {
        let Some(open) = text.strip_suffix(']').and_then(|t| t.rfind('[')) else { break };
        if open == 0 || text.len() - open > 40 {
            break;
        }
        text = text[..open].trim().trim_end_matches('.').trim();
    }
    (text.to_string(), cites)
}

/// A correction cites the article it corrects at the end of its title, as
/// `(vol 12, pg 34, 2001)` or `(Journal Name (2001) 12 (34-40))`: where
/// that parenthesis opens.
fn cited_article_at(text: &str) -> Option<usize> {
    static CITATION: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)^(?:vol\.?\s*\d+,\s*pg\.?\s*\d+.*|.*\(\d{4}\)\s*\d+.*)$")
            .expect("constant regex")
    });
    if !text.ends_with(')') {
        return None;
    }
    let open = evtab_text::matching_open(text)?;
    (open > 0 && CITATION.is_match(&text[open + 1..text.len() - 1])).then_some(open)
}

/// The number a value starts with (`60 (1 Supplement 1)` is `60`).
fn leading_number(value: &str) -> Option<String> {
    let digits: String = value.trim().chars().take_while(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    (!digits.is_empty()).then(|| digits.to_string())
}

/// The first page of a page range as printed, digits only.
fn first_page(pages: &str) -> Option<String> {
    let pages = pages.trim();
    let first = pages.split(['-', '–', '—', ' ', ',']).find(|p| !p.is_empty())?;
    // A spreadsheet turned `1-7` into `01-Jul` (or `10-15` into `Oct-15`).
    if first.chars().all(char::is_alphabetic)
        && let Some(month) = month_number(first)
    {
        return Some(month.to_string());
    }
    let digits: String =
        first.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    (!digits.is_empty()).then(|| digits.to_string())
}

/// A page range as numbers, its last page written out in full (`221-8`
/// is 221 to 228); a single page is a range of one.
fn page_range(pages: &str) -> Option<(u64, u64)> {
    let number = |p: &str| -> Option<u64> {
        let digits: String =
            p.trim().chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let mut parts = pages.split(['-', '–', '—']).map(str::trim).filter(|p| !p.is_empty());
    let first_text = parts.next()?;
    let first = number(first_text)?;
    let Some(last_text) = parts.next() else { return Some((first, first)) };
    let last = number(last_text)?;
    let (first_len, last_len) =
        (first.to_string().len(), last_text.trim_start_matches(|c: char| !c.is_ascii_digit()).len());
    // `1753-67`: the last page repeats the first's leading digits.
    let last = if last_len < first_len {
        let scale = 10u64.checked_pow(u32::try_from(last_len).ok()?)?;
        (first / scale * scale).checked_add(last)?
    } else {
        last
    };
    (last >= first && last - first < 10_000).then_some((first, last))
}

/// Whether two documents' pages agree: the same first page, or one's first
/// page inside the other's range (`569` and `567-569`, as databases that
/// keep the last page only print it).
fn pages_agreement(a: &LinkKeys, b: &LinkKeys, author: Agreement) -> Agreement {
    match agreement(a.first_page.as_ref(), b.first_page.as_ref()) {
        // A comment by other authors may stand on an article's last page.
        Agreement::Differ if author == Agreement::Agree => {
            let inside = |(f, _): (u64, u64), (lo, hi): (u64, u64)| lo <= f && f <= hi;
            match (a.page_range, b.page_range) {
                (Some(x), Some(y)) if inside(x, y) || inside(y, x) => Agreement::Agree,
                _ => Agreement::Differ,
            }
        }
        other => other,
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
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for members in block(&keys, |k| k.doi.clone()).values() {
        pairs_in_block(members, &mut candidates);
    }
    for members in block(&keys, |k| k.pmid.clone()).values() {
        pairs_in_block(members, &mut candidates);
    }
    for members in block(&keys, |k| k.title.clone()).values() {
        same_title_pairs(&keys, members, &mut sets, &mut candidates);
    }
    let by_place = |k: &LinkKeys| match (k.year, &k.volume, &k.first_page, k.first_author()) {
        (Some(y), Some(v), Some(p), Some(a)) => Some(format!("{y} {v} {p} {a}")),
        _ => None,
    };
    for members in block(&keys, by_place).values() {
        pairs_in_block(members, &mut candidates);
    }
    // The same place in the same journal whoever the first author is (a
    // name a database printed otherwise, a title with a section name).
    let by_journal_place = |k: &LinkKeys| match (k.year, &k.volume, &k.first_page, k.journal.first()) {
        (Some(y), Some(v), Some(p), Some(j)) => Some(format!("{y} {v} {p} {j}")),
        _ => None,
    };
    for members in block(&keys, by_journal_place).values() {
        pairs_in_block(members, &mut candidates);
    }
    candidates.extend(similar_title_pairs(&keys));
    candidates.sort_unstable();
    candidates.dedup();
    let verdicts: Vec<(usize, usize, Verdict)> =
        candidates.par_iter().map(|&(a, b)| (a, b, compare(&keys[a], &keys[b]))).collect();
    let mut near_misses = Vec::new();
    for (a, b, verdict) in verdicts {
        match verdict {
            Verdict::Same => sets.union(a, b),
            Verdict::Near(reason) => near_misses.push((a, b, reason)),
            Verdict::Different => {}
        }
    }
    let groups = sets.groups();
    let mut misses: Vec<NearMiss> = near_misses
        .into_iter()
        .filter(|(a, b, _)| sets.find(*a) != sets.find(*b))
        .map(|(a, b, reason)| NearMiss { a: a.min(b), b: a.max(b), reason })
        .collect();
    misses.sort();
    misses.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    Linkage { groups, near_misses: misses }
}

/// What a comparison of two documents decided.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    /// One study.
    Same,
    /// Alike but not settled: a flag, with what agreed and what did not.
    Near(String),
    /// Two studies.
    Different,
}

/// Title similarity at or above which two documents are one study when
/// nothing else disagrees (measured on the labelled exports of
/// `tests/corpus/dedup/`: below it, true pairs are rarer than false ones).
const SAME_TITLE: f64 = 0.9;

/// Title similarity at or above which two documents whose year, first
/// author, volume and first page all agree are one study (a title
/// translated or retyped by a database).
const SAME_PLACE_TITLE: f64 = 0.7;

/// Title similarity at or above which two documents of the same first
/// author, year and volume are one study whatever their pages say.
const GARBLED_PAGES_TITLE: f64 = 0.95;

/// How many bytes of a title key the edit similarity reads.
const SIMILARITY_BYTES: usize = 1_000;

/// Title similarity of one title, retyped at most (case and punctuation
/// are folded away before it is measured).
const EXACT_TITLE: f64 = 1.0;

/// A title found whole inside another counts as a section name or a
/// subtitle added when it is at least this many characters long.
const CONTAINED_TITLE_CHARS: usize = 20;

/// Title similarity at or above which a pair not merged is reported.
const SIMILAR_TITLE: f64 = 0.85;

/// A shorter title that begins a longer one (a database cut it) counts as
/// equal when it is at least this many characters long.
const CUT_TITLE_CHARS: usize = 60;

/// Whether two values agree, differ, or cannot be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Agreement {
    Agree,
    Differ,
    Unknown,
}

fn agreement<T: PartialEq>(a: Option<T>, b: Option<T>) -> Agreement {
    match (a, b) {
        (Some(x), Some(y)) if x == y => Agreement::Agree,
        (Some(_), Some(_)) => Agreement::Differ,
        _ => Agreement::Unknown,
    }
}

/// Whether the first authors are one person: the same family name (one
/// misspelt letter allowed in a long one), or one document's first author
/// among the other's first authors (a database reordered them).
fn authors_agreement(a: &LinkKeys, b: &LinkKeys) -> Agreement {
    let (Some(x), Some(y)) = (a.first_author(), b.first_author()) else { return Agreement::Unknown };
    let close = |p: &str, q: &str| {
        p == q
            || (6..=64).contains(&p.len())
                && (6..=64).contains(&q.len())
                && bounded_edit_distance(p.as_bytes(), q.as_bytes(), 1).is_some()
    };
    if close(x, y) || b.authors.iter().any(|o| close(x, o)) || a.authors.iter().any(|o| close(y, o)) {
        Agreement::Agree
    } else {
        Agreement::Differ
    }
}

/// The edit similarity of two title keys (1 = equal); a title a database
/// cut short that begins the other counts as equal.
fn title_similarity(a: &str, b: &str, floor: f64) -> f64 {
    if a == b {
        return 1.0;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= CUT_TITLE_CHARS && long.starts_with(short) {
        return 1.0;
    }
    // Title keys are ASCII letters and digits (`match_key`), so bytes are
    // characters; a title is compared on its first SIMILARITY_BYTES, so
    // a page's text run into its title field costs no more than a title.
    let (ba, bb) =
        (&a.as_bytes()[..a.len().min(SIMILARITY_BYTES)], &b.as_bytes()[..b.len().min(SIMILARITY_BYTES)]);
    let longest = ba.len().max(bb.len());
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let allowed = ((1.0 - floor) * longest as f64 + 1e-9).floor() as usize;
    // Half the difference of the letter counts is at most the edit
    // distance: a cheap test that rejects most unrelated neighbours.
    let mut counts = [0i32; 128];
    for &c in ba {
        counts[usize::from(c & 0x7f)] += 1;
    }
    for &c in bb {
        counts[usize::from(c & 0x7f)] -= 1;
    }
    let difference: i32 = counts.iter().map(|n| n.abs()).sum();
    if usize::try_from(difference).unwrap_or(usize::MAX) > 2 * allowed + 1 {
        return 0.0;
    }
    match bounded_edit_distance(ba, bb, allowed) {
        #[allow(clippy::cast_precision_loss)]
        Some(d) => 1.0 - d as f64 / longest.max(1) as f64,
        None => 0.0,
    }
}

/// Whether two titles differ in a number only (`Part 1`, `Part 2`; `II`,
/// `III`): the parts of a series, not one article.
fn differ_in_a_number(a: &str, b: &str) -> bool {
    let digits = |t: &str| t.chars().filter(char::is_ascii_digit).collect::<String>();
    let (da, db) = (digits(a), digits(b));
    if da != db {
        return true;
    }
    let ends_roman = |t: &str| {
        let tail: String = t.chars().rev().take_while(|c| matches!(c, 'i' | 'v' | 'x')).collect();
        tail.len()
    };
    a != b
        && (ends_roman(a) > 0 || ends_roman(b) > 0)
        && a.trim_end_matches(['i', 'v', 'x']) == b.trim_end_matches(['i', 'v', 'x'])
}

/// Decides whether two documents are one study.
fn compare(a: &LinkKeys, b: &LinkKeys) -> Verdict {
    let doi = agreement(a.doi.as_ref(), b.doi.as_ref());
    let pmid = agreement(a.pmid.as_ref(), b.pmid.as_ref());
    let author = authors_agreement(a, b);
    let year_gap = match (a.year, b.year) {
        (Some(x), Some(y)) => Some(x.abs_diff(y)),
        _ => None,
    };
    let volume = agreement(a.volume.as_ref(), b.volume.as_ref());
    let page = pages_agreement(a, b, author);
    let journal = journals_agreement(&a.journal, &b.journal);
    let same_place = matches!(year_gap, Some(0)) && volume == Agreement::Agree && page == Agreement::Agree;
    // Below SIMILAR_TITLE a title decides only beside an identifier or the
    // same place; the similarity is computed down to what can matter.
    let identified = doi == Agreement::Agree || pmid == Agreement::Agree;
    let floor = if identified || same_place { SAME_PLACE_TITLE } else { SIMILAR_TITLE };
    let title = match (&a.title, &b.title) {
        (Some(x), Some(y)) => Some(title_similarity(x, y, floor)),
        _ => None,
    };
    // A title that begins or ends the other (a subtitle, a series name or
    // a note left off).
    let contains = matches!((&a.title, &b.title), (Some(x), Some(y))
        if x.starts_with(y.as_str()) || y.starts_with(x.as_str()) || x.ends_with(y.as_str()) || y.ends_with(x.as_str()));
    // Parts of a series differ in a number and stand on different pages.
    let series = !contains
        && !same_place
        && !identified
        && matches!((&a.title, &b.title), (Some(x), Some(y)) if x != y && differ_in_a_number(x, y));
    let describe = || describe_pair(a, b, title, [doi, pmid, author, volume, page]);
    let similar = title.is_some_and(|t| t >= SIMILAR_TITLE);
    let near_or_different = || if similar { Verdict::Near(describe()) } else { Verdict::Different };

    // An erratum, a reply or a comment is a record of its own; but one
    // database may index a notice without its label, and then it stands
    // where the labelled copy stands, with the same authors.
    if a.notices != b.notices {
        let same_first_page = agreement(a.first_page.as_ref(), b.first_page.as_ref()) == Agreement::Agree;
        let unlabelled_copy = same_place
            && same_first_page
            && author == Agreement::Agree
            && title.is_some_and(|t| t >= SAME_PLACE_TITLE);
        return if unlabelled_copy { Verdict::Same } else { near_or_different() };
    }
    // An identifier in common: one study unless the titles say two records
    // share it (the abstracts of one supplement carry its DOI, each on its
    // own page). A first page that differs beside the same DOI and title is
    // a database's typo.
    // A retyped title beside another first page is two abstracts of one
    // supplement; and a DOI against another journal, volume and page is a
    // database's wrong DOI.
    if identified {
        let titles_fit = (contains || title.is_none_or(|t| t >= SAME_PLACE_TITLE)) && !series;
        let elsewhere =
            journal == Agreement::Differ && volume == Agreement::Differ && page == Agreement::Differ;
        let same = titles_fit
            && !elsewhere
            && (page != Agreement::Differ || title.is_some_and(|t| t >= EXACT_TITLE));
        return if same { Verdict::Same } else { Verdict::Near(describe()) };
    }
    // Two DOIs: two articles, unless title, authors, year, volume and
    // first page all agree (one database gave the record a wrong DOI).
    if (doi == Agreement::Differ || pmid == Agreement::Differ) && !series {
        let all_agree = title.is_some_and(|t| t >= SAME_TITLE) && same_place && author == Agreement::Agree;
        return if all_agree { Verdict::Same } else { near_or_different() };
    }
    if series {
        return near_or_different();
    }
    let Some(title) = title else { return Verdict::Different };
    let years_fit = match year_gap {
        None | Some(0) => true,
        // Print and online years differ by one; then the place must agree,
        // or, where neither document says where (two pages of one article
        // without volume or pages), the journal and the first author.
        Some(1) => {
            volume == Agreement::Agree
                || page == Agreement::Agree
                || (volume == Agreement::Unknown
                    && page == Agreement::Unknown
                    && journal == Agreement::Agree
                    && author == Agreement::Agree)
        }
        Some(_) => false,
    };
    let place_fits = volume != Agreement::Differ && page != Agreement::Differ;
    if title >= SAME_TITLE && years_fit && place_fits && author != Agreement::Differ {
        return Verdict::Same;
    }
    // A database may garble the authors (a group name, family and given
    // names swapped); the same title in the same place is still one article.
    if title >= SAME_TITLE && same_place && journal != Agreement::Differ {
        return Verdict::Same;
    }
    if title >= SAME_PLACE_TITLE && same_place && author == Agreement::Agree {
        return Verdict::Same;
    }
    // A title with a section name or a subtitle added (`Review: X` and
    // `X`) in the same place is one article.
    let contained = contains
        && matches!((&a.title, &b.title), (Some(x), Some(y)) if x.len().min(y.len()) >= CONTAINED_TITLE_CHARS);
    if contained && same_place && (author == Agreement::Agree || journal == Agreement::Agree) {
        return Verdict::Same;
    }
    // Pages are what databases garble most (an article number for the
    // pages, a typo): the same title, first author, year and volume are
    // one article whatever the pages say. A conference abstract and its
    // article differ in year or volume as well.
    // Where one record has no volume (a meeting abstract indexed twice),
    // the journal must agree.
    let pages_garbled = year_gap == Some(0)
        && (volume == Agreement::Agree || (volume == Agreement::Unknown && journal == Agreement::Agree))
        && author == Agreement::Agree
        && journal != Agreement::Differ;
    if title >= GARBLED_PAGES_TITLE && pages_garbled {
        return Verdict::Same;
    }
    near_or_different()
}

/// What agreed and what did not, for a reviewer settling a flag: `titles
/// 93% alike; same first author, year; different first page (51, 52)`.
fn describe_pair(a: &LinkKeys, b: &LinkKeys, title: Option<f64>, agreements: [Agreement; 5]) -> String {
    let [doi, pmid, author, volume, page] = agreements;
    let shown = |v: Option<&str>| v.unwrap_or("").to_string();
    let year = agreement(a.year, b.year);
    let fields = [
        ("DOI", doi, shown(a.doi.as_deref()), shown(b.doi.as_deref())),
        ("PubMed id", pmid, shown(a.pmid.as_deref()), shown(b.pmid.as_deref())),
        ("first author", author, shown(a.first_author()), shown(b.first_author())),
        (
            "year",
            year,
            a.year.map(|y| y.to_string()).unwrap_or_default(),
            b.year.map(|y| y.to_string()).unwrap_or_default(),
        ),
        ("volume", volume, shown(a.volume.as_deref()), shown(b.volume.as_deref())),
        ("first page", page, shown(a.first_page.as_deref()), shown(b.first_page.as_deref())),
    ];
    let agree: Vec<&str> = fields.iter().filter(|f| f.1 == Agreement::Agree).map(|f| f.0).collect();
    let differ: Vec<String> = fields
        .iter()
        .filter(|f| f.1 == Agreement::Differ)
        .map(|f| format!("{} ({}, {})", f.0, f.2, f.3))
        .collect();
    let mut parts = Vec::new();
    if let Some(t) = title {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let percent = (t * 100.0).round() as u32;
        parts.push(if percent == 100 {
            "same title".to_string()
        } else {
            format!("titles {percent}% alike")
        });
    }
    if !agree.is_empty() {
        parts.push(format!("same {}", agree.join(", ")));
    }
    if !differ.is_empty() {
        parts.push(format!("different {}", differ.join(", ")));
    }
    parts.join("; ")
}

/// How many neighbours in each sort order a title is compared with, in a
/// block too large to compare every pair (sorted-neighbourhood method).
const WINDOW: usize = 8;

/// Above this many documents in one block (a DOI, a place), members are
/// compared with their [`WINDOW`] neighbours only.
const ALL_PAIRS_LIMIT: usize = 64;

/// Every pair of a small block, or each member with its neighbours in a large one.
fn pairs_in_block(members: &[usize], out: &mut Vec<(usize, usize)>) {
    let reach = if members.len() <= ALL_PAIRS_LIMIT { members.len() } else { WINDOW };
    for (n, &a) in members.iter().enumerate() {
        for &b in members.iter().skip(n + 1).take(reach) {
            out.push((a.min(b), a.max(b)));
        }
    }
}

/// Documents with the same title: those whose DOI, first author and year are
/// identical are one study outright; distinct variants become candidate
/// pairs. Variants are few for a real title, so every pair is compared; a
/// title shared by a huge number of documents ("Editorial") has its
/// variants compared with their neighbours in sorted order only, so the
/// cost stays linear.
fn same_title_pairs(
    keys: &[LinkKeys],
    members: &[usize],
    sets: &mut DisjointSets,
    out: &mut Vec<(usize, usize)>,
) {
    // In this order a copy without a DOI sorts next to the same author and
    // year with one, so neighbours are the likely matches.
    type Variant<'k> = (Option<&'k str>, Option<i32>, Option<&'k str>, Option<&'k str>, Option<&'k str>);
    let mut variants: BTreeMap<Variant<'_>, usize> = BTreeMap::new();
    for &i in members {
        let k = &keys[i];
        let variant =
            (k.first_author(), k.year, k.doi.as_deref(), k.volume.as_deref(), k.first_page.as_deref());
        let first = *variants.entry(variant).or_insert(i);
        sets.union(first, i);
    }
    let variants: Vec<usize> = variants.into_values().collect();
    pairs_in_block(&variants, out);
}

/// Pairs of unequal titles found by the sorted-neighbourhood method:
/// distinct titles are sorted twice (as written, and reversed) and each is
/// paired with its [`WINDOW`] successors in each order whose length and
/// letters make an edit similarity of [`SAME_PLACE_TITLE`] possible.
/// Titles that differ in a word or two usually sort close together in one
/// of the orders, and the cost is O(n log n) whatever the corpus looks
/// like. Each title is represented by its first document.
fn similar_title_pairs(keys: &[LinkKeys]) -> Vec<(usize, usize)> {
    let mut first_with: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(title) = k.title.as_deref() {
            first_with.entry(title).or_insert(i);
        }
    }
    let titles: Vec<(&str, usize)> = first_with.into_iter().collect();
    let reversed: Vec<String> = titles.iter().map(|(t, _)| t.chars().rev().collect()).collect();
    let mut by_reversed: Vec<usize> = (0..titles.len()).collect();
    by_reversed.sort_by(|&a, &b| reversed[a].cmp(&reversed[b]).then(a.cmp(&b)));
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for order in [(0..titles.len()).collect::<Vec<_>>(), by_reversed] {
        for (n, &a) in order.iter().enumerate() {
            for &b in order.iter().skip(n + 1).take(WINDOW) {
                let (short, long) = {
                    let (x, y) = (titles[a].0.len(), titles[b].0.len());
                    (x.min(y), x.max(y))
                };
                // A cut title may be much shorter; otherwise the lengths
                // must allow the similarity.
                if short * 10 >= long * 7 || short >= CUT_TITLE_CHARS {
                    let (x, y) = (titles[a].1, titles[b].1);
                    candidates.push((x.min(y), x.max(y)));
                }
            }
        }
    }
    candidates
}

/// Levenshtein distance when it is at most `k`, else `None`. Only the band
/// of width `2k + 1` around the diagonal is computed, and the walk stops as
/// soon as a row exceeds `k`: O(k·n) rather than O(n²).
fn bounded_edit_distance<T: PartialEq>(a: &[T], b: &[T], k: usize) -> Option<usize> {
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
            let full = strsim::normalized_levenshtein(a, b);
            let expected = if full >= SAME_PLACE_TITLE { full } else { 0.0 };
            assert!((title_similarity(a, b, SAME_PLACE_TITLE) - expected).abs() < 1e-9, "{a:?} {b:?}");
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

    fn export_record(
        doc: &str,
        title: &str,
        authors: &[&str],
        year: &str,
        place: (&str, &str),
    ) -> SourceRecord {
        let mut r = SourceRecord::new(doc, SourceFormat::Ris);
        r.push(Field::Title, title, 1);
        for a in authors {
            r.push(Field::Author, a, 2);
        }
        r.push(Field::Date, year, 3);
        r.push(Field::Volume, place.0, 4);
        r.push(Field::Pages, place.1, 5);
        r
    }

    #[test]
    fn database_spellings_of_one_article_are_one_study() {
        let rs = [
            export_record(
                "a",
                "Imaging with [<sup>11</sup>C]X in care.",
                &["Okafor A."],
                "2016",
                ("6", "1753-67"),
            ),
            export_record(
                "b",
                "Imaging with [11C]X in care [French]",
                &["Okafor, A"],
                "2016",
                ("6 (3)", "1753-1767"),
            ),
            export_record(
                "c",
                "Imaging with <sup>11</sup>C X in care. [Review] [45 refs]",
                &[],
                "2017",
                ("6", "1753"),
            ),
        ];
        assert_eq!(link_studies(&rs).groups, [vec![0, 1, 2]]);
        // A spreadsheet's `01-Jul` is pages 1-7.
        assert_eq!(first_page("01-Jul").as_deref(), Some("1"));
        assert_eq!(first_page("S299-S300").as_deref(), Some("299"));
        assert_eq!(first_page("e0163969").as_deref(), Some("163969"));
    }

    #[test]
    fn a_garbled_author_list_in_the_same_place_is_still_one_article() {
        let rs = [
            export_record(
                "a",
                "Peer work in the ward: a trial",
                &["Okafor, A", "Lindqvist, B"],
                "2009",
                ("15", "6438"),
            ),
            export_record(
                "b",
                "Peer work in the ward: A trial",
                &["The Ward Study Group"],
                "2009",
                ("15", "6438-45"),
            ),
        ];
        assert_eq!(link_studies(&rs).groups, [vec![0, 1]]);
    }

    #[test]
    fn records_that_benchmarks_count_apart_stay_apart() {
        // The abstracts of one supplement share its DOI.
        let mut a = export_record("a", "Peer work in wards", &["Okafor, A"], "2017", ("60", "S299"));
        let mut b = export_record("b", "Kidney outcomes of a new drug", &["Lee, B"], "2017", ("60", "S356"));
        a.push(Field::Doi, "10.1234/supp.1", 6);
        b.push(Field::Doi, "10.1234/supp.1", 6);
        // A conference abstract and its article; the parts of a series.
        let abstract_ =
            export_record("c", "Peer work in hospital care", &["Okafor, A"], "2012", ("61", "A237"));
        let article =
            export_record("d", "Peer work in hospital care", &["Okafor, A"], "2013", ("12", "44-50"));
        let part1 = export_record("e", "Peer work in care, part 1", &["Okafor, A"], "2015", ("3", ""));
        let part2 = export_record("f", "Peer work in care, part 2", &["Okafor, A"], "2015", ("3", ""));
        let rs = [a, b, abstract_, article, part1, part2];
        let linkage = link_studies(&rs);
        assert_eq!(linkage.groups.len(), 6, "{:?}", linkage.groups);
        let flags = flags_of(&linkage, &rs);
        assert!(
            flags.iter().any(|f| f.message.starts_with("c and d")
                && f.message.contains("different year (2012, 2013), volume (61, 12), first page (237, 44)")),
            "{flags:?}"
        );
        assert!(flags.iter().any(|f| f.message.starts_with("e and f")), "{flags:?}");
    }

    #[test]
    fn garbled_pages_and_appended_notes_do_not_split_an_article() {
        let rs = [
            export_record(
                "a",
                "Peer work in hospital care and beyond: a long-term prospective follow-up study",
                &["Okafor, A"],
                "2011",
                ("51", "246-250"),
            ),
            export_record(
                "b",
                "Peer work in hospital care and beyond: a long-term prospective follow-up study.[Erratum appears in J Invent Stud. 2012 Jan;10(1):63]",
                &["Okafor, A"],
                "2011",
                ("51", "a1754"),
            ),
            export_record(
                "c",
                "Peer work in hospital care and beyond: a long-term prospective follow-up study",
                &["Okafor, A"],
                "2011",
                ("51", "249-250"),
            ),
        ];
        assert_eq!(link_studies(&rs).groups, [vec![0, 1, 2]]);
        assert_eq!(page_range("221-8"), Some((221, 228)));
        assert_eq!(page_range("1753-67"), Some((1753, 1767)));
        assert_eq!(page_range("S69-S70"), Some((69, 70)));
        assert_eq!(page_range("18446744073709551615-9999999999999999999"), None);
    }

    #[test]
    fn an_erratum_a_reply_and_an_abstract_in_another_journal_stay_apart() {
        let mut article =
            export_record("a", "Peer work in hospital care", &["Okafor, A"], "2012", ("7", "44-50"));
        article.push(Field::Journal, "Journal of Invented Studies", 6);
        let mut erratum =
            export_record("b", "Erratum: Peer work in hospital care", &["Okafor, A"], "2012", ("7", "90"));
        erratum.push(Field::Journal, "J Invent Stud", 6);
        let reply = export_record(
            "c",
            "Peer work in hospital care: authors' reply",
            &["Okafor, A"],
            "2012",
            ("7", "44-50"),
        );
        let mut other_meeting =
            export_record("d", "Peer work in hospital care", &["Okafor, A"], "2012", ("7", "S12"));
        other_meeting.push(Field::Journal, "Invented Studies Reports", 6);
        let rs = [article, erratum, reply, other_meeting];
        let linkage = link_studies(&rs);
        assert_eq!(linkage.groups.len(), 4, "{:?}", linkage.groups);
        assert_eq!(
            journals_agreement(
                &["j".into(), "invent".into(), "stud".into()],
                &["journal".into(), "invented".into(), "studies".into()]
            ),
            Agreement::Agree
        );
        assert_eq!(journals_agreement(&["diabetes".into()], &["diabetologia".into()]), Agreement::Differ);
        // Either order, and words abbreviated on both sides.
        let (abbrev, full) = (["j".to_string(), "virol".into()], ["journal".to_string(), "virology".into()]);
        assert_eq!(journals_agreement(&full, &abbrev), journals_agreement(&abbrev, &full));
        let (x, y) = (["clin".to_string(), "virology".into()], ["clinical".to_string(), "virol".into()]);
        assert_eq!(journals_agreement(&x, &y), Agreement::Agree);
    }

    #[test]
    fn a_shared_doi_links_titles_that_differ_in_how_a_number_is_written() {
        let mut a = export_record("a", "Peer work in type 2 diabetes care", &["Okafor, A"], "2015", ("", ""));
        let mut b =
            export_record("b", "Peer work in type II diabetes care", &["Okafor, A"], "2015", ("", ""));
        a.push(Field::Doi, "10.1234/t2", 6);
        b.push(Field::Doi, "10.1234/t2", 6);
        assert_eq!(link_studies(&[a, b]).groups, [vec![0, 1]]);
    }

    #[test]
    fn the_linking_file_parses() {
        assert!(NOTICES.contains(&"erratum") && NOTICES.contains(&"reply"));
        assert!(TITLE_NOTES.iter().any(|n| n == "erratum appears in"));
    }

    fn in_journal(mut r: SourceRecord, journal: &str) -> SourceRecord {
        r.push(Field::Journal, journal, 6);
        r
    }

    #[test]
    fn a_correction_indexed_with_and_without_its_label_is_one_record_apart_from_its_article() {
        let journal = "Journal of Invented Studies";
        let rs = [
            in_journal(
                export_record("a", "Peer work in hospital wards", &["Okafor, A"], "2012", ("7", "44-50")),
                journal,
            ),
            in_journal(
                export_record("b", "Erratum: Peer work in hospital wards", &["Okafor,"], "2012", ("7", "90")),
                journal,
            ),
            in_journal(
                export_record(
                    "c",
                    "Peer work in hospital wards (vol 7, pg 44, 2012)",
                    &["Okafor, A"],
                    "2012",
                    ("7", "90-90"),
                ),
                journal,
            ),
            in_journal(
                export_record(
                    "d",
                    "Peer work in hospital wards (Journal of Invented Studies (2012) 7 (44-50))",
                    &["Okafor, A"],
                    "2012",
                    ("7", "90"),
                ),
                journal,
            ),
        ];
        assert_eq!(link_studies(&rs).groups, [vec![0], vec![1, 2, 3]]);
        assert_eq!(title_words("Peer work (vol 7, pg 44, 2012)"), ("Peer work".to_string(), true));
        assert_eq!(title_words("Peer work (2000-2010)"), ("Peer work (2000-2010)".to_string(), false));
        assert_eq!(title_words("(Peer) work"), ("(Peer) work".to_string(), false));
    }

    #[test]
    fn a_database_note_is_cut_from_a_short_title_and_its_words_are_not_a_notice() {
        let rs = [
            export_record("a", "Peer work", &["Okafor, A"], "2012", ("7", "44-50")),
            export_record(
                "b",
                "Peer work.[Erratum appears in J Invent Stud. 2012;7(3):90 Note: Okafor, A [added]]",
                &["Okafor, A"],
                "2012",
                ("7", "44-50"),
            ),
        ];
        assert_eq!(link_studies(&rs).groups, [vec![0, 1]]);
        assert!(LinkKeys::of(&rs[1]).notices.is_empty());
    }

    #[test]
    fn what_a_split_left_of_a_volume_is_no_volume() {
        let rs = [
            export_record("a", "Peer work in wards: an abstract", &["Okafor A."], "2014", ("1)", "S45")),
            export_record("b", "Peer work in wards: an abstract", &["Okafor A."], "2014", ("50", "S45")),
        ];
        assert_eq!(LinkKeys::of(&rs[0]).volume, None);
        assert_eq!(link_studies(&rs).groups, [vec![0, 1]]);
    }

    #[test]
    fn a_shared_doi_does_not_merge_retyped_titles_on_other_pages_or_in_another_journal() {
        let with_doi = |mut r: SourceRecord| {
            r.push(Field::Doi, "10.9999/supp.3", 7);
            r
        };
        let rs = [
            with_doi(export_record(
                "a",
                "The effects of peer work on wards",
                &["Okafor A."],
                "2014",
                ("30", "51"),
            )),
            with_doi(in_journal(
                export_record("b", "Effects of peer work on wards", &["Okafor A."], "2014", ("30", "52")),
                "J Invent Stud",
            )),
            with_doi(in_journal(
                export_record("c", "Effects of peer work on wards", &["Okafor A."], "2014", ("12", "366")),
                "Invented Reports",
            )),
            with_doi(in_journal(
                export_record("d", "Effects of peer work on wards", &["Okafor A."], "2014", ("30", "52-53")),
                "Journal of Invented Studies",
            )),
        ];
        let linkage = link_studies(&rs);
        assert_eq!(linkage.groups, [vec![0], vec![1, 3], vec![2]]);
        assert!(linkage.near_misses.iter().any(|m| (m.a, m.b) == (0, 1)), "{:?}", linkage.near_misses);
    }

    #[test]
    fn a_title_with_a_section_name_in_the_same_place_of_one_journal_is_one_article() {
        let journal = "Invented Reviews Nursing";
        let rs = [
            in_journal(
                export_record(
                    "a",
                    "Can peer workers cure wards?",
                    &["Il Okafor, A."],
                    "2009",
                    ("5", "556-557"),
                ),
                journal,
            ),
            in_journal(
                export_record(
                    "b",
                    "Ward care: can peer workers cure wards?",
                    &["Okafor, A. I."],
                    "2009",
                    ("5", "556-557"),
                ),
                journal,
            ),
        ];
        assert_eq!(link_studies(&rs).groups, [vec![0, 1]]);
    }

    #[test]
    fn a_meeting_abstract_indexed_twice_merges_when_one_copy_has_no_volume() {
        let journal = "Invented Nursing. Conference: 4th Meeting";
        let rs = [
            in_journal(
                export_record("a", "The treatment of ward fatigue", &["Okafor, A."], "2011", ("", "9")),
                journal,
            ),
            in_journal(
                export_record(
                    "b",
                    "The treatment of ward fatigue",
                    &["Okafor, A."],
                    "2011",
                    ("26", "1746-1746"),
                ),
                journal,
            ),
        ];
        assert_eq!(link_studies(&rs).groups, [vec![0, 1]]);
    }

    #[test]
    fn a_year_apart_merges_only_when_the_place_agrees() {
        let rs = [
            export_record("a", "Peer work in hospital care", &["Okafor, A"], "2019", ("16", "12-20")),
            export_record("b", "Peer work in hospital care", &["Okafor, A"], "2020", ("16", "12")),
            export_record("c", "Peer work in hospital care", &["Okafor, A"], "2021", ("", "")),
        ];
        let linkage = link_studies(&rs);
        assert_eq!(linkage.groups, [vec![0, 1], vec![2]]);
        // Two pages that say nothing of volume or pages: the journal and
        // the first author stand in for the place.
        let page = |doc: &str, year: &str, journal: &str| {
            let mut r = export_record(doc, "Peer work in hospital care", &["Okafor, A"], year, ("", ""));
            r.push(Field::Journal, journal, 6);
            r
        };
        let rs = [page("a", "2021", "Invented Care"), page("b", "2022", "Invented Care")];
        assert_eq!(link_studies(&rs).groups, [vec![0, 1]]);
        let rs = [page("a", "2021", "Invented Care"), page("b", "2022", "Other Journal of Things")];
        assert_eq!(link_studies(&rs).groups.len(), 2);
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
