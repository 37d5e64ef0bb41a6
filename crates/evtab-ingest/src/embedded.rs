//! Machine records printed inside a page: Highwire `citation_*` meta lines
//! (`citation_title: …`, or the `<meta name="citation_title" content="…">`
//! tags themselves), and JSON-LD objects of schema.org type
//! `ScholarlyArticle`/`Article`. Each is a source of fields with its own
//! origin ([`Origin::Embedded`]) and line.

use std::sync::LazyLock;

use evtab_model::Field;
use regex::Regex;
use serde_json::Value;

use crate::collect::{Collector, Origin};
use crate::layout::Layouts;
use crate::lines::numbered;

static META_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta\s+(?:name|property)\s*=\s*"(citation_[a-z_]+|dc\.[a-z.]+|prism\.[a-z]+)"\s+content\s*=\s*"([^"]*)""#)
        .expect("constant regex")
});
static META_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(citation_[a-z_]+)\s*[:=]\s*(.+)$").expect("constant regex"));

fn meta_field(name: &str) -> Option<Field> {
    Some(match name.to_ascii_lowercase().as_str() {
        "citation_title" | "dc.title" => Field::Title,
        "citation_author" | "dc.creator" => Field::Author,
        "citation_journal_title" | "prism.publicationname" => Field::Journal,
        "citation_journal_abbrev" => Field::JournalAbbrev,
        "citation_publication_date"
        | "citation_date"
        | "citation_online_date"
        | "dc.date"
        | "prism.publicationdate" => Field::Date,
        "citation_volume" | "prism.volume" => Field::Volume,
        "citation_issue" | "prism.number" => Field::Issue,
        "citation_firstpage" | "prism.startingpage" => Field::Pages,
        "citation_doi" | "prism.doi" => Field::Doi,
        "citation_pmid" => Field::Pmid,
        "citation_issn" | "prism.issn" => Field::Issn,
        "citation_publisher" | "dc.publisher" => Field::Publisher,
        "citation_language" | "dc.language" => Field::Language,
        "citation_keywords" => Field::Keyword,
        _ => return None,
    })
}

/// Reads every embedded record of the page into the collector.
pub(crate) fn read_embedded(text: &str, _layouts: &Layouts, c: &mut Collector) {
    let mut authors: Vec<(String, u32)> = Vec::new();
    for (n, line) in numbered(text) {
        let trimmed = line.trim();
        let mut pairs: Vec<(String, String)> =
            META_TAG.captures_iter(trimmed).map(|caps| (caps[1].to_string(), caps[2].to_string())).collect();
        if pairs.is_empty()
            && let Some(caps) = META_LINE.captures(trimmed)
        {
            pairs.push((caps[1].to_string(), caps[2].to_string()));
        }
        for (name, value) in pairs {
            match meta_field(&name) {
                Some(Field::Author) => authors.push((value.trim().to_string(), n)),
                Some(field) => c.push(field, &value, n, Origin::Embedded, "meta"),
                None => {}
            }
        }
        if trimmed.starts_with('{') && trimmed.contains("\"@context\"") {
            read_json_ld(trimmed, n, c);
        }
    }
    c.authors(authors, false, Origin::Embedded, "meta");
}

/// A schema.org article as JSON-LD.
fn read_json_ld(text: &str, line: u32, c: &mut Collector) {
    let Ok(json) = serde_json::from_str::<Value>(text) else { return };
    let kind = json.get("@type").and_then(Value::as_str).unwrap_or("");
    if !matches!(kind, "ScholarlyArticle" | "Article" | "MedicalScholarlyArticle") {
        return;
    }
    let e = Origin::Embedded;
    let string = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    if let Some(t) = string(json.get("headline")).or_else(|| string(json.get("name"))) {
        c.push(Field::Title, &t, line, e, "json_ld");
    }
    if let Some(d) = string(json.get("datePublished")) {
        c.push(Field::Date, &d, line, e, "json_ld");
    }
    let authors: Vec<(String, u32)> = match json.get("author") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|a| string(a.get("name")).or_else(|| string(Some(a))))
            .map(|n| (n, line))
            .collect(),
        Some(one) => string(one.get("name")).into_iter().map(|n| (n, line)).collect(),
        None => Vec::new(),
    };
    c.authors(authors, false, e, "json_ld");
    if let Some(j) = json.get("isPartOf").and_then(|p| string(p.get("name"))) {
        c.push(Field::Journal, &j, line, e, "json_ld");
    }
    for id in [json.get("identifier"), json.get("sameAs"), json.get("@id")].into_iter().flatten() {
        let text = id.to_string();
        if let Some(doi) = crate::doi::first_doi(&text) {
            c.push(Field::Doi, &doi, line, e, "json_ld");
        }
    }
}
