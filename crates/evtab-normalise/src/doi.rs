//! DOIs: lowercase bare form from any printed form.

use std::sync::LazyLock;

use regex::Regex;

static SHAPE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^10\.\d{4,9}/\S+$").expect("constant regex"));

/// A shortDOI (`10/abc7de`): doi.org's short alias of a DOI, which
/// reference managers store when the full DOI is not at hand. At least one
/// letter, so a date (`10/2020`) is not one.
static SHORT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^10/[a-z0-9]{3,12}$").expect("constant regex"));

/// The link segments of `pipelines/vocab/doi.toml` that are not a DOI's.
static URL_SUFFIXES: LazyLock<Vec<String>> = LazyLock::new(|| {
    const TEXT: &str = include_str!("../../../pipelines/vocab/doi.toml");
    crate::compiled_words(TEXT, "doi.toml", "url_suffixes")
        .into_iter()
        .map(|s| format!("/{}", s.to_ascii_lowercase()))
        .collect()
});

/// Normalises a DOI printed as `https://doi.org/…`, `http://dx.doi.org/…`,
/// `doi:…` or bare, to its lowercase bare form; `None` when it is not a DOI.
pub fn normalise_doi(raw: &str) -> Option<String> {
    let mut s = raw.trim().trim_start_matches('<').trim_end_matches('>').trim();
    let lower = s.to_ascii_lowercase();
    for prefix in
        ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/"]
    {
        if lower.starts_with(prefix) {
            s = &s[prefix.len()..];
            break;
        }
    }
    let lower = s.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("doi:").or_else(|| lower.strip_prefix("doi ")) {
        s = &s[s.len() - rest.len()..];
    }
    let mut doi = s.trim().trim_end_matches(['.', ',', ';', ')', ']', '>']).to_ascii_lowercase();
    // A link's `/pdf` or `/full` after the DOI.
    if let Some(suffix) = URL_SUFFIXES.iter().find(|x| doi.ends_with(x.as_str())) {
        doi.truncate(doi.len() - suffix.len());
    }
    // A journal's own DOI (`10.9999/(issn)1234-5678`) names no article:
    // databases print it for records that have no DOI of their own.
    if doi.contains("/(issn)") {
        return None;
    }
    let short = SHORT.is_match(&doi) && doi.bytes().skip(3).any(|b| b.is_ascii_alphabetic());
    (SHAPE.is_match(&doi) || short).then_some(doi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_printed_form_gives_the_bare_lowercase_doi() {
        let want = Some("10.1186/s12954-021-00467-7".to_string());
        assert_eq!(normalise_doi("https://doi.org/10.1186/s12954-021-00467-7"), want);
        assert_eq!(normalise_doi("http://dx.doi.org/10.1186/S12954-021-00467-7"), want);
        assert_eq!(normalise_doi("doi: 10.1186/s12954-021-00467-7."), want);
        assert_eq!(normalise_doi("DOI:10.1186/s12954-021-00467-7"), want);
        assert_eq!(normalise_doi("<https://doi.org/10.1186/s12954-021-00467-7>"), want);
    }

    #[test]
    fn non_dois_are_refused_and_normalising_twice_changes_nothing() {
        assert_eq!(normalise_doi("https://hdl.handle.net/10315/42923"), None);
        assert_eq!(normalise_doi("10.12/x"), None);
        assert_eq!(normalise_doi("10/2020"), None);
        assert_eq!(normalise_doi("10/XYZ9KQ").as_deref(), Some("10/xyz9kq"));
        assert_eq!(normalise_doi(""), None);
        assert_eq!(normalise_doi("http://dx.doi.org/10.9999/(ISSN)1234-5678"), None);
        assert_eq!(normalise_doi("https://doi.org/10.9999/abc.123/pdf").as_deref(), Some("10.9999/abc.123"));
        assert_eq!(normalise_doi("10.9999/abc.123/FULL").as_deref(), Some("10.9999/abc.123"));
        assert_eq!(normalise_doi("10.9999/pdf").as_deref(), None);
        let once = normalise_doi("https://doi.org/10.1016/J.DRUGPO.2021.1").unwrap_or_default();
        assert_eq!(normalise_doi(&once), Some(once.clone()));
    }
}
