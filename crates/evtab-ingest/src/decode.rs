/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Zero bytes.
    #[error("file is empty")]
    Empty,
    /// Only whitespace.
    #[error("file holds only whitespace")]
    Blank,
    /// Looks like a binary file (NUL bytes or a known binary signature).
    #[error("file is binary, not text ({0})")]
    Binary(&'static str),
    /// Not valid UTF-8 and no BOM says otherwise.
    #[error(
        "file is not valid UTF-8 (first bad byte on line {line}, at byte offset {offset}); \
         it may be Latin-1 or Windows-1252: save it as UTF-8 and run again"
    )]
    InvalidUtf8 {
        /// Byte offset of the first byte that is not UTF-8 (after any BOM).
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// A UTF-16 BOM but an odd number of bytes or unpaired surrogates.
    #[error("file starts with a UTF-16 byte-order mark but is not valid UTF-16")]
    InvalidUtf16,
}

/// How many bytes the encoding detector reads.
const DETECTION_SAMPLE: usize = 1 << 20;

/// The encoding reported for UTF-8 text with a few invalid bytes, which
/// are replaced by U+FFFD.
pub const UTF8_DAMAGED: &str = "UTF-8 with invalid bytes replaced";

/// Decodes a document to text with `\n` line ends.
pub fn decode_text(bytes: &[u8]) -> Result<String, DecodeError> {
    decode(bytes).map(|(text, _)| text)
}

/// Decodes a document to text with `\n` line ends, and says which
/// encoding it was read in when that was not UTF-8.
///
/// UTF-8 (with or without BOM) and UTF-16 LE/BE with BOM are decoded as
/// such; other text (a Windows-1252 or Latin-1 export) is read in the
/// encoding `chardetng` finds most likely and decoded with `encoding_rs`.
/// CRLF and lone CR become `\n` so that line numbers mean the same for everyone.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if !(bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF]))
        && binary_signature(bytes).is_none()
        && std::str::from_utf8(bytes).is_err()
        && !bytes.contains(&0)
    {
        // UTF-8 with a few damaged bytes (an export whose tool mangled some
        // records) is UTF-8: read it so, the damaged bytes replaced, rather
        // than turning every accented letter into two.
        let lossy = String::from_utf8_lossy(bytes);
        let damaged = lossy.matches('\u{fffd}').count();
        let multibyte = lossy.chars().filter(|c| !c.is_ascii() && *c != '\u{fffd}').count();
        if multibyte >= 10 * damaged {
            return Ok((normalise_line_ends(&lossy), Some(UTF8_DAMAGED)));
        }
        // A megabyte tells the encoding as well as a whole 100 MB export.
        let sample = &bytes[..bytes.len().min(DETECTION_SAMPLE)];
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(sample, sample.len() == bytes.len());
        let encoding: &'static encoding_rs::Encoding = detector.guess(None, true);
        let (text, _, _) = encoding.decode(bytes);
        if text.trim().is_empty() {
            return Err(DecodeError::Blank);
        }
        return Ok((normalise_line_ends(&text), Some(encoding.name())));
    }
    decode_unicode(bytes).map(|text| (text, None))
}

fn decode_unicode(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(rest)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else {
        if let Some(kind) = binary_signature(bytes) {
            return Err(DecodeError::Binary(kind));
        }
        utf8(bytes)?
    };
    if text.contains('\0') {
        return Err(DecodeError::Binary("it contains NUL bytes"));
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Blank);
    }
    Ok(normalise_line_ends(&text))
}

fn utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    std::str::from_utf8(bytes).map(str::to_string).map_err(|e| {
        let offset = e.valid_up_to();
        // Any of CRLF, LF or lone CR ends a line, as after decoding.
        let before = &bytes[..offset];
        let line = 1
            + before.iter().filter(|&&b| b == b'\n').count()
            + before.windows(2).filter(|w| w[0] == b'\r' && w[1] != b'\n').count()
            + usize::from(before.last() == Some(&b'\r'));
        DecodeError::InvalidUtf8 { offset, line }
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(DecodeError::InvalidUtf16);
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units).collect::<Result<String, _>>().map_err(|_| DecodeError::InvalidUtf16)
}

fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF; convert it to text first"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive or Office document"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, kind)| *kind)
}

fn normalise_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(decode_text(b"abc").as_deref(), Ok("abc"));
        assert_eq!(decode_text(b"\xEF\xBB\xBFabc").as_deref(), Ok("abc"));
    }

    #[test]
    fn decodes_utf16_both_orders() {
        assert_eq!(decode_text(b"\xFF\xFEa\x00\xe9\x00").as_deref(), Ok("aé"));
        assert_eq!(decode_text(b"\xFE\xFF\x00a\x00\xe9").as_deref(), Ok("aé"));
        assert_eq!(decode_text(b"\xFF\xFEa"), Err(DecodeError::InvalidUtf16));
    }

    #[test]
    fn normalises_crlf_and_lone_cr() {
        assert_eq!(decode_text(b"a\r\nb\rc\n").as_deref(), Ok("a\nb\nc\n"));
    }

    #[test]
    fn rejects_empty_blank_binary_and_invalid_text() {
        assert_eq!(decode_text(b""), Err(DecodeError::Empty));
        assert_eq!(decode_text(b" \n\t "), Err(DecodeError::Blank));
        assert!(matches!(decode_text(b"\x89PNG\r\n\x1a\n"), Err(DecodeError::Binary(_))));
        assert!(matches!(decode_text(&[0u8; 64]), Err(DecodeError::Binary(_))));
    }

    #[test]
    fn text_that_is_not_utf8_is_read_in_the_encoding_it_is_in() {
        assert_eq!(
            decode(b"title\r\nCaf\xE9 and cr\xE8me\n"),
            Ok(("title\nCafé and crème\n".to_string(), Some("windows-1252")))
        );
        assert_eq!(decode(b"plain").map(|d| d.1), Ok(None));
    }

    #[test]
    fn utf8_with_a_few_damaged_bytes_stays_utf8() {
        let mut bytes = "Engerström, Müller, Gómez, Sjöholm, Ørsted, Nuñez, Čapek, Đorđević, Ærø, Łódź.\n"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(b"one bad \xE9 byte\n");
        let (text, encoding) = decode(&bytes).expect("decodes");
        assert_eq!(encoding, Some(UTF8_DAMAGED));
        assert!(text.starts_with("Engerström") && text.contains("bad \u{fffd} byte"), "{text}");
    }
}
