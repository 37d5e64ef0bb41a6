use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<&str> {
    record.all(field).map(|f| f.value.as_str()).collect()
}

#[test]
fn splits_glued_names_longest_first_and_table_rows() {
    let layouts = crate::layout::test_layouts();
    let names = layouts.family(SourceFormat::Dspace).expect("layout").structure("fields");
    assert_eq!(split_field("dc.subject.meshHumans", names), Some(("dc.subject.mesh", "Humans")));
    assert_eq!(split_field("dc.subjectHumans", names), Some(("dc.subject", "Humans")));
    assert_eq!(split_field("dc.identifier.other19", names), Some(("dc.identifier.other", "19")));
    assert_eq!(split_field("dc.language.isoen", names), Some(("dc.language.iso", "en")));
    assert_eq!(split_field("dc.title | A title | en |", names), Some(("dc.title", "A title")));
    assert_eq!(split_field("dc.title\tA title\ten", names), Some(("dc.title", "A title")));
    assert_eq!(split_field("dc.nonsenseX", names), None);
}

#[test]
fn strips_a_glued_language_column_only_where_recognisable() {
    let text = "A title\n\ndc.rightsAttribution 4.0 Internationalen\ndc.titleA titleen\ndc.title.alternativeKinderen\ndc.description.abstractDone.en\n";
    let record = parse("d", text, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::License), ["Attribution 4.0 International"]);
    assert_eq!(values(&record, Field::Title), ["A title"]);
    assert_eq!(record.passages[0].text, "Done.");
}

#[test]
fn repeated_subjects_are_kept_once_and_authors_in_order() {
    let text = "dc.contributor.authorO’Shea, Tim\ndc.contributor.authorÉmile, Zoë\ndc.subjectHumans\ndc.subject.meshHumans\ndc.subject.meshHumans\ndc.titleT\n";
    let record = parse("d", text, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Author), ["O’Shea, Tim", "Émile, Zoë"]);
    assert_eq!(values(&record, Field::Keyword), ["Humans"]);
}

#[test]
fn doi_comes_from_identifier_uri_not_handles() {
    let text = "dc.identifier.urihttps://hdl.handle.net/1/2\ndc.identifier.urihttps://doi.org/10.1234/ABC\ndc.titleT\n";
    let record = parse("d", text, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Doi), ["10.1234/ABC"]);
}

#[test]
fn citation_gives_the_journal_abbreviation() {
    let text = "dc.identifier.citationDoe, J. A study of things. Harm Reduct J 18, 19 (2021). https://doi.org/10.1/x\ndc.titleA study of things\n";
    let record = parse("d", text, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::JournalAbbrev), ["Harm Reduct J"]);
}

#[test]
fn missing_title_is_a_warning_and_the_heading_is_used() {
    let record = parse(
        "d",
        "Heading of the page\n\ndc.contributor.authorDoe, Jane\ndc.date.issued2020\n",
        &crate::layout::test_layouts(),
    );
    assert_eq!(values(&record, Field::Title), ["Heading of the page"]);
    assert_eq!(record.warnings.len(), 1);
    let record =
        parse("d", "dc.contributor.authorDoe, Jane\ndc.date.issued2020\n", &crate::layout::test_layouts());
    assert!(record.first(Field::Title).is_none());
    assert!(record.warnings[0].contains("no title"));
}

#[test]
fn wrapped_values_join_and_unknown_fields_warn() {
    let record = parse(
        "d",
        "dc.titleA long\ntitle that wraps\ndc.weirdfieldX\n\nFiles\n",
        &crate::layout::test_layouts(),
    );
    assert_eq!(values(&record, Field::Title), ["A long title that wraps"]);
    assert!(record.warnings.iter().any(|w| w.contains("dc.weirdfield")));
}
