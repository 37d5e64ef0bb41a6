//! A generated corpus of database and reference-manager exports (issue 16):
//! every study is one record of an export file, and a share of them is
//! exported twice, in another format, as when two databases return one
//! article; half of those second copies lack the DOI, so the linker has to
//! match them on title, authors, year and pages.
//!
//! Each format is written as its producer writes it: MEDLINE's `AU` initials
//! and `PG  - 215-23`, Web of Science's upper-case source title, BibTeX's
//! braces and `--`, Scopus's `Page start`/`Page end` columns. The records of
//! a format go to one file, so a document id is `export.ris#17`.

use serde_json::json;

use crate::plan::{Person, Study};
use crate::rng::Rng;
use crate::truth::TruthStudy;
use crate::vocab::{Journal, SynthVocab};

/// The export formats, in the order their files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ExportFormat {
    Ris,
    Medline,
    PubmedXml,
    EndnoteXml,
    Bibtex,
    CslJson,
    ScopusCsv,
    WosText,
}

pub(crate) const EXPORT_FORMATS: [ExportFormat; 8] = [
    ExportFormat::Ris,
    ExportFormat::Medline,
    ExportFormat::PubmedXml,
    ExportFormat::EndnoteXml,
    ExportFormat::Bibtex,
    ExportFormat::CslJson,
    ExportFormat::ScopusCsv,
    ExportFormat::WosText,
];

impl ExportFormat {
    /// The file name its producer gives an export.
    pub(crate) fn file_name(self) -> &'static str {
        match self {
            ExportFormat::Ris => "export.ris",
            ExportFormat::Medline => "pubmed-export.nbib",
            ExportFormat::PubmedXml => "pubmed-export.xml",
            ExportFormat::EndnoteXml => "endnote-library.xml",
            ExportFormat::Bibtex => "export.bib",
            ExportFormat::CslJson => "zotero-export.json",
            ExportFormat::ScopusCsv => "scopus.csv",
            ExportFormat::WosText => "savedrecs.txt",
        }
    }
}

/// One record to write: a study in a format, with or without its DOI.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ExportRecord {
    pub(crate) study: usize,
    pub(crate) format: ExportFormat,
    pub(crate) doi: bool,
}

/// Picks each study's export formats: one, or two different ones for a
/// `copy_share` of studies, the second without its DOI in
/// `copy_without_doi_share` of cases.
pub(crate) fn plan_records(studies: usize, seed: u64, vocab: &SynthVocab) -> Vec<ExportRecord> {
    let mix = &vocab.exports;
    let mut records = Vec::with_capacity(studies + studies / 8);
    for study in 0..studies {
        let mut rng = Rng::for_item(seed ^ EXPORTS_SALT, study as u64);
        let first = EXPORT_FORMATS[rng.below(EXPORT_FORMATS.len())];
        records.push(ExportRecord { study, format: first, doi: true });
        if rng.chance(mix.copy_share) {
            let k = rng.below(EXPORT_FORMATS.len() - 1);
            let second = EXPORT_FORMATS.iter().copied().filter(|f| *f != first).nth(k).unwrap_or(first);
            records.push(ExportRecord {
                study,
                format: second,
                doi: !rng.chance(mix.copy_without_doi_share),
            });
        }
    }
    records
}

/// Salt for the stream that picks export formats (apart from the facts).
const EXPORTS_SALT: u64 = 0xE1F0_4775;

/// Writes every file: `(file name, bytes)` sorted by name, and each
/// record's document id, in the order of `records`.
pub(crate) fn render_files(
    records: &[ExportRecord],
    studies: &[Study],
    vocab: &SynthVocab,
) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let mut ids = vec![String::new(); records.len()];
    let mut files = Vec::new();
    for format in EXPORT_FORMATS {
        let mut bodies = Vec::new();
        for (i, record) in records.iter().enumerate().filter(|(_, r)| r.format == format) {
            let study = &studies[record.study];
            let journal = &vocab.journals[study.journal];
            bodies.push(render_record(format, study, journal, record.doi, bodies.len() + 1));
            ids[i] = format!("{}#{}", format.file_name(), bodies.len());
        }
        if bodies.is_empty() {
            continue;
        }
        files.push((format.file_name().to_string(), wrap_file(format, &bodies).into_bytes()));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    (files, ids)
}

/// The truth of an exported study: what its records state.
pub(crate) fn truth_of(study: &Study, journal: &Journal, docs: Vec<String>, doi: bool) -> TruthStudy {
    let mut truth = crate::truth::truth_of(study, &journal.title);
    truth.docs = docs;
    truth.journal = Some(journal.title.clone());
    truth.doi = doi.then(|| study.doi.to_lowercase());
    truth
}

fn abstract_text(s: &Study) -> String {
    s.abstract_parts().join(" ")
}

/// `Ada Okafor` → `A`; `Jean-Pierre` → `JP`.
fn initials(person: &Person) -> String {
    person
        .given
        .split(['-', ' '])
        .filter_map(|part| part.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `215-23`: MEDLINE's page range, the last page cut to its differing digits.
fn medline_pages(s: &Study) -> String {
    match &s.last_page {
        Some(last) if last.len() == s.first_page.len() => {
            let same = s.first_page.chars().zip(last.chars()).take_while(|(a, b)| a == b).count();
            format!("{}-{}", s.first_page, &last[same.min(last.len().saturating_sub(1))..])
        }
        Some(last) => format!("{}-{last}", s.first_page),
        None => s.first_page.clone(),
    }
}

fn render_record(format: ExportFormat, s: &Study, j: &Journal, doi: bool, n: usize) -> String {
    match format {
        ExportFormat::Ris => ris(s, j, doi),
        ExportFormat::Medline => medline(s, j, doi),
        ExportFormat::PubmedXml => pubmed_xml(s, j, doi),
        ExportFormat::EndnoteXml => endnote_xml(s, j, doi, n),
        ExportFormat::Bibtex => bibtex(s, j, doi, n),
        ExportFormat::CslJson => csl_json(s, j, doi, n),
        ExportFormat::ScopusCsv => scopus_csv(s, j, doi, n),
        ExportFormat::WosText => wos(s, j, doi, n),
    }
}

fn wrap_file(format: ExportFormat, bodies: &[String]) -> String {
    match format {
        ExportFormat::PubmedXml => format!(
            "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2024//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd\">\n<PubmedArticleSet>\n{}</PubmedArticleSet>\n",
            bodies.concat()
        ),
        ExportFormat::EndnoteXml => {
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><xml><records>{}</records></xml>\n",
                bodies.concat()
            )
        }
        ExportFormat::CslJson => format!("[\n{}\n]\n", bodies.join(",\n")),
        ExportFormat::ScopusCsv => format!(
            "\u{feff}Authors,Author full names,Title,Year,Source title,Volume,Issue,Page start,Page end,DOI,Abstract,EID\n{}",
            bodies.concat()
        ),
        ExportFormat::WosText => {
            format!("FN Clarivate Analytics Web of Science\nVR 1.0\n{}EF\n", bodies.concat())
        }
        ExportFormat::Ris | ExportFormat::Medline | ExportFormat::Bibtex => bodies.concat(),
    }
}

fn ris(s: &Study, j: &Journal, doi: bool) -> String {
    let mut out = String::from("TY  - JOUR\n");
    out.push_str(&format!("TI  - {}\n", s.title));
    for a in &s.authors {
        out.push_str(&format!("AU  - {}\n", a.family_first()));
    }
    out.push_str(&format!("PY  - {}\nDA  - {}/{:02}/{:02}\n", s.year, s.year, s.month, s.day));
    out.push_str(&format!("T2  - {}\nJ2  - {}\n", j.title, j.abbrev));
    out.push_str(&format!("VL  - {}\nIS  - {}\nSP  - {}\n", s.volume, s.issue, s.first_page));
    if let Some(last) = &s.last_page {
        out.push_str(&format!("EP  - {last}\n"));
    }
    if doi {
        out.push_str(&format!("DO  - {}\n", s.doi));
    }
    out.push_str(&format!("SN  - {}\nAB  - {}\nER  - \n\n", j.issn, abstract_text(s)));
    out
}

/// MEDLINE text: values wrapped at 80 columns with six-space continuations.
fn medline(s: &Study, j: &Journal, doi: bool) -> String {
    fn tag(out: &mut String, name: &str, value: &str) {
        let mut line = format!("{name:<4}- ");
        let mut first = true;
        for word in value.split(' ') {
            if !first && line.chars().count() + 1 + word.chars().count() > 80 {
                out.push_str(&line);
                out.push('\n');
                line = format!("      {word}");
            } else {
                if !first {
                    line.push(' ');
                }
                line.push_str(word);
            }
            first = false;
        }
        out.push_str(&line);
        out.push('\n');
    }
    let mut out = String::new();
    tag(&mut out, "PMID", &s.pmid);
    tag(&mut out, "IS", &j.issn);
    tag(&mut out, "VI", &s.volume.to_string());
    tag(&mut out, "IP", &s.issue.to_string());
    tag(&mut out, "DP", &format!("{} {}", s.year, &crate::words::month_name(s.month)[..3]));
    let title = if s.title.ends_with(['?', '.', '!']) { s.title.clone() } else { format!("{}.", s.title) };
    tag(&mut out, "TI", &title);
    tag(&mut out, "PG", &medline_pages(s));
    if doi {
        tag(&mut out, "LID", &format!("{} [doi]", s.doi));
    }
    tag(&mut out, "AB", &abstract_text(s));
    for a in &s.authors {
        tag(&mut out, "FAU", &a.family_first());
        tag(&mut out, "AU", &format!("{} {}", a.family, initials(a)));
    }
    tag(&mut out, "LA", "eng");
    tag(&mut out, "PT", "Journal Article");
    tag(&mut out, "TA", &j.abbrev);
    tag(&mut out, "JT", &j.title);
    if doi {
        tag(&mut out, "AID", &format!("{} [doi]", s.doi));
    }
    out.push('\n');
    out
}

fn pubmed_xml(s: &Study, j: &Journal, doi: bool) -> String {
    let e = xml_escape;
    let authors: String = s
        .authors
        .iter()
        .map(|a| {
            format!(
                "<Author ValidYN=\"Y\"><LastName>{}</LastName><ForeName>{}</ForeName><Initials>{}</Initials></Author>",
                e(&a.family),
                e(&a.given),
                initials(a)
            )
        })
        .collect();
    let ids = if doi {
        format!(
            "<ArticleId IdType=\"pubmed\">{}</ArticleId><ArticleId IdType=\"doi\">{}</ArticleId>",
            s.pmid,
            e(&s.doi)
        )
    } else {
        format!("<ArticleId IdType=\"pubmed\">{}</ArticleId>", s.pmid)
    };
    format!(
        concat!(
            "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">{pmid}</PMID>",
            "<Article PubModel=\"Print\"><Journal><ISSN IssnType=\"Electronic\">{issn}</ISSN>",
            "<JournalIssue CitedMedium=\"Internet\"><Volume>{volume}</Volume><Issue>{issue}</Issue>",
            "<PubDate><Year>{year}</Year><Month>{month}</Month></PubDate></JournalIssue>",
            "<Title>{journal}</Title><ISOAbbreviation>{abbrev}</ISOAbbreviation></Journal>",
            "<ArticleTitle>{title}</ArticleTitle><Pagination><MedlinePgn>{pages}</MedlinePgn></Pagination>",
            "<Abstract><AbstractText>{abs}</AbstractText></Abstract>",
            "<AuthorList CompleteYN=\"Y\">{authors}</AuthorList><Language>eng</Language></Article>",
            "</MedlineCitation><PubmedData><ArticleIdList>{ids}</ArticleIdList></PubmedData></PubmedArticle>\n"
        ),
        pmid = s.pmid,
        issn = e(&j.issn),
        volume = s.volume,
        issue = s.issue,
        year = s.year,
        month = &crate::words::month_name(s.month)[..3],
        journal = e(&j.title),
        abbrev = e(&j.abbrev),
        title = e(&s.title),
        pages = medline_pages(s),
        abs = e(&abstract_text(s)),
        authors = authors,
        ids = ids,
    )
}

fn endnote_xml(s: &Study, j: &Journal, doi: bool, n: usize) -> String {
    let styled = |text: &str| {
        format!("<style face=\"normal\" font=\"default\" size=\"100%\">{}</style>", xml_escape(text))
    };
    let authors: String =
        s.authors.iter().map(|a| format!("<author>{}</author>", styled(&a.family_first()))).collect();
    let doi = if doi {
        format!("<electronic-resource-num>{}</electronic-resource-num>", styled(&s.doi))
    } else {
        String::new()
    };
    format!(
        concat!(
            "<record><database name=\"Review.enl\" path=\"Review.enl\">Review.enl</database>",
            "<rec-number>{n}</rec-number><ref-type name=\"Journal Article\">17</ref-type>",
            "<contributors><authors>{authors}</authors></contributors>",
            "<titles><title>{title}</title><secondary-title>{journal}</secondary-title></titles>",
            "<periodical><full-title>{journal}</full-title><abbr-1>{abbrev}</abbr-1></periodical>",
            "<pages>{pages}</pages><volume>{volume}</volume><number>{issue}</number>",
            "<dates><year>{year}</year></dates>{doi}<abstract>{abs}</abstract></record>"
        ),
        n = n,
        authors = authors,
        title = styled(&s.title),
        journal = styled(&j.title),
        abbrev = styled(&j.abbrev),
        pages = styled(&s.pages_dash()),
        volume = styled(&s.volume.to_string()),
        issue = styled(&s.issue.to_string()),
        year = styled(&s.year.to_string()),
        doi = doi,
        abs = styled(&abstract_text(s)),
    )
}

/// BibTeX: braces kept in values, `&` and `%` escaped, pages with `--`.
fn bibtex(s: &Study, j: &Journal, doi: bool, n: usize) -> String {
    let tex = |text: &str| text.replace('&', "\\&").replace('%', "\\%");
    let key = format!(
        "{}{}_{n}",
        s.authors
            .first()
            .map(|a| a.family.chars().filter(char::is_ascii_alphabetic).collect::<String>())
            .unwrap_or_default(),
        s.year
    );
    let authors = s.authors.iter().map(Person::family_first).collect::<Vec<_>>().join(" and ");
    let pages = match &s.last_page {
        Some(last) => format!("{}--{last}", s.first_page),
        None => s.first_page.clone(),
    };
    let mut out = format!(
        "@article{{{key},\n  author = {{{}}},\n  title = {{{{{}}}}},\n  journal = {{{}}},\n  year = {{{}}},\n  volume = {{{}}},\n  number = {{{}}},\n  pages = {{{pages}}},\n",
        tex(&authors),
        tex(&s.title),
        tex(&j.title),
        s.year,
        s.volume,
        s.issue
    );
    if doi {
        out.push_str(&format!("  doi = {{{}}},\n", s.doi));
    }
    out.push_str(&format!("  abstract = {{{}}}\n}}\n\n", tex(&abstract_text(s))));
    out
}

fn csl_json(s: &Study, j: &Journal, doi: bool, n: usize) -> String {
    let mut item = json!({
        "id": format!("item-{n}"),
        "type": "article-journal",
        "title": s.title,
        "author": s.authors.iter().map(|a| json!({"family": a.family, "given": a.given})).collect::<Vec<_>>(),
        "container-title": j.title,
        "container-title-short": j.abbrev,
        "issued": {"date-parts": [[s.year, s.month, s.day]]},
        "volume": s.volume.to_string(),
        "issue": s.issue.to_string(),
        "page": s.pages_dash(),
        "abstract": abstract_text(s),
    });
    if doi && let Some(map) = item.as_object_mut() {
        map.insert("DOI".to_string(), json!(s.doi));
    }
    serde_json::to_string(&item).unwrap_or_default()
}

fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Scopus's initials: `Ji-woo` → `J.-W.`, `Anne Marie` → `A.M.`.
fn dotted_initials(person: &Person) -> String {
    person
        .given
        .split(' ')
        .map(|part| {
            part.split('-')
                .filter_map(|p| p.chars().next())
                .map(|c| format!("{}.", c.to_uppercase()))
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// Scopus: `Okafor A.; Kim J.-W.` and full names with Scopus ids.
fn scopus_csv(s: &Study, j: &Journal, doi: bool, n: usize) -> String {
    let short = s
        .authors
        .iter()
        .map(|a| format!("{} {}", a.family, dotted_initials(a)))
        .collect::<Vec<_>>()
        .join("; ");
    let full = s
        .authors
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{} ({})", a.family_first(), 57_000_000_000_u64 + (n * 10 + i) as u64))
        .collect::<Vec<_>>()
        .join("; ");
    let cells = [
        short,
        full,
        s.title.clone(),
        s.year.to_string(),
        j.title.clone(),
        s.volume.to_string(),
        s.issue.to_string(),
        s.first_page.clone(),
        s.last_page.clone().unwrap_or_default(),
        if doi { s.doi.clone() } else { String::new() },
        abstract_text(s),
        format!("2-s2.0-{:011}", 85_000_000_000_u64 + n as u64),
    ];
    let mut line = cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

/// Web of Science tagged text: upper-case source, `AU` short and `AF` full names.
fn wos(s: &Study, j: &Journal, doi: bool, n: usize) -> String {
    let mut out = String::from("PT J\n");
    for (i, a) in s.authors.iter().enumerate() {
        out.push_str(if i == 0 { "AU " } else { "   " });
        out.push_str(&format!("{}, {}\n", a.family, initials(a)));
    }
    for (i, a) in s.authors.iter().enumerate() {
        out.push_str(if i == 0 { "AF " } else { "   " });
        out.push_str(&format!("{}\n", a.family_first()));
    }
    out.push_str(&format!("TI {}\nSO {}\nLA English\nDT Article\n", s.title, j.title.to_uppercase()));
    out.push_str(&format!(
        "AB {}\nSN {}\nPY {}\nVL {}\nIS {}\n",
        abstract_text(s),
        j.issn,
        s.year,
        s.volume,
        s.issue
    ));
    match &s.last_page {
        Some(last) => out.push_str(&format!("BP {}\nEP {last}\n", s.first_page)),
        None => out.push_str(&format!("AR {}\n", s.first_page)),
    }
    if doi {
        out.push_str(&format!("DI {}\n", s.doi));
    }
    out.push_str(&format!("UT WOS:{:015}\nER\n\n", 600_000_000_000_000_u64 + n as u64));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medline_page_ranges_cut_the_repeated_digits() {
        let vocab = crate::tests::vocab();
        let mut s = crate::plan::plan_study(0, 1, &vocab, &mut Default::default(), &mut Default::default());
        s.first_page = "215".to_string();
        s.last_page = Some("223".to_string());
        assert_eq!(medline_pages(&s), "215-23");
        s.last_page = Some("219".to_string());
        assert_eq!(medline_pages(&s), "215-9");
        s.first_page = "98".to_string();
        s.last_page = Some("104".to_string());
        assert_eq!(medline_pages(&s), "98-104");
        s.last_page = None;
        assert_eq!(medline_pages(&s), "98");
    }

    #[test]
    fn initials_take_each_part_of_a_given_name() {
        assert_eq!(initials(&Person { given: "Jean-Pierre".into(), family: "Côté".into() }), "JP");
        assert_eq!(initials(&Person { given: "Ji-woo".into(), family: "Kim".into() }), "JW");
        assert_eq!(dotted_initials(&Person { given: "Ji-woo".into(), family: "Kim".into() }), "J.-W.");
        assert_eq!(initials(&Person { given: "Émilie".into(), family: "Dubé".into() }), "É");
        assert_eq!(dotted_initials(&Person { given: "Jean-Pierre".into(), family: "Côté".into() }), "J.-P.");
        assert_eq!(dotted_initials(&Person { given: "Anne Marie".into(), family: "Roy".into() }), "A.M.");
    }
}
