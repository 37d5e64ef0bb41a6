//! VuFind library-catalogue record pages.
//!
//! Two readings: the record's Solr fields where the page shows its staff
//! view (`title_full …` one field per line with its values on the lines
//! below, or a table `author | … |` whose multi-valued cells are run
//! together), trusted most; and the display part, read by its localised
//! labels (`pipelines/formats/vufind.toml`), for pages without a staff
//! view. PMID, PMCID and DOI come from links; the journal abbreviation and
//! the exact date from the `spelling` line, which glues the record's fields
//! together in a fixed order.

use std::sync::LazyLock;

use evtab_model::{Field, SourceFormat, SourceRecord};
use regex::Regex;

use crate::abstract_sections::split_abstract;
use crate::collect::{Collector, Origin};
use crate::doi::find_dois;
use crate::layout::Layouts;
use crate::lines::numbered;
use crate::names::split_names;
use crate::page::{read_ids, read_page};

#[cfg(test)]
mod tests;

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4}-\d{2}-\d{2})\b").expect("constant regex"));

/// One Solr field with its values and their lines.
struct SolrField<'a> {
    name: &'a str,
    values: Vec<(&'a str, u32)>,
    /// Printed as a table row, multi-valued cells run together.
    table: bool,
}

fn solr_fields<'a>(text: &'a str, names: &[String]) -> Vec<SolrField<'a>> {
    let is_field = |w: &str| names.iter().any(|n| n == w);
    let mut fields: Vec<SolrField<'a>> = Vec::new();
    for (line_no, line) in numbered(text) {
        let trimmed = line.trim_end();
        let (head, rest, table) = match trimmed.split_once(" | ") {
            Some((h, r)) if is_field(h.trim()) => (h.trim(), r.trim().trim_end_matches('|').trim(), true),
            _ => {
                let (h, r) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
                (h, r.trim(), false)
            }
        };
        if is_field(head) && !(head == "title" && fields.is_empty() && rest.is_empty()) {
            let mut values = Vec::new();
            if !rest.is_empty() {
                values.push((rest, line_no));
            }
            fields.push(SolrField { name: head, values, table });
        } else if let Some(last) = fields.last_mut()
            && !last.table
            && !line.trim().is_empty()
        {
            last.values.push((line.trim(), line_no));
        }
    }
    // Only the Solr dump counts: it starts at the first field that has a value.
    let start = fields.iter().position(|f| !f.values.is_empty()).unwrap_or(fields.len());
    fields.split_off(start)
}

/// `Okafor, Ada B. Lindqvist, Bo Dwyer, Niamh`: `Family, Given` names run
/// together in one table cell. The family name of each next author is the
/// last word before its comma (with the particles before it).
fn split_run_together(cell: &str, layouts: &Layouts) -> Vec<String> {
    let chunks: Vec<&str> = cell.split(", ").map(str::trim).collect();
    if chunks.len() < 2 {
        return vec![cell.to_string()];
    }
    let mut names = Vec::new();
    let mut family = chunks[0].to_string();
    for (i, chunk) in chunks.iter().enumerate().skip(1) {
        if i == chunks.len() - 1 {
            names.push(format!("{family}, {chunk}"));
            break;
        }
        let words: Vec<&str> = chunk.split_whitespace().collect();
        let mut cut = words.len().saturating_sub(1);
        while cut > 1 && layouts.names.particles.iter().any(|p| p.eq_ignore_ascii_case(words[cut - 1])) {
            cut -= 1;
        }
        if cut == 0 {
            names.push(format!("{family}, {chunk}"));
            family = String::new();
            continue;
        }
        names.push(format!("{family}, {}", words[..cut].join(" ")));
        family = words[cut..].join(" ");
    }
    names.into_iter().filter(|n| !n.starts_with(", ")).collect()
}

/// Parses a VuFind record page.
pub fn parse(doc_id: &str, text: &str, layouts: &Layouts) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Vufind);
    let Some(layout) = layouts.family(SourceFormat::Vufind) else {
        record.warnings.push("no layout for vufind in pipelines/formats".to_string());
        return record;
    };
    let mut c = Collector::default();
    let fields = solr_fields(text, layout.structure("fields"));
    let has_description = read_solr(&fields, layouts, &mut c, &mut record);
    // The staff view runs to the end of the page: the page reading stops before it.
    let dump_start = fields.first().and_then(|f| f.values.first()).map_or(u32::MAX, |(_, l)| *l);
    let page = crate::page::blanked(text, |n| n >= dump_start);
    read_page(&page, layout, layouts, &mut c, &mut record, !has_description);
    c.finish(&mut record);
    if record.first(Field::Title).is_none() {
        record.warnings.push("no title found (no title field, label or heading)".to_string());
    }
    record
}

/// Reads the Solr fields; returns whether they held the description.
fn read_solr(
    fields: &[SolrField<'_>],
    layouts: &Layouts,
    c: &mut Collector,
    record: &mut SourceRecord,
) -> bool {
    let get = |name: &str| fields.iter().find(|f| f.name == name);
    let first = |name: &str| get(name).and_then(|f| f.values.first().copied());
    let all = |name: &str| get(name).map_or(&[][..], |f| f.values.as_slice());
    let s = Origin::Structured;

    if let Some((title, line)) = first("title_full").or_else(|| first("title")) {
        c.push(Field::Title, title, line, s, "");
    }
    // Primary authors are in `author`, further authors in `author2`;
    // `author_facet` repeats both and is the fallback.
    let mut listed: Vec<(String, u32)> = Vec::new();
    for name in ["author", "author2"] {
        if let Some(f) = get(name) {
            for &(value, line) in &f.values {
                if f.table {
                    listed.extend(split_run_together(value, layouts).into_iter().map(|n| (n, line)));
                } else {
                    listed.push((value.to_string(), line));
                }
            }
        }
    }
    if listed.is_empty()
        && let Some(f) = get("author_facet")
    {
        for &(value, line) in &f.values {
            if f.table {
                listed.extend(split_run_together(value, layouts).into_iter().map(|n| (n, line)));
            } else {
                listed.extend(split_names(value, &layouts.names).names.into_iter().map(|n| (n, line)));
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    listed.retain(|(n, _)| seen.insert(n.clone()));
    c.authors(listed, false, s, "");
    if let Some((date, line)) = first("publishDate") {
        c.push(Field::Date, date, line, s, "");
    }
    for (name, field) in [
        ("publisher", Field::Publisher),
        ("language", Field::Language),
        ("issn", Field::Issn),
        ("container_title", Field::Journal),
        ("series", Field::Journal),
        ("container_volume", Field::Volume),
        ("container_issue", Field::Issue),
        ("container_start_page", Field::Pages),
    ] {
        if let Some((value, line)) = first(name) {
            c.push(field, value, line, s, "");
        }
    }
    for &(url, line) in all("url") {
        read_ids(c, url, line);
        for found in find_dois(url) {
            c.push(Field::Doi, &found.doi, line, s, "url");
        }
    }
    for name in ["doi_str_mv", "doi"] {
        for &(doi, line) in all(name) {
            c.push(Field::Doi, doi, line, s, "");
        }
    }
    for &(topic, line) in all("topic") {
        c.push(Field::Keyword, topic, line, s, "");
    }
    let description = first("description");
    // Every value: a record in two languages gives its abstract twice, one
    // line each (`Objetivo: …`, then `Objective: …`).
    for &(text, line) in all("description") {
        record.passages.extend(split_abstract(text, line));
    }
    if let Some((spelling, line)) = first("spelling") {
        read_spelling(c, fields, spelling, line, description.map(|d| d.0), first("topic").map(|t| t.0));
    }
    description.is_some()
}

/// Reads what only the `spelling` line has. VuFind builds it as
/// `<id><date> <title> <authors> <journal abbrev> <topic> <description>
/// <publisher> <date> <urls> <format> <language> <rights>`.
fn read_spelling(
    c: &mut Collector,
    fields: &[SolrField<'_>],
    spelling: &str,
    line: u32,
    description: Option<&str>,
    topic: Option<&str>,
) {
    let first =
        |name: &str| fields.iter().find(|f| f.name == name).and_then(|f| f.values.first().map(|v| v.0));
    let authors: Vec<&str> = ["author", "author2"]
        .iter()
        .filter_map(|n| fields.iter().find(|f| f.name == *n))
        .flat_map(|f| f.values.iter().map(|v| v.0))
        .collect();
    let title = first("title_full").or_else(|| first("title"));
    let s = Origin::Structured;
    // Journal abbreviation: between the last author and the topic + description.
    if let (Some(title), Some(last_author), Some(description)) = (title, authors.last(), description) {
        let after_title = spelling.find(title).map(|i| i + title.len());
        let after_authors = after_title
            .and_then(|start| spelling[start..].find(last_author).map(|i| start + i + last_author.len()));
        let description_head: String = description.chars().take(40).collect();
        if let Some(start) = after_authors
            && let Some(end) = spelling[start..].find(&description_head).map(|i| start + i)
        {
            let mut middle = spelling[start..end].trim();
            if let Some(topic) = topic {
                middle = middle.strip_suffix(topic).unwrap_or(middle).trim();
            }
            if !middle.is_empty() && middle.len() <= 120 {
                c.push(Field::JournalAbbrev, middle, line, s, "spelling");
            }
        }
    }
    // Exact publication date: right after the publisher, after the description.
    if let (Some(publisher), Some(description)) = (first("publisher"), description) {
        let tail_start = spelling.find(description).map_or(0, |i| i + description.len());
        let tail = &spelling[tail_start..];
        if let Some(i) = tail.find(publisher)
            && let Some(caps) = ISO_DATE.captures(tail[i + publisher.len()..].trim_start())
        {
            c.push(Field::Date, &caps[1], line, s, "spelling");
        }
        // The rights statement closes the line.
        if let Some(i) = tail.find("Creative Commons") {
            let start = tail[..i].rfind(". ").map_or(0, |k| k + 2);
            let end = tail[i..].find(". ").map_or(tail.len(), |k| i + k + 1);
            c.push(Field::License, &tail[start..end], line, s, "spelling");
        }
    }
}
