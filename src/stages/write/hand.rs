//! Finding the files put into the output by hand, which the switch must carry over, without
//! walking the whole tree: a directory's change time moves whenever an entry is added to it,
//! so only the directories changed since the last build switched its tree in are read.

use std::collections::BTreeSet;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::manifest::Manifest;
use super::relative;
use crate::site::disk::DiskPool;

/// How long before the switch a directory's change time may hide a later change: file
/// systems keep times coarsely (a clock tick; whole seconds on some), so a directory changed
/// this shortly before the switch is read as if changed after it.
const COARSE_TIMES_NS: i128 = 2_000_000_000;

/// The files of the served tree at `dest` that no build wrote and this one does not write:
/// put there by hand, to be kept. Reads the directories changed since the switch the
/// manifest records (all of them when it records none) and every directory no build made.
pub(super) fn hand_files(
    dest: &Path,
    served: Option<&Manifest>,
    wanted: &FxHashSet<&str>,
    disk: &DiskPool,
) -> BTreeSet<String> {
    let Some(served) = served else {
        return BTreeSet::new();
    };
    let known = known_directories(served);
    let changed: Vec<&str> = disk.run(|| {
        (known.par_iter())
            .copied()
            .filter(|dir| changed_since(&dest.join(dir), served.switched))
            .collect()
    });
    let not_built = |path: &str| !served.lists(path) && !wanted.contains(path);
    let mut hand: BTreeSet<String> = disk.run(|| {
        (changed.par_iter())
            .flat_map_iter(|dir| entries_not_built(dest, dir, &known, &not_built))
            .collect()
    });
    // Those found before stay while they are there; their directories may not have changed.
    let earlier = served.hand.iter().filter(|path| not_built(path));
    hand.extend(
        earlier
            .filter(|path| dest.join(path).symlink_metadata().is_ok())
            .cloned(),
    );
    hand
}

/// The directories holding the manifest's files, `""` for the root.
fn known_directories(served: &Manifest) -> FxHashSet<&str> {
    let made = served.files.keys().map(|path| &**path);
    let paths = made.chain(served.hand.iter().map(String::as_str));
    let mut known: FxHashSet<&str> = FxHashSet::from_iter([""]);
    for path in paths {
        let mut rest = path;
        while let Some((dir, _)) = rest.rsplit_once('/') {
            if !known.insert(dir) {
                break;
            }
            rest = dir;
        }
    }
    known
}

/// Whether the directory at `path` changed since `switched` (nanoseconds since 1970), or may
/// have; a directory that is gone holds nothing to keep.
fn changed_since(path: &Path, switched: Option<i128>) -> bool {
    let Ok(metadata) = path.symlink_metadata() else {
        return false;
    };
    let changed = i128::from(metadata.ctime()) * 1_000_000_000 + i128::from(metadata.ctime_nsec());
    switched.is_none_or(|switched| changed >= switched - COARSE_TIMES_NS)
}

/// The entries of the directory `dir` (relative to `dest`) that no build made: its files
/// that `not_built` accepts, and every file below a directory no build made.
fn entries_not_built(
    dest: &Path,
    dir: &str,
    known: &FxHashSet<&str>,
    not_built: &(impl Fn(&str) -> bool + Sync),
) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dest.join(dir)) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.filter_map(|entry| entry.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = match dir {
            "" => name,
            _ => format!("{dir}/{name}"),
        };
        let is_dir = entry.file_type().is_ok_and(|kind| kind.is_dir());
        if !is_dir && not_built(&path) {
            found.push(path);
        } else if is_dir && !known.contains(path.as_str()) {
            found.extend(files_below(dest, &entry.path()).filter(|path| not_built(path)));
        }
    }
    found
}

/// Every file below `dir`, relative to `dest`.
fn files_below(dest: &Path, dir: &Path) -> impl Iterator<Item = String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(|entry| entry.ok())
        .filter(|entry| !entry.file_type().is_dir())
        .map(move |entry| relative(dest, entry.path()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::Key;
    use crate::stages::write::manifest::{FileList, FileState};

    /// A tree with two built pages, and a file put by hand beside each.
    fn tree_with_hand_files(dest: &Path) -> Manifest {
        let mut files = Vec::new();
        for page in ["a/index.html", "b/c/index.html"] {
            let path = dest.join(page);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "page").unwrap();
            let state = FileState {
                digest: Key(1, 2),
                size: 4,
                modified: 0,
            };
            files.push((page.into(), state));
        }
        std::fs::write(dest.join("a/by-hand.txt"), "hand").unwrap();
        std::fs::create_dir_all(dest.join("b/c/new")).unwrap();
        std::fs::write(dest.join("b/c/new/by-hand.txt"), "hand").unwrap();
        Manifest {
            dest: dest.to_path_buf(),
            files: FileList::new(files),
            hand: BTreeSet::from(["old.txt".to_string(), "gone.txt".to_string()]),
            switched: None,
            checked: true,
        }
    }

    fn now_ns() -> i128 {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        i128::try_from(now.unwrap().as_nanos()).unwrap()
    }

    #[test]
    fn directories_changed_since_the_switch_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut served = tree_with_hand_files(dir.path());
        std::fs::write(dir.path().join("old.txt"), "earlier").unwrap();
        served.switched = Some(now_ns() - 60_000_000_000);
        let wanted = FxHashSet::from_iter(["a/index.html"]);
        let hand = hand_files(dir.path(), Some(&served), &wanted, &DiskPool::new());
        let found: Vec<&str> = hand.iter().map(String::as_str).collect();
        assert_eq!(found, ["a/by-hand.txt", "b/c/new/by-hand.txt", "old.txt"]);
        // A file the build now makes is the build's, even where it was put by hand.
        let wanted = FxHashSet::from_iter(["a/by-hand.txt", "old.txt"]);
        let hand = hand_files(dir.path(), Some(&served), &wanted, &DiskPool::new());
        assert_eq!(hand, BTreeSet::from(["b/c/new/by-hand.txt".to_string()]));
    }

    #[test]
    fn directories_unchanged_since_the_switch_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut served = tree_with_hand_files(dir.path());
        std::fs::write(dir.path().join("old.txt"), "earlier").unwrap();
        // Switched after every change above: only the files found before are looked at.
        served.switched = Some(now_ns() + 60_000_000_000);
        let hand = hand_files(
            dir.path(),
            Some(&served),
            &FxHashSet::default(),
            &DiskPool::new(),
        );
        assert_eq!(hand, BTreeSet::from(["old.txt".to_string()]));
    }
}
