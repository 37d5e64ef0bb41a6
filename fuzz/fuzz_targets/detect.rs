//! Decoding and format detection never panic, and the whole ingest of a
//! document (decode, detect, parse) agrees with its parts.
#![no_main]

use evtab_ingest::{IngestLimits, decode_text, detect_format, ingest_document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = decode_text(data);
    if let Ok(text) = &decoded {
        assert!(!text.contains('\r'), "line ends are normalised");
        assert!(!text.trim().is_empty(), "blank text is an error, not a document");
        let format = detect_format(text, evtab_fuzz::layouts());
        let outcome = ingest_document("fuzz.txt", data, IngestLimits::default(), evtab_fuzz::layouts());
        // A generic page with too little in it is not recognised after all.
        assert!(outcome.format == format || format == Some(evtab_model::SourceFormat::Generic), "ingest detects the format detect_format does");
        if let Some(format) = format {
            evtab_fuzz::parse_and_check(format, text.as_bytes());
        }
    } else {
        let outcome = ingest_document("fuzz.txt", data, IngestLimits::default(), evtab_fuzz::layouts());
        assert!(outcome.result.is_err() && outcome.format.is_none());
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = detect_format(text, evtab_fuzz::layouts());
    }
});
