//! The site's search index, one for every variant (their text folded to one script, see
//! `forms`), written by bulletin for this corpus (Pagefind kept every page in memory and slowed
//! with each page added: 37 s and 9.7 GB at 10,000 items). Index files are gzipped, and so is
//! each document in a pack (the page unpacks them with `DecompressionStream`, whatever the host
//! sends):
//!
//! - `search-index/meta.json` (plain): `{"version", "documents", "shards"}`.
//! - `search-index/shards/<k>.bin`: the terms whose FNV-1a hash modulo `shards` is `k`,
//!   sorted, each as `varint length, UTF-8 term, varint count, count × (varint document
//!   delta, weight byte)`. The weight is the term's count in the item (at most 127), plus 128
//!   when the title holds it. Filters are terms too: `\u{1}department\u{1}3` (the department's
//!   place in the configuration), `\u{1}column\u{1}0`, `\u{1}year\u{1}2024`.
//! - `<variant>/search-index/filters.json` (plain): the values of each filter as the variant
//!   shows them, with the value their term holds: `{"department": [["园区管委会", 1]], …}`.
//! - `<variant>/search-index/documents/<pack>.bin`: the items in the variant, 128 to a file
//!   (`pack`), each as `{"url", "title", "date", "department", "text"}`, for the result list,
//!   its excerpt, and the check that the item holds the query as typed.
//!
//! Documents are numbered oldest first, so a new item takes the next number and leaves the
//! others' packs as they were (but the last); the page ranks newer (higher) numbers first
//! among equals.
//! Postings are gathered batch by batch and held encoded (`postings`), about a third of the
//! size of the text they index.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::gzip::{gunzipped, gzipped};
use super::postings::{self, Encoded, Normalized, read_varint, varint};
use crate::stages::item::OutputFile;

/// The index's format, in `meta.json`; the page refuses another, and a build does not reuse
/// an index of another.
pub const FORMAT_VERSION: u32 = 4;
/// Raw posting bytes a shard is sized for: small enough for a query to fetch a few.
const SHARD_BYTES: usize = 24 * 1024;
/// Shards are gzipped at level 2, zlib-rs's fastest with Huffman codes made for the data: on
/// the generated corpus 4% larger than at level 6 in half the time (level 1's fixed codes are
/// a half larger).
const SHARD_LEVEL: u32 = 2;

/// One item as the index sees it.
#[derive(Debug)]
pub struct Document {
    /// The item in each variant, in the order of the site's variants.
    pub shown: Vec<Shown>,
    pub department: usize,
    pub column: Option<usize>,
    pub year: i32,
}

/// An item in one variant, as a result shows it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Shown {
    pub url: String,
    pub title: String,
    pub date: String,
    pub department: String,
    pub text: String,
}

impl Document {
    /// The item's words as they are searched.
    pub fn normalized(&self) -> Normalized {
        let texts = self.shown.iter().map(|shown| (&*shown.title, &*shown.text));
        Normalized::new(texts, self.filter_terms())
    }

    /// The filter terms of the item: its department, column and year.
    fn filter_terms(&self) -> Vec<String> {
        let mut terms = vec![
            filter_term("department", self.department),
            filter_term("year", self.year),
        ];
        if let Some(column) = self.column {
            terms.push(filter_term("column", column));
        }
        terms
    }
}

/// The term that stands for a filter's value.
fn filter_term(filter: &str, value: impl std::fmt::Display) -> String {
    format!("\u{1}{filter}\u{1}{value}")
}

/// A filter's values as one variant shows them, each with the value its term holds.
pub type FilterValues = BTreeMap<&'static str, Vec<(String, String)>>;

#[derive(Serialize)]
struct Meta {
    version: u32,
    documents: usize,
    shards: usize,
}

/// How many shards the postings of `text_bytes` of normalized text are cut into: about a byte
/// of postings for each byte of text, `SHARD_BYTES` a shard.
pub fn shard_count(text_bytes: usize) -> usize {
    (text_bytes / SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .min(1 << 16)
}

/// `search-index/meta.json`.
pub fn meta_file(documents: usize, shards: usize) -> OutputFile {
    let meta = Meta {
        version: FORMAT_VERSION,
        documents,
        shards,
    };
    OutputFile::copied(
        format!("{}/meta.json", crate::stages::render::SEARCH_DIR),
        serde_json::to_vec(&meta).expect("the meta serialises"),
    )
}

/// Where shard `k` is.
pub fn shard_path(k: usize) -> String {
    format!("{}/shards/{k}.bin", crate::stages::render::SEARCH_DIR)
}

/// The shards' files of the postings `built`, cut into `shards` (`shard_count`).
pub fn postings_files(built: postings::Builder, shards: usize) -> Vec<OutputFile> {
    let shards = built.into_shards(shards).into_par_iter().enumerate();
    shards
        .map(|(k, terms)| encoded_shard_file(k, terms))
        .collect()
}

/// A term's postings: (document, weight), in document order.
pub type Postings = Vec<(u32, u8)>;

/// Shard `k`'s file, its `terms` sorted.
pub fn shard_file(k: usize, terms: Vec<(Box<str>, Postings)>) -> OutputFile {
    let encoded = terms.into_iter().map(|(term, postings)| {
        let mut encoded = Encoded::default();
        for (document, weight) in postings {
            encoded.push(document, weight);
        }
        (term, encoded)
    });
    encoded_shard_file(k, encoded.collect())
}

/// Shard `k`'s file, its `terms` sorted and their postings encoded.
fn encoded_shard_file(k: usize, terms: Vec<(Box<str>, Encoded)>) -> OutputFile {
    OutputFile::copied(shard_path(k), gzipped(&shard_bytes(terms), SHARD_LEVEL))
}

/// A shard as bytes: its terms, sorted, each with its postings.
fn shard_bytes(terms: Vec<(Box<str>, Encoded)>) -> Vec<u8> {
    let size = terms.iter().map(|(t, p)| t.len() + p.bytes.len() + 8).sum();
    let mut out = Vec::with_capacity(size);
    for (term, postings) in terms {
        varint(&mut out, term.len() as u64);
        out.extend_from_slice(term.as_bytes());
        varint(&mut out, u64::from(postings.count));
        out.extend_from_slice(&postings.bytes);
    }
    out
}

/// A shard's file read back: its terms, sorted, each with its postings; `None` if the bytes
/// are not a shard.
pub fn read_shard(gzipped_bytes: &[u8]) -> Option<Vec<(Box<str>, Postings)>> {
    let bytes = gunzipped(gzipped_bytes)?;
    let mut at = 0;
    let mut terms = Vec::new();
    while at < bytes.len() {
        let length = usize::try_from(read_varint(&bytes, &mut at)?).ok()?;
        let term = bytes.get(at..at.checked_add(length)?)?;
        let term = Box::from(std::str::from_utf8(term).ok()?);
        at += length;
        let count = read_varint(&bytes, &mut at)?;
        let mut document = 0u32;
        let mut postings = Vec::new();
        for _ in 0..count {
            let delta = u32::try_from(read_varint(&bytes, &mut at)?).ok()?;
            document = document.checked_add(delta)?;
            postings.push((document, *bytes.get(at)?));
            at += 1;
        }
        terms.push((term, postings));
    }
    Some(terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(title: &str, text: &str, department: usize) -> Document {
        Document {
            shown: vec![Shown {
                url: format!("hans/{title}/"),
                title: title.into(),
                date: "2024-01-01".into(),
                department: String::new(),
                text: text.into(),
            }],
            department,
            column: None,
            year: 2024,
        }
    }

    /// Every term of every shard, with its postings, read back as the page reads them.
    fn read_index(files: &[OutputFile]) -> std::collections::HashMap<String, Vec<(u32, u8)>> {
        let shards = files.iter().filter(|f| f.path.contains("/shards/"));
        shards
            .flat_map(|file| read_shard(&file.contents).unwrap())
            .map(|(term, postings)| (term.into(), postings))
            .collect()
    }

    #[test]
    fn postings_hold_documents_in_order_with_counts_and_title_marks() {
        let documents = [
            document("干部大会", "干部队伍建设。干部。", 0),
            document("树干", "干净整洁，COVID-19 防控。", 1),
            document("会议", "召开幹部会议。", 0),
        ];
        let normalized: Vec<Normalized> = documents.iter().map(Document::normalized).collect();
        let mut built = postings::Builder::default();
        built.add(&normalized);
        let files = postings_files(built, 4);
        assert_eq!(files.len(), 4);
        let index = read_index(&files);
        assert_eq!(index["干部"], [(0, postings::IN_TITLE | 3), (2, 1)]);
        assert_eq!(index["covid"], [(1, 1)]);
        assert_eq!(index["\u{1}department\u{1}0"], [(0, 1), (2, 1)]);
        assert_eq!(index["部会"], [(2, 1)]);
    }

    #[test]
    fn what_is_not_a_shard_reads_as_none() {
        assert!(read_shard(b"damaged").is_none());
        assert!(read_shard(&gzipped(&[0x05, b'a'], 1)).is_none());
        assert!(read_shard(&gzipped(&[0xff; 12], 1)).is_none());
    }

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        varint(&mut out, 300);
        assert_eq!(out, [0xac, 0x02]);
    }
}
