use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<&str> {
    record.all(field).map(|f| f.value.as_str()).collect()
}

fn read(text: &str) -> Vec<SourceRecord> {
    let table = records_of(text).expect("reads");
    table.rows.iter().enumerate().map(|(i, r)| read_record(&format!("f#{}", i + 1), &table, r)).collect()
}

#[test]
fn the_column_file_parses_and_names_each_header_once() {
    let map = parse_columns(COLUMNS_TOML).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(map.by_name.get("publicationyear"), Some(&Column::Year));
    assert!(
        parse_columns("min_known_columns = 1\nmissing = []\n[columns]\ntitle = [\"T\"]\ndoi = [\"t\"]\n")
            .is_err()
    );
}

#[test]
fn an_endnote_style_export_with_glued_authors_na_and_a_quoted_newline() {
    let text = "\"Author\",\"Year\",\"Journal\",\"DOI\",\"Title\",\"Pages\",\"Volume\",\"Number\",\"Abstract\",\"RecordID\",\"ISBN\",\"SecondaryTitle\",\"Url\"\n\
                \"Okafor A.Lindqvist B. C.\",\"2019\",\"Harm Reduct J\",\"http://dx.doi.org/10.1234/hrj.12\",\"Peer work in a city\",\"12-20\",\"16\",\"NA\",\"Why. How.\",\"7\",\"1477-7517\n1477-7518\",\"Harm Reduction Journal\",\"NA\"\n\
                \"Doe J.\",\"2020\",\"NA\",\"NA\",\"Second\",\"NA\",\"NA\",\"NA\",\"NA\",\"8\",\"NA\",\"NA\",\"https://doi.org/10.1234/x.2\"\n";
    assert!(is_bib_csv(text));
    let rs = read(text);
    assert_eq!(rs.len(), 2);
    let r = &rs[0];
    assert_eq!(values(r, Field::Author), ["Okafor A.", "Lindqvist B. C."]);
    assert_eq!(values(r, Field::Journal), ["Harm Reduct J", "Harm Reduction Journal"]);
    assert_eq!(values(r, Field::Doi), ["10.1234/hrj.12"]);
    assert_eq!(values(r, Field::Issn), ["1477-7517", "1477-7518"]);
    assert!(values(r, Field::Issue).is_empty());
    assert_eq!(values(r, Field::RecordId), ["7"]);
    assert_eq!(values(&rs[1], Field::Doi), ["10.1234/x.2"]);
    assert_eq!(values(&rs[1], Field::Author), ["Doe J."]);
    assert_eq!(
        (r.first(Field::Title).map(|f| f.line), rs[1].first(Field::Title).map(|f| f.line)),
        (Some(2), Some(4))
    );
}

#[test]
fn tab_separated_tags_semicolons_and_a_short_last_row() {
    let text = "PT\tAU\tTI\tSO\tPY\tBP\tEP\tDI\tUT\nJ\tOkafor, A; Lindqvist, B\tPeer work\tHARM REDUCT J\t2019\t12\t20\t10.1234/hrj.12\tWOS:0001\nJ\tDoe, J\tCut\n";
    assert!(is_bib_csv(text));
    let rs = read(text);
    assert_eq!(values(&rs[0], Field::Author), ["Okafor, A", "Lindqvist, B"]);
    assert_eq!(values(&rs[0], Field::Pages), ["12-20"]);
    assert_eq!(values(&rs[0], Field::RecordId), ["WOS:0001"]);
    assert_eq!(values(&rs[1], Field::Title), ["Cut"]);
    let semicolons = "Title;Authors;Year;Source title\nA;Okafor A., Lindqvist B.;2019;J\n";
    assert!(is_bib_csv(semicolons));
    assert_eq!(values(&read(semicolons)[0], Field::Author), ["Okafor A.", "Lindqvist B."]);
}

#[test]
fn author_cells_in_every_form() {
    assert_eq!(split_authors("Okafor, Ada"), ["Okafor, Ada"]);
    assert_eq!(split_authors("Okafor, Ada and Lindqvist, Bo"), ["Okafor, Ada", "Lindqvist, Bo"]);
    assert_eq!(
        split_authors("Okafor A.McDonald B.O'Neil C. D."),
        ["Okafor A.", "McDonald B.", "O'Neil C. D."]
    );
    assert_eq!(split_authors("Okafor AB, Lindqvist C, Doe J"), ["Okafor AB", "Lindqvist C", "Doe J"]);
    // Lens's `null` for a missing name part; an initial glued to a family name.
    assert_eq!(split_authors("null G.Okafor"), ["G.Okafor"]);
    assert_eq!(split_authors("Okafor A.Lindqvist B. C.Acme"), ["Okafor A.", "Lindqvist B. C.", "Acme"]);
    // PubMed's group author given twice, once with its e-mail address.
    assert_eq!(
        split_authors("Invented Consortium. Electronic address: a@b.org; Invented Consortium."),
        ["Invented Consortium"]
    );
    // Two authors of one name stay two.
    assert_eq!(split_authors("Wang Y; Wang Y; Li J"), ["Wang Y", "Wang Y", "Li J"]);
}

#[test]
fn a_spreadsheet_that_is_not_bibliographic_is_not_read_as_one() {
    assert!(!is_bib_csv("name,amount,date\nmilk,2,2020\n"));
    assert!(!is_bib_csv("Title\nonly a title column\n"));
    assert!(!is_bib_csv(""));
}
