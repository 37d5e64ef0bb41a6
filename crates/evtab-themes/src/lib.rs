//! Theme extraction and the theme-by-study codebook matcher (issue 4). (Being written.)
