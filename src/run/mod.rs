/*!
The batch side: everything that touches the file system. Sources are discovered (`source`,
`archive`), extracted in parallel (`batch`), cached for reruns (`cache`), written atomically
(`output`, `datapackage`), shard folders combined (`merge`), and an output folder is held by one
run at a time (`lock`). The pipeline itself stays pure.
*/

pub mod archive;
pub mod batch;
pub mod cache;
pub mod datapackage;
pub mod lock;
pub mod merge;
pub mod output;
pub mod source;

use std::path::{Path, PathBuf};

/// Why a run or a merge stopped.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// Refused before anything was written: the folder is in use by another run, or the request
    /// cannot be met (a merge onto one of its own inputs, shards that do not make one run).
    #[error("{0}")]
    Refused(String),
    /// Reading or writing failed partway; the folder's previous outputs are intact.
    #[error("{0}")]
    Failed(String),
    /// A file operation failed partway: which one, on which path, and why.
    #[error("cannot {op} {}: {source}", path.display())]
    Io {
        /// What was being done (`create`, `write`, `read`, …).
        op: &'static str,
        /// The file or folder it was done on.
        path: PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// Standard output was closed by its reader (`--out - | head`): the run stopped early.
    #[error("standard output closed")]
    Closed,
}

impl RunError {
    /// The error of operation `op` on `path`, for `map_err`.
    pub fn io<'a>(
        op: &'static str,
        path: &'a Path,
    ) -> impl FnOnce(std::io::Error) -> RunError + 'a {
        move |source| RunError::Io {
            op,
            path: path.to_path_buf(),
            source,
        }
    }
}

impl From<String> for RunError {
    fn from(message: String) -> Self {
        RunError::Failed(message)
    }
}

impl From<lock::LockError> for RunError {
    fn from(e: lock::LockError) -> Self {
        match e {
            lock::LockError::Busy(_) => RunError::Refused(e.to_string()),
            lock::LockError::Io(..) => RunError::Failed(e.to_string()),
        }
    }
}
