use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<&str> {
    record.all(field).map(|f| f.value.as_str()).collect()
}

#[test]
fn blob_is_used_and_chrome_and_translation_are_not() {
    let text = "A title\n\nIF 3.2 Q1\nAnn Smith, Bo Lee\n{\"title\":\"A title\",\"authors\":\"Ann Smith, Bo Lee\",\"doi\":\"10.1/X\",\"abstract\":\"English text.\",\"journal\":{\"name\":\"J Things\",\"volume\":null},\"publicationDate\":\"2024-08-12\"}\nAbstract\n\nEnglish text.\n中文翻译\n";
    let record = parse("a", text, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Title), ["A title"]);
    assert_eq!(values(&record, Field::Author), ["Ann Smith", "Bo Lee"]);
    assert_eq!(values(&record, Field::Doi), ["10.1/X"]);
    assert_eq!(values(&record, Field::Journal), ["J Things"]);
    assert!(values(&record, Field::Volume).is_empty());
    assert_eq!(record.passages.len(), 1);
    assert_eq!(record.passages[0].text, "English text.");
    assert!(record.flags.is_empty());
}

#[test]
fn blob_about_another_item_is_flagged_and_not_trusted() {
    let text = "The page title\n\nAnn Smith\n{\"title\":\"Something else\",\"doi\":\"10.1/OTHER\"}\n";
    let record = parse("a", text, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Title), ["The page title"]);
    assert!(values(&record, Field::Doi).is_empty());
    assert_eq!(record.flags.len(), 1);
    assert_eq!(record.flags[0].kind, FlagKind::Mismatch);
}

#[test]
fn truncated_blob_is_a_warning_not_a_panic() {
    let text = "The page title\n\nAnn Smith\n{\"title\":\"The page title\",\"doi\":\"10.1/X\",\"abstr\n";
    let record = parse("a", text, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Title), ["The page title"]);
    assert_eq!(values(&record, Field::Author), ["Ann Smith"]);
    assert!(record.warnings[0].contains("truncated"));
}
