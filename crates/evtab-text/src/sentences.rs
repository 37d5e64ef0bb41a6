/// A sentence of a passage and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// The sentence text, trimmed.
    pub text: &'a str,
    /// Byte offset of `text` in the passage.
    pub offset: usize,
    /// Number of `\n` before `text` in the passage, to add to the passage's line.
    pub line_offset: u32,
}

/// Words after which a full stop does not end a sentence.
const NON_FINAL: &[&str] = &[
    "e.g", "i.e", "et al", "al", "fig", "figs", "vs", "dr", "mr", "mrs", "ms", "st", "no", "nos", "approx",
    "ca", "cf", "etc", "ref", "refs", "vol", "pp", "p",
];

/// Splits running text into sentences: a sentence ends at `.`, `?` or `!`
/// (optionally followed by a closing quote or bracket) when whitespace and
/// an uppercase letter, digit or opening quote follow, and the word before
/// the stop is not a known abbreviation or a single initial.
pub fn sentences(text: &str) -> Vec<Sentence<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth: i32 = 0;
    let mut counter = LineCounter { offset: 0, lines: 0 };
    let mut iter = text.char_indices().peekable();
    while let Some((i, ch)) = iter.next() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            '.' | '?' | '!' => {
                let mut end = i + ch.len_utf8();
                while let Some(&(j, c)) = iter.peek() {
                    if matches!(c, '"' | '”' | '’' | '\'' | ')' | ']') {
                        end = j + c.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                let rest = &text[end..];
                let trimmed = rest.trim_start();
                if rest.len() == trimmed.len() && !rest.is_empty() {
                    continue;
                }
                let next = trimmed.chars().next();
                let starts_new = match next {
                    None => true,
                    Some(c) => c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '('),
                };
                if !starts_new || (ch == '.' && (is_abbreviation(&text[start..i]) || depth > 0)) {
                    continue;
                }
                push(text, start, end, &mut out, &mut counter);
                start = end;
            }
            _ => {}
        }
    }
    if start < bytes.len() {
        push(text, start, bytes.len(), &mut out, &mut counter);
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word: String =
        before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("").to_lowercase();
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return true;
    }
    // Only the end of the text matters, and the longest abbreviation is
    // short: lowercasing the whole sentence so far at each full stop made a
    // long sentence (in brackets, or after `Fig.`) quadratic.
    let mut cut = before.len().saturating_sub(16);
    while !before.is_char_boundary(cut) {
        cut -= 1;
    }
    let tail = before[cut..].to_lowercase();
    NON_FINAL.iter().any(|abbr| word == *abbr || tail.ends_with(&format!(" {abbr}")))
}

/// Newlines counted so far, so that line offsets cost one pass over the text.
struct LineCounter {
    offset: usize,
    lines: u32,
}

fn push<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Sentence<'a>>, counter: &mut LineCounter) {
    let raw = &text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let offset = start + lead;
    let newlines = text[counter.offset..offset].bytes().filter(|&b| b == b'\n').count();
    counter.lines = counter.lines.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
    counter.offset = offset;
    out.push(Sentence { text: trimmed, offset, line_offset: counter.lines });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn splits_on_full_stops_before_capitals() {
        assert_eq!(
            texts("We conducted a qualitative study. Fourteen participants were interviewed."),
            ["We conducted a qualitative study.", "Fourteen participants were interviewed."]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_brackets_together() {
        assert_eq!(
            texts("As Englander et al. suggested, e.g. In one case (see Fig. 1. Above) it held. Next one."),
            ["As Englander et al. suggested, e.g. In one case (see Fig. 1. Above) it held.", "Next one."]
        );
        assert_eq!(
            texts("Methods of J. Smith were used. Done."),
            ["Methods of J. Smith were used.", "Done."]
        );
    }

    #[test]
    fn counts_lines_before_each_sentence() {
        let s = sentences("First line.\nSecond line. Third.");
        assert_eq!(s.iter().map(|s| s.line_offset).collect::<Vec<_>>(), [0, 1, 1]);
    }

    #[test]
    fn a_long_sentence_with_many_full_stops_stays_one_sentence() {
        // Large on purpose: a quadratic abbreviation check takes minutes here.
        let bracketed = format!("({})", "Word. ".repeat(50_000));
        let figures = "See Fig. ".repeat(50_000);
        assert_eq!(sentences(&bracketed).len(), 1);
        assert_eq!(sentences(&figures).len(), 1);
    }

    #[test]
    fn does_not_split_decimals_or_lowercase_continuations() {
        assert_eq!(texts("A 3.5 fold rise. the end"), ["A 3.5 fold rise. the end"]);
    }
}
