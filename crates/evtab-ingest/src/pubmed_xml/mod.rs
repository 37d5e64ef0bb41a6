//! PubMed XML (Send to › File › XML, the E-utilities `efetch` answer, the
//! annual baseline files): a `PubmedArticleSet` of `PubmedArticle` (and
//! `PubmedBookArticle`) elements, one document each. The abstract keeps
//! its labelled parts (`<AbstractText Label="METHODS">`) as sections.

use evtab_model::{Field, Passage, Section, SourceFormat, SourceRecord};
use roxmltree::Node;

use crate::abstract_sections::{label_section, split_abstract};
use crate::doi::find_dois;
use crate::xml_records::{self, XmlRecord, at, child, children, line_of, text_of};

#[cfg(test)]
mod tests;

/// Whether a text is a PubMed XML export.
pub(crate) fn is_pubmed_xml(text: &str) -> bool {
    let head: String = text.chars().take(4_000).collect();
    head.trim_start_matches('\u{feff}').trim_start().starts_with('<')
        && (head.contains("<PubmedArticleSet") || head.contains("<PubmedArticle>"))
}

/// The articles of the file, in file order, books among them.
pub(crate) fn records_of(text: &str) -> Vec<XmlRecord<'_>> {
    let mut records = xml_records::records_of(text, "PubmedArticle");
    records.extend(xml_records::records_of(text, "PubmedBookArticle"));
    records.sort_by_key(|r| r.text.as_ptr() as usize);
    records
}

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// A `PubDate`, `ArticleDate` or `DateCompleted` as ISO text (`2019-03`),
/// or its `MedlineDate` as printed (`2019 Mar-Apr`).
fn date_of(date: Node<'_, '_>) -> Option<String> {
    if let Some(printed) = child(date, "MedlineDate") {
        return Some(text_of(printed));
    }
    let year = child(date, "Year").map(text_of)?;
    let month = child(date, "Month").map(text_of).and_then(|m| {
        let lower = m.to_lowercase();
        MONTHS
            .iter()
            .position(|name| lower.starts_with(name))
            .map(|i| i + 1)
            .or_else(|| m.parse().ok())
            .map(|n| format!("{n:02}"))
    });
    let day = child(date, "Day").map(text_of).and_then(|d| d.parse::<u32>().ok()).map(|d| format!("{d:02}"));
    Some(match (month, day) {
        (Some(m), Some(d)) => format!("{year}-{m}-{d}"),
        (Some(m), None) => format!("{year}-{m}"),
        _ => year,
    })
}

/// A title PubMed translated into English is printed in brackets
/// (`[Peer work in a city].`); the brackets are not part of it.
fn unbracketed(title: &str) -> String {
    match title.strip_prefix('[') {
        Some(rest) if rest.ends_with("].") => format!("{}.", &rest[..rest.len() - 2]),
        Some(rest) if rest.ends_with(']') => rest[..rest.len() - 1].to_string(),
        _ => title.to_string(),
    }
}

/// Reads one article, or says why it cannot be read.
pub(crate) fn read_record(doc_id: &str, r: &XmlRecord<'_>) -> Result<SourceRecord, String> {
    let text = xml_records::prepared(r);
    let doc = xml_records::parse(&text).map_err(|e| {
        if r.closed { e } else { format!("the article is cut off at the end of the file ({e})") }
    })?;
    let root = doc.root_element();
    let mut record = SourceRecord::new(doc_id, SourceFormat::PubmedXml);
    let line = |node: Node<'_, '_>| line_of(&doc, node, r.first_line);
    let citation = child(root, "MedlineCitation").or_else(|| child(root, "BookDocument"));
    let Some(citation) = citation else {
        return Err("no MedlineCitation or BookDocument element".to_string());
    };
    if let Some(pmid) = child(citation, "PMID") {
        record.push(Field::Pmid, &text_of(pmid), line(pmid));
    }
    let article = child(citation, "Article").unwrap_or(citation);
    let title = child(article, "ArticleTitle")
        .filter(|t| !text_of(*t).is_empty())
        .or_else(|| at(citation, &["Book", "BookTitle"]))
        .or_else(|| child(article, "VernacularTitle"));
    if let Some(t) = title {
        record.push(Field::Title, &unbracketed(&text_of(t)), line(t));
    }
    let author_list = child(article, "AuthorList").or_else(|| at(citation, &["Book", "AuthorList"]));
    for author in author_list.into_iter().flat_map(|l| children(l, "Author")) {
        let part = |name: &str| child(author, name).map(text_of).filter(|v| !v.is_empty());
        let name = match (part("LastName"), part("ForeName").or_else(|| part("Initials"))) {
            (Some(last), Some(first)) => format!("{last}, {first}"),
            (Some(last), None) => last,
            (None, _) => part("CollectiveName").unwrap_or_default(),
        };
        record.push(Field::Author, &name, line(author));
    }
    let journal = child(article, "Journal");
    if let Some(journal) = journal {
        if let Some(t) = child(journal, "Title") {
            record.push(Field::Journal, &text_of(t), line(t));
        }
        if let Some(t) = child(journal, "ISOAbbreviation") {
            record.push(Field::JournalAbbrev, &text_of(t), line(t));
        }
        for issn in children(journal, "ISSN") {
            record.push(Field::Issn, &text_of(issn), line(issn));
        }
        if let Some(issue) = child(journal, "JournalIssue") {
            for (name, field) in [("Volume", Field::Volume), ("Issue", Field::Issue)] {
                if let Some(n) = child(issue, name) {
                    record.push(field, &text_of(n), line(n));
                }
            }
            if let Some(date) = child(issue, "PubDate").and_then(|d| date_of(d).map(|v| (v, d))) {
                record.push(Field::Date, &date.0, line(date.1));
            }
        }
    }
    if let Some(date) = child(article, "ArticleDate").or_else(|| child(citation, "PubDate"))
        && let Some(value) = date_of(date)
    {
        record.push(Field::Date, &value, line(date));
    }
    if let Some(ta) = at(citation, &["MedlineJournalInfo", "MedlineTA"]) {
        record.push(Field::JournalAbbrev, &text_of(ta), line(ta));
    }
    if let Some(pages) = at(article, &["Pagination", "MedlinePgn"]) {
        record.push(Field::Pages, &text_of(pages), line(pages));
    } else if let Some(e) = children(article, "ELocationID").find(|e| e.attribute("EIdType") == Some("pii")) {
        record.push(Field::Pages, &text_of(e), line(e));
    }
    let ids =
        at(root, &["PubmedData", "ArticleIdList"]).or_else(|| at(root, &["PubmedBookData", "ArticleIdList"]));
    let dois = children(article, "ELocationID").filter(|e| e.attribute("EIdType") == Some("doi")).chain(
        ids.into_iter()
            .flat_map(|l| children(l, "ArticleId"))
            .filter(|e| e.attribute("IdType") == Some("doi")),
    );
    for node in dois {
        if let Some(doi) = find_dois(&text_of(node)).into_iter().next() {
            record.push(Field::Doi, &doi.doi, line(node));
        }
    }
    for node in ids
        .into_iter()
        .flat_map(|l| children(l, "ArticleId"))
        .filter(|e| e.attribute("IdType") == Some("pmc"))
    {
        record.push(Field::Pmcid, &text_of(node), line(node));
    }
    for node in children(article, "Language") {
        record.push(Field::Language, &text_of(node), line(node));
    }
    if let Some(types) = child(article, "PublicationTypeList") {
        for t in children(types, "PublicationType") {
            record.push(Field::PublicationType, &text_of(t), line(t));
        }
    }
    for list in children(citation, "KeywordList") {
        for k in children(list, "Keyword") {
            record.push(Field::Keyword, &text_of(k), line(k));
        }
    }
    if let Some(mesh) = child(citation, "MeshHeadingList") {
        for heading in children(mesh, "MeshHeading").filter_map(|h| child(h, "DescriptorName")) {
            record.push(Field::Keyword, &text_of(heading), line(heading));
        }
    }
    if let Some(abs) = child(article, "Abstract").or_else(|| child(citation, "Abstract")) {
        let parts: Vec<Node<'_, '_>> = children(abs, "AbstractText").collect();
        let labelled = parts.iter().any(|p| p.attribute("Label").is_some());
        if labelled {
            for part in parts {
                let label = part.attribute("Label").unwrap_or("");
                let body = text_of(part);
                if !body.is_empty() {
                    record.passages.push(Passage {
                        section: label_section(label).unwrap_or(Section::Abstract),
                        in_abstract: true,
                        heading: None,
                        text: body,
                        line: line(part),
                    });
                }
            }
        } else {
            let body: Vec<String> = parts.iter().map(|p| text_of(*p)).collect();
            record.passages.extend(split_abstract(&body.join(" "), line(abs)));
        }
    }
    Ok(record)
}
