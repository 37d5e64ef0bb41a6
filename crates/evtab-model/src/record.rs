use serde::Serialize;

/// The formats a document can be detected as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// DSpace "full item record" page with glued `dc.*` field names and values.
    Dspace,
    /// Publisher article converted from PDF to text.
    Fulltext,
    /// Elsevier Pure research-portal page.
    Pure,
    /// Aggregator page with an embedded JSON metadata blob.
    AggregatorJson,
    /// Library-catalogue (VuFind/Solr) record.
    Vufind,
    /// A page of no known platform, read by its labelled fields alone.
    Generic,
    /// An RIS export file, one document per record.
    Ris,
    /// PubMed's MEDLINE text (`.nbib`), one document per record.
    Medline,
    /// A JATS XML article (PMC, Europe PMC, SciELO), with its body.
    Jats,
    /// CSL-JSON (Zotero, citation.js, Crossref), one document per item.
    CslJson,
    /// A BibTeX or BibLaTeX file, one document per entry.
    Bibtex,
    /// Web of Science tagged text (`PT J` … `ER`), one document per record.
    Wos,
    /// An EndNote XML library export (`<xml><records><record>`), one document per record.
    EndnoteXml,
    /// A PubMed XML export (`PubmedArticleSet`), one document per article.
    PubmedXml,
    /// A bibliographic CSV (reference managers, databases, Covidence, Rayyan),
    /// one document per data row.
    Csv,
    /// A Europe PMC REST search response (JSON or Dublin Core XML), one
    /// document per result.
    EuropePmc,
}

impl SourceFormat {
    /// Every format, in the order `evtab formats` lists them.
    pub const ALL: [SourceFormat; 16] = [
        SourceFormat::Dspace,
        SourceFormat::Fulltext,
        SourceFormat::Pure,
        SourceFormat::AggregatorJson,
        SourceFormat::Vufind,
        SourceFormat::Generic,
        SourceFormat::Ris,
        SourceFormat::Medline,
        SourceFormat::Jats,
        SourceFormat::CslJson,
        SourceFormat::Bibtex,
        SourceFormat::Wos,
        SourceFormat::EndnoteXml,
        SourceFormat::PubmedXml,
        SourceFormat::Csv,
        SourceFormat::EuropePmc,
    ];

    /// Whether a file of this format holds many records, each a document.
    pub fn holds_records(self) -> bool {
        matches!(
            self,
            SourceFormat::Ris
                | SourceFormat::Medline
                | SourceFormat::CslJson
                | SourceFormat::Bibtex
                | SourceFormat::Wos
                | SourceFormat::EndnoteXml
                | SourceFormat::PubmedXml
                | SourceFormat::Csv
                | SourceFormat::EuropePmc
        )
    }

    /// The name used in `sources.csv` and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Dspace => "dspace",
            SourceFormat::Fulltext => "fulltext",
            SourceFormat::Pure => "pure",
            SourceFormat::AggregatorJson => "aggregator_json",
            SourceFormat::Vufind => "vufind",
            SourceFormat::Generic => "generic",
            SourceFormat::Ris => "ris",
            SourceFormat::Medline => "medline",
            SourceFormat::Jats => "jats",
            SourceFormat::CslJson => "csl_json",
            SourceFormat::Bibtex => "bibtex",
            SourceFormat::Wos => "wos",
            SourceFormat::EndnoteXml => "endnote_xml",
            SourceFormat::PubmedXml => "pubmed_xml",
            SourceFormat::Csv => "csv",
            SourceFormat::EuropePmc => "europe_pmc",
        }
    }
}

/// What became of one input document (the `status` column of `sources.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceStatus {
    /// Read, nothing to report.
    Ok,
    /// Read, with problems the message names.
    Partial,
    /// Not read; the message says why.
    Rejected,
}

impl SourceStatus {
    /// The name used in `sources.csv`.
    pub fn name(self) -> &'static str {
        match self {
            SourceStatus::Ok => "ok",
            SourceStatus::Partial => "partial",
            SourceStatus::Rejected => "rejected",
        }
    }
}

/// A bibliographic field a parser can read from a document.
///
/// Values are kept raw (as printed); normalisation happens in a later stage
/// so that provenance can show what the document actually said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Article title.
    Title,
    /// One author, as printed (either name order, possibly with markers).
    Author,
    /// Full journal title.
    Journal,
    /// Journal abbreviation (NLM/ISO 4).
    JournalAbbrev,
    /// Volume.
    Volume,
    /// Issue.
    Issue,
    /// Pages or article number.
    Pages,
    /// DOI in any printed form (URL, `doi:` prefix, bare).
    Doi,
    /// PubMed id.
    Pmid,
    /// PubMed Central id.
    Pmcid,
    /// ISSN.
    Issn,
    /// Publisher.
    Publisher,
    /// Language as printed (`en`, `English`).
    Language,
    /// Publication date as printed (`2021-02-16`, `Published - May 2021`, `2018`).
    Date,
    /// Licence statement or URL.
    License,
    /// Funding statement or funder name.
    Funding,
    /// Keyword or subject heading.
    Keyword,
    /// Publication type as printed (`Article`, `Journal Article`).
    PublicationType,
    /// Country where the study took place, when a source has a field for it.
    Country,
    /// The export's own id for the record (an EndNote record number, a
    /// database accession, a `RecordID` column), so a reviewer can trace
    /// which exported records became which study.
    RecordId,
}

impl Field {
    /// Snake-case name, as used in provenance and flags.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Author => "author",
            Field::Journal => "journal",
            Field::JournalAbbrev => "journal_abbrev",
            Field::Volume => "volume",
            Field::Issue => "issue",
            Field::Pages => "pages",
            Field::Doi => "doi",
            Field::Pmid => "pmid",
            Field::Pmcid => "pmcid",
            Field::Issn => "issn",
            Field::Publisher => "publisher",
            Field::Language => "language",
            Field::Date => "date",
            Field::License => "license",
            Field::Funding => "funding",
            Field::Keyword => "keyword",
            Field::PublicationType => "publication_type",
            Field::Country => "country",
            Field::RecordId => "record_id",
        }
    }
}

/// One field value read from a document, with the 1-based line it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordField {
    /// Which field.
    pub field: Field,
    /// The value as printed (trimmed).
    pub value: String,
    /// 1-based line in the decoded document.
    pub line: u32,
    /// How the parser read it (`label`, `citation`, `json`, ...), for
    /// provenance; empty for the format's own structure.
    pub rule: &'static str,
}

/// The part of a document a passage of running text belongs to.
///
/// Extractors use it to decide where to look (participants in Methods and
/// Results, themes in Results, never anything in References).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// An unstructured abstract, or an abstract part with no recognised label.
    Abstract,
    /// Background / Introduction (abstract part or body section).
    Background,
    /// Aim / Objective / Purpose.
    Aim,
    /// Methods / Design / Setting / Participants / Data analysis.
    Methods,
    /// Results / Findings.
    Results,
    /// Discussion / Limitations.
    Discussion,
    /// Conclusion(s).
    Conclusion,
    /// Funding statement.
    Funding,
    /// Back matter that is not about the study itself (acknowledgements,
    /// declarations, author details, publisher notes).
    BackMatter,
}

/// A block of running text (usually one paragraph) with its place in the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// Where it sits.
    pub section: Section,
    /// Whether it is part of the abstract (any format) rather than the body.
    pub in_abstract: bool,
    /// The nearest heading above it, as printed (full text only).
    pub heading: Option<String>,
    /// The text, with any `Label:` prefix of a structured abstract removed.
    pub text: String,
    /// 1-based line where the text starts. A passage never spans lines
    /// unless the document wraps a paragraph; then `\n` stays in `text`.
    pub line: u32,
}

/// A parsed document: everything later stages know about one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRecord {
    /// The input file name, without directory.
    pub doc_id: String,
    /// The detected format.
    pub format: SourceFormat,
    /// Bibliographic fields in document order.
    pub fields: Vec<RecordField>,
    /// Running text (abstract and body), in document order. Reference lists
    /// and page chrome are never passages.
    pub passages: Vec<Passage>,
    /// Headings of the Results section, in order (full text only), with lines.
    pub result_headings: Vec<(String, u32)>,
    /// Problems met while parsing that did not stop it (these make the
    /// document `partial` in `sources.csv`).
    pub warnings: Vec<String>,
    /// Things a reviewer should see in `flags.csv` (for example embedded
    /// metadata that describes another item); `study_id` is filled in once
    /// the document has joined a study.
    pub flags: Vec<crate::Flag>,
    /// The source names only the first authors (BibTeX `and others`): the
    /// list is not a count, and a full list elsewhere is preferred.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub authors_truncated: bool,
}

impl SourceRecord {
    /// A record with no fields yet.
    pub fn new(doc_id: impl Into<String>, format: SourceFormat) -> Self {
        SourceRecord {
            doc_id: doc_id.into(),
            format,
            fields: Vec::new(),
            passages: Vec::new(),
            result_headings: Vec::new(),
            warnings: Vec::new(),
            flags: Vec::new(),
            authors_truncated: false,
        }
    }

    /// Adds a field value (trimmed; empty values are skipped).
    pub fn push(&mut self, field: Field, value: &str, line: u32) {
        self.push_by(field, value, line, "");
    }

    /// Adds a field value read by a named rule (trimmed; empty values are skipped).
    pub fn push_by(&mut self, field: Field, value: &str, line: u32, rule: &'static str) {
        let value = value.trim();
        if !value.is_empty() {
            self.fields.push(RecordField { field, value: value.to_string(), line, rule });
        }
    }

    /// The first value of a field.
    pub fn first(&self, field: Field) -> Option<&RecordField> {
        self.fields.iter().find(|f| f.field == field)
    }

    /// Every value of a field, in document order.
    pub fn all(&self, field: Field) -> impl Iterator<Item = &RecordField> {
        self.fields.iter().filter(move |f| f.field == field)
    }
}
