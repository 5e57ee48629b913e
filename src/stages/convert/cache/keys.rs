//! What each shard file of the conversion cache holds, in one small file: how many keys and
//! their sum, with the file's size, time and inode, so that a build that keeps a shard's
//! entries as they are need not read the shard to know it.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::{FORMAT, SHARDS, shard_file};
use crate::digest::Key;

const SUMMARY_FILE: &str = "conversions-keys.txt";

/// Changes with the summaries' layout and with the shards' format.
fn header() -> String {
    format!("bltnck01 {}", String::from_utf8_lossy(FORMAT))
}

/// A set of distinct keys, told apart from another by its size and the sum of its keys (keys
/// are digests: two sets of a like size with a like sum are the same set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct KeySet {
    count: u64,
    sum: u128,
}

impl KeySet {
    /// The set of `keys`, which must be distinct.
    pub(super) fn of<'k>(keys: impl Iterator<Item = &'k Key>) -> Self {
        keys.fold(KeySet::default(), |set, key| KeySet {
            count: set.count + 1,
            sum: set
                .sum
                .wrapping_add((u128::from(key.0) << 64) | u128::from(key.1)),
        })
    }
}

/// A shard file, as it was when its keys were noted: a file written since has another inode
/// (shards are replaced by a rename) or another size or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId {
    size: u64,
    modified: i128,
    inode: u64,
}

fn file_id(path: &Path) -> Option<FileId> {
    let metadata = std::fs::metadata(path).ok()?;
    Some(FileId {
        size: metadata.len(),
        modified: i128::from(metadata.mtime()) * 1_000_000_000 + i128::from(metadata.mtime_nsec()),
        inode: metadata.ino(),
    })
}

/// The keys a shard's file holds, noted with the file (`None`: there is none, and no keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ShardSummary {
    file: Option<FileId>,
    pub(super) keys: KeySet,
}

/// The summary of shard `shard` in `dir` as its file is now, holding `keys`.
pub(super) fn summary_of(dir: &Path, shard: usize, keys: KeySet) -> Option<ShardSummary> {
    let file = file_id(&shard_file(dir, shard));
    (file.is_some() || keys == KeySet::default()).then_some(ShardSummary { file, keys })
}

/// Each shard's summary, where the summary file has one that its file still matches, and an
/// empty one where the shard has no file.
pub(super) fn read_summaries(dir: &Path) -> Vec<Option<ShardSummary>> {
    let mut noted = vec![None; SHARDS];
    let text = std::fs::read_to_string(dir.join(SUMMARY_FILE)).unwrap_or_default();
    let mut lines = text.lines();
    if lines.next() == Some(header().as_str()) {
        for (shard, summary) in lines.filter_map(parse_line) {
            if let Some(place) = noted.get_mut(shard) {
                *place = Some(summary);
            }
        }
    }
    let now = |shard: usize| file_id(&shard_file(dir, shard));
    let still = |(shard, summary): (usize, Option<ShardSummary>)| match now(shard) {
        None => Some(ShardSummary {
            file: None,
            keys: KeySet::default(),
        }),
        current => summary.filter(|summary| summary.file == current),
    };
    noted.into_iter().enumerate().map(still).collect()
}

/// `shard size modified inode count sum`, the sum in hexadecimal.
fn parse_line(line: &str) -> Option<(usize, ShardSummary)> {
    let mut fields = line.split(' ');
    let mut next = || fields.next();
    let shard = next()?.parse().ok()?;
    let file = Some(FileId {
        size: next()?.parse().ok()?,
        modified: next()?.parse().ok()?,
        inode: next()?.parse().ok()?,
    });
    let keys = KeySet {
        count: next()?.parse().ok()?,
        sum: u128::from_str_radix(next()?, 16).ok()?,
    };
    Some((shard, ShardSummary { file, keys }))
}

/// Writes the summaries, through a temporary file; failing only makes the next build read
/// the shards.
pub(super) fn write_summaries(dir: &Path, summaries: &[Option<ShardSummary>]) {
    let mut text = header();
    for (shard, summary) in summaries.iter().enumerate() {
        if let Some(ShardSummary {
            file: Some(file),
            keys,
        }) = summary
        {
            text.push_str(&format!(
                "\n{shard} {} {} {} {} {:x}",
                file.size, file.modified, file.inode, keys.count, keys.sum
            ));
        }
    }
    let path = dir.join(SUMMARY_FILE);
    let temporary = path.with_extension("new");
    let written =
        std::fs::write(&temporary, text + "\n").and_then(|()| std::fs::rename(&temporary, &path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
}

/// Before shards are written by another way than the build's writer, whose summaries would
/// then be wrong.
pub(super) fn remove_summaries(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(SUMMARY_FILE));
}
