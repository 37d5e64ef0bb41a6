//! Text primitives that the normalise and extract stages share: splitting
//! running text into sentences (with the line each starts on), folding text
//! into match keys, and reading numbers written as words.
//!
//! Nothing here knows about documents, studies or formats; it works on `&str`.
#![deny(missing_docs)]

mod abbreviations;
mod fold;
mod ligatures;
mod markup;
mod numbers;
mod sentences;

pub use abbreviations::{
    AbbreviationDefinition, abbreviation_definitions, abbreviation_glossary, matching_open,
};
pub use fold::{match_key, nfc};
pub use ligatures::repair_ligatures;
pub use markup::{blank_markup, decode_entities, strip_markup};
pub use numbers::{number_at_start, parse_number};
pub use sentences::{Sentence, sentences};
