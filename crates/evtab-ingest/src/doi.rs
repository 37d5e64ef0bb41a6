//! Finding DOIs in printed text, in every form pages print them: bare
//! (`10.1234/abc.5`), `doi:`/`DOI:` prefixed, as `https://doi.org/` or
//! `dx.doi.org` links (any case, even an OCR'd `dx.doi.Org`), with trailing
//! punctuation, or split over a line break right after a hyphen or slash.
//!
//! What a DOI is stays the normaliser's job; this only cuts the printed
//! DOI out of its text. Which parts of a document may hold the study's own
//! DOI (not the reference list, not "similar items") is the caller's.

use std::sync::LazyLock;

use regex::Regex;

static DOI: LazyLock<Regex> = LazyLock::new(|| {
    // The suffix runs to the first space or character no DOI prints in
    // running text; trailing punctuation is cut afterwards.
    Regex::new(r#"(?i)\b10\.\d{4,9}/[^\s"<>{}|\\^`\[\]&]+"#).expect("constant regex")
});

/// A DOI as printed, cut from its text, with its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundDoi {
    /// The DOI itself (`10.…`), trailing punctuation removed.
    pub doi: String,
    /// Byte offset where the DOI starts in the text searched.
    pub start: usize,
}

/// Every DOI in `text`, in order. A DOI cut by a line break after `-`, `/`
/// or `.` is joined with the next line when that line continues it.
pub(crate) fn find_dois(text: &str) -> Vec<FoundDoi> {
    let mut out: Vec<FoundDoi> = Vec::new();
    for m in DOI.find_iter(text) {
        let mut doi = trim_trailing(m.as_str()).to_string();
        let end = m.start() + doi.len();
        if doi.ends_with(['-', '/', '.']) && end == m.end() {
            // `10.1234/abcd-⏎2021-7`: the rest starts the next line.
            let rest = &text[end..];
            let next = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n'));
            if let Some(next) = next {
                let piece: String = next
                    .chars()
                    .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '<' | '>'))
                    .collect();
                if !piece.is_empty() && piece.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
                    doi.push_str(trim_trailing(&piece));
                }
            }
        }
        if doi.len() > 8 && !out.iter().any(|f| f.doi.eq_ignore_ascii_case(&doi)) {
            out.push(FoundDoi { doi, start: m.start() });
        }
    }
    out
}

/// The first DOI in `text`.
pub(crate) fn first_doi(text: &str) -> Option<String> {
    find_dois(text).into_iter().next().map(|f| f.doi)
}

/// Cuts punctuation that ends a sentence or a bracket, not the DOI: a
/// closing bracket stays when the DOI opened one (`10.1016/S0140(20)30`).
fn trim_trailing(doi: &str) -> &str {
    let mut doi = doi;
    loop {
        let before = doi;
        doi = doi.trim_end_matches(['.', ',', ';', ':', '\'', '’', '”', '»', '*']);
        for (open, close) in [('(', ')'), ('[', ']')] {
            if doi.ends_with(close) && doi.matches(open).count() < doi.matches(close).count() {
                doi = &doi[..doi.len() - 1];
            }
        }
        // Page text glued after a DOI link: `…-7Full text`, `…_2Download`.
        if doi == before {
            return doi;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dois(text: &str) -> Vec<String> {
        find_dois(text).into_iter().map(|f| f.doi).collect()
    }

    #[test]
    fn every_printed_form() {
        assert_eq!(dois("doi: 10.1234/abc.5678."), ["10.1234/abc.5678"]);
        assert_eq!(dois("DOI:10.1234/ABC-9"), ["10.1234/ABC-9"]);
        assert_eq!(dois("https://doi.org/10.1234/x_y(2)"), ["10.1234/x_y(2)"]);
        assert_eq!(dois("(see https://dx.doi.org/10.1234/xy)"), ["10.1234/xy"]);
        assert_eq!(dois("http://dx.doi.Org/10.7777/IAS.15.4.1"), ["10.7777/IAS.15.4.1"]);
        assert_eq!(dois("a 10.1234/one and 10.5678/two, then 10.1234/ONE"), ["10.1234/one", "10.5678/two"]);
    }

    #[test]
    fn split_over_a_line_break() {
        assert_eq!(dois("doi:10.1234/s1295-\n021-0046-7 next"), ["10.1234/s1295-021-0046-7"]);
        assert_eq!(dois("end 10.1234/abc.\nNext sentence"), ["10.1234/abc"]);
    }

    #[test]
    fn nothing_that_is_not_a_doi() {
        assert!(dois("10.5 mg, version 10.12/3 and 2010.1234/5").is_empty());
        assert!(dois("").is_empty());
    }
}
