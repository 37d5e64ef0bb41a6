//! Tokens of one sentence, with what the participant reader needs to know
//! about each: its folded key, whether a hyphen joins it to the previous
//! token (`in-depth`, `twenty-one`, `non-peer`) and how deep in brackets it is.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (possibly with digits or inner apostrophes).
    Word,
    /// A whole number written in digits (`14`, `1,200`).
    Number(u32),
    /// A number that cannot count people (`3.5`, `99999999999`).
    OtherNumber,
    /// Any other single character.
    Punct(char),
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lowercase ASCII letters and digits of the token (`Worker’s` -> `workers`).
    pub key: String,
    /// A hyphen joins this token to the previous one, without spaces.
    pub joined: bool,
    /// Round-bracket depth (brackets themselves sit at the outer depth).
    pub depth: u32,
    /// Inside square brackets (citations such as `[1–3]`).
    pub in_square: bool,
    /// A possessive word (`worker's`).
    pub possessive: bool,
}

impl Token {
    pub(crate) fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    pub(crate) fn word_is(&self, words: &[&str]) -> bool {
        self.kind == Kind::Word && words.contains(&self.key.as_str())
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Splits a sentence into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut tokens = Vec::new();
    let mut depth: u32 = 0;
    let mut square: u32 = 0;
    let mut joined = false;
    let mut i = 0;
    while let Some(c) = at(i) {
        if c.is_whitespace() {
            joined = false;
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + 1;
            let all_digits_so_far =
                |from: usize, to: usize| (from..to).all(|k| at(k).is_some_and(|c| c.is_ascii_digit()));
            while let Some(d) = at(j) {
                let next_alnum = at(j + 1).is_some_and(char::is_alphanumeric);
                let inner_apostrophe = is_apostrophe(d)
                    && at(j + 1).is_some_and(char::is_alphabetic)
                    && !all_digits_so_far(start, j);
                let digit_separator = matches!(d, '.' | ',')
                    && next_alnum
                    && at(j + 1).is_some_and(|c| c.is_ascii_digit())
                    && all_digits_so_far(start, j);
                if d.is_alphanumeric() || inner_apostrophe || digit_separator {
                    j += 1;
                } else {
                    break;
                }
            }
            let raw = &text[byte(start)..byte(j)];
            tokens.push(word_or_number(raw, byte(start), byte(j), joined, depth, square > 0));
            joined = false;
            i = j;
            continue;
        }
        if is_hyphen(c)
            && i > 0
            && at(i - 1).is_some_and(char::is_alphanumeric)
            && at(i + 1).is_some_and(char::is_alphanumeric)
        {
            joined = true;
            i += 1;
            continue;
        }
        joined = false;
        let token_depth = match c {
            '(' => {
                depth += 1;
                depth - 1
            }
            ')' => {
                depth = depth.saturating_sub(1);
                depth
            }
            _ => depth,
        };
        match c {
            '[' => square += 1,
            ']' => square = square.saturating_sub(1),
            _ => {}
        }
        tokens.push(Token {
            start: byte(i),
            end: byte(i + 1),
            kind: Kind::Punct(c),
            key: String::new(),
            joined: false,
            depth: token_depth,
            in_square: square > 0 || c == ']',
            possessive: false,
        });
        i += 1;
    }
    tokens
}

fn word_or_number(raw: &str, start: usize, end: usize, joined: bool, depth: u32, in_square: bool) -> Token {
    let kind =
        if raw.chars().all(|c| c.is_ascii_digit() || c == ',') && raw.chars().any(|c| c.is_ascii_digit()) {
            let grouped_ok = !raw.contains(',') || thousands_grouped(raw);
            match raw.replace(',', "").parse::<u32>() {
                Ok(n) if grouped_ok => Kind::Number(n),
                _ => Kind::OtherNumber,
            }
        } else if raw.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
            Kind::OtherNumber
        } else {
            Kind::Word
        };
    let lower = raw.to_lowercase();
    let possessive = kind == Kind::Word && (lower.ends_with("'s") || lower.ends_with("’s"));
    let key = evtab_text::match_key(raw).replace(' ', "");
    Token { start, end, kind, key, joined, depth, in_square, possessive }
}

fn thousands_grouped(raw: &str) -> bool {
    let mut parts = raw.split(',');
    let first = parts.next().unwrap_or("");
    (1..=3).contains(&first.len()) && parts.all(|p| p.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| {
                let mark = if t.joined { "~" } else { "" };
                match t.kind {
                    Kind::Word => format!("{mark}{}", t.key),
                    Kind::Number(n) => format!("{mark}#{n}"),
                    Kind::OtherNumber => format!("{mark}?{}", &text[t.start..t.end]),
                    Kind::Punct(c) => format!("{c}@{}", t.depth),
                }
            })
            .collect()
    }

    #[test]
    fn splits_words_numbers_hyphens_and_brackets() {
        assert_eq!(
            show("Five in-depth interviews (n = 18), twenty-one peers’ views"),
            [
                "five",
                "in",
                "~depth",
                "interviews",
                "(@0",
                "n",
                "=@1",
                "#18",
                ")@0",
                ",@0",
                "twenty",
                "~one",
                "peers",
                "’@0",
                "views"
            ]
        );
        assert_eq!(
            show("3.5 fold, 1,200 people, 12,34 x"),
            ["?3.5", "fold", ",@0", "#1200", "people", ",@0", "?12,34", "x"]
        );
        assert_eq!(show("worker's role - a"), ["workers", "role", "-@0", "a"]);
        assert_eq!(show(""), Vec::<String>::new());
        assert_eq!(show(")))((("), [")@0", ")@0", ")@0", "(@0", "(@1", "(@2"]);
    }

    #[test]
    fn marks_possessives_and_square_brackets() {
        let t = tokenize("the worker’s [1, 2] view");
        assert!(t[1].possessive);
        assert!(t[3].in_square && t[5].in_square && !t[7].in_square);
    }
}
