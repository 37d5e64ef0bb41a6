//! VuFind library-catalogue records (the Solr document view).
//!
//! Each Solr field starts a line with its name and a space; a multi-valued
//! field continues on the following lines until the next field name. Only
//! the Solr part is read: the localised display above it repeats the same
//! facts less reliably. Author lists appear several times (`author`,
//! `author_facet`, `spellingShingle`) and collapse to one; PMID, PMCID and
//! DOI come from the `url` values; the journal abbreviation and the exact
//! publication date are read from the `spelling` line, which glues the
//! record's fields together in a fixed order.

use std::sync::LazyLock;

use evtab_model::{Field, SourceFormat, SourceRecord};
use regex::Regex;

use crate::abstract_sections::split_abstract;
use crate::lines::numbered;

#[cfg(test)]
mod tests;

/// Solr field names of VuFind's default schema (names only, never values).
const SOLR_FIELDS: &[&str] = &[
    "_version_",
    "author",
    "author2",
    "author2_role",
    "author_additional",
    "author_facet",
    "author_role",
    "author_sort",
    "callnumber-first",
    "collection",
    "container_issue",
    "container_reference",
    "container_start_page",
    "container_title",
    "container_volume",
    "contents",
    "ctrlnum",
    "description",
    "doi_str_mv",
    "edition",
    "first_indexed",
    "format",
    "fullrecord",
    "genre",
    "geographic",
    "hierarchy_top_id",
    "id",
    "institution",
    "isbn",
    "issn",
    "language",
    "last_indexed",
    "oclc_num",
    "physical",
    "publishDate",
    "publishDateSort",
    "publisher",
    "record_format",
    "recordtype",
    "series",
    "spelling",
    "spellingShingle",
    "title",
    "title_alt",
    "title_auth",
    "title_full",
    "title_fullStr",
    "title_full_unstemmed",
    "title_short",
    "title_sort",
    "title_sub",
    "topic",
    "topic_facet",
    "url",
    "work_keys_str_mv",
];

/// Whether a word is a Solr field name of the VuFind schema.
pub(crate) fn is_solr_field(word: &str) -> bool {
    SOLR_FIELDS.contains(&word)
}

static PMCID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)/pmc/articles/(PMC\d+)").expect("constant regex"));
static PMID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)/pubmed/(\d+)").expect("constant regex"));
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4}-\d{2}-\d{2})\b").expect("constant regex"));

/// One Solr field with its values and their lines.
struct SolrField<'a> {
    name: &'a str,
    values: Vec<(&'a str, u32)>,
}

fn solr_fields(text: &str) -> Vec<SolrField<'_>> {
    let mut fields: Vec<SolrField<'_>> = Vec::new();
    for (line_no, line) in numbered(text) {
        let (head, rest) = line.split_once(' ').unwrap_or((line, ""));
        if is_solr_field(head) && !(head == "title" && fields.is_empty() && rest.is_empty()) {
            let mut values = Vec::new();
            if !rest.trim().is_empty() {
                values.push((rest.trim(), line_no));
            }
            fields.push(SolrField { name: head, values });
        } else if let Some(last) = fields.last_mut()
            && !line.trim().is_empty()
        {
            last.values.push((line.trim(), line_no));
        }
    }
    // Only the Solr dump counts: it starts at the first field that has a value.
    let start = fields.iter().position(|f| !f.values.is_empty()).unwrap_or(fields.len());
    fields.split_off(start)
}

/// Parses a VuFind record.
pub fn parse(doc_id: &str, text: &str) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Vufind);
    let fields = solr_fields(text);
    let get = |name: &str| fields.iter().find(|f| f.name == name);
    let first = |name: &str| get(name).and_then(|f| f.values.first().copied());

    if let Some((title, line)) = first("title_full").or_else(|| first("title")) {
        record.push(Field::Title, title, line);
    }
    // Primary authors are in `author`, further authors in `author2`;
    // `author_facet` repeats both and is the fallback.
    let mut listed: Vec<(&str, u32)> = ["author", "author2"]
        .iter()
        .filter_map(|name| get(name))
        .flat_map(|f| f.values.iter().copied())
        .collect();
    if listed.is_empty() {
        listed = get("author_facet").map(|f| f.values.clone()).unwrap_or_default();
    }
    let mut seen = std::collections::BTreeSet::new();
    for (name, line) in listed {
        if seen.insert(name) {
            record.push(Field::Author, name, line);
        }
    }
    if let Some((date, line)) = first("publishDate") {
        record.push(Field::Date, date, line);
    }
    for (name, field) in [
        ("publisher", Field::Publisher),
        ("language", Field::Language),
        ("issn", Field::Issn),
        ("container_title", Field::Journal),
        ("container_volume", Field::Volume),
        ("container_issue", Field::Issue),
        ("container_start_page", Field::Pages),
    ] {
        if let Some((value, line)) = first(name) {
            record.push(field, value, line);
        }
    }
    for &(url, line) in get("url").map_or(&[][..], |f| f.values.as_slice()) {
        if let Some(c) = PMCID.captures(url) {
            record.push(Field::Pmcid, &c[1], line);
        } else if let Some(c) = PMID.captures(url) {
            record.push(Field::Pmid, &c[1], line);
        } else if url.to_ascii_lowercase().contains("doi.org/10.") {
            record.push(Field::Doi, url, line);
        }
    }
    for &(doi, line) in get("doi_str_mv").map_or(&[][..], |f| f.values.as_slice()) {
        record.push(Field::Doi, doi, line);
    }
    for &(topic, line) in get("topic").map_or(&[][..], |f| f.values.as_slice()) {
        record.push(Field::Keyword, topic, line);
    }
    let description = first("description");
    if let Some((text, line)) = description {
        record.passages.extend(split_abstract(text, line));
    }
    if let Some((spelling, line)) = first("spelling") {
        read_spelling(&mut record, spelling, line, description.map(|d| d.0), first("topic").map(|t| t.0));
    }
    if record.first(Field::Title).is_none() {
        record.warnings.push("no title or title_full field".to_string());
    }
    record
}

/// Reads what only the `spelling` line has. VuFind builds it as
/// `<id><date> <title> <authors> <journal abbrev> <topic> <description>
/// <publisher> <date> <urls> <format> <language> <rights>`.
fn read_spelling(
    record: &mut SourceRecord,
    spelling: &str,
    line: u32,
    description: Option<&str>,
    topic: Option<&str>,
) {
    let authors: Vec<&str> = record.all(Field::Author).map(|f| f.value.as_str()).collect();
    let title = record.first(Field::Title).map(|f| f.value.clone());
    // Journal abbreviation: between the last author and the topic + description.
    if let (Some(title), Some(last_author), Some(description)) =
        (title.as_deref(), authors.last(), description)
    {
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
                record.push(Field::JournalAbbrev, middle, line);
            }
        }
    }
    // Exact publication date: right after the publisher, after the description.
    if let (Some(publisher), Some(description)) =
        (record.first(Field::Publisher).map(|f| f.value.clone()), description)
    {
        let tail_start = spelling.find(description).map_or(0, |i| i + description.len());
        let tail = &spelling[tail_start..];
        if let Some(i) = tail.find(&publisher)
            && let Some(c) = ISO_DATE.captures(tail[i + publisher.len()..].trim_start())
        {
            record.push(Field::Date, &c[1], line);
        }
        // The rights statement closes the line.
        if let Some(i) = tail.find("Creative Commons") {
            let start = tail[..i].rfind(". ").map_or(0, |k| k + 2);
            let end = tail[i..].find(". ").map_or(tail.len(), |k| i + k + 1);
            record.push(Field::License, &tail[start..end], line);
        }
    }
}
