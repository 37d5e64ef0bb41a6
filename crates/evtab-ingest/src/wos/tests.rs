use evtab_model::Field;

use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<String> {
    record.fields.iter().filter(|f| f.field == field).map(|f| f.value.clone()).collect()
}

const FILE: &str = "\u{feff}FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Doe, J\n   Roe, R\n\
AF Doe, Jane\n   Roe, Richard\nTI A long invented title that wraps\n   onto a second line\n\
SO JOURNAL OF INVENTED EXAMPLES\nJI J. Invent. Ex.\nDT Article\nDE peer support; qualitative\n\
AB Background: One.Methods: Two.\nSN 1234-5678\nPY 2019\nVL 12\nIS 3\nBP 101\nEP 110\n\
DI 10.5555/invented.001\nPM 12345678\nUT WOS:000000000000001\nER\n\nPT J\nAU Poe, C\nTI Second\n\
AR e12\nPY 2020\nUT WOS:000000000000002\nER\n\nEF\n";

#[test]
fn detection_by_header_or_record() {
    assert!(is_wos(FILE));
    assert!(is_wos("PT J\nAU Doe, J\nTI T\nER\n"));
    assert!(!is_wos("PT Barnum was here\nTI T\n"));
    assert!(!is_wos("TY  - JOUR\nTI  - T\nER  - \n"));
}

#[test]
fn reads_records_with_list_tags_and_wrapped_values() {
    let rs = records_of(FILE);
    assert_eq!(rs.len(), 2);
    let r = read_record("x#1", &rs[0]);
    assert_eq!(values(&r, Field::Author), ["Doe, Jane", "Roe, Richard"]);
    assert_eq!(values(&r, Field::Title), ["A long invented title that wraps onto a second line"]);
    assert_eq!(values(&r, Field::Journal), ["JOURNAL OF INVENTED EXAMPLES"]);
    assert_eq!(values(&r, Field::Pages), ["101-110"]);
    assert_eq!(values(&r, Field::Doi), ["10.5555/invented.001"]);
    assert_eq!(values(&r, Field::Keyword), ["peer support", "qualitative"]);
    assert_eq!(r.passages.len(), 2);
    assert_eq!(r.first(Field::Author).map(|f| f.line), Some(6));
    assert_eq!(r.fields.iter().filter(|f| f.field == Field::Author).nth(1).map(|f| f.line), Some(7));
    let second = read_record("x#2", &rs[1]);
    assert_eq!(values(&second, Field::Author), ["Poe, C"]);
    assert_eq!(values(&second, Field::Pages), ["e12"]);
    assert!(rs.iter().all(|r| r.closed));
}
