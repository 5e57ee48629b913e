//! What the last build's search index was made from and which files hold it, kept in the
//! cache: the next build reuses the index whole when nothing it is made from changed, and
//! re-indexes only the changed items when the others kept their numbers (`update`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use bytes::Bytes;
use rayon::prelude::*;

use crate::digest::Key;
use crate::error::Result;
use crate::site::cache_file_for;
use crate::stages::item::{FileSink, OutputFile};

/// An index as a build made it.
#[derive(Debug, Default, PartialEq)]
pub struct IndexRecord {
    /// The digest of everything the index is made from (`SearchInputs::digest`).
    pub inputs: Key,
    /// The digest of the site's settings, theme and variants the documents are shown in.
    pub site: Key,
    pub shards: usize,
    /// Every document, by number.
    pub documents: Vec<IndexedDocument>,
    /// Every file, with its digest (`OutputFile::digest`).
    pub files: Vec<(String, Key)>,
}

/// One item as the index holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedDocument {
    pub url_path: String,
    /// The item's digest (`ItemMeta::digest`).
    pub digest: Key,
    pub department: usize,
    pub column: Option<usize>,
    pub year: i32,
    /// `Normalized::text_bytes`, which sizes the index.
    pub text_bytes: usize,
}

impl IndexRecord {
    /// The record the last build into `output` saved, if there is one this build can read.
    pub fn read(output: &Path, cache_dir: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(cache_file_for(cache_dir, output, "search")).ok()?;
        let mut lines = text.lines();
        let header = lines.next()?.strip_prefix(&header_prefix())?;
        let [inputs, site, shards] = fields(header, ' ')?;
        let mut record = IndexRecord {
            inputs: parse_key(inputs)?,
            site: parse_key(site)?,
            shards: shards.parse().ok()?,
            ..IndexRecord::default()
        };
        for line in lines {
            match line.split_once('\t')? {
                ("document", rest) => record.documents.push(parse_document(rest)?),
                ("file", rest) => {
                    let (path, digest) = rest.split_once('\t')?;
                    record.files.push((path.to_string(), parse_key(digest)?));
                }
                _ => return None,
            }
        }
        Some(record)
    }

    /// Saves the record for the next build. A failure only means the next build makes the
    /// index anew.
    pub fn save(&self, output: &Path, cache_dir: &Path) {
        let mut text = format!(
            "{}{} {} {}\n",
            header_prefix(),
            key_text(self.inputs),
            key_text(self.site),
            self.shards
        );
        for d in &self.documents {
            let column = d.column.map_or("-".to_string(), |c| c.to_string());
            text.push_str(&format!(
                "document\t{}\t{}\t{}\t{column}\t{}\t{}\n",
                d.url_path,
                key_text(d.digest),
                d.department,
                d.year,
                d.text_bytes
            ));
        }
        for (path, digest) in &self.files {
            text.push_str(&format!("file\t{path}\t{}\n", key_text(*digest)));
        }
        let _ = std::fs::create_dir_all(cache_dir)
            .and_then(|()| std::fs::write(cache_file_for(cache_dir, output, "search"), text));
    }
}

fn header_prefix() -> String {
    format!(
        "bulletin search index, format {} ",
        super::index::FORMAT_VERSION
    )
}

fn parse_document(line: &str) -> Option<IndexedDocument> {
    let [url_path, digest, department, column, year, text_bytes] = fields(line, '\t')?;
    Some(IndexedDocument {
        url_path: url_path.to_string(),
        digest: parse_key(digest)?,
        department: department.parse().ok()?,
        column: match column {
            "-" => None,
            c => Some(c.parse().ok()?),
        },
        year: year.parse().ok()?,
        text_bytes: text_bytes.parse().ok()?,
    })
}

/// Exactly `N` fields of `line`, cut at `separator`.
fn fields<const N: usize>(line: &str, separator: char) -> Option<[&str; N]> {
    let fields: Vec<&str> = line.split(separator).collect();
    fields.try_into().ok()
}

fn key_text(key: Key) -> String {
    format!("{:016x}{:016x}", key.0, key.1)
}

fn parse_key(text: &str) -> Option<Key> {
    if text.len() != 32 || !text.is_ascii() {
        return None;
    }
    let half = |range| u64::from_str_radix(&text[range], 16).ok();
    Some(Key(half(0..16)?, half(16..32)?))
}

/// The last index: its record, and its files, each read back only while it is still what the
/// record says was written.
pub struct LastIndex<'a> {
    pub record: IndexRecord,
    digests: OnceLock<HashMap<String, Key>>,
    files: FileReader<'a>,
}

/// Reads a file of an index by its path.
type FileReader<'a> = Box<dyn Fn(&str) -> Option<Bytes> + Sync + 'a>;

impl<'a> LastIndex<'a> {
    /// The index of `record`, its files as `files` reads them.
    pub fn new(record: IndexRecord, files: impl Fn(&str) -> Option<Bytes> + Sync + 'a) -> Self {
        LastIndex {
            record,
            digests: OnceLock::new(),
            files: Box::new(files),
        }
    }

    /// The index the last build wrote into `output`, if its record is there.
    pub fn on_disk(output: &'a Path, cache_dir: &Path) -> Option<Self> {
        let record = IndexRecord::read(output, cache_dir)?;
        let files = |path: &str| std::fs::read(output.join(path)).ok().map(Bytes::from);
        Some(LastIndex::new(record, files))
    }

    /// The file at `path`, if the index has it and it is as written.
    pub fn read(&self, path: &str) -> Option<Bytes> {
        let digests = self
            .digests
            .get_or_init(|| self.record.files.iter().cloned().collect());
        let wanted = digests.get(path)?;
        let bytes = (self.files)(path)?;
        (crate::digest::of_bytes(&bytes) == *wanted).then_some(bytes)
    }

    /// The files at `paths`, in their order, if every one is as written.
    pub fn read_all(&self, paths: &[String]) -> Option<Vec<Bytes>> {
        paths.par_iter().map(|path| self.read(path)).collect()
    }
}

/// A sink that notes the files it is given, and those it keeps, for the record.
pub struct Noting<'a> {
    pub sink: &'a mut dyn FileSink,
    pub files: Vec<(String, Key)>,
}

impl FileSink for Noting<'_> {
    fn put(&mut self, files: Vec<OutputFile>) -> Result<()> {
        let noted = files.par_iter().map(|f| (f.path.to_string(), f.digest()));
        self.files.par_extend(noted);
        self.sink.put(files)
    }

    fn keep(&mut self, files: &[(String, Key)]) -> bool {
        let kept = self.sink.keep(files);
        if kept {
            self.files.extend_from_slice(files);
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_it_was_saved_and_a_damaged_one_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let (output, cache) = (dir.path().join("public"), dir.path().join("cache"));
        let mut record = IndexRecord {
            inputs: Key(1, u64::MAX),
            site: Key(0xabc, 7),
            shards: 64,
            documents: vec![IndexedDocument {
                url_path: "2024/01/notice/".into(),
                digest: Key(3, 4),
                department: 2,
                column: None,
                year: 2024,
                text_bytes: 1200,
            }],
            files: Vec::new(),
        };
        record.documents.push(IndexedDocument {
            column: Some(1),
            ..record.documents[0].clone()
        });
        let meta = OutputFile::copied("search-index/meta.json", "{}");
        record.files = vec![(meta.path.to_string(), meta.digest())];
        record.save(&output, &cache);
        assert_eq!(IndexRecord::read(&output, &cache), Some(record));
        let path = cache_file_for(&cache, &output, "search");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("\t2024\t", "\ttwenty\t")).unwrap();
        assert_eq!(IndexRecord::read(&output, &cache), None);
    }
}
