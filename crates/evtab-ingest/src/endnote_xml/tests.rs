use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<&str> {
    record.all(field).map(|f| f.value.as_str()).collect()
}

fn style(v: &str) -> String {
    format!("<style face=\"normal\" font=\"default\" size=\"100%\">{v}</style>")
}

fn read(text: &str) -> Vec<Result<SourceRecord, String>> {
    records_of(text).iter().enumerate().map(|(i, r)| read_record(&format!("f#{}", i + 1), r)).collect()
}

#[test]
fn a_journal_article_with_style_runs_an_ovid_note_and_a_doi_in_its_links() {
    let text = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><xml><records>\n<record><rec-number>17</rec-number>\
         <ref-type name=\"Journal Article\">17</ref-type><contributors><authors><author>{}</author>\
         <author>{}</author></authors></contributors>\n<titles><title>{}</title><secondary-title>{}</secondary-title>\
         </titles><periodical><full-title>{}</full-title><abbr-1>{}</abbr-1></periodical>\
         <pages>{}</pages><volume>{}</volume><number>{}</number><dates><year>{}</year></dates><isbn>{}</isbn>\
         <abstract>{}</abstract><urls><related-urls><url>{}</url></related-urls></urls>\
         <research-notes>{}</research-notes></record>\n</records></xml>",
        style("Okafor, A"),
        style("Lindqvist, B C"),
        style("Peer <style face=\"italic\">work</style> in a city"),
        style("Harm Reduction Journal"),
        style("Harm Reduction Journal"),
        style("Harm Reduct J"),
        style("12-20"),
        style("16"),
        style("3"),
        style("2019"),
        style("1477-7517 (Electronic)&#xD;1477-7517 (Linking)"),
        style("BACKGROUND: Why. METHODS: How."),
        style("https://doi.org/10.1234/hrj.12"),
        style("DB - Ovid MEDLINE(R)&#xD;UI - 30123456"),
    );
    assert!(is_endnote_xml(&text));
    let rs = read(&text);
    assert_eq!(rs.len(), 1);
    let r = rs[0].as_ref().expect("reads");
    assert_eq!(values(r, Field::Title), ["Peer work in a city"]);
    assert_eq!(values(r, Field::Author), ["Okafor, A", "Lindqvist, B C"]);
    assert_eq!(values(r, Field::Journal), ["Harm Reduction Journal"]);
    assert_eq!(values(r, Field::JournalAbbrev), ["Harm Reduct J"]);
    assert_eq!(values(r, Field::Pages), ["12-20"]);
    assert_eq!(values(r, Field::Issue), ["3"]);
    assert_eq!(values(r, Field::Date), ["2019"]);
    assert_eq!(values(r, Field::Issn), ["1477-7517", "1477-7517"]);
    assert_eq!(values(r, Field::Doi), ["10.1234/hrj.12"]);
    assert_eq!(values(r, Field::Pmid), ["30123456"]);
    assert_eq!(values(r, Field::RecordId), ["17"]);
    assert_eq!(r.passages.len(), 2);
    assert_eq!(r.first(Field::Title).map(|f| f.line), Some(3));
}

#[test]
fn an_embase_accession_is_not_a_pubmed_id_and_a_book_has_no_journal() {
    let text = format!(
        "<xml><records><record><rec-number>2</rec-number><ref-type name=\"Book Section\">5</ref-type>\
         <titles><title>{}</title><secondary-title>{}</secondary-title></titles>\
         <research-notes>{}</research-notes></record></records></xml>",
        style("A chapter"),
        style("A handbook of care"),
        style("DB - Embase&#xD;UI - 612345678"),
    );
    let r = read(&text).remove(0).expect("reads");
    assert!(values(&r, Field::Journal).is_empty());
    assert!(values(&r, Field::Pmid).is_empty());
}

#[test]
fn faults_import_tools_trip_on() {
    // A BOM, an external entity, a broken record between good ones, Greek
    // text, and a last record cut off: every readable record is kept.
    let good = |n: u32, title: &str| {
        format!(
            "<record><rec-number>{n}</rec-number><titles><title>{}</title></titles></record>",
            style(title)
        )
    };
    let text = format!(
        "\u{feff}<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\
         <xml><records>{}<record><titles><title>&xxe;</title></titles></record>{}\
         <record><titles><title><style>unclosed</title></record>{}<record><rec-number>9</rec-number><titles><title>{}",
        good(1, "One"),
        good(2, "Ψυχική υγεία και ομότιμη υποστήριξη"),
        good(4, "Four"),
        style("cut")
    );
    assert!(is_endnote_xml(&text));
    let rs = read(&text);
    assert_eq!(rs.len(), 6);
    assert!(rs[0].is_ok() && rs[2].is_ok() && rs[4].is_ok());
    assert!(rs[1].as_ref().is_err_and(|e| e.contains("XML cannot be read")), "{:?}", rs[1].as_ref().err());
    assert!(rs[3].is_err());
    assert!(rs[5].as_ref().is_err_and(|e| e.contains("cut off")));
    assert_eq!(values(rs[2].as_ref().expect("greek"), Field::Title), ["Ψυχική υγεία και ομότιμη υποστήριξη"]);
    assert!(!is_endnote_xml("<html><body>records and titles</body></html>"));
}
