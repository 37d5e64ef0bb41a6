//! End-to-end tests: the whole pipeline on the seed corpus.

mod seed_corpus;
