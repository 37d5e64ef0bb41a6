/// Reads a whole token as a non-negative number: digits (`14`) or English
/// number words (`Fourteen`, `twenty-one`, `one hundred`).
pub fn parse_number(token: &str) -> Option<u32> {
    let token = token.trim();
    if token.is_empty() {
        return None;
    }
    if token.bytes().all(|b| b.is_ascii_digit()) {
        return token.parse().ok();
    }
    let lower = token.to_lowercase();
    if !lower.chars().all(|c| c.is_ascii_alphabetic() || c == '-' || c == ' ') {
        return None;
    }
    let value = text2num::text2digits(&lower, &text2num::Language::english()).ok()?;
    value.parse().ok()
}

/// Reads a number at the start of `text` (digits or number words, possibly
/// hyphenated like `twenty-one` or spaced like `twenty one`) and returns it
/// with the number of bytes it took.
pub fn number_at_start(text: &str) -> Option<(u32, usize)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = &text[digits..];
        // `1,000` and `3.5` are not counts of people in the sense we read here.
        let mut chars = rest.chars();
        let first = chars.next();
        let decimal = matches!(first, Some('.' | ',')) && chars.next().is_some_and(|c| c.is_ascii_digit());
        if decimal || first.is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        return text[..digits].parse().ok().map(|n| (n, digits));
    }
    // Try the longest run of up to four word tokens that parses as a number.
    let mut ends = Vec::new();
    let mut idx = 0;
    for _ in 0..4 {
        let rest = &text[idx..];
        let word_len = rest.find(|c: char| !(c.is_alphabetic() || c == '-')).unwrap_or(rest.len());
        if word_len == 0 {
            break;
        }
        ends.push(idx + word_len);
        idx += word_len;
        if text[idx..].starts_with(' ') {
            idx += 1;
        } else {
            break;
        }
    }
    for &end in ends.iter().rev() {
        if let Some(n) = parse_number(&text[..end]) {
            return Some((n, end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_digits_and_words() {
        assert_eq!(parse_number("14"), Some(14));
        assert_eq!(parse_number("Fourteen"), Some(14));
        assert_eq!(parse_number("twenty-one"), Some(21));
        assert_eq!(parse_number("two"), Some(2));
        assert_eq!(parse_number("peer"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn reads_a_number_at_the_start_of_text() {
        assert_eq!(number_at_start("Fourteen participants"), Some((14, 8)));
        assert_eq!(number_at_start("twenty-one nurses"), Some((21, 10)));
        assert_eq!(number_at_start("6 people"), Some((6, 1)));
        assert_eq!(number_at_start("3.5 years"), None);
        assert_eq!(number_at_start("people"), None);
    }
}
