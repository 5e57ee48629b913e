//! The item store: every item as the last build loaded and rendered it, kept under the site
//! (`.bulletin-cache/items/`) by its content file's stamp, so that a build reads, converts and
//! renders only the files that changed. Like every cache it only saves work: a store that is
//! missing, damaged, written by another program or under other settings is empty.
//!
//! `texts` holds the items' Markdown and HTML: it is the build's spool, appended to, and it is
//! compacted once more than half of it is no longer used. Everything else is JSON in 256 shards
//! by path, and a build rewrites only the shards whose items changed. One build at a time holds
//! the store (`lock`); another, at the same time, builds without it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::digest::{Key, KeyBuilder, KeyMap};
use crate::stages::item::{ItemLinks, RenderedItem, RenderedText, SourceItem, Spool, StoredText};
use crate::stages::load::{ContentFiles, FileStamp, StoredFile};

const DIR: &str = "items";
const SHARDS: usize = 256;
const FORMAT: &str = "bulletin item store 2";
/// The texts file starts with this, then its generation (8 bytes), which the shards name.
const TEXTS_MAGIC: &[u8; 8] = b"bltntx01";
const TEXTS_HEADER: u64 = 16;
/// Unused texts are let be up to this much, besides as much as is used.
const COMPACT_SLACK: u64 = 64 << 20;

/// A text's offset and length in the texts file.
type Place = (u64, usize);

#[derive(Serialize, Deserialize)]
struct Shard<'a> {
    format: Cow<'a, str>,
    program: Cow<'a, str>,
    /// The generation of the texts file its places are in.
    texts: u64,
    settings: Key,
    /// What its records are (`shard_key`): a shard whose items are the same is not written.
    key: Key,
    records: Vec<Record<'a>>,
}

#[derive(Serialize, Deserialize)]
struct Record<'a> {
    path: Cow<'a, Path>,
    stamp: FileStamp,
    /// Shared, not borrowed: a record is a few pointers, not a whole item.
    item: Arc<SourceItem>,
    body: Place,
    /// The lines of the 索引号 and the 文号, which the item's serialization leaves out.
    disclosure_lines: (usize, usize),
    rendered: Option<Rendered<'a>>,
}

/// The item rendered, if it was published.
#[derive(Serialize, Deserialize)]
struct Rendered<'a> {
    texts: Cow<'a, [RenderedText]>,
    /// Where each text's summary and HTML are.
    spooled: Vec<(Place, Place)>,
    links: Cow<'a, ItemLinks>,
    conversion_keys: Cow<'a, [Key]>,
}

/// A site's item store, held by one build.
pub struct ItemStore {
    dir: PathBuf,
    /// Locked while the store is open.
    _lock: File,
    texts: Arc<Spool>,
    generation: u64,
    /// Where the texts file ended when it was opened.
    opened_at: u64,
    /// Each shard's key as read.
    keys: Vec<Option<Key>>,
}

/// What the store held: the items as loaded, under the settings they were parsed with, and
/// those of them that were published, as rendered.
pub struct Restored {
    pub settings: Option<Key>,
    pub files: Vec<StoredFile>,
    pub items: Vec<Arc<RenderedItem>>,
}

impl ItemStore {
    /// Opens the store under the site's cache directory, unless another build holds it or it
    /// cannot be made; its texts file is the build's spool.
    pub fn open(cache_dir: &Path) -> Option<(ItemStore, Restored)> {
        let dir = cache_dir.join(DIR);
        std::fs::create_dir_all(&dir).ok()?;
        let lock = File::create(dir.join("lock")).ok()?;
        // SAFETY: flock on a descriptor this function owns.
        let locked = unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if locked != 0 {
            return None;
        }
        let (file, generation) = open_texts(&dir).ok()?;
        let texts = Spool::kept_in(file).ok()?;
        let opened_at = texts.end();
        let program = crate::site::this_program();
        let shards: Vec<Option<Shard<'static>>> = (0..SHARDS)
            .into_par_iter()
            .map(|n| read_shard(&dir, n, &program, generation, opened_at))
            .collect();
        let settings = shards.iter().flatten().map(|shard| shard.settings).next();
        let shards: Vec<Option<Shard>> = shards
            .into_iter()
            .map(|shard| shard.filter(|s| Some(s.settings) == settings))
            .collect();
        let keys = shards.iter().map(|s| s.as_ref().map(|s| s.key)).collect();
        let restored = restore(shards, &texts, settings);
        let store = ItemStore {
            dir,
            _lock: lock,
            texts,
            generation,
            opened_at,
            keys,
        };
        Some((store, restored))
    }

    /// The texts file, as the build's spool.
    pub fn texts(&self) -> &Arc<Spool> {
        &self.texts
    }

    /// Keeps what this build loaded and rendered for the next. Failing to is not an error:
    /// the next build is only slower.
    pub fn save(self, content: &ContentFiles, items: &KeyMap<Arc<RenderedItem>>) {
        self.save_with_slack(content, items, COMPACT_SLACK);
    }

    /// `save`, compacting the texts when more than `slack` bytes besides those used are not.
    fn save_with_slack(
        mut self,
        content: &ContentFiles,
        items: &KeyMap<Arc<RenderedItem>>,
        slack: u64,
    ) {
        let (Some(settings), files) = content.storable() else {
            return;
        };
        let mut records: Vec<Record> = files
            .par_iter()
            .filter_map(|&(path, stamp, item)| self.record(path, stamp, item, items))
            .collect();
        let used: u64 = records.iter().flat_map(places).map(|p| p.1 as u64).sum();
        if self.texts.end() > 2 * used + slack {
            match self.compact(&mut records) {
                Some(generation) => self.generation = generation,
                None => return,
            }
        }
        if self.texts.end() > self.opened_at && self.texts.sync().is_err() {
            return;
        }
        let mut by_shard: Vec<Vec<Record>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for record in records {
            by_shard[shard_of(&record.path)].push(record);
        }
        let program = crate::site::this_program();
        let (generation, keys) = (self.generation, &self.keys);
        by_shard
            .into_par_iter()
            .enumerate()
            .for_each(|(n, records)| {
                let key = shard_key(settings, generation, &records);
                if keys[n] != Some(key) {
                    let shard = Shard {
                        format: Cow::Borrowed(FORMAT),
                        program: Cow::Borrowed(&program),
                        texts: generation,
                        settings,
                        key,
                        records,
                    };
                    write_shard(&shard_file(&self.dir, n), &shard);
                }
            });
    }

    /// An item's record, if its texts are in the store.
    fn record<'a>(
        &self,
        path: &'a Path,
        stamp: FileStamp,
        item: &Arc<SourceItem>,
        items: &'a KeyMap<Arc<RenderedItem>>,
    ) -> Option<Record<'a>> {
        let body = item.body.place_in(&self.texts)?;
        let rendered = items.get(&item.digest).and_then(|rendered| {
            let storable = rendered.attachments.is_empty()
                && rendered.texts.iter().all(|t| t.lead_image.is_none());
            let spooled: Option<Vec<(Place, Place)>> = (rendered.texts.iter())
                .map(|text| {
                    let summary = text.summary.place_in(&self.texts)?;
                    Some((summary, text.html.place_in(&self.texts)?))
                })
                .collect();
            Some(Rendered {
                texts: Cow::Borrowed(&rendered.texts),
                spooled: spooled.filter(|_| storable)?,
                links: Cow::Borrowed(&rendered.links),
                conversion_keys: Cow::Borrowed(&rendered.conversion_keys),
            })
        });
        let lines = item
            .disclosure
            .as_ref()
            .map_or((0, 0), |d| (d.index_number_line, d.number_line));
        Some(Record {
            path: Cow::Borrowed(path),
            stamp,
            item: Arc::clone(item),
            body,
            disclosure_lines: lines,
            rendered,
        })
    }

    /// Copies the texts the records use to a new texts file, in their order in the old one,
    /// and points the records there; the new file's generation.
    fn compact(&self, records: &mut [Record]) -> Option<u64> {
        let mut order: Vec<Place> = records.iter().flat_map(places).collect();
        order.sort_unstable();
        order.dedup();
        let temporary = self.dir.join("texts.new");
        let generation = new_generation();
        let mut moved: HashMap<Place, Place> = HashMap::with_capacity(order.len());
        let written = (|| {
            let mut out = std::io::BufWriter::new(File::create(&temporary)?);
            out.write_all(TEXTS_MAGIC)?;
            out.write_all(&generation.to_le_bytes())?;
            let mut at = TEXTS_HEADER;
            for place in order {
                let text = StoredText::in_spool(&self.texts, place).text().into_owned();
                out.write_all(text.as_bytes())?;
                moved.insert(place, (at, text.len()));
                at += text.len() as u64;
            }
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            std::fs::rename(&temporary, self.dir.join("texts"))
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
            return None;
        }
        for record in records.iter_mut() {
            record.body = moved[&record.body];
            if let Some(rendered) = &mut record.rendered {
                for (summary, html) in &mut rendered.spooled {
                    (*summary, *html) = (moved[summary], moved[html]);
                }
            }
        }
        Some(generation)
    }
}

/// Every text place of a record.
fn places<'r>(record: &'r Record) -> impl Iterator<Item = Place> + 'r {
    let rendered = (record.rendered.iter()).flat_map(|r| r.spooled.iter());
    std::iter::once(record.body).chain(rendered.flat_map(|&(summary, html)| [summary, html]))
}

/// The items of the shards, as loaded and as rendered, their texts in `texts`.
fn restore(shards: Vec<Option<Shard>>, texts: &Arc<Spool>, settings: Option<Key>) -> Restored {
    let restored: Vec<(StoredFile, Option<Arc<RenderedItem>>)> = shards
        .into_par_iter()
        .flatten()
        .flat_map_iter(|shard| shard.records)
        .map(|record| {
            let mut item = record.item;
            let fields = Arc::get_mut(&mut item).expect("read just now, not shared");
            fields.body = StoredText::in_spool(texts, record.body);
            if let Some(disclosure) = &mut fields.disclosure {
                (disclosure.index_number_line, disclosure.number_line) = record.disclosure_lines;
            }
            // Lists grow room for four as they are read, and every item is held for the whole
            // build: the room is given back.
            fields.tags.shrink_to_fit();
            fields.aliases.shrink_to_fit();
            fields.editions.shrink_to_fit();
            let rendered = (record.rendered).map(|rendered| restored_item(rendered, &item, texts));
            ((record.path.into_owned(), record.stamp, item), rendered)
        })
        .collect();
    let (files, items): (Vec<StoredFile>, Vec<_>) = restored.into_iter().unzip();
    Restored {
        settings,
        files,
        items: items.into_iter().flatten().collect(),
    }
}

/// An item as rendered, from its record, with its HTML in `texts`; lists are given back the
/// room they grew as they were read, as for its source item.
fn restored_item(
    rendered: Rendered,
    meta: &Arc<SourceItem>,
    texts: &Arc<Spool>,
) -> Arc<RenderedItem> {
    let mut texts_of = rendered.texts.into_owned();
    texts_of.shrink_to_fit();
    for (text, (summary, html)) in texts_of.iter_mut().zip(rendered.spooled) {
        text.summary = StoredText::in_spool(texts, summary);
        text.html = StoredText::in_spool(texts, html);
        text.tags.shrink_to_fit();
    }
    let mut links = rendered.links.into_owned();
    links.site.shrink_to_fit();
    links.refused.shrink_to_fit();
    let mut conversion_keys = rendered.conversion_keys.into_owned();
    conversion_keys.shrink_to_fit();
    Arc::new(RenderedItem {
        meta: Arc::clone(meta),
        texts: texts_of,
        links,
        attachments: Vec::new(),
        conversion_keys,
    })
}

/// The texts file and its generation; a new one if it is missing or not one.
fn open_texts(dir: &Path) -> std::io::Result<(File, u64)> {
    let path = dir.join("texts");
    let options = || {
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true);
        options
    };
    if let Ok(mut file) = options().open(&path) {
        let mut header = [0; TEXTS_HEADER as usize];
        if file.read_exact(&mut header).is_ok() && &header[..8] == TEXTS_MAGIC {
            let generation = u64::from_le_bytes(header[8..].try_into().expect("8 bytes"));
            return Ok((file, generation));
        }
    }
    let generation = new_generation();
    let mut file = options().create(true).truncate(true).open(&path)?;
    file.write_all(TEXTS_MAGIC)?;
    file.write_all(&generation.to_le_bytes())?;
    Ok((file, generation))
}

/// A generation no texts file of this store had: shards of an older one are not trusted.
fn new_generation() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    let nanos = now.map_or(0, |d| d.as_nanos());
    KeyBuilder::default()
        .with(&nanos)
        .with(&std::process::id())
        .finish()
        .0
}

fn shard_file(dir: &Path, n: usize) -> PathBuf {
    dir.join(format!("shard-{n:02x}.json"))
}

fn shard_of(path: &Path) -> usize {
    (KeyBuilder::default().with(path).finish().0 >> 56) as usize
}

/// A shard as written by this program for the texts file `generation`, every place inside
/// the file's first `end` bytes; `None` otherwise.
fn read_shard(
    dir: &Path,
    n: usize,
    program: &str,
    generation: u64,
    end: u64,
) -> Option<Shard<'static>> {
    let bytes = std::fs::read(shard_file(dir, n)).ok()?;
    let shard: Shard = serde_json::from_slice(&bytes).ok()?;
    let inside = |(at, len): Place| at >= TEXTS_HEADER && at + len as u64 <= end;
    let sound = shard.format == FORMAT
        && shard.program == program
        && shard.texts == generation
        && shard.records.iter().flat_map(places).all(inside)
        && shard.key == shard_key(shard.settings, generation, &shard.records);
    sound.then_some(shard)
}

/// What tells one shard's records from another's.
fn shard_key(settings: Key, generation: u64, records: &[Record]) -> Key {
    let mut key = KeyBuilder::default().with(&settings).with(&generation);
    for record in records {
        key = key
            .with(&record.path)
            .with(&record.stamp)
            .with(&record.item.digest)
            .with(&record.body)
            .with(&record.rendered.as_ref().map(|r| &r.spooled));
    }
    key.finish()
}

/// Writes a shard to `path` in place of the old, or removes the old if the shard is empty.
fn write_shard(path: &Path, shard: &Shard) {
    if shard.records.is_empty() {
        let _ = std::fs::remove_file(path);
        return;
    }
    let temporary = path.with_extension("new");
    let written = serde_json::to_vec(shard)
        .map_err(std::io::Error::other)
        .and_then(|bytes| std::fs::write(&temporary, bytes))
        .and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::BuildOptions;

    const CONFIG: &str = "title: 测试区\nbase_url: https://example.org/\nvariants:\n  - { lang: zh-Hans, path: hans, default: true }\n  - { lang: zh-Hant, path: hant }\ndepartments:\n  jianshe: 区建设局\n";

    fn write_item(root: &Path, name: &str, text: &str) {
        let item = format!(
            "---\ntitle: {name}\ndate: 2024-03-05 09:00\ndepartment: jianshe\n---\n\n{text}\n"
        );
        std::fs::write(root.join("content").join(format!("{name}.md")), item).unwrap();
    }

    /// Builds the site, its files settled first so that the store keeps them.
    fn build(root: &Path) {
        std::thread::sleep(std::time::Duration::from_millis(150));
        let options = BuildOptions {
            now: chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            ..BuildOptions::new(root)
        };
        crate::pipeline::build(&options).unwrap();
    }

    /// Each item's texts as the store gives them back: Markdown, then the summary and HTML in
    /// each variant.
    fn texts_of(restored: &Restored) -> Vec<(PathBuf, Vec<String>)> {
        let mut texts: Vec<(PathBuf, Vec<String>)> = (restored.files.iter())
            .map(|(path, _, item)| {
                let rendered = restored.items.iter().find(|r| r.meta.digest == item.digest);
                let rendered_texts = rendered.into_iter().flat_map(|r| r.texts.iter());
                let all = std::iter::once(item.body.text().into_owned()).chain(
                    rendered_texts
                        .flat_map(|t| [t.summary.text(), t.html.text()])
                        .map(Cow::into_owned),
                );
                (path.clone(), all.collect())
            })
            .collect();
        texts.sort();
        texts
    }

    #[test]
    fn compacting_keeps_every_text_used_and_drops_the_rest() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("bulletin.yaml"), CONFIG).unwrap();
        for n in 0..6 {
            write_item(root, &format!("item-{n}"), &format!("第{n}条消息。"));
        }
        build(root);
        // Every edit leaves the texts it replaced unused in the file.
        for round in 0..4 {
            write_item(root, "item-0", &format!("第{round}次改写。").repeat(200));
            build(root);
        }
        let cache = root.join(crate::site::CACHE_DIR);
        let texts_file = cache.join(DIR).join("texts");
        let before = std::fs::metadata(&texts_file).unwrap().len();
        let (store, restored) = ItemStore::open(&cache).unwrap();
        let expected = texts_of(&restored);
        assert_eq!(expected.len(), 6);
        assert!(expected[0].1[0].contains("第3次改写"));
        let mut content = ContentFiles::default();
        content.restore(restored.settings.unwrap(), restored.files);
        let items = restored
            .items
            .into_iter()
            .map(|i| (i.meta.digest, i))
            .collect();
        store.save_with_slack(&content, &items, 0);

        let after = std::fs::metadata(&texts_file).unwrap().len();
        let (_, compacted) = ItemStore::open(&cache).unwrap();
        assert_eq!(texts_of(&compacted), expected);
        let used: u64 = expected
            .iter()
            .flat_map(|(_, texts)| texts.iter().map(|t| t.len() as u64))
            .sum();
        assert_eq!(after, TEXTS_HEADER + used, "before: {before}");
        assert!(
            before > after + 3 * 200 * 12,
            "before {before}, after {after}"
        );
    }
}
