//! DSpace "full item record" pages.
//!
//! Copying the record table out of the page glues the field name, the value
//! and the language column together (`dc.contributor.authorOkafor, Ada`,
//! `dc.rightsAttribution 4.0 Internationalen`). Names are split off with a
//! registry of known DSpace / Dublin Core field names, longest match first;
//! a glued language column is removed only where it is recognisable.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use evtab_model::{Field, SourceFormat, SourceRecord};

use crate::abstract_sections::split_abstract;
use crate::lines::numbered;

#[cfg(test)]
mod tests;

/// Known field names (Dublin Core as DSpace uses it, plus common local
/// schemas). Values are never listed here, only names.
const FIELD_NAMES: &[&str] = &[
    "dc.audience",
    "dc.citation.epage",
    "dc.citation.issue",
    "dc.citation.journaltitle",
    "dc.citation.spage",
    "dc.citation.volume",
    "dc.contributor",
    "dc.contributor.advisor",
    "dc.contributor.affiliation",
    "dc.contributor.author",
    "dc.contributor.editor",
    "dc.contributor.illustrator",
    "dc.contributor.other",
    "dc.coverage.spatial",
    "dc.coverage.temporal",
    "dc.creator",
    "dc.date",
    "dc.date.accessioned",
    "dc.date.available",
    "dc.date.copyright",
    "dc.date.created",
    "dc.date.issued",
    "dc.date.submitted",
    "dc.date.updated",
    "dc.description",
    "dc.description.abstract",
    "dc.description.provenance",
    "dc.description.sponsorship",
    "dc.description.statementofresponsibility",
    "dc.description.tableofcontents",
    "dc.description.uri",
    "dc.description.version",
    "dc.description.peerreview",
    "dc.format",
    "dc.format.extent",
    "dc.format.medium",
    "dc.format.mimetype",
    "dc.identifier",
    "dc.identifier.citation",
    "dc.identifier.doi",
    "dc.identifier.eissn",
    "dc.identifier.govdoc",
    "dc.identifier.isbn",
    "dc.identifier.ismn",
    "dc.identifier.issn",
    "dc.identifier.other",
    "dc.identifier.pmcid",
    "dc.identifier.pmid",
    "dc.identifier.scopus",
    "dc.identifier.sici",
    "dc.identifier.uri",
    "dc.language",
    "dc.language.iso",
    "dc.language.rfc3066",
    "dc.publisher",
    "dc.relation",
    "dc.relation.haspart",
    "dc.relation.hasversion",
    "dc.relation.isbasedon",
    "dc.relation.isformatof",
    "dc.relation.ispartof",
    "dc.relation.ispartofseries",
    "dc.relation.isreferencedby",
    "dc.relation.isreplacedby",
    "dc.relation.isversionof",
    "dc.relation.replaces",
    "dc.relation.requires",
    "dc.relation.uri",
    "dc.rights",
    "dc.rights.accessrights",
    "dc.rights.holder",
    "dc.rights.license",
    "dc.rights.uri",
    "dc.source",
    "dc.source.uri",
    "dc.subject",
    "dc.subject.classification",
    "dc.subject.ddc",
    "dc.subject.keywords",
    "dc.subject.lcc",
    "dc.subject.lcsh",
    "dc.subject.mesh",
    "dc.subject.other",
    "dc.symplectic.issue",
    "dc.symplectic.journal",
    "dc.symplectic.pagination",
    "dc.symplectic.subtype",
    "dc.symplectic.volume",
    "dc.title",
    "dc.title.alternative",
    "dc.type",
    "dc.type.version",
];

/// Language codes DSpace puts in its language column.
const LANGUAGE_COLUMN: &[&str] = &["en_US", "en_GB", "en", "fr", "de", "es", "it", "nl", "pt", "*"];

/// Splits a glued `dc.*` line into field name and value, longest known name first.
pub(crate) fn split_field(line: &str) -> Option<(&'static str, &str)> {
    FIELD_NAMES
        .iter()
        .filter(|name| line.starts_with(**name))
        .max_by_key(|name| name.len())
        .map(|name| (*name, &line[name.len()..]))
}

/// Removes a language column glued to the end of a value, where that is
/// recognisable: after closing punctuation (`...hospitalization.en`), or
/// when the value without it is printed elsewhere on the page (the page
/// heading repeats the title), or for licence names, which end in a fixed
/// word (`International`, `Unported`, `Universal`, `License`).
fn strip_language_column<'a>(field: &str, value: &'a str, page_lines: &BTreeSet<&str>) -> &'a str {
    for code in LANGUAGE_COLUMN {
        let Some(stem) = value.strip_suffix(code) else { continue };
        if stem.is_empty() {
            continue;
        }
        let before = stem.chars().last().unwrap_or(' ');
        let after_punctuation = matches!(before, '.' | ')' | ']' | '?' | '!' | '"' | '”');
        let licence_name = field.starts_with("dc.rights")
            && ["International", "Unported", "Universal", "License", "Licence", "reserved"]
                .iter()
                .any(|end| stem.ends_with(end));
        if after_punctuation || licence_name || page_lines.contains(stem.trim()) {
            return stem;
        }
    }
    value
}

/// Parses a DSpace full item record.
pub fn parse(doc_id: &str, text: &str) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Dspace);
    let page_lines: BTreeSet<&str> =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("dc.")).collect();
    // Glued fields, with continuation lines (a wrapped value) joined on.
    let mut entries: Vec<(&'static str, String, u32)> = Vec::new();
    let mut heading: Option<(u32, &str)> = None;
    let mut previous_was_field = false;
    for (line_no, line) in numbered(text) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            previous_was_field = false;
            continue;
        }
        if let Some((name, value)) = split_field(trimmed) {
            entries.push((name, value.to_string(), line_no));
            previous_was_field = true;
        } else if trimmed.starts_with("dc.") {
            record
                .warnings
                .push(format!("line {line_no}: unknown DSpace field `{}`", field_name_guess(trimmed)));
            previous_was_field = false;
        } else if previous_was_field {
            if let Some(last) = entries.last_mut() {
                last.1.push(' ');
                last.1.push_str(trimmed);
            }
        } else if heading.is_none() && entries.is_empty() {
            heading = Some((line_no, trimmed));
        }
    }
    let mut seen: BTreeSet<(&str, String)> = BTreeSet::new();
    let mut citations = Vec::new();
    for (name, raw_value, line) in &entries {
        let value = strip_language_column(name, raw_value.trim(), &page_lines).trim();
        // Repeated fields (subjects, MeSH headings) are listed more than once.
        if !seen.insert((name, value.to_string())) {
            continue;
        }
        if *name == "dc.identifier.citation" {
            citations.push((value, *line));
        } else {
            map_field(&mut record, name, value, *line);
        }
    }
    // Subjects repeat across schemes (`dc.subject` and `dc.subject.mesh`).
    let mut keywords = BTreeSet::new();
    record.fields.retain(|f| f.field != Field::Keyword || keywords.insert(f.value.clone()));
    // The citation is read last: it is parsed relative to the title.
    let title = record.first(Field::Title).map(|f| f.value.clone());
    for (citation, line) in citations {
        if let Some(abbrev) = citation_journal(citation, title.as_deref()) {
            record.push(Field::JournalAbbrev, &abbrev, line);
        }
    }
    if record.first(Field::Title).is_none() {
        match heading {
            Some((line, title)) => {
                record.warnings.push("no dc.title field; the page heading was used as the title".to_string());
                record.push(Field::Title, title, line);
            }
            None => record
                .warnings
                .push("no dc.title field and no page heading: the record has no title".to_string()),
        }
    }
    record
}

fn field_name_guess(line: &str) -> &str {
    let end = line.find(|c: char| !(c.is_ascii_lowercase() || c == '.' || c == '_')).unwrap_or(line.len());
    &line[..end]
}

fn map_field(record: &mut SourceRecord, name: &str, value: &str, line: u32) {
    let field = match name {
        "dc.title" => Field::Title,
        "dc.contributor.author" | "dc.creator" => Field::Author,
        "dc.date.issued" => Field::Date,
        "dc.identifier.issn" | "dc.identifier.eissn" => Field::Issn,
        "dc.identifier.doi" => Field::Doi,
        "dc.identifier.uri" | "dc.relation.uri" | "dc.identifier"
            if value.to_ascii_lowercase().contains("doi.org/10.") =>
        {
            Field::Doi
        }
        "dc.identifier.pmid" => Field::Pmid,
        "dc.identifier.pmcid" => Field::Pmcid,
        "dc.language.iso" | "dc.language" | "dc.language.rfc3066" => Field::Language,
        "dc.publisher" => Field::Publisher,
        "dc.rights" | "dc.rights.uri" | "dc.rights.license" => Field::License,
        "dc.description.sponsorship" => Field::Funding,
        "dc.subject" | "dc.subject.mesh" | "dc.subject.keywords" | "dc.subject.other" => Field::Keyword,
        "dc.symplectic.journal" | "dc.citation.journaltitle" | "dc.relation.ispartof" => Field::Journal,
        "dc.symplectic.volume" | "dc.citation.volume" => Field::Volume,
        "dc.symplectic.issue" | "dc.citation.issue" => Field::Issue,
        "dc.symplectic.pagination" => {
            record.push(Field::Pages, value.trim_end_matches(['-', '–']), line);
            return;
        }
        "dc.citation.spage" => Field::Pages,
        "dc.symplectic.subtype" | "dc.type" => Field::PublicationType,
        "dc.description.abstract" => {
            record.passages.extend(split_abstract(value, line));
            return;
        }
        _ => return,
    };
    record.push(field, value, line);
}

/// Reads the journal abbreviation from a Springer-style citation
/// (`Authors. Title. Harm Reduct J 18, 19 (2021). https://doi.org/...`):
/// the text between the title and `<volume>, <pages> (<year>)`.
fn citation_journal(citation: &str, title: Option<&str>) -> Option<String> {
    let after_title = match title {
        Some(title) if citation.contains(title) => {
            let start = citation.find(title)? + title.len();
            citation[start..].trim_start_matches(['.', ' '])
        }
        _ => return None,
    };
    let caps = CITATION_SOURCE.captures(after_title)?;
    Some(caps.get(1)?.as_str().trim().to_string())
}

static CITATION_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Z][A-Za-z.&' ]{1,80}?)\.? (\d+)(?:\(\d+\))?, ?[A-Za-z]?\d+[–-]?\d* \((\d{4})\)")
        .expect("constant regex")
});
