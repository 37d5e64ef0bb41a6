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
use crate::citation::{Citation, parse_citation};
use crate::collect::{Collector, Origin};
use crate::doi::find_dois;
use crate::layout::Layouts;
use crate::lines::numbered;
use crate::page::{push_citation, read_page};

#[cfg(test)]
mod tests;

/// Splits a `dc.*` line into field name and value: glued (longest known
/// name first), or a table row (`dc.title | Value | en |`) or tab-separated
/// row, whose language cell is dropped.
pub(crate) fn split_field<'a, 'n>(line: &'a str, names: &'n [String]) -> Option<(&'n str, &'a str)> {
    if let Some((head, rest)) = line.split_once(['|', '\t'])
        && let Some(name) = names.iter().find(|n| n.as_str() == head.trim())
    {
        let value = rest.split(['|', '\t']).map(str::trim).find(|c| !c.is_empty()).unwrap_or("");
        return Some((name.as_str(), value));
    }
    names
        .iter()
        .filter(|name| line.starts_with(name.as_str()))
        .max_by_key(|name| name.len())
        .map(|name| (name.as_str(), &line[name.len()..]))
}

/// Removes a language column glued to the end of a value, where that is
/// recognisable: after closing punctuation (`...hospitalization.en`), or
/// when the value without it is printed elsewhere on the page (the page
/// heading repeats the title), or for licence names, which end in a fixed
/// word (`International`, `Unported`, `Universal`, `License`).
fn strip_language_column<'a>(
    field: &str,
    value: &'a str,
    page_lines: &BTreeSet<&str>,
    codes: &[String],
) -> &'a str {
    // Longest code first: `en_US` before `en`.
    let mut codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    codes.sort_by_key(|c| std::cmp::Reverse(c.len()));
    for code in codes {
        let Some(stem) = value.strip_suffix(code) else { continue };
        if stem.is_empty() {
            continue;
        }
        // `en_ZA`, `*`: no word ends so.
        if code.contains(['_', '*']) {
            return stem.trim_end();
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

/// Parses a DSpace item page: the full record's `dc.*` fields (trusted
/// most), and the simple item page's labels, citation and heading.
pub fn parse(doc_id: &str, text: &str, layouts: &Layouts) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Dspace);
    let Some(layout) = layouts.family(SourceFormat::Dspace) else {
        record.warnings.push("no layout for dspace in pipelines/formats".to_string());
        return record;
    };
    let names = layout.structure("fields");
    let page_lines: BTreeSet<&str> =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("dc.")).collect();
    // Fields, with continuation lines (a wrapped value) joined on.
    let mut entries: Vec<(&str, String, u32)> = Vec::new();
    let mut record_lines: BTreeSet<u32> = BTreeSet::new();
    let mut previous_was_field = false;
    for (line_no, line) in numbered(text) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            previous_was_field = false;
            continue;
        }
        if let Some((name, value)) = split_field(trimmed, names) {
            entries.push((name, value.to_string(), line_no));
            record_lines.insert(line_no);
            previous_was_field = true;
        } else if trimmed.starts_with("dc.") {
            record
                .warnings
                .push(format!("line {line_no}: unknown DSpace field `{}`", field_name_guess(trimmed)));
            record_lines.insert(line_no);
            previous_was_field = false;
        } else if previous_was_field {
            if let Some(last) = entries.last_mut() {
                last.1.push(' ');
                last.1.push_str(trimmed);
            }
            record_lines.insert(line_no);
        }
    }
    let mut c = Collector::default();
    let mut seen: BTreeSet<(&str, String)> = BTreeSet::new();
    let mut citations = Vec::new();
    let mut authors: Vec<(String, u32)> = Vec::new();
    let codes = layout.structure("language_column");
    for (name, raw_value, line) in &entries {
        let value = strip_language_column(name, raw_value.trim(), &page_lines, codes).trim();
        // Repeated fields (subjects, MeSH headings) are listed more than once.
        if !seen.insert((name, value.to_string())) {
            continue;
        }
        match *name {
            "dc.identifier.citation" | "dcterms.bibliographicCitation" => citations.push((value, *line)),
            "dc.contributor.author" | "dc.creator" => authors.push((value.to_string(), *line)),
            _ => map_field(&mut c, &mut record, name, value, *line),
        }
    }
    c.authors(authors, false, Origin::Structured, "");
    let has_abstract = !record.passages.is_empty();
    let page = crate::page::blanked(text, |n| record_lines.contains(&n));
    read_page(&page, layout, layouts, &mut c, &mut record, !has_abstract);
    // The citation is read last: it is parsed relative to the title.
    let title = c.best(Field::Title).map(str::to_string);
    for (citation, line) in citations {
        if let Some(abbrev) = citation_journal(citation, title.as_deref()) {
            c.push(Field::JournalAbbrev, &abbrev, line, Origin::Structured, "citation");
        }
        if let Some(cit) = parse_citation(citation) {
            push_citation(
                &mut c,
                &Citation { title: None, authors: Vec::new(), ..cit },
                line,
                Origin::Citation,
                &layouts.names,
            );
        }
    }
    c.finish(&mut record);
    // Subjects repeat across schemes (`dc.subject` and `dc.subject.mesh`).
    let mut keywords = BTreeSet::new();
    record.fields.retain(|f| f.field != Field::Keyword || keywords.insert(f.value.clone()));
    if record.first(Field::Title).is_none() {
        record.warnings.push("no dc.title field and no page heading: the record has no title".to_string());
    } else if entries.iter().all(|(n, ..)| *n != "dc.title") && !entries.is_empty() {
        record.warnings.push("no dc.title field; the page heading was used as the title".to_string());
    }
    record
}

fn field_name_guess(line: &str) -> &str {
    let end = line.find(|c: char| !(c.is_ascii_lowercase() || c == '.' || c == '_')).unwrap_or(line.len());
    &line[..end]
}

fn map_field(c: &mut Collector, record: &mut SourceRecord, name: &str, value: &str, line: u32) {
    let s = Origin::Structured;
    let field = match name {
        "dc.title" => Field::Title,
        "dc.date.issued" => Field::Date,
        "dc.identifier.issn" | "dc.identifier.eissn" => Field::Issn,
        "dc.identifier.doi" => {
            for found in find_dois(value) {
                c.push(Field::Doi, &found.doi, line, s, "");
            }
            return;
        }
        "dc.identifier.uri" | "dc.relation.uri" | "dc.identifier" | "dc.identifier.other" => {
            if value.to_ascii_lowercase().contains("doi") {
                for found in find_dois(value) {
                    c.push(Field::Doi, &found.doi, line, s, "");
                }
            }
            return;
        }
        "dc.identifier.pmid" => Field::Pmid,
        "dc.identifier.pmcid" => Field::Pmcid,
        "dc.language.iso" | "dc.language" | "dc.language.rfc3066" => Field::Language,
        "dc.publisher" => Field::Publisher,
        "dc.rights" | "dc.rights.uri" | "dc.rights.license" => Field::License,
        "dc.description.sponsorship" => Field::Funding,
        "dc.subject" | "dc.subject.mesh" | "dc.subject.keywords" | "dc.subject.other" => Field::Keyword,
        "dc.symplectic.journal"
        | "dc.citation.journaltitle"
        | "dc.relation.ispartof"
        | "dc.relation.ispartofjournal"
        | "dc.title.journal"
        | "dc.source.journal"
        | "dc.identifier.journal"
        | "oaire.citation.title" => Field::Journal,
        "dc.symplectic.volume"
        | "dc.citation.volume"
        | "dc.identifier.volume"
        | "dc.source.volume"
        | "oaire.citation.volume" => Field::Volume,
        "dc.symplectic.issue"
        | "dc.citation.issue"
        | "dc.identifier.issue"
        | "dc.source.issue"
        | "oaire.citation.issue" => Field::Issue,
        "dc.symplectic.pagination" => {
            c.push(Field::Pages, value.trim_end_matches(['-', '–']), line, s, "");
            return;
        }
        "dc.citation.spage"
        | "dc.identifier.startpage"
        | "dc.source.beginpage"
        | "oaire.citation.startPage"
        | "dc.identifier.articlenumber" => Field::Pages,
        "dc.symplectic.subtype" | "dc.type" => Field::PublicationType,
        "dc.description.abstract" => {
            record.passages.extend(split_abstract(value, line));
            return;
        }
        _ => return,
    };
    c.push(field, value, line, s, "");
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
