//! End-to-end tests: the whole pipeline on the seed corpus.

mod datapackage;
mod dedup_corpus;
mod real_corpus;
mod seed_corpus;
mod synth_eval;
mod tidy;
