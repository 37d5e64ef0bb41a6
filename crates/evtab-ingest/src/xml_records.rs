//! The records of an XML export file (EndNote XML, PubMed XML), cut apart
//! before any of them is parsed.
//!
//! Each record element is parsed on its own, so a 100 MB library never sits
//! in one tree, the size limit applies per record, a truncated last record
//! or one broken record costs that record alone, and a file's DTD is never
//! seen by the parser: an entity it declares (`&xxe;`, a billion-laughs
//! chain) is an unknown entity inside the record, which is then rejected
//! with the parser's reason instead of being expanded or fetched.

use roxmltree::{Document, Node, ParsingOptions};
use std::borrow::Cow;

/// One record element of an XML export, as text.
pub(crate) struct XmlRecord<'a> {
    /// The record's text, from its opening tag to its closing tag (or to
    /// the end of the file when it is cut off).
    pub(crate) text: &'a str,
    /// The 1-based line of the file the record starts on.
    pub(crate) first_line: u32,
    /// Whether the closing tag was found.
    pub(crate) closed: bool,
}

/// The elements named `tag` in file order (`<record>` or `<record …>`, not
/// `<records>`); they must not nest, as the export formats' records do not.
pub(crate) fn records_of<'a>(text: &'a str, tag: &str) -> Vec<XmlRecord<'a>> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    // The next opening tag of a record at or after `from` (`<record>`,
    // `<record n="2">`, `<record />`), not a longer name (`<records>`).
    let next_open = |from: usize| -> Option<usize> {
        let mut at = from;
        while let Some(found) = text.get(at..)?.find(&open) {
            let start = at + found;
            let after = text.as_bytes().get(start + open.len()).copied();
            if matches!(after, Some(b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'/')) {
                return Some(start);
            }
            at = start + open.len();
        }
        None
    };
    let mut out = Vec::new();
    let (mut from, mut line, mut counted) = (0, 1u32, 0);
    while let Some(start) = next_open(from) {
        line += count_newlines(&text[counted..start]);
        counted = start;
        let head_end = text[start..].find('>').map_or(text.len(), |at| start + at + 1);
        let self_closed = text[start..head_end].trim_end_matches('>').trim_end().ends_with('/');
        let (end, closed) = if self_closed {
            (head_end, true)
        } else {
            // A record ends at its closing tag, or where the next record
            // opens when its own closing tag is missing.
            let close_at = text[head_end..].find(&close).map(|at| head_end + at);
            let next_at = next_open(head_end);
            match (close_at, next_at) {
                (Some(c), Some(n)) if n < c => (n, false),
                (Some(c), _) => (c + close.len(), true),
                (None, Some(n)) => (n, false),
                (None, None) => (text.len(), false),
            }
        };
        out.push(XmlRecord { text: &text[start..end], first_line: line, closed });
        from = end;
    }
    out
}

fn count_newlines(text: &str) -> u32 {
    u32::try_from(text.bytes().filter(|&b| b == b'\n').count()).unwrap_or(u32::MAX)
}

/// The five entities XML itself defines, which the parser expands.
const XML_ENTITIES: [&str; 5] = ["amp", "lt", "gt", "quot", "apos"];

/// Text with the HTML named entities exports (and JATS files) use without
/// declaring them (`&nbsp;`, `&ndash;`, `&eacute;`) replaced by their
/// characters from the HTML5 entity table, so the XML parser, which knows
/// only XML's five, can read the record. XML's own five and numeric
/// references are left for the parser; a name HTML does not define is
/// left too, and the parser rejects it.
pub(crate) fn html_entities_as_characters(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = text[from..].find('&').map(|i| from + i) {
        from = at + 1;
        let tail = &text[from..];
        let Some(len) = tail.find(';').filter(|&len| (1..=32).contains(&len)) else { continue };
        let name = &tail[..len];
        if !name.bytes().all(|b| b.is_ascii_alphanumeric()) || XML_ENTITIES.contains(&name) {
            continue;
        }
        if let Cow::Owned(character) = html_escape::decode_html_entities(&text[at..=from + len]) {
            out.push_str(&text[copied..at]);
            out.push_str(&character);
            copied = from + len + 1;
            from = copied;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The record's text with undeclared HTML entities replaced, ready to parse.
pub(crate) fn prepared<'a>(record: &XmlRecord<'a>) -> Cow<'a, str> {
    html_entities_as_characters(record.text)
}

/// Parses one record's text: no DTD (a record never has one), and a node
/// limit far above any real record.
pub(crate) fn parse(text: &str) -> Result<Document<'_>, String> {
    let options = ParsingOptions { allow_dtd: false, nodes_limit: 1_000_000 };
    Document::parse_with_options(text, options).map_err(|e| format!("the XML cannot be read: {e}"))
}

/// All the text under a node, whitespace collapsed (EndNote wraps every
/// value in `<style>` elements; PubMed puts `<i>` and `<sup>` in titles).
pub(crate) fn text_of(node: Node<'_, '_>) -> String {
    let mut out = String::new();
    for d in node.descendants().filter(Node::is_text) {
        out.push_str(d.text().unwrap_or(""));
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first child element with this name.
pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

/// The child elements with this name.
pub(crate) fn children<'a, 'i: 'a>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |c| c.has_tag_name(name))
}

/// The element at a path of child names (`["titles", "title"]`).
pub(crate) fn at<'a, 'i>(node: Node<'a, 'i>, path: &[&str]) -> Option<Node<'a, 'i>> {
    path.iter().try_fold(node, |n, name| child(n, name))
}

/// The 1-based line of the file a node starts on.
pub(crate) fn line_of(doc: &Document<'_>, node: Node<'_, '_>, first_line: u32) -> u32 {
    first_line + doc.text_pos_at(node.range().start).row - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_cut_apart_with_their_lines_and_a_cut_last_record_is_kept() {
        let text =
            "<xml><records>\n<record><a>1</a></record>\n\n<record n=\"2\">\n<a>2</a></record><record><a>3";
        let records = records_of(text, "record");
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].text, "<record><a>1</a></record>");
        assert_eq!((records[0].first_line, records[1].first_line, records[2].first_line), (2, 4, 5));
        assert!(records[1].closed && !records[2].closed);
        assert!(parse(records[2].text).is_err());
        let doc = parse(records[1].text).expect("well formed");
        let a = child(doc.root_element(), "a").expect("a");
        assert_eq!((text_of(a).as_str(), line_of(&doc, a, records[1].first_line)), ("2", 5));
    }

    #[test]
    fn a_self_closed_or_unclosed_record_does_not_swallow_the_next() {
        let text = "<records><record /><record><a>1</a><record><a>2</a></record></records>";
        let records = records_of(text, "record");
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].text, "<record />");
        assert_eq!(records[1].text, "<record><a>1</a>");
        assert!(!records[1].closed && records[2].closed);
        assert!(parse(records[2].text).is_ok());
    }

    #[test]
    fn html_entities_become_characters_and_xml_ones_are_left_to_the_parser() {
        let cases = [
            (
                "<t>S&eacute;n&eacute;gal &ndash; caf&eacute;&nbsp;&hellip;</t>",
                "<t>Sénégal – café\u{a0}…</t>",
            ),
            (
                "<t>&amp;ndash; &lt;i&gt; &#233; &#x2013; &quot;</t>",
                "<t>&amp;ndash; &lt;i&gt; &#233; &#x2013; &quot;</t>",
            ),
            ("<t>&xxe; &a; R&D &; &e acute; &&ndash;</t>", "<t>&xxe; &a; R&D &; &e acute; &–</t>"),
        ];
        for (text, prepared) in cases {
            assert_eq!(html_entities_as_characters(text), prepared, "{text}");
        }
        assert!(matches!(html_entities_as_characters("<t>a &amp; b</t>"), Cow::Borrowed(_)));
    }

    #[test]
    fn an_entity_the_file_declares_is_never_expanded() {
        let text = "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\"><!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<xml><records><record><t>&xxe;</t></record><record><t>&b;</t></record><record><t>plain &amp; &ndash; fine</t></record></records></xml>";
        let records = records_of(text, "record");
        assert_eq!(records.len(), 3);
        assert!(parse(&prepared(&records[0])).is_err());
        assert!(parse(&prepared(&records[1])).is_err());
        let third = prepared(&records[2]);
        let doc = parse(&third).expect("plain record");
        assert_eq!(text_of(doc.root_element()), "plain & – fine");
    }
}
