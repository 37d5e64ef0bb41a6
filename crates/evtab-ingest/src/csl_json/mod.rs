//! CSL-JSON (Zotero, citation.js, Crossref's API): one item, an array of
//! items (one document each), or a Crossref response (`{"message": …}`,
//! with `items` for a list). `title` and `container-title` may be strings
//! or arrays; dates are `date-parts`; abstracts may carry `<jats:p>` markup.

use evtab_model::{Field, SourceFormat, SourceRecord};
use serde_json::Value;

use crate::abstract_sections::split_abstract;
use crate::doi::find_dois;

/// Whether a text is CSL-JSON: a JSON object or array whose items have a
/// title and CSL's own keys.
pub(crate) fn is_csl_json(text: &str) -> bool {
    let t = text.trim_start();
    (t.starts_with('{') || t.starts_with('['))
        && (t.contains("\"container-title\"") || t.contains("\"date-parts\"") || t.contains("\"issued\""))
        && t.contains("\"title\"")
}

/// The items of a CSL-JSON text, or why it cannot be read.
pub(crate) fn items(text: &str) -> Result<Vec<Value>, String> {
    let json: Value =
        serde_json::from_str(text.trim()).map_err(|e| format!("the JSON cannot be read ({e})"))?;
    let json = json.get("message").cloned().unwrap_or(json);
    Ok(match json {
        Value::Array(items) => items,
        Value::Object(ref o) if o.get("items").is_some_and(Value::is_array) => {
            o.get("items").and_then(Value::as_array).cloned().unwrap_or_default()
        }
        other => vec![other],
    })
}

fn first_string(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(items) => items.iter().find_map(|v| first_string(Some(v))),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Strips tags (`<jats:p>`) from an abstract.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for ch in text.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a value is a shortDOI (`10/abc7de`), the alias doi.org's
/// shortDOI service gives a DOI.
fn is_short_doi(value: &str) -> bool {
    value.trim().strip_prefix("10/").is_some_and(|code| {
        (3..=12).contains(&code.len())
            && code.bytes().all(|b| b.is_ascii_alphanumeric())
            && code.bytes().any(|b| b.is_ascii_alphabetic())
    })
}

/// Reads one item. Lines are the item's position in the file (JSON keeps no
/// lines per value: every value of an item gets the line its item starts on).
pub(crate) fn read_item(doc_id: &str, item: &Value, line: u32) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::CslJson);
    if let Some(t) = first_string(item.get("title")) {
        record.push(Field::Title, &t, line);
    }
    for a in item.get("author").and_then(Value::as_array).into_iter().flatten() {
        let family = first_string(a.get("family"));
        let given = first_string(a.get("given"));
        let name = match (family, given) {
            (Some(f), Some(g)) => format!("{f}, {g}"),
            (Some(f), None) => f,
            (None, _) => first_string(a.get("literal")).unwrap_or_default(),
        };
        record.push(Field::Author, &name, line);
    }
    if let Some(j) = first_string(item.get("container-title")) {
        record.push(Field::Journal, &j, line);
    }
    if let Some(j) = first_string(item.get("container-title-short"))
        .or_else(|| first_string(item.get("journalAbbreviation")))
    {
        record.push(Field::JournalAbbrev, &j, line);
    }
    for key in ["issued", "published-print", "published-online", "published"] {
        let Some(date) = item.get(key) else { continue };
        if let Some(parts) = date.get("date-parts").and_then(|p| p.get(0)).and_then(Value::as_array) {
            let iso: Vec<String> = parts
                .iter()
                .filter_map(|p| p.as_i64().or_else(|| p.as_str().and_then(|s| s.parse().ok())))
                .enumerate()
                .map(|(i, n)| if i == 0 { format!("{n:04}") } else { format!("{n:02}") })
                .collect();
            if !iso.is_empty() {
                record.push(Field::Date, &iso.join("-"), line);
                break;
            }
        } else if let Some(raw) = first_string(date.get("raw")).or_else(|| first_string(date.get("literal")))
        {
            record.push(Field::Date, &raw, line);
            break;
        }
    }
    for (key, field) in [
        ("volume", Field::Volume),
        ("issue", Field::Issue),
        ("page", Field::Pages),
        ("publisher", Field::Publisher),
        ("language", Field::Language),
        ("PMID", Field::Pmid),
        ("PMCID", Field::Pmcid),
        ("type", Field::PublicationType),
    ] {
        if let Some(v) = first_string(item.get(key)) {
            record.push(field, &v, line);
        }
    }
    // Zotero's Better BibTeX may give a shortDOI (`10/abc7de`) and the
    // full DOI only in the item's `URL`; the full one is preferred.
    let printed_doi = first_string(item.get("DOI"));
    let full_doi = printed_doi
        .iter()
        .chain(first_string(item.get("URL")).iter())
        .find_map(|d| find_dois(d).into_iter().next().map(|f| f.doi));
    if let Some(doi) = full_doi.or_else(|| printed_doi.filter(|d| is_short_doi(d))) {
        record.push(Field::Doi, &doi, line);
    }
    for issn in item.get("ISSN").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        record.push(Field::Issn, issn, line);
    }
    if let Some(Value::String(issn)) = item.get("ISSN") {
        record.push(Field::Issn, issn, line);
    }
    if let Some(keywords) = first_string(item.get("keyword")) {
        for k in keywords.split([',', ';']) {
            record.push(Field::Keyword, k, line);
        }
    }
    if let Some(abs) = first_string(item.get("abstract")) {
        record.passages.extend(split_abstract(&strip_tags(&abs), line));
    }
    record
}

/// The line each top-level item starts on (1-based), for provenance.
pub(crate) fn item_lines(text: &str, count: usize) -> Vec<u32> {
    // Items of an array start where a `{` opens at depth 1 of the array.
    let array = text.trim_start().starts_with('[');
    let mut lines: Vec<u32> =
        crate::json_spans::object_spans(text, i32::from(array), 1).iter().map(|s| s.line).collect();
    lines.resize(count.max(lines.len()), 1);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_array_of_items_with_date_parts_and_markup() {
        let text = r#"[
  {"type": "article-journal", "title": "Peer work in an invented clinic",
   "author": [{"family": "Okafor", "given": "Ada"}, {"literal": "The Invented Group"}],
   "container-title": "Harm Reduction Journal", "issued": {"date-parts": [[2020, 3, 14]]},
   "DOI": "https://doi.org/10.9999/X.1", "abstract": "<jats:p>Background: Why. Methods: How.</jats:p>"},
  {"title": ["Second"], "container-title": ["A Journal"], "issued": {"date-parts": [["2021"]]}}
]"#;
        assert!(is_csl_json(text));
        let list = items(text).expect("items");
        assert_eq!(list.len(), 2);
        let lines = item_lines(text, list.len());
        assert_eq!(lines, [2, 6]);
        let r = read_item("c#1", &list[0], lines[0]);
        let values = |f: Field| r.all(f).map(|v| v.value.as_str()).collect::<Vec<_>>();
        assert_eq!(values(Field::Author), ["Okafor, Ada", "The Invented Group"]);
        assert_eq!(values(Field::Date), ["2020-03-14"]);
        assert_eq!(values(Field::Doi), ["10.9999/X.1"]);
        assert_eq!(r.passages.len(), 2);
        let second = read_item("c#2", &list[1], lines[1]);
        assert_eq!(second.first(Field::Title).map(|f| f.value.as_str()), Some("Second"));
        assert!(items(r#"[{"title": "cut"#).is_err(), "truncated JSON is an error, not a panic");
    }

    #[test]
    fn a_short_doi_gives_way_to_the_full_doi_in_the_url() {
        let text = r#"[
  {"title": "One", "DOI": "10/abc7de", "URL": "https://doi.org/10.9999/ONE.1"},
  {"title": "Two", "DOI": "10/xyz9kq", "URL": "https://www.example.org/content/two"},
  {"title": "Three", "DOI": "10/2020"}
]"#;
        let list = items(text).expect("items");
        let dois: Vec<Vec<String>> = list
            .iter()
            .map(|item| read_item("c", item, 1).all(Field::Doi).map(|f| f.value.clone()).collect())
            .collect();
        assert_eq!(dois, [vec!["10.9999/ONE.1".to_string()], vec!["10/xyz9kq".to_string()], vec![]]);
    }
}
