//! The next build's conversion cache, written as a build goes rather than held: each batch's
//! new conversions are appended to their shards' new files, and at the end a shard that
//! changed gets the entries it kept copied from its old file, and replaces it.

use std::collections::HashSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

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
    /// Every key the build used in this shard.
    keys: Vec<Key>,
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
    /// as the old cache holds them.
    pub fn keep(&self, keys: impl Iterator<Item = Key>) {
        for key in keys.filter(|key| self.old.on_disk(key).is_some()) {
            let mut new = self.shards[shard_of(&key)]
                .lock()
                .expect("no panics while held");
            new.keys.push(key);
        }
    }

    /// Completes the shards that changed and puts them in place of the old ones.
    pub fn finish(self) {
        self.shards
            .into_par_iter()
            .enumerate()
            .for_each(|(shard, new)| {
                let mut new = new.into_inner().expect("no panics while held");
                let keys = new.keys.iter().collect::<HashSet<_>>();
                let changed = self.old.changed[shard] || self.old.differs(shard, keys.into_iter());
                if changed {
                    let mut copied = Vec::new();
                    for key in &new.keys {
                        if new.written.contains(key) {
                            continue;
                        }
                        let kept = self.old.on_disk(key);
                        match kept.and_then(|record| self.old.record_bytes(shard, record)) {
                            Some(bytes) => copied.extend_from_slice(&bytes),
                            None => new.failed = true,
                        }
                    }
                    new.append(&self.dir, shard, &copied);
                }
                let path = shard_file(&self.dir, shard);
                let temporary = path.with_extension("new");
                // Taking the file out closes it.
                let complete = changed && !new.failed && new.file.take().is_some();
                if !(complete && std::fs::rename(&temporary, &path).is_ok()) {
                    let _ = std::fs::remove_file(&temporary);
                }
            });
    }
}

impl NewShard {
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
}
