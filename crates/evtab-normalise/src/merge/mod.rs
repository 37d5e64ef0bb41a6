//! Merging the documents of one study into one set of bibliographic values.
//!
//! Per field, the value comes from the most reliable source that has one,
//! by this precedence (most reliable first):
//! `dspace` (curated repository metadata) > `vufind` (catalogue record from
//! MEDLINE/PMC) > `pure` (institutional portal) > `aggregator_json`
//! (third-party aggregation) > `fulltext` (PDF conversion, noisiest for
//! metadata). Ties go to the smaller `doc_id`. The publication date is the
//! most precise of the dates that agree. Every candidate value becomes a
//! provenance row; candidates that disagree after normalisation become a
//! `conflict` flag.

use std::collections::{BTreeMap, BTreeSet};

use evtab_model::{Author, Field, Flag, FlagKind, Provenance, Severity, SourceFormat, SourceRecord, Study};
use evtab_text::{match_key, nfc};

use crate::date::{PartialDate, find_date};
use crate::doi::normalise_doi;
use crate::journal::{JournalCatalogue, abbrev_key};
use crate::language::iso639_1;
use crate::names::{parse_author, vancouver};

/// Rank of a source format for bibliographic fields; lower is more reliable.
pub fn precedence(format: SourceFormat) -> u8 {
    // PubMed's own record first: curated by the NLM.
    match format {
        SourceFormat::Medline => 0,
        SourceFormat::Dspace => 1,
        SourceFormat::Vufind => 2,
        SourceFormat::Ris => 3,
        SourceFormat::Jats => 3,
        SourceFormat::CslJson => 3,
        SourceFormat::Wos => 3,
        SourceFormat::PubmedXml => 0,
        // PubMed's record as Europe PMC serves it.
        SourceFormat::EuropePmc => 1,
        SourceFormat::EndnoteXml => 3,
        SourceFormat::Csv => 4,
        // Often hand-kept or from Google Scholar: abbreviated, no DOI.
        SourceFormat::Bibtex => 4,
        SourceFormat::Pure => 4,
        SourceFormat::AggregatorJson => 5,
        SourceFormat::Fulltext => 6,
        SourceFormat::Generic => 7,
    }
}

/// The provenance rule of a value: `format:field`, or `format:rule:field`
/// when the parser names how it read it (`pure:citation:doi`).
fn rule_name(format: SourceFormat, rule: &str, field: &str) -> String {
    if rule.is_empty() {
        format!("{}:{field}", format.name())
    } else {
        format!("{}:{rule}:{field}", format.name())
    }
}

/// A study's merged bibliographic values with their audit trail.
#[derive(Debug, Clone, Default)]
pub struct MergedStudy {
    /// The study (its `study_id` is assigned later, across studies).
    pub study: Study,
    /// One row per candidate value (study id empty until assigned).
    pub provenance: Vec<Provenance>,
    /// Conflicts and missing values (study id empty until assigned).
    pub flags: Vec<Flag>,
}

/// One candidate value for a field.
struct Candidate<'a> {
    value: String,
    key: String,
    record: &'a SourceRecord,
    line: u32,
    rule: String,
}

/// Corpus-wide knowledge used while merging one study.
pub struct MergeContext<'a> {
    /// Journal catalogue and LTWA rules.
    pub catalogue: &'a JournalCatalogue,
    /// Every full journal title seen in any document of the corpus.
    pub corpus_journals: &'a CorpusJournals,
}

/// The full journal titles of a corpus, found by their ISO 4 abbreviation
/// (computed once per title, not once per study and title).
#[derive(Debug, Clone, Default)]
pub struct CorpusJournals {
    by_abbreviation: BTreeMap<String, String>,
}

impl CorpusJournals {
    /// Indexes the titles; of titles with one abbreviation the first in
    /// sorted order is kept.
    pub fn new(titles: &BTreeSet<String>, catalogue: &JournalCatalogue) -> Self {
        let mut by_abbreviation = BTreeMap::new();
        for title in titles {
            by_abbreviation.entry(abbrev_key(&catalogue.iso4(title))).or_insert_with(|| title.clone());
        }
        CorpusJournals { by_abbreviation }
    }

    /// The corpus title an abbreviation abbreviates.
    fn title_for(&self, abbreviation: &str) -> Option<&String> {
        self.by_abbreviation.get(&abbrev_key(abbreviation))
    }
}

/// Merges the records of one study.
pub fn merge_study(records: &[&SourceRecord], cx: &MergeContext<'_>) -> MergedStudy {
    let mut ordered: Vec<&SourceRecord> = records.to_vec();
    ordered.sort_by(|a, b| {
        precedence(a.format).cmp(&precedence(b.format)).then_with(|| a.doc_id.cmp(&b.doc_id))
    });
    let mut merged = MergedStudy::default();
    let mut doc_ids: Vec<String> = ordered.iter().map(|r| r.doc_id.clone()).collect();
    doc_ids.sort();
    merged.study.doc_ids = doc_ids;

    let text = |value: &str| Some(nfc(&value.split_whitespace().collect::<Vec<_>>().join(" ")));
    merged.study.title = pick(&mut merged, &ordered, "title", Field::Title, text, match_key);
    merge_authors(&mut merged, &ordered);
    merge_date(&mut merged, &ordered);
    merged.study.journal = pick(&mut merged, &ordered, "journal", Field::Journal, text, match_key);
    merged.study.journal_abbrev =
        pick(&mut merged, &ordered, "journal_abbrev", Field::JournalAbbrev, text, |v| {
            crate::journal::abbrev_key(v)
        });
    match merged.study.journal.clone() {
        Some(printed) => canonical_journal(&mut merged, &ordered, &printed, cx),
        None => resolve_journal(&mut merged, &ordered, cx),
    }
    apply_rename(&mut merged, cx);
    let plain = |value: &str| Some(value.trim().to_string());
    merged.study.volume = pick(&mut merged, &ordered, "volume", Field::Volume, plain, str::to_string);
    merged.study.issue = pick(&mut merged, &ordered, "issue", Field::Issue, plain, str::to_string);
    merged.study.pages = pick(&mut merged, &ordered, "pages", Field::Pages, plain, str::to_string);
    merged.study.doi = pick(&mut merged, &ordered, "doi", Field::Doi, normalise_doi, str::to_string);
    merged.study.pmid = pick(&mut merged, &ordered, "pmid", Field::Pmid, digits_only, str::to_string);
    merged.study.pmcid = pick(&mut merged, &ordered, "pmcid", Field::Pmcid, pmcid, str::to_string);
    merged.study.issn = pick(&mut merged, &ordered, "issn", Field::Issn, issn, str::to_string);
    merged.study.publisher = pick(&mut merged, &ordered, "publisher", Field::Publisher, text, match_key);
    merged.study.language =
        pick(&mut merged, &ordered, "language", Field::Language, iso639_1, str::to_string);
    report_unreadable(&mut merged, &ordered);
    report_missing(&mut merged);
    merged
}

/// Collects a field's candidates, records provenance, flags disagreement,
/// and returns the value of the most reliable source.
fn pick(
    merged: &mut MergedStudy,
    ordered: &[&SourceRecord],
    column: &str,
    field: Field,
    normalise: impl Fn(&str) -> Option<String>,
    key: impl Fn(&str) -> String,
) -> Option<String> {
    let mut candidates = Vec::new();
    for record in ordered {
        for f in record.all(field) {
            if let Some(value) = normalise(&f.value).filter(|v| !v.is_empty()) {
                let key = key(&value);
                candidates.push(Candidate {
                    value,
                    key,
                    record,
                    line: f.line,
                    rule: rule_name(record.format, f.rule, field.name()),
                });
            }
        }
    }
    settle(merged, column, candidates)
}

fn settle(merged: &mut MergedStudy, column: &str, candidates: Vec<Candidate<'_>>) -> Option<String> {
    for c in &candidates {
        merged.provenance.push(Provenance {
            field: column.to_string(),
            value: c.value.clone(),
            doc_id: c.record.doc_id.clone(),
            line: c.line,
            rule: c.rule.clone(),
        });
    }
    let chosen = candidates.first()?;
    let disagreeing: Vec<&Candidate<'_>> = candidates.iter().filter(|c| c.key != chosen.key).collect();
    if let Some(first_other) = disagreeing.first() {
        merged.flags.push(conflict(column, chosen, first_other));
    }
    Some(chosen.value.clone())
}

fn conflict(column: &str, kept: &Candidate<'_>, other: &Candidate<'_>) -> Flag {
    Flag {
        field: column.to_string(),
        severity: Severity::Warning,
        kind: FlagKind::Conflict,
        message: format!(
            "sources disagree on {column}: \"{}\" ({} line {}) vs \"{}\" ({} line {}); kept the first ({} precedes {})",
            kept.value,
            kept.record.doc_id,
            kept.line,
            other.value,
            other.record.doc_id,
            other.line,
            kept.record.format.name(),
            other.record.format.name(),
        ),
    }
}

fn merge_authors(merged: &mut MergedStudy, ordered: &[&SourceRecord]) {
    let mut lists: Vec<(&SourceRecord, Vec<Author>, u32)> = Vec::new();
    // A list cut short (`and others`) is neither compared with a full one
    // nor chosen over it.
    let any_full = ordered.iter().any(|r| !r.authors_truncated && r.first(Field::Author).is_some());
    for record in ordered.iter().filter(|r| !(any_full && r.authors_truncated)) {
        let authors: Vec<Author> = record.all(Field::Author).map(|f| parse_author(&f.value)).collect();
        if let Some(line) = record.first(Field::Author).map(|f| f.line) {
            lists.push((record, authors, line));
        }
    }
    let candidates: Vec<Candidate<'_>> = lists
        .iter()
        .map(|(record, authors, line)| Candidate {
            value: authors.iter().map(vancouver).collect::<Vec<_>>().join("; "),
            key: authors.iter().map(|a| match_key(&a.family)).collect::<Vec<_>>().join("|"),
            record,
            line: *line,
            rule: format!("{}:author", record.format.name()),
        })
        .collect();
    settle(merged, "authors", candidates);
    if let Some((record, authors, _)) = lists.into_iter().next() {
        merged.study.authors = authors;
        merged.study.authors_truncated = record.authors_truncated;
    }
}

fn merge_date(merged: &mut MergedStudy, ordered: &[&SourceRecord]) {
    let mut dated: Vec<(PartialDate, Candidate<'_>)> = Vec::new();
    for record in ordered {
        for f in record.all(Field::Date) {
            match find_date(&f.value) {
                Some(date) => dated.push((
                    date,
                    Candidate {
                        value: date.iso(),
                        key: date.iso(),
                        record,
                        line: f.line,
                        rule: rule_name(record.format, f.rule, "date"),
                    },
                )),
                None => merged.flags.push(Flag {
                    field: "publication_date".to_string(),
                    severity: Severity::Info,
                    kind: FlagKind::Uncertain,
                    message: format!(
                        "{} line {}: date \"{}\" could not be read",
                        record.doc_id, f.line, f.value
                    ),
                }),
            }
        }
    }
    let Some((best, _)) = dated.first() else { return };
    let best = *best;
    for (_, c) in &dated {
        merged.provenance.push(Provenance {
            field: "publication_date".to_string(),
            value: c.value.clone(),
            doc_id: c.record.doc_id.clone(),
            line: c.line,
            rule: c.rule.clone(),
        });
    }
    if let Some((_, other)) = dated.iter().find(|(d, _)| !d.compatible(&best)) {
        merged.flags.push(conflict("publication_date", &dated[0].1, other));
    }
    let most_precise = dated
        .iter()
        .filter(|(d, _)| d.compatible(&best))
        .max_by_key(|(d, _)| d.precision())
        .map_or(best, |(d, _)| *d);
    merged.study.publication_date = Some(most_precise.iso());
    merged.study.year = Some(most_precise.year);
}

/// Resolves a journal abbreviation to a full title, by the rules in the module docs.
fn resolve_journal(merged: &mut MergedStudy, ordered: &[&SourceRecord], cx: &MergeContext<'_>) {
    let Some((record, field)) = ordered.iter().find_map(|r| r.first(Field::JournalAbbrev).map(|f| (*r, f)))
    else {
        return;
    };
    let from_corpus = cx.corpus_journals.title_for(&field.value);
    let (title, rule) = match from_corpus {
        Some(title) => (title.clone(), "journal:iso4_of_corpus_title"),
        None => match cx.catalogue.full_title(&field.value) {
            Some(title) => {
                (crate::journal::without_database_additions(title).to_string(), "journal:catalogue")
            }
            None => {
                merged.flags.push(Flag {
                    field: "journal".to_string(),
                    severity: Severity::Warning,
                    kind: FlagKind::Missing,
                    message: format!(
                        "only the abbreviation \"{}\" is known ({} line {}); add the full title to pipelines/vocab/journals.toml",
                        field.value, record.doc_id, field.line
                    ),
                });
                return;
            }
        },
    };
    merged.provenance.push(Provenance {
        field: "journal".to_string(),
        value: title.clone(),
        doc_id: record.doc_id.clone(),
        line: field.line,
        rule: rule.to_string(),
    });
    merged.study.journal = Some(title);
}

/// The journal title as the catalogue shows it: a title printed in another
/// case or with a database's subtitle becomes the catalogue's title, and a
/// "journal" that is an abbreviation becomes the full title (provenance
/// rule `journal:catalogue`).
fn canonical_journal(
    merged: &mut MergedStudy,
    ordered: &[&SourceRecord],
    printed: &str,
    cx: &MergeContext<'_>,
) {
    let cited = crate::journal::without_database_additions(printed);
    let known = cx
        .catalogue
        .canonical_title(printed)
        .or_else(|| cx.catalogue.canonical_title(cited))
        .or_else(|| cx.catalogue.full_title(printed));
    let (title, rule) = match known {
        // A printed leading "The" is the journal's own; catalogues drop it.
        // Catalogues built from NLM's list carry its additions too.
        Some(known) => {
            let known = crate::journal::without_database_additions(known);
            (keep_leading_the(printed, known), "journal:catalogue")
        }
        None => (cited.to_string(), "journal:database_additions_removed"),
    };
    if title == printed {
        return;
    }
    let source = ordered
        .iter()
        .find_map(|r| r.all(Field::Journal).find(|f| nfc(f.value.trim()) == printed).map(|f| (*r, f)));
    if let Some((record, field)) = source {
        merged.provenance.push(Provenance {
            field: "journal".to_string(),
            value: title.clone(),
            doc_id: record.doc_id.clone(),
            line: field.line,
            rule: rule.to_string(),
        });
    }
    merged.study.journal = Some(title);
}

/// The catalogue's title, with the `The` the source printed before it.
fn keep_leading_the(printed: &str, known: &str) -> String {
    let printed_the = printed.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("the "));
    let known_the = known.get(..4).is_some_and(|k| k.eq_ignore_ascii_case("the "));
    if printed_the && !known_the { format!("The {known}") } else { known.to_string() }
}

/// A source that prints a journal's old name for a study published after
/// the rename gets the name the journal had then; the change is flagged.
fn apply_rename(merged: &mut MergedStudy, cx: &MergeContext<'_>) {
    let (Some(journal), Some(year)) = (merged.study.journal.clone(), merged.study.year) else { return };
    let Some(rename) = cx.catalogue.rename_for(&journal, year) else { return };
    let source = merged.provenance.iter().rev().find(|p| p.field == "journal" && p.value == journal).cloned();
    if let Some(source) = source {
        merged.provenance.push(Provenance {
            value: rename.to.clone(),
            rule: "journal:renamed".to_string(),
            ..source
        });
    }
    merged.flags.push(Flag {
        field: "journal".to_string(),
        severity: Severity::Info,
        kind: FlagKind::Uncertain,
        message: format!(
            "the source names the journal \"{journal}\", which was renamed \"{}\" in {}; the study ({year}) appeared under the new name",
            rename.to, rename.year
        ),
    });
    merged.study.journal = Some(rename.to.clone());
}

fn digits_only(raw: &str) -> Option<String> {
    let t = raw.trim();
    (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.to_string())
}

fn pmcid(raw: &str) -> Option<String> {
    let t = raw.trim().to_ascii_uppercase();
    let digits = t.strip_prefix("PMC").unwrap_or(&t);
    digits_only(digits).map(|d| format!("PMC{d}"))
}

/// ISSN with a valid mod-11 check digit, as `NNNN-NNNC`.
fn issn(raw: &str) -> Option<String> {
    let chars: Vec<char> =
        raw.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    if chars.len() != 8 || !chars[..7].iter().all(char::is_ascii_digit) {
        return None;
    }
    let sum: u32 = chars[..7].iter().zip((2..=8).rev()).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    let check = (11 - sum % 11) % 11;
    let expected = if check == 10 { 'X' } else { char::from_digit(check, 10).unwrap_or('?') };
    (chars[7] == expected).then(|| {
        format!("{}-{}", chars[..4].iter().collect::<String>(), chars[4..].iter().collect::<String>())
    })
}

/// Values a source printed that could not be normalised are reported, not dropped silently.
fn report_unreadable(merged: &mut MergedStudy, ordered: &[&SourceRecord]) {
    /// A field, its column, and whether a printed value can be normalised.
    type Check = (Field, &'static str, fn(&str) -> bool);
    let checks: [Check; 4] = [
        (Field::Doi, "doi", |v| normalise_doi(v).is_some()),
        (Field::Issn, "issn", |v| issn(v).is_some()),
        (Field::Pmcid, "pmcid", |v| pmcid(v).is_some()),
        (Field::Language, "language", |v| iso639_1(v).is_some()),
    ];
    for record in ordered {
        for (field, column, valid) in &checks {
            for f in record.all(*field).filter(|f| !valid(&f.value)) {
                merged.flags.push(Flag {
                    field: (*column).to_string(),
                    severity: Severity::Info,
                    kind: FlagKind::Uncertain,
                    message: format!(
                        "{} line {}: {column} \"{}\" is not valid and was not used",
                        record.doc_id, f.line, f.value
                    ),
                });
            }
        }
    }
}

fn report_missing(merged: &mut MergedStudy) {
    let s = &merged.study;
    let missing: Vec<&str> = [
        ("title", s.title.is_none()),
        ("authors", s.authors.is_empty()),
        ("year", s.year.is_none()),
        ("journal", s.journal.is_none() && s.journal_abbrev.is_none()),
        ("doi", s.doi.is_none()),
    ]
    .into_iter()
    .filter_map(|(name, is_missing)| is_missing.then_some(name))
    .collect();
    for name in missing {
        let severity = if name == "doi" { Severity::Info } else { Severity::Warning };
        merged.flags.push(Flag {
            field: name.to_string(),
            severity,
            kind: FlagKind::Missing,
            message: format!(
                "no source of this study states its {name} ({})",
                merged.study.doc_ids.join(", ")
            ),
        });
    }
}

#[cfg(test)]
mod tests;
