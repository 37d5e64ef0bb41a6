//! Markup left in running text by the page or export it came from
//! (`<jats:p>`, `<b>Results:</b>`, `{\textquoteleft}`), blanked so that
//! readers see words only.

use std::borrow::Cow;

/// TeX quote macros as BibTeX exports print them, and the character each stands for.
const TEX_QUOTES: [(&str, &str); 4] = [
    ("{\\textquoteleft}", "‘"),
    ("{\\textquoteright}", "’"),
    ("{\\textquotedblleft}", "“"),
    ("{\\textquotedblright}", "”"),
];

/// Replaces every HTML or XML tag with spaces of the same length, so that
/// byte offsets and line numbers stay those of the printed text, and TeX
/// quote macros with the quote they stand for. A `<` that opens no tag
/// (`p < 0.05`, `<5 years`) is left as it is.
pub fn blank_markup(text: &str) -> Cow<'_, str> {
    if !text.contains('<') && !text.contains("{\\textquote") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['<', '{']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(len) = tag_len(tail) {
            out.extend(std::iter::repeat_n(' ', len));
            rest = &tail[len..];
        } else if let Some((macro_text, quote)) = TEX_QUOTES.iter().find(|(m, _)| tail.starts_with(m)) {
            out.push_str(quote);
            rest = &tail[macro_text.len()..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Inline tags that style a word (`<i>ABC1</i>`, `<sup>11</sup>C`): they
/// go without a space, where any other tag separates words.
const INLINE_TAGS: [&str; 10] = ["i", "b", "em", "strong", "sup", "sub", "u", "sc", "span", "small"];

/// A short value (a title, a journal) without the markup a database left
/// in it: inline tags removed (`the <i>ABC1</i> gene` is `the ABC1 gene`),
/// other tags read as a space, and spaces collapsed. A `<` that opens no
/// tag stays, as in [`blank_markup`].
pub fn strip_markup(value: &str) -> Cow<'_, str> {
    if !value.contains('<') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    let mut changed = false;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        // `<https://doi.org/…>` is a link in angle brackets, not a tag.
        if let Some(len) = tag_len(tail).filter(|&len| !tail[..len].contains("://")) {
            let name = tail[1..len - 1].trim_start_matches('/');
            let name = name.split([' ', '/']).next().unwrap_or("").to_ascii_lowercase();
            if !INLINE_TAGS.contains(&name.as_str()) {
                out.push(' ');
            }
            rest = &tail[len..];
            changed = true;
        } else {
            out.push('<');
            rest = &tail[1..];
        }
    }
    if !changed {
        return Cow::Borrowed(value);
    }
    out.push_str(rest);
    Cow::Owned(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// HTML character references a database or export left in a value
/// (`Peer &amp; lay workers`, `&#39;`, `&eacute;`, `&#x2013;`), decoded
/// with the HTML5 entity table; twice when the exporter encoded them twice
/// (`&amp;amp;`). A `&` that starts no reference (`R&D`, `Q&A;`) stays.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    match html_escape::decode_html_entities(text) {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        Cow::Owned(once) => {
            let twice = match html_escape::decode_html_entities(&once) {
                Cow::Borrowed(_) => None,
                Cow::Owned(twice) => Some(twice),
            };
            Cow::Owned(twice.unwrap_or(once))
        }
    }
}

/// The byte length of a tag at the start of `text` (`<p>`, `</jats:sec>`,
/// `<sec id="s1">`, `<br/>`), or `None` when `text` does not open one.
fn tag_len(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('<')?;
    let name = inner.strip_prefix('/').unwrap_or(inner);
    if !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let close = inner.find('>')?;
    let body = &inner[..close];
    // A tag is short, on one line, and its name is letters, digits, `:`, `-`.
    let name_end =
        name.find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-')).unwrap_or(name.len());
    let after_name = &name[name_end..];
    let plausible = close <= 200
        && !body.contains(['\n', '<'])
        && body.is_ascii()
        && (after_name.starts_with('>') || after_name.starts_with(' ') || after_name.starts_with('/'));
    plausible.then_some(close + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_spaces_of_their_length() {
        let text = "<p><b>Results:</b> Two themes.</p>";
        let blanked = blank_markup(text);
        assert_eq!(blanked.len(), text.len());
        assert_eq!(blanked.split_whitespace().collect::<Vec<_>>(), ["Results:", "Two", "themes."]);
        let jats = "</jats:sec> <jats:sec id=\"results\"> Results Five themes";
        assert_eq!(blank_markup(jats).trim(), "Results Five themes");
    }

    #[test]
    fn entities_left_in_values_are_decoded_once_or_twice() {
        let cases = [
            ("Peer &amp; lay workers", "Peer & lay workers"),
            ("the &quot;expert&quot; patient&#39;s role", "the \"expert\" patient's role"),
            ("S&eacute;bastien &#x2013; caf&#233;", "Sébastien – café"),
            ("&amp;amp; and &amp;lt;i&amp;gt;", "& and <i>"),
            ("&lt;i&gt;In vivo&lt;/i&gt;", "<i>In vivo</i>"),
        ];
        for (text, decoded) in cases {
            assert_eq!(decode_entities(text), decoded, "{text}");
        }
    }

    #[test]
    fn markup_in_a_value_goes_and_inline_tags_leave_no_space() {
        let cases = [
            ("the <i>ABC1</i> gene", "the ABC1 gene"),
            ("Imaging with [<sup>11</sup>C]X", "Imaging with [11C]X"),
            ("A title<br/>split", "A title split"),
            ("<jats:title>Peer work</jats:title> ", "Peer work"),
            ("<I>Capital</I> tags", "Capital tags"),
        ];
        for (value, stripped) in cases {
            assert_eq!(strip_markup(value), stripped, "{value}");
        }
        for value in ["aged <5 years", "p < 0.05", "a <b and c", "no tags", "<https://doi.org/10.1/x>"] {
            assert!(matches!(strip_markup(value), Cow::Borrowed(v) if v == value), "{value}");
        }
    }

    #[test]
    fn an_ampersand_that_starts_no_reference_stays() {
        for text in
            ["R&D", "Q&A; a survey", "AT&T", "&", "&;", "&#;", "&#xZZ;", "a & b", "&notanentity;", "&#0;"]
        {
            assert!(matches!(decode_entities(text), Cow::Borrowed(t) if t == text), "{text}");
        }
    }

    #[test]
    fn a_less_than_sign_that_opens_no_tag_stays() {
        for text in ["p < 0.05 and <5 years", "a <b and c", "x <3", "<", "<a", "< p>"] {
            assert_eq!(blank_markup(text), text);
        }
    }

    #[test]
    fn tex_quote_macros_become_quotes() {
        assert_eq!(blank_markup("{\\textquoteleft}being seen{\\textquoteright}"), "‘being seen’");
    }

    #[test]
    fn never_panics_on_odd_bytes() {
        for text in ["<é>", "<a\u{301}>", "{\\textquote", "<<<>>>", "</>", "<a href='ü'>x</a>"] {
            let _ = blank_markup(text);
        }
    }
}
