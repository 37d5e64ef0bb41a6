//! Number words: never a panic; a number read at the start of a text
//! covers a non-empty prefix of it that reads as the same number.
#![no_main]

use evtab_text::{number_at_start, parse_number};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = parse_number(text);
    if let Some((n, len)) = number_at_start(text) {
        assert!(len > 0 && len <= text.len() && text.is_char_boundary(len), "bad length {len}");
        assert_eq!(parse_number(&text[..len]), Some(n), "prefix {:?} reads differently", &text[..len]);
    }
});
