//! Languages to ISO 639-1 codes.

/// ISO 639-1 code, ISO 639-2 code and English name of common languages of
/// publication. This is a standard code list, not study data.
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("ar", "ara", "arabic"),
    ("da", "dan", "danish"),
    ("de", "ger", "german"),
    ("de", "deu", "deutsch"),
    ("el", "gre", "greek"),
    ("en", "eng", "english"),
    ("es", "spa", "spanish"),
    ("es", "spa", "español"),
    ("fa", "per", "persian"),
    ("fi", "fin", "finnish"),
    ("fr", "fre", "french"),
    ("fr", "fra", "français"),
    ("he", "heb", "hebrew"),
    ("hi", "hin", "hindi"),
    ("it", "ita", "italian"),
    ("ja", "jpn", "japanese"),
    ("ko", "kor", "korean"),
    ("nl", "dut", "dutch"),
    ("nl", "nld", "nederlands"),
    ("no", "nor", "norwegian"),
    ("pl", "pol", "polish"),
    ("pt", "por", "portuguese"),
    ("pt", "por", "português"),
    ("ru", "rus", "russian"),
    ("sv", "swe", "swedish"),
    ("tr", "tur", "turkish"),
    ("zh", "chi", "chinese"),
    ("zh", "zho", "chinese"),
];

/// Normalises `en`, `en_US`, `eng`, `English` to `en`; `None` when unknown.
pub fn iso639_1(raw: &str) -> Option<String> {
    let lower = raw.trim().to_lowercase();
    let lower = lower.split(['_', '-']).next().unwrap_or("");
    LANGUAGES
        .iter()
        .find(|(one, two, name)| lower == *one || lower == *two || lower == *name)
        .map(|(one, _, _)| (*one).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_map_to_two_letters() {
        for raw in ["en", "en_US", "eng", "English", " english "] {
            assert_eq!(iso639_1(raw).as_deref(), Some("en"), "{raw}");
        }
        assert_eq!(iso639_1("Français").as_deref(), Some("fr"));
        assert_eq!(iso639_1("Klingon"), None);
        assert_eq!(iso639_1(""), None);
    }
}
