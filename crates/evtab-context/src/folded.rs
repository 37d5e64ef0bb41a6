//! Text folded for matching, with a map back to the original bytes, so that
//! matches found case- and accent-insensitively can still be checked against
//! (and reported as) what the document printed.

/// Lowercase ASCII form of a text: Latin letters lose their accents, every run
/// of other characters (punctuation, apostrophes, symbols, other scripts)
/// becomes one space. Offsets map back to the original.
#[derive(Debug, Clone)]
pub(crate) struct FoldedText<'a> {
    pub original: &'a str,
    pub folded: String,
    /// Original byte offset where the character behind each folded byte starts.
    starts: Vec<usize>,
    /// Original byte offset where that character ends.
    ends: Vec<usize>,
}

impl<'a> FoldedText<'a> {
    pub(crate) fn new(original: &'a str) -> Self {
        let mut folded = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len());
        let mut ends = Vec::with_capacity(original.len());
        let mut pending_space = false;
        for (i, ch) in original.char_indices() {
            let end = i + ch.len_utf8();
            let mut buf = [0u8; 4];
            let ascii: &str = if ch.is_ascii() {
                ch.encode_utf8(&mut buf)
            } else if is_latin_letter(ch) {
                deunicode::deunicode_char(ch).unwrap_or(" ")
            } else {
                " "
            };
            for c in ascii.chars() {
                if c.is_ascii_alphanumeric() {
                    if pending_space && !folded.is_empty() {
                        folded.push(' ');
                        starts.push(i);
                        ends.push(i);
                    }
                    pending_space = false;
                    folded.push(c.to_ascii_lowercase());
                    starts.push(i);
                    ends.push(end);
                } else {
                    pending_space = true;
                }
            }
        }
        FoldedText { original, folded, starts, ends }
    }

    /// The original text behind folded bytes `start..end`.
    pub(crate) fn original_slice(&self, start: usize, end: usize) -> &'a str {
        let (s, e) = self.original_range(start, end);
        self.original.get(s..e).unwrap_or("")
    }

    /// Original byte range behind folded bytes `start..end` (empty range when out of bounds).
    pub(crate) fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if start >= end || end > self.folded.len() {
            return (0, 0);
        }
        let s = self.starts.get(start).copied().unwrap_or(0);
        let e = self.ends.get(end - 1).copied().unwrap_or(s);
        (s, e.max(s))
    }

    /// Whether the original character behind folded byte `at` is uppercase.
    pub(crate) fn is_upper_at(&self, at: usize) -> bool {
        self.starts
            .get(at)
            .and_then(|&s| self.original.get(s..))
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// Folded byte offsets where words start within `start..end`.
    pub(crate) fn word_starts(&self, start: usize, end: usize) -> Vec<usize> {
        let bytes = self.folded.as_bytes();
        (start..end.min(bytes.len())).filter(|&i| i == start || bytes[i - 1] == b' ').collect()
    }

    /// The folded words before folded byte `at`, nearest first.
    pub(crate) fn words_before(&self, at: usize) -> impl Iterator<Item = &str> {
        self.folded.get(..at).unwrap_or("").split(' ').rev().filter(|w| !w.is_empty())
    }

    /// The folded words after folded byte `at`, in order.
    pub(crate) fn words_after(&self, at: usize) -> impl Iterator<Item = &str> {
        self.folded.get(at..).unwrap_or("").split(' ').filter(|w| !w.is_empty())
    }
}

/// Folds a vocabulary phrase the same way as a document text.
pub(crate) fn fold(text: &str) -> String {
    FoldedText::new(text).folded
}

/// Latin letters with diacritics (and ligatures) that transliterate to ASCII
/// letters; other scripts are not transliterated, so a machine translation
/// into another script never produces English-looking words.
fn is_latin_letter(ch: char) -> bool {
    ch.is_alphabetic() && matches!(ch as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_punctuation_with_offsets() {
        let t = FoldedText::new("in Montréal, Québec (Canada's)");
        assert_eq!(t.folded, "in montreal quebec canada s");
        let at = t.folded.find("quebec").unwrap_or(0);
        assert_eq!(t.original_slice(at, at + 6), "Québec");
        assert!(t.is_upper_at(at));
    }

    #[test]
    fn other_scripts_and_superscripts_become_spaces() {
        assert_eq!(fold("加拿大蒙特利尔 Toronto"), "toronto");
        assert_eq!(fold("¹ Department"), "department");
        assert_eq!(fold(""), "");
        assert_eq!(fold("semi-structured"), "semi structured");
    }

    #[test]
    fn out_of_range_slices_are_empty() {
        let t = FoldedText::new("abc");
        assert_eq!(t.original_slice(2, 9), "");
        assert_eq!(t.original_slice(2, 1), "");
    }
}
