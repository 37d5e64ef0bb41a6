//! Participant extraction (issue 3): totals and participant groups from the
//! sentences of a study's documents. (Being written.)
