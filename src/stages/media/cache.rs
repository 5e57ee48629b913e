//! Processed photos and copied attachments kept in `.bulletin-cache/media/`, by the digest of
//! their source and the recipe: a build with nothing changed processes nothing. Entries are
//! published from the cache mapped into memory, so that a site of thousands of photos is not
//! held on the heap.

use std::path::{Path, PathBuf};

use bytes::Bytes;

use super::photo::{Format, Processed, Rendition};
use crate::digest::Key;

/// The cache's folder of media, or none where the site's cache cannot be written.
#[derive(Debug, Clone)]
pub struct MediaCache {
    dir: PathBuf,
}

/// The file of an entry that describes it: the photo's size, then one line per rendition.
const DESCRIPTION: &str = "renditions";

impl MediaCache {
    pub fn at(root: &Path) -> Self {
        MediaCache {
            dir: root.join(crate::site::CACHE_DIR).join("media"),
        }
    }

    fn entry(&self, key: Key) -> PathBuf {
        self.dir.join(format!("{:016x}{:016x}", key.0, key.1))
    }

    /// The entry for `key`, if an earlier build stored a whole one.
    pub fn load(&self, key: Key) -> Option<Processed> {
        let entry = self.entry(key);
        let description = std::fs::read_to_string(entry.join(DESCRIPTION)).ok()?;
        let mut lines = description.lines();
        let (width, height) = pair(lines.next()?)?;
        let mut renditions = Vec::new();
        for line in lines {
            let (size, extension) = line.split_once(' ')?;
            let (width, height) = pair(size)?;
            let format = Format::from_extension(extension)?;
            let bytes = map(&entry.join(file_name(width, format))).ok()?;
            renditions.push(Rendition {
                width,
                height,
                format,
                bytes,
            });
        }
        Some(Processed {
            width,
            height,
            renditions,
        })
    }

    /// Stores `processed` under `key` and gives it back mapped from the cache; as it is when the
    /// cache cannot be written (a read-only site still builds).
    pub fn store(&self, key: Key, processed: Processed) -> Processed {
        let entry = self.entry(key);
        let temporary = PathBuf::from(temporary_name(&entry));
        let written = write_entry(&temporary, &processed).and_then(|()| {
            match std::fs::rename(&temporary, &entry) {
                // Another build stored it first: theirs is the same.
                Err(_) if entry.join(DESCRIPTION).is_file() => {
                    let _ = std::fs::remove_dir_all(&temporary);
                    Ok(())
                }
                other => other,
            }
        });
        if written.is_err() {
            let _ = std::fs::remove_dir_all(&temporary);
            return processed;
        }
        self.load(key).unwrap_or(processed)
    }
}

impl MediaCache {
    /// An attachment's bytes, copied once into the cache and mapped from there: an editor may
    /// overwrite the original while `serve` holds it. Read into memory when the cache cannot
    /// be written.
    pub fn copy_of(&self, key: Key, source: &Path) -> std::io::Result<Bytes> {
        let entry = self.entry(key);
        let copy = entry.join(ATTACHMENT);
        if let Ok(bytes) = map(&copy) {
            return Ok(bytes);
        }
        let temporary = PathBuf::from(temporary_name(&entry));
        let copied = std::fs::create_dir_all(&temporary)
            .and_then(|()| std::fs::copy(source, temporary.join(ATTACHMENT)))
            .and_then(|_| std::fs::rename(&temporary, &entry));
        let _ = std::fs::remove_dir_all(&temporary);
        match copied.and_then(|()| map(&copy)) {
            Ok(bytes) => Ok(bytes),
            Err(_) => std::fs::read(source).map(Bytes::from),
        }
    }
}

/// The file of an attachment's entry.
const ATTACHMENT: &str = "file";

fn write_entry(dir: &Path, processed: &Processed) -> std::io::Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let mut description = format!("{} {}\n", processed.width, processed.height);
    for rendition in &processed.renditions {
        let name = file_name(rendition.width, rendition.format);
        std::fs::write(dir.join(&name), &rendition.bytes)?;
        description.push_str(&format!(
            "{}x{} {}\n",
            rendition.width,
            rendition.height,
            rendition.format.extension()
        ));
    }
    // Written last: an entry without it is not one.
    std::fs::write(dir.join(DESCRIPTION), description)
}

/// A name beside `entry` that no other build, nor thread, writes at the same time.
fn temporary_name(entry: &Path) -> String {
    format!(
        "{}.{}.{:?}.tmp",
        entry.display(),
        std::process::id(),
        std::thread::current().id()
    )
}

fn file_name(width: u32, format: Format) -> String {
    format!("{width}.{}", format.extension())
}

fn pair(text: &str) -> Option<(u32, u32)> {
    let (a, b) = text.split_once(['x', ' '])?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// A cache file's bytes, mapped rather than read.
fn map(path: &Path) -> std::io::Result<Bytes> {
    let file = std::fs::File::open(path)?;
    if file.metadata()?.len() == 0 {
        return Ok(Bytes::new());
    }
    // SAFETY: cache entries are written whole under a temporary name, renamed into place and
    // never written again; removing one while it is mapped keeps the mapping valid.
    let mapped = unsafe { memmap2::Mmap::map(&file)? };
    Ok(Bytes::from_owner(mapped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_comes_back_as_stored() {
        let root = tempfile::tempdir().unwrap();
        let cache = MediaCache::at(root.path());
        let processed = Processed {
            width: 10,
            height: 5,
            renditions: vec![Rendition {
                width: 10,
                height: 5,
                format: Format::Webp,
                bytes: Bytes::from_static(b"RIFF...."),
            }],
        };
        assert!(cache.load(Key(1, 2)).is_none());
        let stored = cache.store(Key(1, 2), processed);
        assert_eq!(&stored.renditions[0].bytes[..], b"RIFF....");
        let loaded = cache.load(Key(1, 2)).unwrap();
        assert_eq!((loaded.width, loaded.height), (10, 5));
        assert_eq!(&loaded.renditions[0].bytes[..], b"RIFF....");
        assert!(cache.load(Key(1, 3)).is_none());
    }
}
