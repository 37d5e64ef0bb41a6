use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<&str> {
    record.all(field).map(|f| f.value.as_str()).collect()
}

fn read(text: &str) -> Vec<SourceRecord> {
    records_of(text).iter().enumerate().map(|(i, r)| read_record(&format!("f#{}", i + 1), r)).collect()
}

#[test]
fn a_scopus_style_record() {
    let text = "TY  - JOUR\nTI  - Peer work in a city\nT2  - Harm Reduction Journal\nVL  - 16\nSP  - 12\nEP  - 20\nPY  - 2019\nDO  - 10.1234/hrj.12\nAU  - Okafor, A.\nAU  - Lindqvist, B.\nAB  - Background: Why. Methods: How.\nER  - \n";
    let rs = read(text);
    assert_eq!(rs.len(), 1);
    let r = &rs[0];
    assert_eq!(values(r, Field::Title), ["Peer work in a city"]);
    assert_eq!(values(r, Field::Author), ["Okafor, A.", "Lindqvist, B."]);
    assert_eq!(values(r, Field::Journal), ["Harm Reduction Journal"]);
    assert_eq!(values(r, Field::Pages), ["12-20"]);
    assert_eq!(values(r, Field::Doi), ["10.1234/hrj.12"]);
    assert_eq!(r.passages.len(), 2);
}

#[test]
fn a_title_cut_at_its_colon_into_t1_and_t2_and_dates_with_slashes() {
    let text = "TY  - JOUR\nT1  - The impact of peer support\nT2  - qualitative perspectives from a study\nJO  - Harm Reduct J\nPY  - 2022/12//\nDA  - 2013/06/01\nER  - \n";
    let r = &read(text)[0];
    assert_eq!(
        values(r, Field::Title),
        ["The impact of peer support: qualitative perspectives from a study"]
    );
    assert_eq!(values(r, Field::JournalAbbrev), ["Harm Reduct J"]);
    assert_eq!(values(r, Field::Date), ["2022-12", "2013-06-01"]);
    // The journal by its full name elsewhere: `T2` still continues the title.
    let text = "TY  - JOUR\nT1  - Peer work in prisons\nT2  - a qualitative study in Ghana\nJO  - Health and Justice\nER  - \n";
    let r = &read(text)[0];
    assert_eq!(values(r, Field::Title), ["Peer work in prisons: a qualitative study in Ghana"]);
    assert_eq!(values(r, Field::Journal), ["Health and Justice"]);
    // A journal whose name starts lower case is a journal, not a subtitle.
    for journal in ["npj Digital Medicine", "eLife", "mSystems"] {
        let text = format!("TY  - JOUR\nT1  - Peer work\nT2  - {journal}\nJ2  - Abbrev J\nER  - \n");
        let r = &read(&text)[0];
        assert_eq!(values(r, Field::Title), ["Peer work"], "{journal}");
        assert_eq!(values(r, Field::Journal), [journal]);
    }
}

#[test]
fn faults_import_tools_trip_on() {
    // A database header and search history between records, an `ER`-like
    // word opening an abstract line, a repeated tag, a last record without ER,
    // and a DOI only in a URL.
    let text = "Provider: Some Database\n1. peer support.mp.\n\nTY  - JOUR\nTI  - One\nAB  - First part\nER is also a word\nAU  - A, B\nAU  - C, D\nUR  - https://x.org/record?doi=10.1234%2Fabc.1&x=1\nER  - \n\n2. search line\nTY  - JOUR\nTI  - Two\n";
    let rs = read(text);
    assert_eq!(rs.len(), 2);
    assert_eq!(rs[0].passages[0].text, "First part ER is also a word");
    assert_eq!(values(&rs[0], Field::Author), ["A, B", "C, D"]);
    assert_eq!(values(&rs[0], Field::Doi), ["10.1234/abc.1"]);
    assert_eq!(values(&rs[1], Field::Title), ["Two"]);
    assert!(rs[1].warnings[0].contains("no ER line"));
    assert!(is_ris(text));
    assert!(!is_ris("A page\nwith TY mentioned\n"));
}
