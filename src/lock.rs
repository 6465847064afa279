//! Exclusive locks between processes: an open lock file held with `File::lock` (advisory, so
//! only our own commands heed it), released when the holder is dropped or its process ends,
//! even by `kill -9`. The build locks its output folder, the importer the site's `content/`.

use std::fs::File;
use std::path::Path;

use crate::error::{Context, Result};

/// An exclusive lock, held until dropped.
#[derive(Debug)]
pub(crate) struct FileLock {
    _file: File,
}

impl FileLock {
    /// Waits for and takes the lock of the file at `path`, making the file and its folder when
    /// they are missing. The file's content is never read or changed.
    pub(crate) fn acquire(path: &Path) -> Result<FileLock> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .with_context(|| format!("opening the lock {}", path.display()))?;
        file.lock().with_context(|| format!("locking {}", path.display()))?;
        Ok(FileLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/.lock");
        let first = FileLock::acquire(&path).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn({
            let path = path.clone();
            move || {
                let _second = FileLock::acquire(&path).unwrap();
                tx.send(()).unwrap();
            }
        });
        let early = rx.recv_timeout(std::time::Duration::from_millis(300));
        assert!(early.is_err(), "the second holder took a lock that was held");
        drop(first);
        rx.recv_timeout(std::time::Duration::from_secs(30)).expect("the lock was let go");
        waiter.join().unwrap();
    }
}
