//! Europe PMC's REST search responses, as a review team saves them from
//! `webservices/rest/search`: JSON (`resultType=core` or `lite`,
//! `resultList.result[]`) or Dublin Core XML (`format=dc`,
//! `<responseWrapper>` … `<rdf:Description>`). One document per result.
//!
//! The JSON gives the journal, abbreviation and issue date in
//! `journalInfo` (`lite` flattens them to `journalTitle`, `pubYear`); the
//! Dublin Core gives them only in the OpenURL string of its second
//! `dcterms:bibliographicCitation` (`&rft.jtitle=…&rft.volume=…`), and the
//! DOI and PMID as `dc:identifier` links. Abstracts carry `<h4>` labels.

use evtab_model::{Field, SourceFormat, SourceRecord};
use serde_json::Value;

use crate::abstract_sections::split_abstract;
use crate::doi::find_dois;
use crate::xml_records::{self, XmlRecord};

/// The namespaces a Dublin Core record's elements use, declared on the
/// response's root; a record cut from it is parsed inside this wrapper.
const DC_WRAPPER_OPEN: &str = r#"<wrapper xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">"#;
const DC_WRAPPER_CLOSE: &str = "</wrapper>";

/// Whether a text is a Europe PMC search response, in either encoding.
pub(crate) fn is_europe_pmc(text: &str) -> bool {
    let head = text.get(..text.len().min(4096)).unwrap_or(text).trim_start();
    let json = head.starts_with('{') && head.contains("\"resultList\"") && head.contains("\"hitCount\"");
    let dc = head.contains("<responseWrapper") && text.contains("<rdf:Description");
    json || dc
}

/// One result of a response: a JSON object or a Dublin Core record, with
/// the line it starts on and its size.
pub(crate) enum EuropePmcResult<'a> {
    /// A `resultList.result[]` object.
    Json(Value, u32, usize),
    /// An `<rdf:Description>` record.
    DublinCore(XmlRecord<'a>),
}

impl EuropePmcResult<'_> {
    /// The line of the file the result starts on, and its size in bytes.
    pub(crate) fn span(&self) -> (usize, u32) {
        match self {
            EuropePmcResult::Json(_, line, bytes) => (*bytes, *line),
            EuropePmcResult::DublinCore(r) => (r.text.len(), r.first_line),
        }
    }
}

/// The results of a response, in file order, or why none can be read.
pub(crate) fn results_of(text: &str) -> Result<Vec<EuropePmcResult<'_>>, String> {
    if text.trim_start().starts_with('{') {
        let json: Value =
            serde_json::from_str(text.trim()).map_err(|e| format!("the JSON cannot be read ({e})"))?;
        let results = json
            .get("resultList")
            .and_then(|l| l.get("result"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let spans = result_spans(text);
        return Ok(results
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let (line, bytes) = spans.get(i).copied().unwrap_or((1, 0));
                EuropePmcResult::Json(r, line, bytes)
            })
            .collect());
    }
    Ok(xml_records::records_of(text, "rdf:Description")
        .into_iter()
        .map(EuropePmcResult::DublinCore)
        .collect())
}

/// Reads one result into a source record.
pub(crate) fn read_result(doc_id: &str, result: &EuropePmcResult<'_>) -> Result<SourceRecord, String> {
    match result {
        EuropePmcResult::Json(item, line, _) => Ok(read_json(doc_id, item, *line)),
        EuropePmcResult::DublinCore(r) => read_dublin_core(doc_id, r),
    }
}

fn string(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The line each object of the `"result"` array starts on, and its size.
fn result_spans(text: &str) -> Vec<(u32, usize)> {
    let Some(key) = text.find("\"result\"") else { return Vec::new() };
    let Some(open) = text[key..].find('[').map(|i| key + i) else { return Vec::new() };
    let line = 1 + u32::try_from(text[..open].matches('\n').count()).unwrap_or(u32::MAX);
    crate::json_spans::object_spans(&text[open..], 1, line)
        .iter()
        .map(|s| (s.line, s.end - s.start))
        .collect()
}

/// An abstract's `<h4>Label</h4>` headings as `Label:` run-in labels,
/// which the structured-abstract splitter reads.
fn labelled_abstract(text: &str) -> String {
    text.replace("<h4>", " ").replace("</h4>", ": ")
}

fn read_json(doc_id: &str, item: &Value, line: u32) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::EuropePmc);
    let journal_info = item.get("journalInfo");
    let journal = journal_info.and_then(|j| j.get("journal"));
    if let Some(title) = string(item.get("title")) {
        record.push(Field::Title, &title, line);
    }
    let authors: Vec<&Value> = item
        .get("authorList")
        .and_then(|l| l.get("author"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    for author in &authors {
        let name = match (string(author.get("lastName")), string(author.get("firstName"))) {
            (Some(last), Some(first)) => format!("{last}, {first}"),
            (Some(last), None) => last,
            (None, _) => string(author.get("collectiveName"))
                .or_else(|| string(author.get("fullName")))
                .unwrap_or_default(),
        };
        record.push(Field::Author, &name, line);
    }
    if authors.is_empty()
        && let Some(list) = string(item.get("authorString"))
    {
        for name in list.trim_end_matches('.').split(", ") {
            record.push(Field::Author, name, line);
        }
    }
    let journal_title =
        journal.and_then(|j| string(j.get("title"))).or_else(|| string(item.get("journalTitle")));
    if let Some(title) = journal_title {
        // `lite` results give only the abbreviation as `journalTitle`.
        let field = if journal.is_some() { Field::Journal } else { Field::JournalAbbrev };
        record.push(field, &title, line);
    }
    if let Some(abbrev) = journal
        .and_then(|j| string(j.get("isoabbreviation")).or_else(|| string(j.get("medlineAbbreviation"))))
    {
        record.push(Field::JournalAbbrev, &abbrev, line);
    }
    // The issue's date, as a citation gives it; the first online date only
    // when there is none.
    let issue_date = journal_info.and_then(|j| {
        let year = string(j.get("yearOfPublication"))?;
        Some(match string(j.get("monthOfPublication")).filter(|m| m != "0") {
            Some(month) => format!("{year}-{month:0>2}"),
            None => year,
        })
    });
    if let Some(date) = issue_date.or_else(|| string(item.get("pubYear"))) {
        record.push(Field::Date, &date, line);
    }
    let volume =
        journal_info.and_then(|j| string(j.get("volume"))).or_else(|| string(item.get("journalVolume")));
    let issue = journal_info.and_then(|j| string(j.get("issue"))).or_else(|| string(item.get("issue")));
    for (field, value) in [(Field::Volume, volume), (Field::Issue, issue)] {
        if let Some(value) = value {
            record.push(field, &value, line);
        }
    }
    for (key, field) in [
        ("pageInfo", Field::Pages),
        ("pmid", Field::Pmid),
        ("pmcid", Field::Pmcid),
        ("language", Field::Language),
    ] {
        if let Some(value) = string(item.get(key)) {
            record.push(field, &value, line);
        }
    }
    if let Some(doi) = string(item.get("doi")).and_then(|d| find_dois(&d).into_iter().next()) {
        record.push(Field::Doi, &doi.doi, line);
    }
    for key in ["issn", "essn"] {
        if let Some(issn) = journal.and_then(|j| string(j.get(key))) {
            record.push(Field::Issn, &issn, line);
        }
    }
    for keyword in item
        .get("keywordList")
        .and_then(|l| l.get("keyword"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        record.push(Field::Keyword, keyword, line);
    }
    if let Some(text) = string(item.get("abstractText")) {
        record.passages.extend(split_abstract(&labelled_abstract(&text), line));
    }
    record
}

/// The key-value pairs of an OpenURL string (`&rft.jtitle=Health%20care`).
fn open_url_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| {
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned()
            };
            (decode(k), decode(v))
        })
        .collect()
}

fn read_dublin_core(doc_id: &str, r: &XmlRecord<'_>) -> Result<SourceRecord, String> {
    let prepared = xml_records::prepared(r);
    let wrapped = format!("{DC_WRAPPER_OPEN}{prepared}{DC_WRAPPER_CLOSE}");
    let doc = xml_records::parse(&wrapped)?;
    let mut record = SourceRecord::new(doc_id, SourceFormat::EuropePmc);
    let Some(root) = doc.root_element().children().find(roxmltree::Node::is_element) else {
        return Ok(record);
    };
    let line = |n: roxmltree::Node<'_, '_>| xml_records::line_of(&doc, n, r.first_line);
    let all =
        |name: &'static str| root.children().filter(move |n| n.is_element() && n.tag_name().name() == name);
    for (name, field) in [
        ("title", Field::Title),
        ("creator", Field::Author),
        ("date", Field::Date),
        ("language", Field::Language),
    ] {
        for n in all(name) {
            record.push(field, &xml_records::text_of(n), line(n));
        }
    }
    for n in all("subject") {
        record.push(Field::Keyword, &xml_records::text_of(n), line(n));
    }
    for n in all("identifier") {
        let id = xml_records::text_of(n);
        if let Some(doi) = find_dois(&id).into_iter().next() {
            record.push(Field::Doi, &doi.doi, line(n));
        } else if let Some(pmid) = id.strip_prefix("http://europepmc.org/abstract/MED/") {
            record.push(Field::Pmid, pmid, line(n));
        }
    }
    for n in all("bibliographicCitation") {
        let citation = xml_records::text_of(n);
        if !citation.contains("rft.") {
            continue;
        }
        for (key, value) in open_url_pairs(&citation) {
            let field = match key.as_str() {
                "rft.jtitle" => Field::Journal,
                "rft.stitle" => Field::JournalAbbrev,
                "rft.volume" => Field::Volume,
                "rft.issue" => Field::Issue,
                "rft.pages" => Field::Pages,
                _ => continue,
            };
            record.push(field, &value, line(n));
        }
    }
    if let Some(n) = all("abstract").next() {
        record.passages.extend(split_abstract(&labelled_abstract(&xml_records::text_of(n)), line(n)));
    }
    Ok(record)
}

#[cfg(test)]
mod tests;
