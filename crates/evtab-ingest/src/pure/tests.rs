use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<&str> {
    record.all(field).map(|f| f.value.as_str()).collect()
}

const PAGE: &str = "A portal title\n\nAnn Smith, Bo Lee*\n\n*Corresponding author for this work\n\nResearch output: Contribution to journalArticlepeer-review\n\nAbstract\n\nBackground: X. Method: Y.\n\nOriginal languageEnglish\nArticle number42\nJournalJournal of Things\nVolume7\nDOIs\nhttps://doi.org/10.1016/j.x.2021.1\nPublication statusPublished - May 2021\n\nBibliographical note\n\nFunding Information:\nFunded by the Agency.\n\nPublisher Copyright:\n© 2021\n\nKeywords\n\n  • Peers\n  • Care\n\nFingerprint\n\nDive into the research topics of 'A portal title'.\n";

#[test]
fn glued_labels_and_corresponding_author_marker() {
    let record = parse("p", PAGE, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Title), ["A portal title"]);
    assert_eq!(values(&record, Field::Author), ["Ann Smith", "Bo Lee"]);
    assert_eq!(values(&record, Field::Language), ["English"]);
    assert_eq!(values(&record, Field::Pages), ["42"]);
    assert_eq!(values(&record, Field::Journal), ["Journal of Things"]);
    assert_eq!(values(&record, Field::Volume), ["7"]);
    assert_eq!(values(&record, Field::Date), ["May 2021"]);
    assert_eq!(values(&record, Field::Doi), ["10.1016/j.x.2021.1"]);
    assert_eq!(values(&record, Field::PublicationType), ["Article"]);
}

#[test]
fn funding_note_and_keywords_but_not_copyright_or_fingerprint() {
    let record = parse("p", PAGE, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Funding), ["Funded by the Agency."]);
    assert_eq!(values(&record, Field::Keyword), ["Peers", "Care"]);
    assert_eq!(record.passages.len(), 2);
}

#[test]
fn an_empty_dois_label_gives_no_doi() {
    let record = parse(
        "p",
        "T\n\nA B\n\nAbstract\n\nText.\n\nVolume1\nDOIs\nPublication statusPublished - 2020\n",
        &crate::layout::test_layouts(),
    );
    assert!(values(&record, Field::Doi).is_empty());
    assert_eq!(values(&record, Field::Date), ["2020"]);
}
