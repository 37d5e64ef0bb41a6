use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<&str> {
    record.all(field).map(|f| f.value.as_str()).collect()
}

fn read(text: &str) -> Vec<Result<SourceRecord, String>> {
    records_of(text).iter().enumerate().map(|(i, r)| read_record(&format!("f#{}", i + 1), r)).collect()
}

const ARTICLE: &str = r#"<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">30123456</PMID>
<Article PubModel="Electronic"><Journal><ISSN IssnType="Electronic">1477-7517</ISSN><JournalIssue CitedMedium="Internet"><Volume>16</Volume><Issue>1</Issue><PubDate><Year>2019</Year><Month>Mar</Month></PubDate></JournalIssue><Title>Harm reduction journal</Title><ISOAbbreviation>Harm Reduct J</ISOAbbreviation></Journal>
<ArticleTitle>Peer <i>work</i> in a city.</ArticleTitle><Pagination><MedlinePgn>12</MedlinePgn></Pagination><ELocationID EIdType="doi" ValidYN="Y">10.1234/hrj.12</ELocationID>
<Abstract><AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Why.</AbstractText><AbstractText Label="METHODS" NlmCategory="METHODS">How.</AbstractText></Abstract>
<AuthorList CompleteYN="Y"><Author ValidYN="Y"><LastName>Okafor</LastName><ForeName>Ada</ForeName><Initials>A</Initials></Author><Author><CollectiveName>The Peer Study Group</CollectiveName></Author></AuthorList>
<Language>eng</Language><PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList></Article>
<MedlineJournalInfo><MedlineTA>Harm Reduct J</MedlineTA></MedlineJournalInfo></MedlineCitation>
<PubmedData><ArticleIdList><ArticleId IdType="pubmed">30123456</ArticleId><ArticleId IdType="doi">10.1234/hrj.12</ArticleId><ArticleId IdType="pmc">PMC6000001</ArticleId></ArticleIdList></PubmedData></PubmedArticle>"#;

#[test]
fn an_article_with_a_labelled_abstract_and_a_group_author() {
    let text = format!(
        "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2019//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd\">\n<PubmedArticleSet>\n{ARTICLE}\n</PubmedArticleSet>\n"
    );
    assert!(is_pubmed_xml(&text));
    let rs = read(&text);
    assert_eq!(rs.len(), 1);
    let r = rs[0].as_ref().expect("reads");
    assert_eq!(values(r, Field::Title), ["Peer work in a city."]);
    assert_eq!(values(r, Field::Author), ["Okafor, Ada", "The Peer Study Group"]);
    assert_eq!(values(r, Field::Journal), ["Harm reduction journal"]);
    assert_eq!(values(r, Field::Date), ["2019-03"]);
    assert_eq!(values(r, Field::Doi), ["10.1234/hrj.12", "10.1234/hrj.12"]);
    assert_eq!(values(r, Field::Pmid), ["30123456"]);
    assert_eq!(values(r, Field::Pmcid), ["PMC6000001"]);
    assert_eq!(
        r.passages.iter().map(|p| p.section).collect::<Vec<_>>(),
        [Section::Background, Section::Methods]
    );
    assert_eq!(r.first(Field::Pmid).map(|f| f.line), Some(4));
    assert_eq!(r.first(Field::Title).map(|f| f.line), Some(6));
}

#[test]
fn a_medline_date_a_bracketed_translated_title_and_a_cut_last_article() {
    let other = ARTICLE
        .replace("<Year>2019</Year><Month>Mar</Month>", "<MedlineDate>2018 Nov-Dec</MedlineDate>")
        .replace("Peer <i>work</i> in a city.", "[Peer work in a city].");
    let text = format!("<PubmedArticleSet>{other}{}</PubmedArticleSet>", &ARTICLE[..300]);
    let rs = read(&text);
    assert_eq!(rs.len(), 2);
    let r = rs[0].as_ref().expect("reads");
    assert_eq!(values(r, Field::Title), ["Peer work in a city."]);
    assert_eq!(values(r, Field::Date), ["2018 Nov-Dec"]);
    assert!(rs[1].as_ref().is_err_and(|e| e.contains("cut off")));
    assert!(!is_pubmed_xml("<html><p>PubmedArticle</p></html>"));
}
