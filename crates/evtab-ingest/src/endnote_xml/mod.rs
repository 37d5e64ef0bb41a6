//! EndNote XML (File › Export › XML, every EndNote version since X): an
//! `<xml><records>` file of `<record>` elements, each value wrapped in
//! `<style>` runs. Reference managers (Zotero, JabRef, Mendeley) and the
//! deduplication benchmarks write it too. One document per record.
//!
//! The record number (`rec-number`) and any database accession are kept as
//! record ids, so a reviewer can find the record in the library again. An
//! Ovid note (`DB - Ovid MEDLINE(R)`, `UI - <id>`) gives the PubMed id when
//! the database is MEDLINE.

use evtab_model::{Field, SourceFormat, SourceRecord};
use roxmltree::Node;

use crate::abstract_sections::split_abstract;
use crate::doi::find_dois;
use crate::looks_like_issn;
use crate::xml_records::{self, XmlRecord, at, child, children, line_of, text_of};

#[cfg(test)]
mod tests;

/// Whether a text is an EndNote XML export: its `<records>` of `<record>`
/// elements with EndNote's own children.
pub(crate) fn is_endnote_xml(text: &str) -> bool {
    let head: String = text.chars().take(4_000).collect();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('<')
        && head.contains("<records>")
        && ["<rec-number>", "<ref-type", "<source-app", "<contributors>", "<titles>"]
            .iter()
            .filter(|s| head.contains(*s))
            .count()
            >= 2
}

/// The `<record>` elements of the file.
pub(crate) fn records_of(text: &str) -> Vec<XmlRecord<'_>> {
    xml_records::records_of(text, "record")
}

/// Reads one record, or says why it cannot be read.
pub(crate) fn read_record(doc_id: &str, r: &XmlRecord<'_>) -> Result<SourceRecord, String> {
    let text = xml_records::prepared(r);
    let doc = xml_records::parse(&text).map_err(|e| cut_off(r, e))?;
    let root = doc.root_element();
    let mut record = SourceRecord::new(doc_id, SourceFormat::EndnoteXml);
    let line = |node: Node<'_, '_>| line_of(&doc, node, r.first_line);
    let push = |record: &mut SourceRecord, field: Field, node: Option<Node<'_, '_>>| {
        if let Some(node) = node {
            record.push(field, &text_of(node), line(node));
        }
    };
    push(&mut record, Field::Title, at(root, &["titles", "title"]));
    if let Some(authors) = at(root, &["contributors", "authors"]) {
        for author in children(authors, "author") {
            push(&mut record, Field::Author, Some(author));
        }
    }
    let periodical = child(root, "periodical").or_else(|| child(root, "alt-periodical"));
    let journal = periodical.and_then(|p| child(p, "full-title")).filter(|n| !text_of(*n).is_empty());
    let is_article = child(root, "ref-type")
        .and_then(|t| t.attribute("name"))
        .is_none_or(|name| name.to_lowercase().contains("journal"));
    // EndNote files a journal article's journal as its secondary title too.
    let secondary = at(root, &["titles", "secondary-title"]).filter(|_| is_article);
    push(&mut record, Field::Journal, journal.or(secondary));
    for abbr in ["abbr-1", "abbr-2"] {
        push(&mut record, Field::JournalAbbrev, periodical.and_then(|p| child(p, abbr)));
    }
    push(&mut record, Field::Date, at(root, &["dates", "year"]));
    for (name, field) in [
        ("volume", Field::Volume),
        ("number", Field::Issue),
        ("pages", Field::Pages),
        ("publisher", Field::Publisher),
        ("language", Field::Language),
    ] {
        push(&mut record, field, child(root, name));
    }
    if let Some(t) = child(root, "ref-type").and_then(|t| t.attribute("name")) {
        record.push(Field::PublicationType, t, line(root));
    }
    if let Some(isbn) = child(root, "isbn") {
        for issn in text_of(isbn).split([' ', ';', ',', '\r', '\n']).filter(|v| looks_like_issn(v)) {
            record.push(Field::Issn, issn, line(isbn));
        }
    }
    push(&mut record, Field::RecordId, child(root, "rec-number"));
    push(&mut record, Field::RecordId, child(root, "accession-num"));
    let doi_sources = [
        child(root, "electronic-resource-num"),
        at(root, &["urls", "related-urls"]),
        at(root, &["urls", "web-urls"]),
    ];
    if let Some((doi, at_line)) = doi_sources
        .into_iter()
        .flatten()
        .find_map(|n| find_dois(&text_of(n)).into_iter().next().map(|d| (d, line(n))))
    {
        record.push(Field::Doi, &doi.doi, at_line);
    }
    if let Some(keywords) = child(root, "keywords") {
        for keyword in children(keywords, "keyword") {
            push(&mut record, Field::Keyword, Some(keyword));
        }
    }
    for notes in ["research-notes", "notes"].into_iter().filter_map(|n| child(root, n)) {
        if let Some(pmid) = ovid_medline_id(&text_of_lines(notes)) {
            record.push_by(Field::Pmid, &pmid, line(notes), "ovid_note");
        }
    }
    if let Some(abs) = child(root, "abstract") {
        record.passages.extend(split_abstract(&text_of(abs), line(abs)));
    }
    Ok(record)
}

/// A record the file ends inside says so, beside the parser's reason.
fn cut_off(r: &XmlRecord<'_>, reason: String) -> String {
    if r.closed { reason } else { format!("the record is cut off at the end of the file ({reason})") }
}

/// A note's text with its line breaks (`&#xD;`) kept, as Ovid writes one
/// tag per line.
fn text_of_lines(node: Node<'_, '_>) -> String {
    node.descendants().filter(Node::is_text).filter_map(|d| d.text()).collect()
}

/// The PubMed id in an Ovid note (`DB - Ovid MEDLINE(R)` then `UI - 12345678`);
/// another database's `UI` is its own accession, not a PubMed id.
fn ovid_medline_id(note: &str) -> Option<String> {
    let mut database = None;
    let mut ui = None;
    for line in note.split(['\r', '\n']) {
        let Some((tag, value)) = line.split_once(" - ") else { continue };
        match tag.trim() {
            "DB" => database = Some(value.trim().to_lowercase()),
            "UI" => ui = Some(value.trim().to_string()),
            _ => {}
        }
    }
    let is_medline = database.is_some_and(|d| d.contains("medline") || d.contains("pubmed"));
    ui.filter(|id| is_medline && !id.is_empty() && id.len() <= 9 && id.bytes().all(|b| b.is_ascii_digit()))
}
