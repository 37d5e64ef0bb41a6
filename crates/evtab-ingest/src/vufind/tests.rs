use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<&str> {
    record.all(field).map(|f| f.value.as_str()).collect()
}

const RECORD: &str = "Cargando…\n\nA title\n\nAutores principales: Smith, Ann\n_version_ 1\nauthor Smith, Ann\nLee, Bo\nauthor_facet Smith, Ann\nLee, Bo\ndescription BACKGROUND: Why. METHODS: How.\npublishDate 2018\npublisher Big Press\nspelling pubmed-12018-01-01 A title Smith, Ann Lee, Bo J Things Research BACKGROUND: Why. METHODS: How. Big Press 2018-08-14 /pmc/x Text en © The Author(s). 2018 Open Access This article is distributed under the Creative Commons Attribution 4.0 International License. More.\ntitle A title\ntitle_full A title\ntopic Research\nurl https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123/\nhttps://www.ncbi.nlm.nih.gov/pubmed/456\nhttp://dx.doi.org/10.1234/ABC\n";

#[test]
fn repeated_author_lists_collapse_and_ids_come_from_urls() {
    let record = parse("v", RECORD, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Author), ["Smith, Ann", "Lee, Bo"]);
    assert_eq!(values(&record, Field::Pmcid), ["PMC123"]);
    assert_eq!(values(&record, Field::Pmid), ["456"]);
    assert_eq!(values(&record, Field::Doi), ["10.1234/ABC"]);
}

#[test]
fn spelling_line_gives_journal_abbreviation_date_and_licence() {
    let record = parse("v", RECORD, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::JournalAbbrev), ["J Things"]);
    assert_eq!(values(&record, Field::Date), ["2018", "2018-08-14"]);
    assert_eq!(
        values(&record, Field::License),
        [
            "2018 Open Access This article is distributed under the Creative Commons Attribution 4.0 International License."
        ]
    );
}

#[test]
fn display_part_above_the_solr_fields_is_ignored() {
    let record = parse("v", RECORD, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Title), ["A title"]);
    assert_eq!(record.passages.len(), 2);
}

#[test]
fn secondary_authors_follow_the_primary_author() {
    let text = "_version_ 1\nauthor Smith, Ann\nauthor2 Lee, Bo\nKim, Cy\nauthor_facet Smith, Ann\nLee, Bo\nKim, Cy\ntitle_full T\n";
    let record = parse("v", text, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Author), ["Smith, Ann", "Lee, Bo", "Kim, Cy"]);
}

#[test]
fn every_description_value_is_read() {
    let two = RECORD.replace(
        "description BACKGROUND: Why. METHODS: How.\n",
        "description Objetivo: por qué. Método: cómo.\nObjective: why. Method: we interviewed 12 peer workers in one town.\n",
    );
    let record = parse("v", &two, &crate::layout::test_layouts());
    let methods: Vec<(&str, u32)> = record
        .passages
        .iter()
        .filter(|p| p.section == evtab_model::Section::Methods)
        .map(|p| (p.text.as_str(), p.line))
        .collect();
    assert_eq!(methods, [("we interviewed 12 peer workers in one town.", 12)]);
}
