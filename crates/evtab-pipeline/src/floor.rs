//! The benchmark's floor: the cheapest pass over a corpus that still touches
//! every byte. The pipeline's time is reported as a multiple of this.

use std::path::Path;

use rayon::prelude::*;

/// What the floor pass saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Floor {
    /// Files read.
    pub files: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Lines split.
    pub lines: u64,
}

/// Reads every file of `dir` (in parallel, as the pipeline does) and splits
/// it into lines.
pub fn read_floor(dir: &Path, threads: Option<usize>) -> std::io::Result<Floor> {
    let mut paths: Vec<_> =
        std::fs::read_dir(dir)?.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
    paths.sort();
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        pool = pool.num_threads(n);
    }
    let pool = pool.build().map_err(std::io::Error::other)?;
    let counts: Vec<(u64, u64)> = pool.install(|| {
        paths
            .par_iter()
            .map(|path| {
                let bytes = std::fs::read(path).unwrap_or_default();
                let lines = bytes.split(|&b| b == b'\n').count() as u64;
                (bytes.len() as u64, lines)
            })
            .collect()
    });
    Ok(Floor {
        files: counts.len(),
        bytes: counts.iter().map(|c| c.0).sum(),
        lines: counts.iter().map(|c| c.1).sum(),
    })
}
