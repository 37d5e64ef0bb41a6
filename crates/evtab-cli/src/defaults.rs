//! The data files compiled into the binary, so `evtab run --input X --out Y`
//! works from any directory after `cargo install`. They are the files of
//! `pipelines/` as they were when the binary was built; `--vocab` and
//! `--codebook` override them.

use evtab_pipeline::BuiltIn;

/// The vocabularies of `pipelines/vocab/` and the peer-support codebook.
pub static BUILT_IN: BuiltIn = BuiltIn {
    vocab: &[
        ("journals.toml", include_str!("../../../pipelines/vocab/journals.toml")),
        ("ltwa.toml", include_str!("../../../pipelines/vocab/ltwa.toml")),
        ("participant_categories.toml", include_str!("../../../pipelines/vocab/participant_categories.toml")),
        ("gazetteer.toml", include_str!("../../../pipelines/vocab/gazetteer.toml")),
        ("study_context.toml", include_str!("../../../pipelines/vocab/study_context.toml")),
    ],
    codebook: ("peer-support.codebook.toml", include_str!("../../../pipelines/peer-support.codebook.toml")),
};
