//! Accent- and case-folded text that still knows where each byte came from,
//! so codebook matches are found on folded text and reported on the original.

/// Text folded like `evtab_text::match_key` (ASCII transliteration, lowercase,
/// apostrophes dropped, every other run of non-alphanumerics one space), with
/// the original byte offset of every folded byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoldedText {
    /// Only `[a-z0-9 ]`, no leading, trailing or double spaces.
    pub(crate) text: String,
    /// `origin[i]` is the byte offset in the original text of folded byte `i`.
    pub(crate) origin: Vec<usize>,
}

impl FoldedText {
    pub(crate) fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut pending_space = false;
        for (offset, ch) in original.char_indices() {
            let ascii: &str = if ch.is_ascii() {
                // `char::encode_utf8` would need a buffer; ASCII maps to itself.
                &original[offset..offset + 1]
            } else {
                deunicode::deunicode_char(ch).unwrap_or(" ")
            };
            for byte in ascii.bytes() {
                if byte.is_ascii_alphanumeric() {
                    if pending_space && !text.is_empty() {
                        text.push(' ');
                        origin.push(offset);
                    }
                    pending_space = false;
                    text.push(char::from(byte.to_ascii_lowercase()));
                    origin.push(offset);
                } else if byte != b'\'' {
                    pending_space = true;
                }
            }
        }
        FoldedText { text, origin }
    }

    /// Whether `start..end` of the folded text is a run of whole words.
    pub(crate) fn is_word_bounded(&self, start: usize, end: usize) -> bool {
        let bytes = self.text.as_bytes();
        let before = start == 0 || bytes.get(start - 1) == Some(&b' ');
        let after = end >= bytes.len() || bytes.get(end) == Some(&b' ');
        before && after
    }

    /// Whether `start` of the folded text begins a word.
    pub(crate) fn starts_word(&self, start: usize) -> bool {
        start == 0 || self.text.as_bytes().get(start - 1) == Some(&b' ')
    }
}

/// The folded form of a term or label (no offsets needed).
pub(crate) fn fold(text: &str) -> String {
    FoldedText::new(text).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_match_key_and_keeps_origins() {
        let original = "Émilie’s  Peer-Support (ÇA)";
        let folded = FoldedText::new(original);
        assert_eq!(folded.text, "emilies peer support ca");
        assert_eq!(folded.text, evtab_text::match_key(original));
        // `p` of `peer` comes from the `P` after the two spaces.
        let p = folded.text.find("peer").unwrap_or(0);
        assert_eq!(&original[folded.origin[p]..folded.origin[p] + 1], "P");
        assert_eq!(folded.origin.len(), folded.text.len());
    }

    #[test]
    fn word_bounds() {
        let folded = FoldedText::new("distrust and trust");
        let at = folded.text.find("trust").unwrap_or(0);
        assert!(!folded.is_word_bounded(at, at + 5));
        assert!(folded.is_word_bounded(13, 18));
        assert!(folded.starts_word(0));
    }

    #[test]
    fn empty_and_symbol_only_text() {
        assert_eq!(fold(""), "");
        assert_eq!(fold(" — … ‘’ "), "");
    }
}
