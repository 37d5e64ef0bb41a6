//! Small English helpers: number words, lists, capitals, quote styles.

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] =
    ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// `14` → `fourteen`, `22` → `twenty-two`; digits from 100 on.
pub(crate) fn number_word(n: u32) -> String {
    match n {
        0..=19 => ONES[n as usize].to_string(),
        20..=99 => {
            let (t, o) = ((n / 10) as usize, (n % 10) as usize);
            if o == 0 { TENS[t].to_string() } else { format!("{}-{}", TENS[t], ONES[o]) }
        }
        _ => n.to_string(),
    }
}

/// First letter in upper case.
pub(crate) fn cap(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `a`, `a and b`, `a, b, and c` (Oxford comma) or `a, b and c`.
pub(crate) fn join_list(items: &[String], oxford: bool) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => {
            let head = rest.join(", ");
            if oxford { format!("{head}, and {last}") } else { format!("{head} and {last}") }
        }
    }
}

/// The indefinite article for a word.
pub(crate) fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o']) { "an" } else { "a" }
}

/// Typographic quotes and apostrophes as a PDF converter without them prints.
pub(crate) fn ascii_quotes(text: &str) -> String {
    text.replace(['’', '‘'], "'").replace(['“', '”'], "\"")
}

/// `in Canada`, `in the United Kingdom`.
pub(crate) fn country_phrase(country: &str) -> String {
    if country.starts_with("United ") || country == "Netherlands" || country == "Philippines" {
        format!("the {country}")
    } else {
        country.to_string()
    }
}

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month name for 1..=12.
pub(crate) fn month_name(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lists_and_capitals() {
        assert_eq!(number_word(14), "fourteen");
        assert_eq!(number_word(22), "twenty-two");
        assert_eq!(number_word(40), "forty");
        assert_eq!(number_word(120), "120");
        assert_eq!(cap("émilie"), "Émilie");
        let items = ["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(join_list(&items, true), "a, b, and c");
        assert_eq!(join_list(&items, false), "a, b and c");
        assert_eq!(join_list(&items[..2], true), "a and b");
        assert_eq!(ascii_quotes("“O’Brien”"), "\"O'Brien\"");
        assert_eq!(country_phrase("United Kingdom"), "the United Kingdom");
    }
}
