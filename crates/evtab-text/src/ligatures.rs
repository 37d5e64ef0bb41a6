//! Ligatures a PDF converter lost or kept as one character: `signifcant`,
//! `fnancial` (the `fi` glyph dropped) and `ﬁ` (U+FB01) for `fi`.
//!
//! Broken words are repaired only from a real word list: the vendored
//! `pipelines/vendor/words/ligatures.tsv` (generated from SCOWL word lists
//! by `scripts/vendor/ligatures.py`), which keeps a broken form only when it
//! is no English word and exactly one word gives it. Compiled in, so every
//! document is repaired the same way.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

const TABLE: &str = include_str!("../../../pipelines/vendor/words/ligatures.tsv");

/// Broken form → word, both lowercase ASCII.
static REPAIRS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    TABLE.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t')).collect()
});

/// Unicode ligature characters and the letters they stand for.
const LIGATURE_CHARS: [(char, &str); 7] =
    [('ﬀ', "ff"), ('ﬁ', "fi"), ('ﬂ', "fl"), ('ﬃ', "ffi"), ('ﬄ', "ffl"), ('ﬅ', "st"), ('ﬆ', "st")];

/// Writes ligature characters out as letters and repairs words that lost
/// a ligature (`signifcant` → `significant`, `Fnancial` → `Financial`),
/// leaving every other word as it is. Only words with an `f` are looked up.
pub fn repair_ligatures(text: &str) -> Cow<'_, str> {
    let has_char = text.chars().any(|c| LIGATURE_CHARS.iter().any(|&(l, _)| l == c));
    let text: Cow<'_, str> = if has_char {
        let mut out = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            match LIGATURE_CHARS.iter().find(|&&(l, _)| l == c) {
                Some((_, letters)) => out.push_str(letters),
                None => out.push(c),
            }
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    };
    if !text.contains(['f', 'F']) {
        return text;
    }
    let mut out = String::new();
    let mut last = 0;
    let mut changed = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        // A word glued to other letters (`naïve`) is not an ASCII word.
        let glued = text[i..].chars().next().is_some_and(char::is_alphanumeric)
            || text[..start].chars().next_back().is_some_and(char::is_alphanumeric);
        let word = &text[start..i];
        if glued || !word.contains(['f', 'F']) || word.len() < 3 {
            continue;
        }
        if let Some(fixed) = repair_word(word) {
            out.push_str(&text[last..start]);
            out.push_str(&fixed);
            last = i;
            changed = true;
        }
    }
    if !changed {
        return text;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// The repaired word, in the case it was printed in (lowercase, Capitalised
/// or UPPERCASE), or `None` when the word is not a known broken form.
fn repair_word(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    let fixed = REPAIRS.get(lower.as_str())?;
    if word == lower {
        return Some((*fixed).to_string());
    }
    if word.bytes().all(|b| b.is_ascii_uppercase()) {
        return Some(fixed.to_ascii_uppercase());
    }
    let rest = &word[1..];
    if word.as_bytes()[0].is_ascii_uppercase() && rest == rest.to_ascii_lowercase() {
        let mut out = fixed.to_string();
        out[..1].make_ascii_uppercase();
        return Some(out);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_words_that_lost_a_ligature() {
        assert_eq!(
            repair_ligatures("A signifcant fnancial burden, frst noted; Signifcant."),
            "A significant financial burden, first noted; Significant."
        );
    }

    #[test]
    fn writes_ligature_characters_as_letters() {
        assert_eq!(repair_ligatures("certiﬁed peer workers reﬂected"), "certified peer workers reflected");
    }

    #[test]
    fn leaves_real_words_alone() {
        for text in ["A fat defect of the refection.", "Fred and FSH", "naïve féfcant", "of for if off"] {
            assert_eq!(repair_ligatures(text), text);
        }
    }

    #[test]
    fn the_table_is_loaded() {
        assert!(REPAIRS.len() > 5000);
        assert_eq!(REPAIRS.get("efcacy"), Some(&"efficacy"));
    }
}
