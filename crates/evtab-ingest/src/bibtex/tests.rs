use evtab_model::Field;

use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<String> {
    record.fields.iter().filter(|f| f.field == field).map(|f| f.value.clone()).collect()
}

fn read_all(text: &str) -> Vec<Result<SourceRecord, String>> {
    let (entries, strings) = entries_of(text);
    entries.iter().enumerate().map(|(i, e)| read_entry(&format!("x#{}", i + 1), e, &strings)).collect()
}

#[test]
fn detection_needs_a_block_at_the_start() {
    assert!(is_bibtex("% exported\n\n@Article{doe2020,\n  title = {T}}\n"));
    assert!(is_bibtex("\u{feff}@comment{jabref-meta: x}\n@article{a, title={T}}"));
    assert!(!is_bibtex("Contact us @ the desk\n@article{a, title={T}}"));
    assert!(!is_bibtex("@someone said hello"));
    assert!(!is_bibtex(""));
}

#[test]
fn reads_fields_authors_and_lines() {
    let text = "@article{doe2020,\n  author = {Doe, Jane and van der Berg, Anna and Lee Wu and others},\n  \
                title = {A {Study} of Things},\n  journal = {Journal of Examples},\n  year = 2020,\n  \
                month = jun,\n  volume = {4}, number = {2}, pages = {10--20},\n  \
                doi = {10.1000/xyz.123},\n  keywords = {peer support; mental health},\n}\n";
    let records = read_all(text);
    let r = records[0].as_ref().expect("reads");
    assert_eq!(values(r, Field::Title), ["A Study of Things"]);
    assert_eq!(values(r, Field::Author), ["Doe, Jane", "van der Berg, Anna", "Wu, Lee"]);
    assert!(r.authors_truncated);
    assert_eq!(values(r, Field::Journal), ["Journal of Examples"]);
    assert_eq!(values(r, Field::Date), ["2020-06"]);
    assert_eq!(values(r, Field::Doi), ["10.1000/xyz.123"]);
    assert_eq!(values(r, Field::Keyword), ["peer support", "mental health"]);
    assert_eq!(values(r, Field::PublicationType), ["article"]);
    assert_eq!(r.first(Field::Title).map(|f| f.line), Some(3));
    assert_eq!(r.first(Field::Doi).map(|f| f.line), Some(8));
}

#[test]
fn a_broken_or_repeated_entry_costs_itself_alone() {
    let text = "@article{a, title = {First}, year = 2001}\n\
                @article{b, title = {Unclosed, year = 2002\n\
                @article{a, title = {Same key again}, year = 2003}\n";
    let records = read_all(text);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0].as_ref().map(|r| values(r, Field::Title)), Ok(vec!["First".to_string()]));
    let err = records[1].as_ref().expect_err("unclosed brace");
    assert!(err.contains("cannot be read"), "{err}");
    assert_eq!(records[2].as_ref().map(|r| values(r, Field::Title)), Ok(vec!["Same key again".to_string()]));
}

#[test]
fn string_abbreviations_apply_and_comments_are_not_entries() {
    let text = "@string{jex = \"Journal of Examples\"}\n@comment{nothing here}\n\
                @article{a,\n title = \"Quoted \" # \"title\",\n journal = jex,\n date = {2021-03-04}}\n";
    let (entries, _) = entries_of(text);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].first_line, 3);
    let records = read_all(text);
    let r = records[0].as_ref().expect("reads");
    assert_eq!(values(r, Field::Title), ["Quoted title"]);
    assert_eq!(values(r, Field::Journal), ["Journal of Examples"]);
    assert_eq!(values(r, Field::Date), ["2021-03-04"]);
    assert_eq!(r.first(Field::Title).map(|f| f.line), Some(4));
}

#[test]
fn biblatex_pubmed_eprint_and_no_panic_on_junk() {
    let text = "@online{x, title={T}, eprinttype={pubmed}, eprint={12345678}, journaltitle={J}}";
    let records = read_all(text);
    assert_eq!(records[0].as_ref().map(|r| values(r, Field::Pmid)), Ok(vec!["12345678".to_string()]));
    for junk in ["@a{", "@a{,", "@a{k, title = {\u{0}}", "@a{k, author = { and and }}", "@a(k, x = y)"] {
        let _ = read_all(junk);
    }
}

#[test]
fn latex_accents_become_letters() {
    let text = "@article{m, author = {M{\\\"u}ller, J{\\'o}zsef and Garc\\'{i}a, Ana}, title = {Caf\\'e}}";
    let records = read_all(text);
    let r = records[0].as_ref().expect("reads");
    assert_eq!(values(r, Field::Author), ["Müller, József", "García, Ana"]);
    assert!(!r.authors_truncated);
    assert_eq!(values(r, Field::Title), ["Café"]);
}

#[test]
fn every_prefix_of_a_file_reads_without_panicking() {
    let text = "@string{j = {Journal}}\n@article{k,\n  author = {M{\\\"u}ller, Ann and others},\n  \
                title = \"T \" # j,\n  journal = j,\n  year = 2020, month = jun,\n  \
                abstract = {Background: A.Methods: B.},\n}\n@comment{x}\n";
    for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        for entry in read_all(&text[..end]).into_iter().flatten() {
            assert!(entry.fields.iter().all(|f| f.line >= 1 && f.line <= 8), "{end}: {entry:?}");
        }
    }
}
