//! The next build's conversion cache, written as a build goes rather than held: each batch's
//! new conversions are appended to their shards' new files, and at the end a shard that
//! changed gets the entries it kept copied from its old file, and replaces it.

use std::collections::HashSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::keys::{self, KeySet, ShardSummary};
use super::{ConversionCache, FORMAT, SHARDS, encode_entry, shard_file, shard_of};
use crate::digest::Key;
use crate::stages::item::ConvertedText;

/// Writes the cache that follows `old`: exactly the entries the build used.
pub struct CacheWriter<'a> {
    old: &'a ConversionCache,
    dir: PathBuf,
    shards: Vec<Mutex<NewShard>>,
}

/// One shard of the next cache, as far as it is written.
#[derive(Default)]
struct NewShard {
    /// Every key the build used in this shard, and wrote or found in the old cache.
    keys: Vec<Key>,
    /// The keys of texts the build reused without taking them, not yet looked for.
    kept: Vec<Key>,
    /// The keys whose entries are in the new file already.
    written: HashSet<Key>,
    /// The new file, once an entry was written; `None` after a failure too.
    file: Option<File>,
    failed: bool,
}

impl<'a> CacheWriter<'a> {
    /// A writer for the cache after `old`; `None` when `old` is not kept on disk.
    pub fn after(old: &'a ConversionCache) -> Option<Self> {
        Some(CacheWriter {
            old,
            dir: old.dir.clone()?,
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
        })
    }

    /// Takes a batch of the texts the build used: those the old cache does not hold on disk
    /// are written now. Failing to write is not an error: the next build is only slower.
    pub fn add<'t>(&self, used: impl Iterator<Item = (Key, &'t ConvertedText)>) {
        let mut by_shard: Vec<Vec<(Key, &ConvertedText)>> = vec![Vec::new(); SHARDS];
        for entry in used {
            by_shard[shard_of(&entry.0)].push(entry);
        }
        by_shard
            .into_par_iter()
            .enumerate()
            .filter(|(_, entries)| !entries.is_empty())
            .for_each(|(shard, entries)| {
                let mut new = self.shards[shard].lock().expect("no panics while held");
                let mut bytes = Vec::new();
                for (key, text) in entries {
                    new.keys.push(key);
                    if self.old.on_disk(&key).is_none() && new.written.insert(key) {
                        encode_entry(&mut bytes, key, text);
                    }
                }
                if !bytes.is_empty() {
                    new.append(&self.dir, shard, &bytes);
                }
            });
    }

    /// Keeps the entries under `keys` (of texts the build reused without taking them), as far
    /// as the old cache holds them (which `finish` looks at, and only where it must).
    pub fn keep(&self, keys: impl Iterator<Item = Key>) {
        for key in keys {
            let mut new = self.shards[shard_of(&key)]
                .lock()
                .expect("no panics while held");
            new.kept.push(key);
        }
    }

    /// Completes the shards that changed and puts them in place of the old ones; notes what
    /// each shard holds now.
    pub fn finish(self) {
        let summaries: Vec<Option<ShardSummary>> = (self.shards.into_par_iter())
            .enumerate()
            .map(|(shard, new)| {
                let new = new.into_inner().expect("no panics while held");
                finish_shard(self.old, &self.dir, shard, new)
            })
            .collect();
        keys::write_summaries(&self.dir, &summaries);
    }
}

/// Completes one shard: unless its summary says the old file holds exactly the keys the build
/// used, the kept entries are copied from the old file and the new file replaces it. The
/// summary of the shard's file after.
fn finish_shard(
    old: &ConversionCache,
    dir: &Path,
    shard: usize,
    mut new: NewShard,
) -> Option<ShardSummary> {
    let used: HashSet<Key> = new.keys.iter().chain(&new.kept).copied().collect();
    // (A text written anew means the old file's entry was damaged: it is replaced.)
    if new.written.is_empty() && old.holds_exactly(shard, &KeySet::of(used.iter())) {
        new.remove_file(dir, shard);
        return old.summaries[shard];
    }
    // Only the kept entries the old cache holds.
    let kept = std::mem::take(&mut new.kept);
    new.keys
        .extend(kept.into_iter().filter(|key| old.on_disk(key).is_some()));
    let keys: HashSet<Key> = new.keys.iter().copied().collect();
    let changed = old.changed[shard] || old.differs(shard, keys.iter());
    if !changed {
        new.remove_file(dir, shard);
        return keys::summary_of(dir, shard, KeySet::of(keys.iter()));
    }
    let mut copied = Vec::new();
    for key in keys.iter().filter(|key| !new.written.contains(key)) {
        let kept = old.on_disk(key);
        match kept.and_then(|record| old.record_bytes(shard, record)) {
            Some(bytes) => copied.extend_from_slice(&bytes),
            None => new.failed = true,
        }
    }
    new.append(dir, shard, &copied);
    let path = shard_file(dir, shard);
    let temporary = path.with_extension("new");
    // Taking the file out closes it.
    let complete = !new.failed && new.file.take().is_some();
    if !(complete && std::fs::rename(&temporary, &path).is_ok()) {
        let _ = std::fs::remove_file(&temporary);
        return None;
    }
    keys::summary_of(dir, shard, KeySet::of(keys.iter()))
}

impl NewShard {
    /// Drops the new file begun for the shard, if any: the old one stays.
    fn remove_file(&mut self, dir: &Path, shard: usize) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(shard_file(dir, shard).with_extension("new"));
        }
    }

    /// Appends whole entries to the shard's new file, which starts with the format.
    fn append(&mut self, dir: &Path, shard: usize, bytes: &[u8]) {
        if self.failed || (bytes.is_empty() && self.file.is_some()) {
            return;
        }
        if self.file.is_none() {
            let temporary = shard_file(dir, shard).with_extension("new");
            let created = std::fs::create_dir_all(dir)
                .and_then(|()| File::create(&temporary))
                .and_then(|mut file| file.write_all(FORMAT).map(|()| file));
            match created {
                Ok(file) => self.file = Some(file),
                Err(_) => {
                    self.failed = true;
                    return;
                }
            }
        }
        let file = self.file.as_mut().expect("made above");
        if file.write_all(bytes).is_err() {
            self.failed = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::KeyBuilder;

    fn text(body: &str) -> ConvertedText {
        ConvertedText {
            title: "标题".into(),
            summary: None,
            tags: Vec::new(),
            source: None,
            author: None,
            body: body.into(),
            disclosure: None,
        }
    }

    /// A build's use of the cache at `root`: takes `used` from it (or converts them anew) and
    /// writes the next one.
    fn build(root: &Path, used: &[(Key, &str)]) {
        let old = ConversionCache::load(root);
        let writer = CacheWriter::after(&old).unwrap();
        let texts: Vec<(Key, ConvertedText)> = used
            .iter()
            .map(|(key, body)| (*key, old.take(key).unwrap_or_else(|| text(body))))
            .collect();
        // In two batches, as a build gives them.
        let (first, second) = texts.split_at(texts.len() / 2);
        writer.add(first.iter().map(|(key, text)| (*key, text)));
        writer.add(second.iter().map(|(key, text)| (*key, text)));
        writer.finish();
    }

    #[test]
    fn the_next_cache_holds_exactly_what_the_build_used() {
        let dir = tempfile::tempdir().unwrap();
        // a, b and d in one shard, c in another.
        let (a, b, c, d) = (
            Key(7 << 56, 1),
            Key(7 << 56, 2),
            Key(9 << 56, 3),
            Key(7 << 56, 4),
        );
        build(dir.path(), &[(a, "甲"), (b, "乙"), (c, "丙")]);
        let cache = ConversionCache::load(dir.path());
        assert_eq!(cache.len(), 3);
        assert_eq!(cache.take(&b), Some(text("乙")));

        // b is gone from the site, d is new, c is unused: a is copied from the old file.
        build(dir.path(), &[(a, "不再转换"), (d, "丁")]);
        let cache = ConversionCache::load(dir.path());
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.take(&a), Some(text("甲")));
        assert_eq!(cache.take(&d), Some(text("丁")));
        assert_eq!(cache.take(&b), None);
        assert_eq!(cache.take(&c), None);
        let files = std::fs::read_dir(dir.path().join(crate::site::CACHE_DIR)).unwrap();
        let names: Vec<String> = files
            .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".new"))
            .collect();
        assert!(names.is_empty(), "temporary files left: {names:?}");
    }

    #[test]
    fn a_build_that_converts_nothing_new_rewrites_no_shard() {
        let dir = tempfile::tempdir().unwrap();
        let keys: Vec<Key> = (0..20)
            .map(|n| KeyBuilder::default().with(&n).finish())
            .collect();
        let used: Vec<(Key, &str)> = keys.iter().map(|k| (*k, "正文")).collect();
        build(dir.path(), &used);
        let shard = shard_file(&dir.path().join(crate::site::CACHE_DIR), shard_of(&keys[0]));
        let before = std::fs::metadata(&shard).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        build(dir.path(), &used);
        assert_eq!(
            std::fs::metadata(&shard).unwrap().modified().unwrap(),
            before
        );
        assert_eq!(ConversionCache::load(dir.path()).len(), 20);
    }

    /// Keeps `keys` through the cache at `root`, as a build whose items all came from the
    /// item store does; says how many shards it read.
    fn keep_all(root: &Path, keys: &[Key]) -> usize {
        let old = ConversionCache::load(root);
        let writer = CacheWriter::after(&old).unwrap();
        writer.keep(keys.iter().copied());
        writer.finish();
        old.shards
            .iter()
            .filter(|shard| shard.get().is_some())
            .count()
    }

    #[test]
    fn a_build_that_keeps_every_entry_reads_no_shard() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (Key(7 << 56, 1), Key(7 << 56, 2), Key(9 << 56, 3));
        build(dir.path(), &[(a, "甲"), (b, "乙"), (c, "丙")]);
        assert_eq!(keep_all(dir.path(), &[a, b, c, a]), 0);
        assert_eq!(keep_all(dir.path(), &[c, b, a]), 0);
        // Keeping fewer is a change: the shard is read and written without b.
        assert_eq!(keep_all(dir.path(), &[a, c]), 1);
        let cache = ConversionCache::load(dir.path());
        assert_eq!((cache.len(), cache.take(&b)), (2, None));
        assert_eq!(cache.take(&a), Some(text("甲")));
        assert_eq!(keep_all(dir.path(), &[a, c]), 0);
        // A shard written by other means than the writer is read again.
        let shard = shard_file(&dir.path().join(crate::site::CACHE_DIR), 9);
        let bytes = std::fs::read(&shard).unwrap();
        std::fs::remove_file(&shard).unwrap();
        std::fs::write(&shard, bytes).unwrap();
        assert_eq!(keep_all(dir.path(), &[a, c]), 1);
        assert_eq!(keep_all(dir.path(), &[a, c]), 0);
    }
}
