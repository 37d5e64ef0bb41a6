use evtab_model::SourceFormat;

/// Detects a document's format from its content alone.
///
/// Each format has cues that the others lack; a format is chosen when enough
/// of its cues are present. The order of checks goes from the most specific
/// structure (glued `dc.*` fields, Solr field names, a JSON blob) to the most
/// generic (a converted article), so a full text that quotes a `dc.` string
/// in passing is not mistaken for a repository record.
pub fn detect_format(text: &str) -> Option<SourceFormat> {
    let mut dspace = 0;
    let mut vufind = 0;
    let mut pure = 0;
    let mut json_blob = false;
    let mut fulltext_headings = 0;
    let mut has_abstract_heading = false;
    for line in text.lines().take(5_000) {
        let trimmed = line.trim();
        if trimmed.starts_with("dc.") && crate::dspace::split_field(trimmed).is_some() {
            dspace += 1;
        }
        if let Some(key) = line.split(' ').next()
            && crate::vufind::is_solr_field(key)
            && line.len() > key.len()
        {
            vufind += 1;
        }
        if crate::pure::is_pure_cue(trimmed) {
            pure += 1;
        }
        if trimmed.starts_with("{\"") && trimmed.contains("\"title\"") {
            json_blob = true;
        }
        if crate::fulltext::top_level_section(trimmed).is_some() {
            fulltext_headings += 1;
        }
        if trimmed.eq_ignore_ascii_case("abstract") {
            has_abstract_heading = true;
        }
    }
    if dspace >= 3 {
        Some(SourceFormat::Dspace)
    } else if vufind >= 4 {
        Some(SourceFormat::Vufind)
    } else if json_blob {
        Some(SourceFormat::AggregatorJson)
    } else if pure >= 2 {
        Some(SourceFormat::Pure)
    } else if fulltext_headings >= 3 || (has_abstract_heading && fulltext_headings >= 2) {
        Some(SourceFormat::Fulltext)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format_from_small_samples() {
        let dspace = "Title\n\ndc.contributor.authorDoe, Jane\ndc.date.issued2020\ndc.titleTitle\n";
        assert_eq!(detect_format(dspace), Some(SourceFormat::Dspace));
        let vufind =
            "author Doe, Jane\nauthor_facet Doe, Jane\ntitle_full A title\nspelling x\nurl http://x\n";
        assert_eq!(detect_format(vufind), Some(SourceFormat::Vufind));
        let json = "A title\n{\"title\":\"A title\",\"doi\":null}\n";
        assert_eq!(detect_format(json), Some(SourceFormat::AggregatorJson));
        let pure = "A title\nResearch output: Contribution to journalArticle\nOriginal languageEnglish\n";
        assert_eq!(detect_format(pure), Some(SourceFormat::Pure));
        let fulltext = "A title\n\nAbstract\n\nBackground\n\ntext\n\nMethods\n\ntext\n\nResults\n";
        assert_eq!(detect_format(fulltext), Some(SourceFormat::Fulltext));
    }

    #[test]
    fn unknown_text_is_not_guessed() {
        assert_eq!(detect_format("Shopping list\nmilk\neggs\n"), None);
        assert_eq!(detect_format("dc.title mentioned once in prose"), None);
    }
}
