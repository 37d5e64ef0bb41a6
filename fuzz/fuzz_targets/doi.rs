//! DOIs: never a panic; a normalised DOI is lowercase, bare (a DOI `10.…`
//! or a shortDOI `10/…`), and normalising it again changes nothing.
#![no_main]

use evtab_normalise::normalise_doi;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(doi) = normalise_doi(text) {
        assert!(doi.starts_with("10.") || doi.starts_with("10/"), "{doi:?}");
        assert!(!doi.bytes().any(|b| b.is_ascii_uppercase()), "{doi:?}");
        assert_eq!(normalise_doi(&doi).as_deref(), Some(doi.as_str()), "not idempotent");
    }
});
