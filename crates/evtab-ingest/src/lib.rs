//! Ingest: turns the bytes of one input document into a [`SourceRecord`].
//!
//! It decodes text (UTF-8 with or without BOM, UTF-16 with BOM), detects the
//! source format from the content (file names are opaque), and runs that
//! format's parser. Every field keeps the line it came from. This is the
//! staging layer: it renames and categorises what a document says, but never
//! normalises, merges or looks at other documents.
//!
//! Key decision: parsing never fails a whole run. [`ingest_document`] always
//! returns an [`IngestOutcome`]; a document that cannot be used carries an
//! [`IngestError`] that names the reason in words a reviewer understands.
#![deny(missing_docs)]

mod abstract_sections;
mod citation;
mod collect;
mod decode;
mod detect;
mod doi;
mod embedded;
mod json_spans;
mod labelled;
mod layout;
mod lines;
mod names;
mod page;
mod tagged;
mod xml_records;

pub mod aggregator_json;
pub mod bib_csv;
pub mod bibtex;
pub mod csl_json;
pub mod dspace;
pub mod endnote_xml;
pub mod europe_pmc;
pub mod fulltext;
pub mod generic;
pub mod jats;
pub mod medline;
pub mod pubmed_xml;
pub mod pure;
pub mod ris;
pub mod vufind;
pub mod wos;

pub use decode::{DecodeError, UTF8_DAMAGED, decode, decode_text};
pub use detect::detect_format;
use std::borrow::Cow;

use evtab_model::{SourceFormat, SourceRecord};
pub use layout::{LabelField, LayoutError, Layouts, NameWords};

/// Limits that protect a run from one unreasonable document.
#[derive(Debug, Clone, Copy)]
pub struct IngestLimits {
    /// Documents (pages, and each record of an export file) larger than
    /// this many bytes are rejected unread.
    pub max_document_bytes: u64,
    /// An export file of many records may be larger than a document, up to
    /// this many bytes (a 100 MB library export is normal).
    pub max_export_bytes: u64,
}

impl Default for IngestLimits {
    fn default() -> Self {
        // The largest real capture we know of is well under 1 MB; 20 MB leaves
        // room for long full texts while keeping memory per document bounded.
        IngestLimits { max_document_bytes: 20 * 1024 * 1024, max_export_bytes: 4 * 1024 * 1024 * 1024 }
    }
}

impl IngestLimits {
    /// The most bytes to read of a file whose first bytes are `head`: an
    /// export file of many records (told from its head) may be as large as
    /// [`IngestLimits::max_export_bytes`], anything else as a document.
    pub fn max_file_bytes(&self, head: &[u8], layouts: &Layouts) -> u64 {
        if is_export_head(head, layouts) { self.max_export_bytes } else { self.max_document_bytes }
    }
}

/// How many bytes of a large file are read to tell whether it is an export.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Whether a file's first bytes are those of an export file of many
/// records (RIS, MEDLINE, CSV, EndNote XML …).
fn is_export_head(head: &[u8], layouts: &Layouts) -> bool {
    let head = &head[..head.len().min(HEAD_BYTES)];
    // The head may end inside a character; decode what is whole.
    let text = match std::str::from_utf8(head) {
        Ok(text) => Cow::Borrowed(text),
        Err(e) if e.error_len().is_none() => {
            Cow::Borrowed(std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""))
        }
        Err(_) => match decode(head) {
            Ok((text, _)) => Cow::Owned(text),
            Err(_) => return false,
        },
    };
    let text = text.replace("\r\n", "\n");
    detect_format(&text, layouts).is_some_and(SourceFormat::holds_records)
}

/// Why a document could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    /// The bytes are not text we can decode.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The document is larger than the configured limit.
    #[error(
        "document is {size} bytes{}, over the limit of {limit} bytes{}; raise max_document_bytes to read it",
        mebibytes(*size),
        mebibytes(*limit)
    )]
    TooLarge {
        /// Size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The text matches none of the known source formats.
    #[error("format not recognised: the text matches none of the formats `evtab formats` lists")]
    UnknownFormat,
    /// The format was recognised but the document holds nothing usable.
    #[error("{format} document holds no usable metadata: {reason}")]
    Empty {
        /// The detected format's name.
        format: &'static str,
        /// What was missing.
        reason: String,
    },
}

/// ` (20.0 MiB)` for sizes of a mebibyte or more, so a person need not count digits.
fn mebibytes(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes < MIB { String::new() } else { format!(" ({}.{} MiB)", bytes / MIB, (bytes % MIB) * 10 / MIB) }
}

/// What became of one input file.
#[derive(Debug, Clone)]
pub struct IngestOutcome {
    /// The input file name.
    pub doc_id: String,
    /// The detected format, when one was recognised.
    pub format: Option<SourceFormat>,
    /// The encoding the file was read in, when it was not UTF-8 (`windows-1252`).
    pub encoding: Option<&'static str>,
    /// Every document the file holds — one for a page, one per record of
    /// an export file (`<file>#<n>`, or the file name when it holds one) —
    /// or why it holds none.
    pub result: Result<Vec<Document>, IngestError>,
}

/// One document of a file: its id and its record, or why it has none.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document id (`<file>#<n>` for the n-th record of an export file).
    pub doc_id: String,
    /// The parsed record, or why there is none.
    pub result: Result<SourceRecord, IngestError>,
}

impl IngestOutcome {
    /// The record of a file that holds one document (a page), or why there is none.
    pub fn single(self) -> Result<SourceRecord, IngestError> {
        let mut documents = self.result?;
        match documents.len() {
            1 => documents.remove(0).result,
            _ => Err(IngestError::Empty {
                format: self.format.map_or("unknown", |f| f.name()),
                reason: format!("the file holds {} documents", documents.len()),
            }),
        }
    }
}

/// Decodes, detects and parses one document with the platform layouts.
/// Never panics, whatever the bytes.
pub fn ingest_document(doc_id: &str, bytes: &[u8], limits: IngestLimits, layouts: &Layouts) -> IngestOutcome {
    let reject = |format, error| IngestOutcome {
        doc_id: doc_id.to_string(),
        format,
        encoding: None,
        result: Err(error),
    };
    let size = bytes.len() as u64;
    let limit = if size > limits.max_document_bytes { limits.max_file_bytes(bytes, layouts) } else { size };
    if size > limit {
        return reject(None, IngestError::TooLarge { size, limit });
    }
    let (text, encoding) = match decode(bytes) {
        Ok(decoded) => decoded,
        Err(error) => return reject(None, error.into()),
    };
    let Some(format) = detect_format(&text, layouts) else {
        return reject(None, IngestError::UnknownFormat);
    };
    if format.holds_records() {
        let documents = match parse_records(format, doc_id, &text, limits) {
            Ok(documents) => documents,
            Err(reason) => return reject(Some(format), IngestError::Empty { format: format.name(), reason }),
        };
        if documents.is_empty() {
            let reason = "no record could be read".to_string();
            return reject(Some(format), IngestError::Empty { format: format.name(), reason });
        }
        return IngestOutcome {
            doc_id: doc_id.to_string(),
            format: Some(format),
            encoding,
            result: Ok(documents),
        };
    }
    let result = parse_as(format, doc_id, &text, layouts);
    // A page of no known platform is a record only when its reading found
    // a title and something more; anything less is not recognised.
    if format == SourceFormat::Generic && result.as_ref().is_ok_and(|r| !generic::is_enough(r)) {
        return reject(None, IngestError::UnknownFormat);
    }
    let document = Document { doc_id: doc_id.to_string(), result };
    IngestOutcome { doc_id: doc_id.to_string(), format: Some(format), encoding, result: Ok(vec![document]) }
}

/// The documents of an export file, one per record. A file of one record
/// is one document under the file's name; records of a file of several are
/// `<file>#<n>` (n counted from 1 in file order). The size limit applies
/// to each record.
fn parse_records(
    format: SourceFormat,
    file_id: &str,
    text: &str,
    limits: IngestLimits,
) -> Result<Vec<Document>, String> {
    if format == SourceFormat::CslJson {
        let items = csl_json::items(text)?;
        let lines = csl_json::item_lines(text, items.len());
        let several = items.len() > 1;
        return Ok(items
            .iter()
            .zip(lines)
            .enumerate()
            .map(|(i, (item, line))| {
                let doc_id = if several { format!("{file_id}#{}", i + 1) } else { file_id.to_string() };
                let mut record = csl_json::read_item(&doc_id, item, line);
                tidy_record(&mut record);
                let result = if record.first(evtab_model::Field::Title).is_none() {
                    Err(IngestError::Empty {
                        format: format.name(),
                        reason: format!("item {} has no title", i + 1),
                    })
                } else {
                    Ok(record)
                };
                Document { doc_id, result }
            })
            .collect());
    }
    if format == SourceFormat::Bibtex {
        let (entries, strings) = bibtex::entries_of(text);
        let spans: Vec<(usize, u32)> = entries.iter().map(|e| (e.text.len(), e.first_line)).collect();
        return Ok(documents_of_records(format, file_id, limits, &spans, |i, doc_id| {
            bibtex::read_entry(doc_id, &entries[i], &strings)
        }));
    }
    if matches!(format, SourceFormat::EndnoteXml | SourceFormat::PubmedXml) {
        let records = if format == SourceFormat::EndnoteXml {
            endnote_xml::records_of(text)
        } else {
            pubmed_xml::records_of(text)
        };
        let spans: Vec<(usize, u32)> = records.iter().map(|r| (r.text.len(), r.first_line)).collect();
        return Ok(documents_of_records(format, file_id, limits, &spans, |i, doc_id| {
            if format == SourceFormat::EndnoteXml {
                endnote_xml::read_record(doc_id, &records[i])
            } else {
                pubmed_xml::read_record(doc_id, &records[i])
            }
        }));
    }
    if format == SourceFormat::EuropePmc {
        let results = europe_pmc::results_of(text)?;
        let spans: Vec<(usize, u32)> = results.iter().map(europe_pmc::EuropePmcResult::span).collect();
        return Ok(documents_of_records(format, file_id, limits, &spans, |i, doc_id| {
            europe_pmc::read_result(doc_id, &results[i])
        }));
    }
    if format == SourceFormat::Csv {
        let table = bib_csv::records_of(text)?;
        let spans: Vec<(usize, u32)> = table.rows.iter().map(|r| (r.bytes, r.first_line)).collect();
        return Ok(documents_of_records(format, file_id, limits, &spans, |i, doc_id| {
            Ok(bib_csv::read_record(doc_id, &table, &table.rows[i]))
        }));
    }
    let tagged = match format {
        SourceFormat::Ris => ris::records_of(text),
        SourceFormat::Medline => medline::records_of(text),
        SourceFormat::Wos => wos::records_of(text),
        _ => Vec::new(),
    };
    let spans: Vec<(usize, u32)> = tagged.iter().map(|r| (r.bytes, r.first_line)).collect();
    Ok(documents_of_records(format, file_id, limits, &spans, |i, doc_id| {
        Ok(match format {
            SourceFormat::Medline => medline::read_record(doc_id, &tagged[i]),
            SourceFormat::Wos => wos::read_record(doc_id, &tagged[i]),
            _ => ris::read_record(doc_id, &tagged[i]),
        })
    }))
}

/// The documents of an export file's records, given each record's size
/// and first line and how to read record `i`: the naming, the size limit
/// and the "a record needs a title or an author" rule every export shares.
fn documents_of_records(
    format: SourceFormat,
    file_id: &str,
    limits: IngestLimits,
    spans: &[(usize, u32)],
    read: impl Fn(usize, &str) -> Result<SourceRecord, String>,
) -> Vec<Document> {
    let several = spans.len() > 1;
    spans
        .iter()
        .enumerate()
        .map(|(i, &(bytes, first_line))| {
            let doc_id = if several { format!("{file_id}#{}", i + 1) } else { file_id.to_string() };
            let size = bytes as u64;
            let result = if size > limits.max_document_bytes {
                Err(IngestError::TooLarge { size, limit: limits.max_document_bytes })
            } else {
                read(i, &doc_id)
                    .and_then(|record| {
                        if record.first(evtab_model::Field::Title).is_none()
                            && record.first(evtab_model::Field::Author).is_none()
                        {
                            Err("it has no title and no authors".to_string())
                        } else {
                            let mut record = record;
                            tidy_record(&mut record);
                            Ok(record)
                        }
                    })
                    .map_err(|reason| IngestError::Empty {
                        format: format.name(),
                        reason: format!("record {} (from line {first_line}): {reason}", i + 1),
                    })
            };
            Document { doc_id, result }
        })
        .collect()
}

/// Parses decoded text as the given format.
pub fn parse_as(
    format: SourceFormat,
    doc_id: &str,
    text: &str,
    layouts: &Layouts,
) -> Result<SourceRecord, IngestError> {
    let record = match format {
        SourceFormat::Dspace => dspace::parse(doc_id, text, layouts),
        SourceFormat::Fulltext => fulltext::parse(doc_id, text, layouts),
        SourceFormat::Pure => pure::parse(doc_id, text, layouts),
        SourceFormat::AggregatorJson => aggregator_json::parse(doc_id, text, layouts),
        SourceFormat::Vufind => vufind::parse(doc_id, text, layouts),
        SourceFormat::Generic => generic::parse(doc_id, text, layouts),
        SourceFormat::Jats => jats::parse(doc_id, text),
        SourceFormat::Ris
        | SourceFormat::Medline
        | SourceFormat::CslJson
        | SourceFormat::Bibtex
        | SourceFormat::Wos
        | SourceFormat::EndnoteXml
        | SourceFormat::PubmedXml
        | SourceFormat::Csv
        | SourceFormat::EuropePmc => {
            let mut documents = parse_records(format, doc_id, text, IngestLimits::default())
                .map_err(|reason| IngestError::Empty { format: format.name(), reason })?;
            return match documents.len() {
                1 => documents.remove(0).result,
                n => Err(IngestError::Empty {
                    format: format.name(),
                    reason: format!("the file holds {n} records"),
                }),
            };
        }
    };
    let mut record = record;
    tidy_record(&mut record);
    // The same value read twice (a heading and a label) is one candidate.
    let mut seen = std::collections::BTreeSet::new();
    record
        .fields
        .retain(|f| f.field == evtab_model::Field::Author || seen.insert((f.field, f.value.clone())));
    if record.fields.is_empty() && record.passages.is_empty() {
        return Err(IngestError::Empty {
            format: format.name(),
            reason: if record.warnings.is_empty() {
                "no title, authors or abstract were found".to_string()
            } else {
                record.warnings.join("; ")
            },
        });
    }
    Ok(record)
}

/// One line per format, for `evtab formats`.
pub fn format_description(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::Dspace => {
            "DSpace item page: full record (dc.* fields) or simple item page, any interface"
        }
        SourceFormat::Fulltext => {
            "publisher article converted from PDF or saved from its page (front matter, body)"
        }
        SourceFormat::Pure => {
            "Elsevier Pure research-portal page (labels glued to values, several interface languages)"
        }
        SourceFormat::AggregatorJson => "aggregator page with an embedded JSON metadata blob",
        SourceFormat::Vufind => {
            "VuFind library-catalogue record, any interface language (display labels, staff view)"
        }
        SourceFormat::Generic => {
            "a page of no known platform, read by its labels, heading and citations (status partial)"
        }
        SourceFormat::Ris => {
            "RIS export (EndNote, Zotero, Ovid, Scopus, WoS, Pure ...): TY ... ER, one document per record"
        }
        SourceFormat::Medline => "PubMed MEDLINE text (.nbib): PMID- ... blank line, one document per record",
        SourceFormat::Jats => {
            "JATS XML article (PMC, Europe PMC, SciELO; also inside OAI-PMH): front matter and body"
        }
        SourceFormat::CslJson => {
            "CSL-JSON item or array (Zotero, citation.js, Crossref), one document per item"
        }
        SourceFormat::Wos => "Web of Science tagged text (FN/VR header, PT ... ER), one document per record",
        SourceFormat::EndnoteXml => {
            "EndNote XML library export (<xml><records><record>), one document per record"
        }
        SourceFormat::PubmedXml => {
            "PubMed XML (PubmedArticleSet: Send to File, efetch, baseline files), one document per article"
        }
        SourceFormat::EuropePmc => {
            "Europe PMC REST search response (JSON core/lite, or Dublin Core XML): one document per result"
        }
        SourceFormat::Csv => {
            "bibliographic CSV (EndNote, Zotero, Covidence, Rayyan, Scopus, WoS, Lens): one document per row"
        }
        SourceFormat::Bibtex => {
            "BibTeX/BibLaTeX file (Google Scholar, JabRef, Zotero, Scopus, WoS): one document per entry"
        }
    }
}

/// Whether an export's value is an ISSN (`1477-7517`), not an ISBN or a note.
pub(crate) fn looks_like_issn(v: &str) -> bool {
    let v = v.trim();
    v.len() == 9 && v.as_bytes()[4] == b'-' && v.chars().filter(char::is_ascii_digit).count() >= 7
}

/// A record as later stages should read it. Character references a
/// database left encoded (`&amp;`, `&#39;`, `&eacute;`) decoded in every
/// value and passage; tags left in a value removed (`the <i>ABC1</i>
/// gene`); in running text, markup a page or export left in
/// (`<jats:p>`, `<b>`, TeX quotes) blanked, and ligatures a PDF converter
/// lost repaired from a word list (`signifcant`, `ﬁ`). Lines stay where
/// they were: none of this adds or removes a line break.
fn tidy_record(record: &mut SourceRecord) {
    let decode = |text: &mut String| {
        if let Cow::Owned(decoded) = evtab_text::decode_entities(text) {
            *text = decoded;
        }
    };
    for field in &mut record.fields {
        decode(&mut field.value);
        if let Cow::Owned(stripped) = evtab_text::strip_markup(&field.value) {
            field.value = stripped;
        }
    }
    let tidy = |text: &mut String| {
        decode(text);
        let blanked = evtab_text::blank_markup(text);
        let repaired = evtab_text::repair_ligatures(&blanked);
        // Either step returns borrowed text when it changed nothing.
        if matches!(blanked, Cow::Owned(_)) || matches!(repaired, Cow::Owned(_)) {
            let repaired = repaired.into_owned();
            *text = repaired;
        }
    };
    for passage in &mut record.passages {
        tidy(&mut passage.text);
    }
    for (heading, _) in &mut record.result_headings {
        tidy(heading);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_over_the_limit_is_rejected_with_sizes_a_person_can_read() {
        let limits = IngestLimits { max_document_bytes: 10, ..IngestLimits::default() };
        let outcome = ingest_document("d.txt", b"dc.title 0123456789", limits, &Layouts::default());
        assert_eq!(
            outcome.result.map_err(|e| e.to_string()).err().as_deref(),
            Some("document is 19 bytes, over the limit of 10 bytes; raise max_document_bytes to read it")
        );
        // An export file is larger than a document; each record is not.
        let ris = "TY  - JOUR\nTI  - One\nER  - \nTY  - JOUR\nTI  - Two\nER  - \n";
        let limits = IngestLimits { max_document_bytes: 30, max_export_bytes: 100 };
        let outcome = ingest_document("e.ris", ris.as_bytes(), limits, &Layouts::default());
        let documents = outcome.result.expect("an export over the document limit is read");
        assert!(documents.iter().all(|d| d.result.is_ok()), "{documents:?}");
        let limits = IngestLimits { max_document_bytes: 30, max_export_bytes: 40 };
        let outcome = ingest_document("e.ris", ris.as_bytes(), limits, &Layouts::default());
        assert!(outcome.result.is_err_and(|e| e.to_string().contains("over the limit of 40 bytes")));
        let limit = IngestLimits::default().max_document_bytes;
        let error = IngestError::TooLarge { size: 50 * 1024 * 1024 + 1, limit };
        assert_eq!(
            error.to_string(),
            "document is 52428801 bytes (50.0 MiB), over the limit of 20971520 bytes (20.0 MiB); \
             raise max_document_bytes to read it"
        );
    }

    #[test]
    fn entities_a_database_left_encoded_are_decoded_in_values_and_abstracts() {
        let ris = "TY  - JOUR\nTI  - Peer &amp; lay workers&#39; roles: &quot;a review&quot;\n\
                   AU  - M&uuml;ller, A\nJO  - Health &amp;amp; Care\nAB  - Results: &lt;b&gt;Two&lt;/b&gt; themes\nER  - \n";
        let outcome = ingest_document("e.ris", ris.as_bytes(), IngestLimits::default(), &Layouts::default());
        let documents = outcome.result.expect("the record is read");
        let record = documents[0].result.as_ref().expect("the record has a title");
        let value = |field| record.first(field).map(|f| f.value.as_str());
        assert_eq!(value(evtab_model::Field::Title), Some("Peer & lay workers' roles: \"a review\""));
        assert_eq!(value(evtab_model::Field::Author), Some("Müller, A"));
        assert_eq!(value(evtab_model::Field::Journal), Some("Health & Care"));
        let abstract_text: Vec<&str> =
            record.passages.iter().flat_map(|p| p.text.split_whitespace()).collect();
        assert!(abstract_text.ends_with(&["Two", "themes"]), "{abstract_text:?}");
        assert!(record.passages.iter().all(|p| !p.text.contains('&') && !p.text.contains('<')));
    }
}
