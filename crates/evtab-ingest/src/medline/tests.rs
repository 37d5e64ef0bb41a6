use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<&str> {
    record.all(field).map(|f| f.value.as_str()).collect()
}

#[test]
fn a_record_with_wrapped_lines_and_ids() {
    let text = "PMID- 123456\nOWN - NLM\nDP  - 2023 Dec\nTI  - A study of peer work in\n      three clinics.\nLID - 10.1234/abc.9 [doi]\nLID - e123 [pii]\nAB  - BACKGROUND: Why. METHODS: How we\n      did it.\nFAU - Okafor, Ada\nAU  - Okafor A\nFAU - Lindqvist, Bo\nAU  - Lindqvist B\nJT  - Harm reduction journal\nTA  - Harm Reduct J\nIS  - 1477-7517 (Electronic)\nPMC - PMC999\n\nPMID- 654321\nTI  - Second.\n";
    let rs = records_of(text);
    assert_eq!(rs.len(), 2);
    let r = read_record("m#1", &rs[0]);
    assert_eq!(values(&r, Field::Title), ["A study of peer work in three clinics"]);
    assert_eq!(values(&r, Field::Author), ["Okafor, Ada", "Lindqvist, Bo"]);
    assert_eq!(values(&r, Field::Doi), ["10.1234/abc.9"]);
    assert_eq!(values(&r, Field::Issn), ["1477-7517"]);
    assert_eq!(values(&r, Field::Pmcid), ["PMC999"]);
    assert_eq!(values(&r, Field::Date), ["2023 Dec"]);
    assert_eq!(r.passages[1].text, "How we did it.");
    assert!(is_medline(text));
}
