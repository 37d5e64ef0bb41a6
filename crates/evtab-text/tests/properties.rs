//! Properties of the number-word reader (issue 7), on generated inputs.

use evtab_text::{number_at_start, parse_number};
use proptest::prelude::*;

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

/// English words for 0..=999, written independently of the code under test.
fn words(n: u32, hyphen: bool) -> String {
    let idx = |k: u32| usize::try_from(k).unwrap_or(0);
    let below_100 = |k: u32| {
        if k < 20 {
            ONES[idx(k)].to_string()
        } else if k.is_multiple_of(10) {
            TENS[idx(k / 10)].to_string()
        } else {
            format!("{}{}{}", TENS[idx(k / 10)], if hyphen { "-" } else { " " }, ONES[idx(k % 10)])
        }
    };
    match (n / 100, n % 100) {
        (0, rest) => below_100(rest),
        (h, 0) => format!("{} hundred", ONES[idx(h)]),
        (h, rest) => format!("{} hundred {}", ONES[idx(h)], below_100(rest)),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn digits_read_as_themselves(n in any::<u32>()) {
        prop_assert_eq!(parse_number(&n.to_string()), Some(n));
        prop_assert_eq!(number_at_start(&format!("{n} participants")), Some((n, n.to_string().len())));
    }

    #[test]
    fn number_words_read_as_their_number(n in 1u32..1000, hyphen in any::<bool>(), capital in any::<bool>()) {
        let mut text = words(n, hyphen);
        if capital {
            text = capitalise(&text);
        }
        prop_assert_eq!(parse_number(&text), Some(n), "{}", text);
    }

    #[test]
    fn a_number_at_the_start_covers_a_prefix_that_reads_the_same(text in any::<String>()) {
        let _ = parse_number(&text);
        if let Some((n, len)) = number_at_start(&text) {
            prop_assert!(len > 0 && len <= text.len() && text.is_char_boundary(len), "{:?} -> {}", text, len);
            prop_assert_eq!(parse_number(&text[..len]), Some(n), "{:?}", &text[..len]);
        }
    }

    #[test]
    fn a_number_word_before_a_noun_is_read_with_its_length(n in 1u32..100, noun in "(participants|peers|nurses|people)") {
        let number = words(n, true);
        let text = format!("{number} {noun} took part");
        prop_assert_eq!(number_at_start(&text), Some((n, number.len())), "{}", text);
    }
}
