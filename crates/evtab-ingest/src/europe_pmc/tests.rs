use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<&str> {
    record.all(field).map(|f| f.value.as_str()).collect()
}

fn read_all(text: &str) -> Vec<SourceRecord> {
    let results = results_of(text).expect("a response");
    results
        .iter()
        .enumerate()
        .map(|(i, r)| read_result(&format!("e#{}", i + 1), r).expect("a result"))
        .collect()
}

const CORE_JSON: &str = r#"{
  "version": "6.9",
  "hitCount": 2,
  "request": {"queryString": "peer", "resultType": "core"},
  "resultList": {
    "result": [
      {
        "pmid": "999",
        "doi": "10.9999/ijc.1",
        "title": "Peer workers in an invented clinic.",
        "authorString": "Okafor A, Lindqvist B.",
        "authorList": {"author": [
          {"fullName": "Okafor A", "firstName": "Ada", "lastName": "Okafor"},
          {"collectiveName": "The Invented Group"}
        ]},
        "journalInfo": {
          "volume": "26", "issue": "3", "yearOfPublication": 2025, "monthOfPublication": 6,
          "journal": {"title": "Invented journal of care : official journal of a society",
                      "isoabbreviation": "Invent J Care", "issn": "1234-5678"}
        },
        "pubYear": "2024",
        "pageInfo": "e47",
        "abstractText": "<h4>Aim</h4>To invent.<h4>Methods</h4>We interviewed 12 peer workers."
      },
      {
        "title": "A lite result", "authorString": "Doe J, Roe R.", "journalTitle": "Invent J Care",
        "pubYear": "2021", "doi": "10.9999/ijc.2"
      }
    ]
  }
}"#;

#[test]
fn a_core_json_response_gives_one_record_per_result_with_its_line() {
    assert!(is_europe_pmc(CORE_JSON));
    let results = results_of(CORE_JSON).expect("a response");
    assert_eq!(results.iter().map(|r| r.span().1).collect::<Vec<_>>(), [7, 25]);
    let records = read_all(CORE_JSON);
    let r = &records[0];
    assert_eq!(values(r, Field::Title), ["Peer workers in an invented clinic."]);
    assert_eq!(values(r, Field::Author), ["Okafor, Ada", "The Invented Group"]);
    assert_eq!(values(r, Field::Journal), ["Invented journal of care : official journal of a society"]);
    assert_eq!(values(r, Field::JournalAbbrev), ["Invent J Care"]);
    assert_eq!(values(r, Field::Date), ["2025-06"], "the issue date, not the first online year");
    assert_eq!(values(r, Field::Doi), ["10.9999/ijc.1"]);
    assert_eq!(
        (values(r, Field::Volume), values(r, Field::Issue), values(r, Field::Pages)),
        (vec!["26"], vec!["3"], vec!["e47"])
    );
    assert_eq!(r.passages.len(), 2, "{:?}", r.passages);
    let lite = &records[1];
    assert_eq!(values(lite, Field::Author), ["Doe J", "Roe R"]);
    assert_eq!(values(lite, Field::JournalAbbrev), ["Invent J Care"]);
    assert_eq!(values(lite, Field::Date), ["2021"]);
}

#[test]
fn a_dublin_core_response_reads_the_open_url_and_identifier_links() {
    let text = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><responseWrapper xmlns:dcterms="http://purl.org/dc/terms/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"><version>6.9</version><hitCount>2</hitCount><rdf:RDF>"#,
        r#"<rdf:Description rdf:about="http://europepmc.org/abstract/MED/999"><dc:title>Peer workers in an invented clinic.</dc:title><dc:creator>Okafor, A</dc:creator><dc:creator>Lindqvist, B</dc:creator><dc:date>2025-07-01</dc:date>"#,
        r#"<dc:identifier>http://europepmc.org/abstract/MED/999</dc:identifier><dc:identifier>https://doi.org/10.9999/ijc.1</dc:identifier>"#,
        r#"<dcterms:bibliographicCitation>Okafor A, Lindqvist B. Peer workers. Invent J Care. 2025;36(3):e1.</dcterms:bibliographicCitation>"#,
        r#"<dcterms:bibliographicCitation>&amp;ctx_ver=Z39.88-2004&amp;rft.jtitle=Invented%20journal%20of%20care&amp;rft.stitle=Invent%20J%20Care&amp;rft.volume=36&amp;rft.issue=3&amp;rft.pages=e1</dcterms:bibliographicCitation>"#,
        r#"<dcterms:abstract>&lt;h4&gt;Aim&lt;/h4&gt;To invent.&lt;h4&gt;Methods&lt;/h4&gt;We interviewed peers.</dcterms:abstract></rdf:Description>"#,
        "\n",
        r#"<rdf:Description rdf:about="x"><dc:title>Second</dc:title><dc:creator>Doe, J</dc:creator></rdf:Description></rdf:RDF></responseWrapper>"#,
    );
    assert!(is_europe_pmc(text));
    let records = read_all(text);
    assert_eq!(records.len(), 2);
    let r = &records[0];
    assert_eq!(values(r, Field::Author), ["Okafor, A", "Lindqvist, B"]);
    assert_eq!(values(r, Field::Journal), ["Invented journal of care"]);
    assert_eq!(values(r, Field::JournalAbbrev), ["Invent J Care"]);
    assert_eq!(values(r, Field::Doi), ["10.9999/ijc.1"]);
    assert_eq!(values(r, Field::Pmid), ["999"]);
    assert_eq!(values(r, Field::Volume), ["36"]);
    assert_eq!(r.passages.len(), 2, "{:?}", r.passages);
    assert_eq!(records[1].first(Field::Title).map(|f| f.line), Some(2));
}

#[test]
fn a_broken_response_is_an_error_and_other_json_is_not_europe_pmc() {
    assert!(results_of(r#"{"hitCount": 1, "resultList": {"result": [{"title": "cut"#).is_err());
    assert!(!is_europe_pmc(r#"[{"title": "A", "issued": {"date-parts": [[2020]]}}]"#));
    assert!(!is_europe_pmc("<xml><records><record/></records></xml>"));
    let empty = r#"{"hitCount": 0, "resultList": {"result": []}}"#;
    assert!(is_europe_pmc(empty));
    assert!(results_of(empty).expect("a response").is_empty());
}
