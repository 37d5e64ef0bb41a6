//! Checks shared by the fuzz targets: what must hold for any parsed record.

use std::sync::OnceLock;

use evtab_ingest::{IngestError, Layouts, parse_as};
use evtab_model::SourceFormat;

/// The platform layouts of `pipelines/formats/`, as the binary builds them in.
pub fn layouts() -> &'static Layouts {
    static LAYOUTS: OnceLock<Layouts> = OnceLock::new();
    LAYOUTS.get_or_init(|| {
        let files: &[(&str, &str)] = &[
        ("aggregator_json.toml", include_str!("../../pipelines/formats/aggregator_json.toml")),
        ("dspace.toml", include_str!("../../pipelines/formats/dspace.toml")),
        ("fulltext.toml", include_str!("../../pipelines/formats/fulltext.toml")),
        ("generic.toml", include_str!("../../pipelines/formats/generic.toml")),
        ("names.toml", include_str!("../../pipelines/formats/names.toml")),
        ("pure.toml", include_str!("../../pipelines/formats/pure.toml")),
        ("vufind.toml", include_str!("../../pipelines/formats/vufind.toml")),
        ("labels/dspace.toml", include_str!("../../pipelines/formats/labels/dspace.toml")),
        ("labels/vufind.toml", include_str!("../../pipelines/formats/labels/vufind.toml")),
        ];
        Layouts::from_toml_files(files).expect("the built-in layouts are valid")
    })
}

/// Parses `data` (when it is UTF-8) as `format` and checks the record's
/// invariants: every line number points into the text, no value is empty
/// or padded, every passage has text.
pub fn parse_and_check(format: SourceFormat, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
    match parse_as(format, "fuzz.txt", text, layouts()) {
        Ok(record) => {
            assert_eq!(record.format, format);
            assert!(
                !record.fields.is_empty() || !record.passages.is_empty(),
                "an empty record must be an error"
            );
            for field in &record.fields {
                assert!((1..=lines).contains(&field.line), "field line {} outside 1..={lines}", field.line);
                assert!(
                    !field.value.is_empty() && field.value.trim() == field.value,
                    "bad value {:?}",
                    field.value
                );
            }
            for passage in &record.passages {
                assert!(
                    (1..=lines).contains(&passage.line),
                    "passage line {} outside 1..={lines}",
                    passage.line
                );
                assert!(!passage.text.trim().is_empty(), "empty passage");
            }
            for (_, line) in &record.result_headings {
                assert!((1..=lines).contains(line), "heading line {line} outside 1..={lines}");
            }
        }
        Err(IngestError::Empty { format: name, reason }) => {
            assert_eq!(name, format.name());
            assert!(!reason.is_empty());
        }
        Err(other) => panic!("parse_as may only fail with Empty, got {other:?}"),
    }
}
