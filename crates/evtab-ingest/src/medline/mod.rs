//! PubMed's MEDLINE text (`.nbib`): `PMID- ` opens a record, a blank line
//! ends it; tags are padded to four characters (`TI  - `, `FAU - `) and
//! wrapped values continue on lines indented by six spaces. One document
//! per record.

use evtab_model::{Field, SourceFormat, SourceRecord};

use crate::abstract_sections::split_abstract;
use crate::doi::find_dois;
use crate::tagged::{Dialect, TaggedRecord, records};

#[cfg(test)]
mod tests;

fn split(line: &str) -> Option<(&str, &str)> {
    let head = line.get(..4)?;
    let rest = line.get(4..)?;
    let tag = head.trim_end();
    if tag.len() < 2
        || !tag.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        || head[tag.len()..].bytes().any(|b| b != b' ')
    {
        return None;
    }
    let value = rest.strip_prefix("- ").or_else(|| rest.strip_prefix('-'))?;
    Some((tag, value))
}

const DIALECT: Dialect = Dialect { split, start: "PMID", end: None, blank_ends: true, list_tags: &[] };

/// Whether a text is MEDLINE: a `PMID- ` line among its first lines and MEDLINE's own tags.
pub(crate) fn is_medline(text: &str) -> bool {
    text.lines().filter(|l| !l.trim().is_empty()).take(20).any(|l| l.starts_with("PMID-"))
        && text.lines().any(|l| l.starts_with("TI  - ") || l.starts_with("FAU - ") || l.starts_with("DP  - "))
}

/// Reads one MEDLINE record.
pub(crate) fn read_record(doc_id: &str, r: &TaggedRecord<'_>) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Medline);
    let value = |tag: &str| r.value(tag);
    if let Some(f) = value("TI") {
        // MEDLINE ends every title with a full stop it did not print.
        let title = f.value.strip_suffix('.').filter(|t| !t.ends_with('.')).unwrap_or(&f.value);
        record.push(Field::Title, title, f.line);
    }
    let full: Vec<_> = r.all("FAU").collect();
    let authors = if full.is_empty() { r.all("AU").collect() } else { full };
    for f in authors {
        record.push(Field::Author, &f.value, f.line);
    }
    r.push_each(
        &mut record,
        &[
            ("PMID", Field::Pmid),
            ("DP", Field::Date),
            ("JT", Field::Journal),
            ("TA", Field::JournalAbbrev),
            ("VI", Field::Volume),
            ("IP", Field::Issue),
            ("PG", Field::Pages),
            ("PMC", Field::Pmcid),
            ("LA", Field::Language),
            ("PL", Field::Publisher),
        ],
    );
    for f in r.fields.iter().filter(|f| matches!(f.tag, "LID" | "AID") && f.value.ends_with("[doi]")) {
        if let Some(found) = find_dois(&f.value).into_iter().next() {
            record.push(Field::Doi, &found.doi, f.line);
        }
    }
    for f in r.all("IS") {
        let issn = f.value.split(" (").next().unwrap_or("");
        record.push(Field::Issn, issn, f.line);
    }
    for f in r.all("PT") {
        record.push(Field::PublicationType, &f.value, f.line);
    }
    for f in r.fields.iter().filter(|f| matches!(f.tag, "OT" | "MH")) {
        record.push(Field::Keyword, f.value.trim_start_matches('*'), f.line);
    }
    if let Some(f) = value("AB") {
        record.passages.extend(split_abstract(&f.value, f.line));
    }
    record
}

/// The records of a MEDLINE file.
pub(crate) fn records_of(text: &str) -> Vec<TaggedRecord<'_>> {
    records(text, &DIALECT)
}
