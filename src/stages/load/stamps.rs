//! What says, without reading a content file, that it is as the item store last saw it: its
//! size, times and inode. `build` starts from the store and reads only the files whose stamp
//! differs.

use std::collections::HashSet;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::stages::item::SourceItem;

/// A content file's identity and times when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileStamp {
    size: u64,
    /// Modification and change times, in nanoseconds.
    modified: i128,
    changed: i128,
    device: u64,
    inode: u64,
}

/// How recent a change may be for its stamp to be trusted: a file written again within the
/// same tick of the file system's clock keeps its times. Ticks are a few milliseconds where
/// times have nanoseconds; where they have none, the file system counts whole seconds (two on
/// FAT).
const SETTLED_NANOS: i128 = 100_000_000;
const SETTLED_NANOS_IN_SECONDS: i128 = 3_000_000_000;

impl FileStamp {
    fn of(metadata: &std::fs::Metadata) -> Self {
        let nanos =
            |seconds: i64, nanos: i64| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
        FileStamp {
            size: metadata.size(),
            modified: nanos(metadata.mtime(), metadata.mtime_nsec()),
            changed: nanos(metadata.ctime(), metadata.ctime_nsec()),
            device: metadata.dev(),
            inode: metadata.ino(),
        }
    }

    /// The stamp of the file at `path` now, following links.
    pub fn now(path: &Path) -> Option<Self> {
        std::fs::metadata(path).ok().map(|m| Self::of(&m))
    }

    /// The stamp, if the file has not changed too recently for it to tell a later change.
    fn settled(self) -> Option<Self> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        let last = self.modified.max(self.changed);
        let settled = match last % 1_000_000_000 == 0 {
            true => SETTLED_NANOS_IN_SECONDS,
            false => SETTLED_NANOS,
        };
        (now - last > settled).then_some(self)
    }
}

/// Reads a file, with its stamp as it was opened (none if it changed too recently to trust).
pub fn read_stamped(path: &Path) -> std::io::Result<(Vec<u8>, Option<FileStamp>)> {
    let mut file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.read_to_end(&mut bytes)?;
    Ok((bytes, FileStamp::of(&metadata).settled()))
}

/// What the walk of `content/` says about items known from the store: where new bundles are.
pub struct Listing {
    dirs: HashSet<PathBuf>,
    /// The folders with an `index.md`: the files below them are not items of their own.
    bundles: HashSet<PathBuf>,
}

impl Listing {
    /// `dirs` and `files` as walked, relative to the site root.
    pub fn new(dirs: &[PathBuf], files: &[PathBuf]) -> Self {
        let bundles = files
            .iter()
            .filter(|f| f.file_name().is_some_and(|n| n == "index.md"))
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        Listing {
            dirs: dirs.iter().cloned().collect(),
            bundles,
        }
    }

    /// Whether an item known without a bundle still reads the same way as far as its
    /// surroundings go: no folder beside it (a new bundle), and none of its folders an
    /// `index.md`'s.
    pub fn keeps(&self, item: &SourceItem) -> bool {
        let path = &item.path;
        let beside = path.with_extension("");
        let enclosed = path
            .ancestors()
            .skip(1)
            .any(|dir| self.bundles.contains(dir));
        item.bundle.is_none() && !self.dirs.contains(&beside) && !enclosed
    }
}
