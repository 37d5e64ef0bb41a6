//! Format detection by evidence, from content alone (file names are opaque).
//!
//! Every page family of `pipelines/formats/` scores the document by the
//! signatures it finds (weighted lines, prefixes, fragments); the family
//! with the most evidence at or above its own threshold wins, ties going
//! to the family listed first. A new skin or interface language of a known
//! platform still carries most of its platform's signatures, so it is read,
//! not rejected; a document with evidence for none is read as a generic
//! page.

use evtab_model::SourceFormat;

use crate::layout::Layouts;

/// Detects a document's format.
pub fn detect_format(text: &str, layouts: &Layouts) -> Option<SourceFormat> {
    // Export files have a fixed structure no page prints at its start.
    if crate::medline::is_medline(text) {
        return Some(SourceFormat::Medline);
    }
    if crate::wos::is_wos(text) {
        return Some(SourceFormat::Wos);
    }
    if crate::ris::is_ris(text) {
        return Some(SourceFormat::Ris);
    }
    if crate::europe_pmc::is_europe_pmc(text) {
        return Some(SourceFormat::EuropePmc);
    }
    if crate::endnote_xml::is_endnote_xml(text) {
        return Some(SourceFormat::EndnoteXml);
    }
    if crate::pubmed_xml::is_pubmed_xml(text) {
        return Some(SourceFormat::PubmedXml);
    }
    if crate::jats::is_jats(text) {
        return Some(SourceFormat::Jats);
    }
    if crate::bibtex::is_bibtex(text) {
        return Some(SourceFormat::Bibtex);
    }
    if crate::csl_json::is_csl_json(text) {
        return Some(SourceFormat::CslJson);
    }
    if crate::bib_csv::is_bib_csv(text) {
        return Some(SourceFormat::Csv);
    }
    let mut best: Option<(SourceFormat, u32)> = None;
    for (format, score) in layouts.scores(text) {
        if format == SourceFormat::Generic || format.holds_records() {
            continue;
        }
        let Some(family) = layouts.family(format) else { continue };
        if score >= family.min_score.max(1) && best.is_none_or(|(_, b)| score > b) {
            best = Some((format, score));
        }
    }
    match best {
        Some((format, _)) => Some(format),
        None if layouts.family(SourceFormat::Generic).is_some() && !text.trim().is_empty() => {
            Some(SourceFormat::Generic)
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::test_layouts;

    #[test]
    fn a_signature_with_a_colon_matches_in_every_interface_language() {
        // `Saved in:` is the translation table's `Saved in`.
        let layouts = test_layouts();
        let german =
            "Ein Titel\n\nGespeichert in:\nBibliographische Detailangaben\nHauptverfasser: Okafor, Ada\n";
        assert_eq!(detect_format(german, &layouts), Some(SourceFormat::Vufind));
    }

    #[test]
    fn detects_each_format_from_small_samples() {
        let layouts = test_layouts();
        let dspace = "Title\n\ndc.contributor.authorDoe, Jane\ndc.date.issued2020\ndc.titleTitle\n";
        assert_eq!(detect_format(dspace, &layouts), Some(SourceFormat::Dspace));
        let vufind =
            "author Doe, Jane\nauthor_facet Doe, Jane\ntitle_full A title\nspelling x\n_version_ 1\n";
        assert_eq!(detect_format(vufind, &layouts), Some(SourceFormat::Vufind));
        let german = "Wird geladen…\nA title of a record\nBibliographische Detailangaben\nHauptverfasser: Doe, Jane\nAusführliche Beschreibung\n";
        assert_eq!(detect_format(german, &layouts), Some(SourceFormat::Vufind));
        let json = "A title\n{\"title\":\"A title\",\"doi\":null}\n";
        assert_eq!(detect_format(json, &layouts), Some(SourceFormat::AggregatorJson));
        let pure = "A title\nResearch output: Contribution to journalArticle\nOriginal languageEnglish\n";
        assert_eq!(detect_format(pure, &layouts), Some(SourceFormat::Pure));
        let fulltext = "A title\n\nAbstract\n\nBackground\n\ntext\n\nMethods\n\ntext\n\nResults\n";
        assert_eq!(detect_format(fulltext, &layouts), Some(SourceFormat::Fulltext));
    }

    #[test]
    fn text_of_no_family_is_a_generic_page_and_nothing_is_nothing() {
        let layouts = test_layouts();
        assert_eq!(detect_format("Shopping list\nmilk\neggs\n", &layouts), Some(SourceFormat::Generic));
        assert_eq!(detect_format("dc.title mentioned once in prose", &layouts), Some(SourceFormat::Generic));
        assert_eq!(detect_format("  \n", &layouts), None);
    }
}
