//! RIS export files (EndNote, Zotero, Ovid, Scopus, Web of Science, Pure,
//! EBSCO …): `TY  - ` … `ER  - ` records, one document per record.
//!
//! Tags as the dialects use them: authors in `AU`/`A1` (`A2`–`A4` are
//! editors and others, not the article's authors); the title in `TI`/`T1`;
//! the journal in `JF`, `JO`, `T2` (or `JA`/`J2`/`J1`, abbreviated); but a
//! Pure export splits a title at its colon into `T1`/`T2`, so `T2` is the
//! journal only when no other journal tag says otherwise. Dates in
//! `PY`/`Y1`/`DA` (`2013/06/01`, `2022/12//`). The DOI in `DO`, else inside
//! a link or note (`UR`, `L1`–`L3`, `M3`, `N1`).

use evtab_model::{Field, SourceFormat, SourceRecord};

use crate::abstract_sections::split_abstract;
use crate::citation::looks_abbreviated;
use crate::doi::find_dois;
use crate::tagged::{Dialect, TaggedRecord, records};

#[cfg(test)]
mod tests;

fn split(line: &str) -> Option<(&str, &str)> {
    let mut chars = line.char_indices();
    let (_, a) = chars.next()?;
    let (_, b) = chars.next()?;
    if !(a.is_ascii_uppercase() && (b.is_ascii_uppercase() || b.is_ascii_digit())) {
        return None;
    }
    let rest = &line[2..];
    // `TY  - JOUR` (the standard), also `TY - JOUR` and a bare `ER  -`.
    let rest = rest.strip_prefix("  -").or_else(|| rest.strip_prefix(" -"))?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((&line[..2], rest.strip_prefix(' ').unwrap_or(rest)))
}

const DIALECT: Dialect = Dialect { split, start: "TY", end: Some("ER"), blank_ends: false, list_tags: &[] };

/// Whether a text is an RIS file: a `TY` tag among its first lines (after
/// a database's header).
pub(crate) fn is_ris(text: &str) -> bool {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(40)
        .any(|l| split(l.trim_end()).is_some_and(|(t, _)| t == "TY"))
        && text
            .lines()
            .any(|l| split(l.trim_end()).is_some_and(|(t, _)| matches!(t, "TI" | "T1" | "AU" | "A1" | "ER")))
}

/// An RIS date (`2013/06/01`, `2022/12//`, `2013///`, `2019/01/01/Spring`) in ISO form.
fn ris_date(value: &str) -> String {
    let parts: Vec<&str> = value.split('/').map(str::trim).collect();
    if parts.len() >= 2 && parts[0].len() == 4 && parts[0].bytes().all(|b| b.is_ascii_digit()) {
        let numeric: Vec<&str> = parts
            .iter()
            .take(3)
            .copied()
            .take_while(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        return numeric.join("-");
    }
    value.to_string()
}

/// Whether a value reads as the words of a sentence, not a name: it starts
/// lower case and most of its words do (`a qualitative study
/// in one town`), where a journal's name capitalises its words, even one
/// that starts lower case (`npj Digital Medicine`, `eLife`).
fn reads_as_running_words(value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    let Some(first) = words.first() else { return false };
    let lower = |w: &&str| w.chars().next().is_some_and(char::is_lowercase);
    let first_is_plain = lower(first) && !first.chars().skip(1).any(char::is_uppercase);
    let capitalised = words[1..].iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    first_is_plain && capitalised * 2 < words.len()
}

/// Reads one RIS record into a source record.
pub(crate) fn read_record(doc_id: &str, r: &TaggedRecord<'_>) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Ris);
    let value = |tag: &str| r.value(tag);
    let title = value("TI").or_else(|| value("T1"));
    let journal_tags: Vec<&str> =
        ["JF", "JO", "JA", "J2", "J1"].iter().filter_map(|t| value(t)).map(|f| f.value.as_str()).collect();
    let t2 = value("T2");
    // `T2` is the journal unless the record names its journal elsewhere and
    // `T2` is not it: then `T2` continues a title cut at its colon.
    let t2_is_subtitle = t2.is_some_and(|t2| {
        title.is_some()
            && !journal_tags.is_empty()
            && !journal_tags.iter().any(|j| evtab_text::match_key(j) == evtab_text::match_key(&t2.value))
            && !looks_abbreviated(&t2.value)
            && reads_as_running_words(&t2.value)
    });
    match (title, t2) {
        (Some(t), Some(sub)) if t2_is_subtitle => {
            let joined = format!("{}: {}", t.value.trim_end_matches(':'), sub.value);
            record.push(Field::Title, &joined, t.line);
        }
        (Some(t), _) => record.push(Field::Title, &t.value, t.line),
        (None, _) => {}
    }
    for f in r.fields.iter().filter(|f| matches!(f.tag, "AU" | "A1")) {
        record.push(Field::Author, &f.value, f.line);
    }
    if let Some(t2) = t2.filter(|_| !t2_is_subtitle) {
        record.push(
            if looks_abbreviated(&t2.value) { Field::JournalAbbrev } else { Field::Journal },
            &t2.value,
            t2.line,
        );
    }
    for tag in ["JF", "JO", "JA", "J2", "J1"] {
        if let Some(f) = value(tag) {
            let abbreviated = matches!(tag, "JA" | "J2" | "J1") || looks_abbreviated(&f.value);
            record.push(if abbreviated { Field::JournalAbbrev } else { Field::Journal }, &f.value, f.line);
        }
    }
    for tag in ["PY", "Y1", "DA"] {
        if let Some(f) = value(tag) {
            record.push(Field::Date, &ris_date(&f.value), f.line);
        }
    }
    r.push_each(
        &mut record,
        &[("VL", Field::Volume), ("IS", Field::Issue), ("PB", Field::Publisher), ("LA", Field::Language)],
    );
    match (value("SP"), value("EP")) {
        (Some(sp), Some(ep)) if sp.value != ep.value => {
            record.push(Field::Pages, &format!("{}-{}", sp.value, ep.value), sp.line)
        }
        (Some(sp), _) => record.push(Field::Pages, &sp.value, sp.line),
        _ => {}
    }
    for f in r.all("SN") {
        for issn in f.value.split([';', ',', ' ']).filter(|v| v.len() >= 8 && v.contains('-') && v.len() <= 9)
        {
            record.push(Field::Issn, issn, f.line);
        }
    }
    let mut has_doi = false;
    for f in r.all("DO") {
        for found in find_dois(&f.value) {
            record.push(Field::Doi, &found.doi, f.line);
            has_doi = true;
        }
    }
    if !has_doi {
        'links: for tag in ["UR", "L1", "L2", "L3", "M3", "N1"] {
            for f in r.all(tag) {
                let decoded = f.value.replace("%2F", "/").replace("%2f", "/");
                if let Some(found) = find_dois(&decoded).into_iter().next() {
                    record.push_by(Field::Doi, &found.doi, f.line, "link");
                    break 'links;
                }
            }
        }
    }
    for f in r.all("KW") {
        record.push(Field::Keyword, &f.value, f.line);
    }
    if let Some(f) = value("TY") {
        record.push(Field::PublicationType, &f.value, f.line);
    }
    if let Some(f) = value("AB").or_else(|| value("N2")) {
        record.passages.extend(split_abstract(&f.value, f.line));
    }
    if !r.closed {
        record.warnings.push(format!(
            "the record starting on line {} has no ER line (the file may be cut)",
            r.first_line
        ));
    }
    record
}

/// The records of an RIS file.
pub(crate) fn records_of(text: &str) -> Vec<TaggedRecord<'_>> {
    records(text, &DIALECT)
}
