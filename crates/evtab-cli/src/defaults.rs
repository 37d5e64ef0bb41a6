//! The data files compiled into the binary, so `evtab run --input X --out Y`
//! works from any directory after `cargo install`. They are the files of
//! `pipelines/` as they were when the binary was built; `--vocab`,
//! `--formats` and `--codebook` override them. A test checks that every
//! data file of `pipelines/vocab` and `pipelines/formats` is listed here.

use evtab_pipeline::BuiltIn;

/// The data files of `pipelines/` and the peer-support codebook.
pub static BUILT_IN: BuiltIn = BuiltIn {
    files: &[
        ("formats/aggregator_json.toml", include_str!("../../../pipelines/formats/aggregator_json.toml")),
        ("formats/dspace.toml", include_str!("../../../pipelines/formats/dspace.toml")),
        ("formats/fulltext.toml", include_str!("../../../pipelines/formats/fulltext.toml")),
        ("formats/generic.toml", include_str!("../../../pipelines/formats/generic.toml")),
        ("formats/labels/dspace.toml", include_str!("../../../pipelines/formats/labels/dspace.toml")),
        ("formats/labels/vufind.toml", include_str!("../../../pipelines/formats/labels/vufind.toml")),
        ("formats/names.toml", include_str!("../../../pipelines/formats/names.toml")),
        ("formats/pure.toml", include_str!("../../../pipelines/formats/pure.toml")),
        ("formats/vufind.toml", include_str!("../../../pipelines/formats/vufind.toml")),
        (
            "vendor/jabref/journals_iso4.tsv",
            include_str!("../../../pipelines/vendor/jabref/journals_iso4.tsv"),
        ),
        ("vendor/gazetteer/cities.tsv", include_str!("../../../pipelines/vendor/gazetteer/cities.tsv")),
        ("vendor/gazetteer/countries.tsv", include_str!("../../../pipelines/vendor/gazetteer/countries.tsv")),
        (
            "vendor/gazetteer/subdivisions.tsv",
            include_str!("../../../pipelines/vendor/gazetteer/subdivisions.tsv"),
        ),
        ("vendor/jabref/journals_nlm.tsv", include_str!("../../../pipelines/vendor/jabref/journals_nlm.tsv")),
        ("vendor/ltwa/ltwa.tsv", include_str!("../../../pipelines/vendor/ltwa/ltwa.tsv")),
        ("vocab/gazetteer.toml", include_str!("../../../pipelines/vocab/gazetteer.toml")),
        ("vocab/journals.toml", include_str!("../../../pipelines/vocab/journals.toml")),
        (
            "vocab/participant_categories.toml",
            include_str!("../../../pipelines/vocab/participant_categories.toml"),
        ),
        ("vocab/study_context.toml", include_str!("../../../pipelines/vocab/study_context.toml")),
    ],
    codebook: ("peer-support.codebook.toml", include_str!("../../../pipelines/peer-support.codebook.toml")),
};
