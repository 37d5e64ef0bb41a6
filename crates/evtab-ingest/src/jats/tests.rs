use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<&str> {
    record.all(field).map(|f| f.value.as_str()).collect()
}

const ARTICLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3//EN" "JATS-archivearticle1-3.dtd">
<article article-type="research-article">
<front>
<journal-meta><journal-title-group><journal-title>Invented Journal of Care</journal-title><abbrev-journal-title>Invent J Care</abbrev-journal-title></journal-title-group><issn pub-type="epub">1234-5678</issn></journal-meta>
<article-meta>
<article-id pub-id-type="doi">10.9999/ijc.2020.1</article-id>
<article-id pub-id-type="pmid">999</article-id>
<title-group><article-title>Peer workers in an invented clinic<xref ref-type="fn" rid="f1"><sup>*</sup></xref></article-title></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Okafor</surname><given-names>Ada</given-names></name><xref ref-type="aff" rid="a1">1</xref></contrib>
<contrib contrib-type="author"><name><surname>Lindqvist</surname><given-names>Bo</given-names></name></contrib></contrib-group>
<aff id="a1"><country>Nowhere</country></aff>
<pub-date pub-type="epub"><day>2</day><month>7</month><year>2020</year></pub-date>
<volume>5</volume><elocation-id>e12</elocation-id>
<abstract><sec><title>Background</title><p>Why we did it.</p></sec><sec><title>Methods</title><p>We interviewed 12 peer workers (<italic>n</italic>&#x02009;=&#x02009;12).</p></sec></abstract>
</article-meta>
</front>
<body>
<sec><title>Methods</title><p>Twelve peer workers took part.</p></sec>
<sec><title>Results</title><p>Two themes emerged.</p>
<sec><title>Theme 1: Building trust</title><p>Peers built trust&nbsp;slowly.</p></sec>
</sec>
<sec><title>References</title><p>Not read.</p></sec>
</body>
<back><ref-list><ref><mixed-citation>Other, A. doi:10.1111/other</mixed-citation></ref></ref-list></back>
</article>"#;

#[test]
fn front_matter_abstract_and_body_sections() {
    let r = parse("j", ARTICLE);
    assert_eq!(values(&r, Field::Title), ["Peer workers in an invented clinic"]);
    assert_eq!(values(&r, Field::Author), ["Okafor, Ada", "Lindqvist, Bo"]);
    assert_eq!(values(&r, Field::Doi), ["10.9999/ijc.2020.1"]);
    assert_eq!(values(&r, Field::Date), ["2020-07-02"]);
    assert_eq!(values(&r, Field::Journal), ["Invented Journal of Care"]);
    assert_eq!(values(&r, Field::Pages), ["e12"]);
    assert_eq!(r.passages.iter().filter(|p| p.in_abstract).count(), 2);
    assert!(r.passages.iter().any(|p| p.section == Section::Results && p.heading.as_deref() == Some("Theme 1: Building trust")));
    assert_eq!(
        r.result_headings.iter().map(|(h, _)| h.as_str()).collect::<Vec<_>>(),
        ["Theme 1: Building trust"]
    );
    assert!(!r.passages.iter().any(|p| p.text.contains("Not read")));
    assert!(is_jats(ARTICLE));
}

#[test]
fn a_string_name_without_parts_is_the_name_as_printed() {
    let article = ARTICLE.replace(
        "<name><surname>Lindqvist</surname><given-names>Bo</given-names></name>",
        "<string-name>Bo K. Lindqvist</string-name>",
    );
    assert_eq!(values(&parse("j", &article), Field::Author), ["Okafor, Ada", "Bo K. Lindqvist"]);
}

#[test]
fn the_year_is_the_issue_year_when_the_epub_came_a_year_earlier() {
    let dates = [
        (
            r#"<pub-date date-type="pub" publication-format="electronic"><day>27</day><month>09</month><year>2021</year></pub-date><pub-date date-type="collection" publication-format="electronic"><year>2022</year></pub-date>"#,
            "2022",
        ),
        (
            r#"<pub-date pub-type="epub"><day>3</day><month>8</month><year>2017</year></pub-date><pub-date pub-type="ppub"><month>2</month><year>2018</year></pub-date>"#,
            "2018-02",
        ),
        (r#"<pub-date pub-type="epub"><year>2019</year></pub-date>"#, "2019"),
    ];
    for (date, want) in dates {
        let article = ARTICLE.replace(
            r#"<pub-date pub-type="epub"><day>2</day><month>7</month><year>2020</year></pub-date>"#,
            date,
        );
        assert_eq!(values(&parse("j", &article), Field::Date), [want], "{date}");
    }
}

#[test]
fn an_external_entity_is_never_read_and_expansion_is_bounded() {
    let external = r#"<?xml version="1.0"?><!DOCTYPE article [<!ENTITY x SYSTEM "file:///etc/passwd">]><article><front><article-meta><title-group><article-title>&x;</article-title></title-group></article-meta></front></article>"#;
    let r = parse("j", external);
    assert!(values(&r, Field::Title).iter().all(|t| !t.contains("root")), "{:?}", r);
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE article [<!ENTITY a "lol">{}]><article><front><article-meta><title-group><article-title>&j;</article-title></title-group></article-meta></front></article>"#,
        (b'b'..=b'j')
            .map(|c| {
                let p = (c - 1) as char;
                format!("<!ENTITY {} \"&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};\">", c as char)
            })
            .collect::<String>()
    );
    let r = parse("j", &laughs);
    assert!(
        r.warnings.iter().any(|w| w.contains("cannot be read"))
            || values(&r, Field::Title).iter().all(|t| t.len() < 10_000_000)
    );
}
