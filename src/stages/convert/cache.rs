//! The conversion cache. Conversion is the costliest stage, so converted text is kept on disk
//! under the site (`.bulletin-cache/`, safe to delete), keyed by a hash of everything that
//! decides the result, and a rebuild converts only what changed.
//!
//! The cache is 256 shard files by key, each read when a build first needs it; after the
//! build, only the shards whose entries changed are written. It holds only the entries the last
//! build used, so it never grows beyond the site, and an edit rewrites a few small files. A
//! small file of key sets says what each shard holds, so that a build that keeps every entry
//! reads no shard at all (at a million items the shards are 6.6 GB).

mod keys;
mod writer;

pub use writer::CacheWriter;

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use keys::{KeySet, ShardSummary};

use rayon::prelude::*;

use crate::digest::Key;
use crate::stages::item::ConvertedText;

const SHARDS: usize = 256;
/// Changes whenever the file layout does; a file of another version is ignored.
const FORMAT: &[u8; 8] = b"bltncv05";

fn shard_of(key: &Key) -> usize {
    (key.0 >> 56) as usize
}

fn shard_file(dir: &Path, shard: usize) -> PathBuf {
    dir.join(format!("conversions-{shard:02x}.bin"))
}

/// Converted texts by key, as found at the start of a build or kept by `serve` between
/// builds. A cache read from disk holds only where each entry is in its shard's file, and reads
/// an entry when it is taken (`take`); a text is taken out when it is used, so that it is
/// never held twice. Every key stays, to tell which shards the next cache changes.
pub struct ConversionCache {
    dir: Option<PathBuf>,
    /// Each shard, read from its file when first needed.
    shards: Vec<OnceLock<Loaded>>,
    /// Per shard: true when its entries differ from its file's.
    changed: Vec<bool>,
    /// Per shard: the keys its file holds, where the file is still the one they were noted for.
    summaries: Vec<Option<ShardSummary>>,
}

/// One shard's entries, and its file as it was read, for the entries still in it.
struct Loaded {
    entries: Mutex<Shard>,
    file: Option<File>,
}

impl Loaded {
    fn in_memory(entries: Shard) -> Self {
        Loaded {
            entries: Mutex::new(entries),
            file: None,
        }
    }

    /// The shard's file in `dir`; a missing, damaged or outdated one is an empty shard.
    fn read(dir: &Path, shard: usize) -> Self {
        let mut file = File::open(shard_file(dir, shard)).ok();
        let mut bytes = Vec::new();
        let read = file.as_mut().map(|f| f.read_to_end(&mut bytes));
        let records = match read {
            Some(Ok(_)) => records(&bytes).unwrap_or_default(),
            _ => HashMap::new(),
        };
        let entries = records.into_iter().map(|(k, r)| (k, Entry::OnDisk(r)));
        Loaded {
            entries: Mutex::new(entries.collect()),
            file,
        }
    }
}

type Shard = HashMap<Key, Entry>;

#[derive(Debug, Clone)]
enum Entry {
    /// A whole entry in the shard's file, read when it is taken.
    OnDisk(Record),
    Kept(Box<ConvertedText>),
    /// Taken out: from the file (whose entry the next cache can copy), or from memory.
    Taken(Option<Record>),
}

/// Where an entry is in its shard's file: its length and checksum, then its fields.
#[derive(Debug, Clone, Copy)]
struct Record {
    at: u64,
    len: u32,
}

impl Default for ConversionCache {
    fn default() -> Self {
        ConversionCache {
            dir: None,
            shards: (0..SHARDS).map(|_| OnceLock::new()).collect(),
            changed: vec![false; SHARDS],
            summaries: vec![None; SHARDS],
        }
    }
}

impl ConversionCache {
    /// A cache that remembers nothing and writes nothing.
    pub fn disabled() -> Self {
        Self::default()
    }

    /// The cache in `<root>/.bulletin-cache/`, its shards read when first needed. A missing,
    /// damaged or outdated shard is empty, and so is a damaged entry: the cache only ever
    /// saves work, never decides output.
    pub fn load(root: &Path) -> Self {
        let dir = root.join(crate::site::CACHE_DIR);
        ConversionCache {
            summaries: keys::read_summaries(&dir),
            dir: Some(dir),
            ..ConversionCache::default()
        }
    }

    /// The shard, read from its file the first time.
    fn shard(&self, shard: usize) -> &Loaded {
        self.shards[shard].get_or_init(|| match &self.dir {
            Some(dir) => Loaded::read(dir, shard),
            None => Loaded::in_memory(HashMap::new()),
        })
    }

    /// The shard's entries.
    fn entries(&self, shard: usize) -> std::sync::MutexGuard<'_, Shard> {
        (self.shard(shard).entries)
            .lock()
            .expect("no panics while held")
    }

    /// Whether the shard's file holds exactly the keys of `set`, as far as its summary tells
    /// without reading it.
    fn holds_exactly(&self, shard: usize, set: &KeySet) -> bool {
        !self.changed[shard] && self.summaries[shard].is_some_and(|s| s.keys == *set)
    }

    /// The text kept under `key`, taken out of the cache.
    pub fn take(&self, key: &Key) -> Option<ConvertedText> {
        let shard = shard_of(key);
        let mut entries = self.entries(shard);
        let entry = entries.get_mut(key)?;
        match std::mem::replace(entry, Entry::Taken(None)) {
            Entry::OnDisk(record) => {
                let text = self
                    .record_bytes(shard, record)
                    .and_then(|bytes| decode_fields(&bytes[12..]))
                    .map(|(_, text)| text);
                match text {
                    Some(_) => *entry = Entry::Taken(Some(record)),
                    // Damaged since it was read: as if it had never been kept.
                    None => drop(entries.remove(key)),
                }
                text
            }
            Entry::Kept(text) => Some(*text),
            Entry::Taken(record) => {
                *entry = Entry::Taken(record);
                None
            }
        }
    }

    /// Whether the shard's file holds a sound entry under `key`.
    fn on_disk(&self, key: &Key) -> Option<Record> {
        let entries = self.entries(shard_of(key));
        match entries.get(key)? {
            Entry::OnDisk(record) | Entry::Taken(Some(record)) => Some(*record),
            _ => None,
        }
    }

    /// An entry as stored in its shard's file (length, checksum, fields), if it still checks.
    fn record_bytes(&self, shard: usize, record: Record) -> Option<Vec<u8>> {
        let file = self.shard(shard).file.as_ref()?;
        let mut bytes = vec![0; record.len as usize];
        file.read_exact_at(&mut bytes, record.at).ok()?;
        let sum = u64::from_le_bytes(bytes[4..12].try_into().ok()?);
        (checksum(&bytes[12..]) == sum).then_some(bytes)
    }

    /// How many texts it holds.
    pub fn len(&self) -> usize {
        let held = |entry: &&Entry| matches!(entry, Entry::OnDisk(_) | Entry::Kept(_));
        let shards = (0..SHARDS).map(|shard| self.entries(shard));
        shards.map(|s| s.values().filter(held).count()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cache for the next build, in memory: exactly the entries this build used.
    pub fn next(&self, used: Vec<(Key, ConvertedText)>) -> ConversionCache {
        let mut shards: Vec<Shard> = vec![HashMap::new(); SHARDS];
        for (key, text) in used {
            shards[shard_of(&key)].insert(key, Entry::Kept(Box::new(text)));
        }
        let changed = (0..SHARDS)
            .map(|shard| self.changed[shard] || self.differs(shard, shards[shard].keys()))
            .collect();
        ConversionCache {
            dir: self.dir.clone(),
            shards: shards
                .into_iter()
                .map(|entries| OnceLock::from(Loaded::in_memory(entries)))
                .collect(),
            changed,
            summaries: vec![None; SHARDS],
        }
    }

    /// Whether a shard holding exactly `keys` differs from this cache's.
    fn differs<'k>(&self, shard: usize, keys: impl ExactSizeIterator<Item = &'k Key>) -> bool {
        let old = self.entries(shard);
        keys.len() != old.len() || keys.into_iter().any(|k| !old.contains_key(k))
    }

    /// Writes the shards that changed, in parallel. Failing to write the cache is not an
    /// error: the next build is only slower.
    pub fn save(&self) {
        let Some(dir) = &self.dir else { return };
        if !self.changed.contains(&true) || std::fs::create_dir_all(dir).is_err() {
            return;
        }
        // The summaries would no longer tell what the shards hold.
        keys::remove_summaries(dir);
        (0..SHARDS)
            .into_par_iter()
            .filter(|&shard| self.changed[shard])
            .for_each(|shard| {
                let entries = self.entries(shard);
                let mut sorted: Vec<(&Key, &ConvertedText)> = entries
                    .iter()
                    .filter_map(|(key, entry)| match entry {
                        Entry::Kept(text) => Some((key, &**text)),
                        _ => None,
                    })
                    .collect();
                sorted.sort_by_key(|(key, _)| **key);
                let mut bytes = Vec::new();
                bytes.extend_from_slice(FORMAT);
                for (key, text) in sorted {
                    encode_entry(&mut bytes, *key, text);
                }
                replace_file(&shard_file(dir, shard), &bytes);
            });
    }
}

/// Replaces a file through a temporary one; a failure leaves the old file.
fn replace_file(path: &Path, bytes: &[u8]) {
    let temporary = path.with_extension("new");
    let written = File::create(&temporary)
        .and_then(|mut file| file.write_all(bytes))
        .and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
}

/// One entry as stored: its length, its bytes and their checksum, so that damage anywhere in
/// an entry (a flipped byte, a cut file) makes that entry, and only it, unread.
fn encode_entry(out: &mut Vec<u8>, key: Key, text: &ConvertedText) {
    let mut entry = Vec::new();
    encode_fields(&mut entry, key, text);
    out.extend_from_slice(&(entry.len() as u32).to_le_bytes());
    out.extend_from_slice(&checksum(&entry).to_le_bytes());
    out.extend_from_slice(&entry);
}

fn checksum(bytes: &[u8]) -> u64 {
    crate::digest::KeyBuilder::default().with(bytes).finish().0
}

fn encode_fields(out: &mut Vec<u8>, key: Key, text: &ConvertedText) {
    out.extend_from_slice(&key.0.to_le_bytes());
    out.extend_from_slice(&key.1.to_le_bytes());
    let put = |out: &mut Vec<u8>, s: &str| {
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    };
    let put_option = |out: &mut Vec<u8>, s: &Option<String>| match s {
        Some(s) => {
            out.push(1);
            put(out, s);
        }
        None => out.push(0),
    };
    put(out, &text.title);
    put_option(out, &text.summary);
    out.extend_from_slice(&(text.tags.len() as u32).to_le_bytes());
    for tag in &text.tags {
        put(out, tag);
    }
    put_option(out, &text.source);
    put_option(out, &text.author);
    put(out, &text.body);
    let disclosure = text
        .disclosure
        .as_ref()
        .map(|d| serde_json::to_string(d).expect("a disclosure block serialises"));
    put_option(out, &disclosure);
}

/// Where a shard's sound entries are; a damaged entry is left out, and one whose length is
/// damaged ends the reading (what follows cannot be found).
fn records(bytes: &[u8]) -> Option<HashMap<Key, Record>> {
    let body = bytes.strip_prefix(FORMAT.as_slice())?;
    let mut reader = body;
    let mut records = HashMap::new();
    while !reader.is_empty() {
        let at = (bytes.len() - reader.len()) as u64;
        let Some((length, sum)) = read_u32(&mut reader).zip(read_u64(&mut reader)) else {
            break;
        };
        let Some(entry) = reader.get(..length as usize) else {
            break;
        };
        reader = &reader[length as usize..];
        let mut fields = entry;
        let key = read_u64(&mut fields).zip(read_u64(&mut fields));
        if let (Some((k0, k1)), true) = (key, checksum(entry) == sum) {
            records.insert(
                Key(k0, k1),
                Record {
                    at,
                    len: 12 + length,
                },
            );
        }
    }
    Some(records)
}

fn decode_fields(mut bytes: &[u8]) -> Option<(Key, ConvertedText)> {
    let reader = &mut bytes;
    let key = Key(read_u64(reader)?, read_u64(reader)?);
    let title = read_string(reader)?;
    let summary = read_option(reader)?;
    let tag_count = read_u32(reader)?;
    let tags = (0..tag_count)
        .map(|_| read_string(reader))
        .collect::<Option<Vec<_>>>()?;
    let source = read_option(reader)?;
    let author = read_option(reader)?;
    let body = read_string(reader)?;
    let disclosure = match read_option(reader)? {
        Some(json) => Some(serde_json::from_str(&json).ok()?),
        None => None,
    };
    let text = ConvertedText {
        title,
        summary,
        tags,
        source,
        author,
        body,
        disclosure,
    };
    Some((key, text))
}

fn read_u64(reader: &mut &[u8]) -> Option<u64> {
    let mut buffer = [0; 8];
    reader.read_exact(&mut buffer).ok()?;
    Some(u64::from_le_bytes(buffer))
}

fn read_u32(reader: &mut &[u8]) -> Option<u32> {
    let mut buffer = [0; 4];
    reader.read_exact(&mut buffer).ok()?;
    Some(u32::from_le_bytes(buffer))
}

fn read_string(reader: &mut &[u8]) -> Option<String> {
    let length = read_u32(reader)? as usize;
    let bytes = reader.get(..length)?;
    *reader = &reader[length..];
    String::from_utf8(bytes.to_vec()).ok()
}

fn read_option(reader: &mut &[u8]) -> Option<Option<String>> {
    let mut tag = [0; 1];
    reader.read_exact(&mut tag).ok()?;
    match tag[0] {
        0 => Some(None),
        1 => read_string(reader).map(Some),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::KeyBuilder;

    fn text(body: &str) -> ConvertedText {
        ConvertedText {
            title: "標題".into(),
            summary: None,
            tags: vec!["甲".into(), "乙".into()],
            source: Some("區建設局".into()),
            author: None,
            body: body.into(),
            disclosure: Some(Box::new(crate::stages::item::Disclosure {
                index_number: Some("11440500/2022-00001".into()),
                number: Some("濠府辦〔2022〕5號".into()),
                keywords: vec!["城建".into()],
                ..Default::default()
            })),
        }
    }

    #[test]
    fn entries_survive_a_round_trip_and_damage_is_an_empty_cache() {
        let dir = tempfile::tempdir().unwrap();
        let key = KeyBuilder::default().with("a").finish();
        let first = text("正文");
        ConversionCache::load(dir.path())
            .next(vec![(key, first.clone())])
            .save();
        let cache = ConversionCache::load(dir.path());
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.take(&key), Some(first));
        assert_eq!(cache.take(&key), None, "taken out");
        assert_eq!(cache.len(), 0);

        let file = shard_file(&dir.path().join(crate::site::CACHE_DIR), shard_of(&key));
        let mut bytes = std::fs::read(&file).unwrap();
        bytes.truncate(bytes.len() - 3);
        std::fs::write(&file, bytes).unwrap();
        assert!(ConversionCache::load(dir.path()).is_empty());
    }

    #[test]
    fn a_same_length_change_inside_an_entry_makes_only_that_entry_unread() {
        let dir = tempfile::tempdir().unwrap();
        // Two keys in one shard: the same first byte.
        let (a, b) = (Key(7 << 56, 1), Key(7 << 56, 2));
        ConversionCache::load(dir.path())
            .next(vec![(a, text("区政府通知")), (b, text("另一条"))])
            .save();
        let file = shard_file(&dir.path().join(crate::site::CACHE_DIR), 7);
        let mut bytes = std::fs::read(&file).unwrap();
        let (from, to) = ("政府".as_bytes(), "攻府".as_bytes());
        let at = bytes.windows(from.len()).position(|w| w == from).unwrap();
        // The same length: only a checksum tells.
        bytes[at..at + to.len()].copy_from_slice(to);
        std::fs::write(&file, bytes).unwrap();
        let cache = ConversionCache::load(dir.path());
        assert_eq!(cache.take(&a), None, "the damaged entry is converted again");
        assert_eq!(cache.take(&b), Some(text("另一条")));
    }

    #[test]
    fn keys_depend_on_every_part() {
        let a = KeyBuilder::default().with("正文").with("s2t").finish();
        let b = KeyBuilder::default().with("正文").with("s2tw").finish();
        assert_ne!(a, b);
        assert_eq!(a, KeyBuilder::default().with("正文").with("s2t").finish());
        assert_ne!(a.0, a.1, "the two halves are independent");
    }
}
