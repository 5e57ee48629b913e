//! The served tree's files compared with its manifest in the background, from the moment the
//! writer opens: at a million items the 2.3 million looks wait on the disk for most of a
//! minute, while loading the items and making the indexes have work for the cores.

use std::path::Path;
use std::thread::JoinHandle;

use rayon::prelude::*;

use super::manifest::{FileList, on_disk};
use crate::site::disk::DiskPool;

/// Whether each file of the served manifest is still on disk as listed, in the list's order.
pub(super) enum ServedChecks {
    /// Nothing to look at: no manifest, or the output is trusted (`--trust-output`).
    Skipped,
    Running(JoinHandle<Vec<bool>>),
    Done(Vec<bool>),
}

impl ServedChecks {
    /// Starts looking at the files of `files` under `dest`.
    pub(super) fn start(files: &FileList, dest: &Path) -> Self {
        let (shared, dir) = (files.clone(), dest.to_path_buf());
        let spawned = std::thread::Builder::new()
            .name("bulletin-check-output".to_string())
            .spawn(move || check_all(&shared, &dir));
        match spawned {
            Ok(running) => ServedChecks::Running(running),
            Err(_) => ServedChecks::Done(check_all(files, dest)),
        }
    }

    /// Waits for the checks to end. Checks that failed find no file unchanged: every file is
    /// written again.
    pub(super) fn wait(&mut self) {
        *self = match std::mem::replace(self, ServedChecks::Skipped) {
            ServedChecks::Running(running) => {
                ServedChecks::Done(running.join().unwrap_or_default())
            }
            ended => ended,
        };
    }

    /// Whether the file at `index` of the manifest was found as listed; false until `wait`.
    pub(super) fn found_as_listed(&self, index: usize) -> bool {
        matches!(self, ServedChecks::Done(found) if found.get(index) == Some(&true))
    }
}

fn check_all(files: &FileList, dest: &Path) -> Vec<bool> {
    let disk = DiskPool::for_files(files.len());
    disk.run(|| {
        (files.entries().par_iter())
            .map(|(path, state)| on_disk(&dest.join(&**path)) == Some((state.size, state.modified)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::manifest::FileState;
    use super::*;
    use crate::digest::Key;

    fn listed(dir: &Path, path: &str) -> (Arc<str>, FileState) {
        let (size, modified) = on_disk(&dir.join(path)).unwrap();
        let digest = Key(1, 2);
        (
            path.into(),
            FileState {
                digest,
                size,
                modified,
            },
        )
    }

    #[test]
    fn files_changed_or_gone_since_they_were_listed_are_not_found_as_listed() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.html", "b.html", "c.html"] {
            std::fs::write(dir.path().join(name), "<p>as written</p>").unwrap();
        }
        let files = FileList::new(
            ["c.html", "a.html", "b.html"]
                .map(|p| listed(dir.path(), p))
                .to_vec(),
        );
        std::fs::write(dir.path().join("b.html"), "<p>changed by hand</p>").unwrap();
        std::fs::remove_file(dir.path().join("c.html")).unwrap();

        let mut checks = ServedChecks::start(&files, dir.path());
        checks.wait();
        let found: Vec<bool> = (0..4).map(|at| checks.found_as_listed(at)).collect();
        assert_eq!(
            found,
            [true, false, false, false],
            "a, b, c in the list's order, then none"
        );
    }

    #[test]
    fn nothing_is_found_as_listed_when_nothing_was_looked_at() {
        assert!(!ServedChecks::Skipped.found_as_listed(0));
    }
}
