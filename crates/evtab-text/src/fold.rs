use unicode_normalization::UnicodeNormalization;

/// A key for comparing text regardless of case, accents, quotes and
/// punctuation: NFKC, transliterated to ASCII, lowercased, every run of
/// non-alphanumerics turned into one space, trimmed.
///
/// Keys are for comparison only; outputs always carry the original text.
pub fn match_key(text: &str) -> String {
    // NFKC and transliteration leave ASCII as it is; most text is ASCII,
    // and normalising costs more than the rest of the key.
    let ascii: std::borrow::Cow<'_, str> = if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        let nfkc: String = text.nfkc().collect();
        std::borrow::Cow::Owned(deunicode::deunicode(&nfkc))
    };
    let mut key = String::with_capacity(ascii.len());
    let mut pending_space = false;
    for ch in ascii.chars() {
        if ch.is_ascii_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.push(ch.to_ascii_lowercase());
        } else if ch == '\'' {
            // Apostrophes join a word (`O'Dwyer` and `O’Dwyer` key as `odwyer`).
        } else {
            pending_space = true;
        }
    }
    key
}

/// NFC-normalises text, the form every output cell is written in.
pub fn nfc(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    text.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_quotes_and_punctuation() {
        assert_eq!(match_key("Retaining ‘Peerness’, and — More!"), "retaining peerness and more");
        assert_eq!(match_key("Émilie O’Brien"), match_key("emilie O'Brien"));
        assert_eq!(match_key("  "), "");
    }

    #[test]
    fn nfc_composes_decomposed_accents() {
        assert_eq!(nfc("E\u{301}milie"), "Émilie");
    }
}
