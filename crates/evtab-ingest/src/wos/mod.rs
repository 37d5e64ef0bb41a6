//! Web of Science tagged text (the "Plain text file" export, also what
//! Clarivate's other databases write): `FN`/`VR` header, `PT J` opens a
//! record, `ER` closes it, `EF` ends the file. A tag is two characters and a
//! space; a wrapped value continues on lines indented by three spaces, but
//! under `AU`, `AF` and a few other tags every such line is one more value.

use evtab_model::{Field, SourceFormat, SourceRecord};

use crate::abstract_sections::split_abstract;
use crate::doi::find_dois;
use crate::tagged::{Dialect, TaggedRecord, records};

#[cfg(test)]
mod tests;

fn split(line: &str) -> Option<(&str, &str)> {
    let tag = line.get(..2)?;
    let mut bytes = tag.bytes();
    let (a, b) = (bytes.next()?, bytes.next()?);
    if !(a.is_ascii_uppercase() && (b.is_ascii_uppercase() || b.is_ascii_digit())) {
        return None;
    }
    match line.get(2..)? {
        "" => Some((tag, "")),
        rest => rest.strip_prefix(' ').map(|value| (tag, value)),
    }
}

const DIALECT: Dialect = Dialect {
    split,
    start: "PT",
    end: Some("ER"),
    blank_ends: false,
    list_tags: &["AU", "AF", "BA", "BF", "CA", "C1", "CR", "ED"],
};

/// Whether a text is Web of Science tagged text: its `FN` and `VR` header,
/// or a `PT` record with the `UT` accession number every record carries.
pub(crate) fn is_wos(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let head: Vec<&str> = text.lines().map(str::trim_end).filter(|l| !l.is_empty()).take(3).collect();
    let header = head.iter().any(|l| l.starts_with("FN ")) && head.iter().any(|l| l.starts_with("VR "));
    let record = head.first().is_some_and(|l| l.starts_with("PT ") && l.len() <= 5)
        && text.lines().any(|l| l.starts_with("UT ") || l.starts_with("TI "));
    header || record
}

/// Reads one record.
pub(crate) fn read_record(doc_id: &str, r: &TaggedRecord<'_>) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Wos);
    let value = |tag: &str| r.value(tag);
    if let Some(f) = value("TI") {
        record.push(Field::Title, &f.value, f.line);
    }
    // `AF` spells the names out (`Doe, Jane`); `AU` has initials (`Doe, J`).
    let full: Vec<_> = r.all("AF").filter(|f| !f.value.is_empty()).collect();
    let authors = if full.is_empty() { r.all("AU").filter(|f| !f.value.is_empty()).collect() } else { full };
    for f in authors {
        record.push(Field::Author, &f.value, f.line);
    }
    r.push_each(
        &mut record,
        &[
            ("SO", Field::Journal),
            ("JI", Field::JournalAbbrev),
            ("PY", Field::Date),
            ("VL", Field::Volume),
            ("IS", Field::Issue),
            ("PM", Field::Pmid),
            ("LA", Field::Language),
            ("PU", Field::Publisher),
            ("DT", Field::PublicationType),
        ],
    );
    match (value("BP"), value("EP"), value("AR")) {
        (Some(b), Some(e), _) => record.push(Field::Pages, &format!("{}-{}", b.value, e.value), b.line),
        (Some(b), None, _) => record.push(Field::Pages, &b.value, b.line),
        (None, _, Some(a)) => record.push(Field::Pages, &a.value, a.line),
        _ => {}
    }
    if let Some((f, doi)) =
        value("DI").and_then(|f| find_dois(&f.value).into_iter().next().map(|d| (f, d.doi)))
    {
        record.push(Field::Doi, &doi, f.line);
    }
    for f in r.fields.iter().filter(|f| matches!(f.tag, "SN" | "EI") && !f.value.is_empty()) {
        record.push(Field::Issn, &f.value, f.line);
    }
    for f in r.fields.iter().filter(|f| matches!(f.tag, "DE" | "ID")) {
        for k in f.value.split(';').map(str::trim).filter(|k| !k.is_empty()) {
            record.push(Field::Keyword, k, f.line);
        }
    }
    if let Some(f) = value("AB") {
        record.passages.extend(split_abstract(&f.value, f.line));
    }
    record
}

/// The records of a Web of Science file.
pub(crate) fn records_of(text: &str) -> Vec<TaggedRecord<'_>> {
    records(text, &DIALECT)
}
