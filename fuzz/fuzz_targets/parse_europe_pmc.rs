//! The europe_pmc reader never panics, and what it returns points into the text.
#![no_main]

use evtab_model::SourceFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| evtab_fuzz::parse_and_check(SourceFormat::EuropePmc, data));
