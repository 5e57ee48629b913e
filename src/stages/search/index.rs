//! One variant's search index, written by bulletin for this corpus (Pagefind kept every page in
//! memory and slowed with each page added: 37 s and 9.7 GB at 10,000 items). Every file is
//! gzipped (the page unpacks it with `DecompressionStream`, whatever the host sends):
//!
//! - `meta.json` (plain): `{"version", "documents", "shards", "filters": {"department": [...],
//!   "column": [...], "year": [...]}}`.
//! - `shards/<k>.bin`: the terms whose FNV-1a hash modulo `shards` is `k`, sorted, each as
//!   `varint length, UTF-8 term, varint count, count × (varint document delta, weight byte)`.
//!   The weight is the term's count in the item (at most 127), plus 128 when the title holds
//!   it. Filters are terms too: `\u{1}department\u{1}区建设局`.
//! - `documents/<id>.bin`: one item: `{"url", "title", "date", "department", "text"}`, for
//!   the result list, its excerpt, and the check that the item holds the query as typed.
//!
//! Documents are numbered oldest first, so a new item takes the next number and leaves the
//! others' files as they were; the page ranks newer (higher) numbers first among equals.
//! Postings are made in passes over ranges of shards, so memory stays bounded however large
//! the site.

use std::collections::BTreeSet;
use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::terms::{index_terms, normalize, term_hash};
use crate::stages::item::OutputFile;

/// The index's format, in `meta.json`; the page refuses another.
pub const FORMAT_VERSION: u32 = 1;
/// Raw posting bytes a shard is sized for: small enough for a query to fetch a few.
const SHARD_BYTES: usize = 24 * 1024;
/// Memory one pass may take for its postings.
const PASS_BYTES: usize = 256 * 1024 * 1024;
/// Items tokenized together before their terms join the postings.
const BATCH: usize = 1024;
/// The weight bit of a term the title holds.
const IN_TITLE: u8 = 0x80;

/// One item as one variant's index sees it.
#[derive(Debug, Serialize)]
pub struct Document {
    pub url: String,
    pub title: String,
    pub date: String,
    pub department: String,
    #[serde(skip)]
    pub column: Option<String>,
    #[serde(skip)]
    pub year: String,
    pub text: String,
}

impl Document {
    /// The filter terms of the item: its department, column and year.
    fn filter_terms(&self) -> Vec<String> {
        let mut terms = vec![
            filter_term("department", &self.department),
            filter_term("year", &self.year),
        ];
        if let Some(column) = &self.column {
            terms.push(filter_term("column", column));
        }
        terms
    }
}

/// The term that stands for a filter's value.
fn filter_term(filter: &str, value: &str) -> String {
    format!("\u{1}{filter}\u{1}{value}")
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    documents: usize,
    shards: usize,
    filters: Filters<'a>,
}

#[derive(Serialize)]
struct Filters<'a> {
    department: BTreeSet<&'a str>,
    column: BTreeSet<&'a str>,
    year: BTreeSet<&'a str>,
}

/// The index files of `documents` (oldest first), under `dir` (`hans/search-index`).
pub fn index_files(dir: &str, documents: &[Document]) -> Vec<OutputFile> {
    let text_bytes: usize = documents.iter().map(|d| d.text.len() + d.title.len()).sum();
    // Two terms (a character and a pair) of one or two bytes for each character of three.
    let estimate = text_bytes;
    let shards = (estimate / SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .min(1 << 16);
    let passes = (estimate * 4 / PASS_BYTES).clamp(1, shards);
    let meta = Meta {
        version: FORMAT_VERSION,
        documents: documents.len(),
        shards,
        filters: Filters {
            department: documents.iter().map(|d| d.department.as_str()).collect(),
            column: documents
                .iter()
                .filter_map(|d| d.column.as_deref())
                .collect(),
            year: documents.iter().map(|d| d.year.as_str()).collect(),
        },
    };
    let mut files = vec![OutputFile::copied(
        format!("{dir}/meta.json"),
        serde_json::to_vec(&meta).expect("the meta serialises"),
    )];
    for pass in 0..passes {
        let range = pass * shards / passes..(pass + 1) * shards / passes;
        let postings = postings(documents, shards, &range);
        files.par_extend(postings.into_par_iter().enumerate().map(|(i, shard)| {
            OutputFile::copied(
                format!("{dir}/shards/{}.bin", range.start + i),
                gzipped(&shard_bytes(shard)),
            )
        }));
    }
    files.par_extend(documents.par_iter().enumerate().map(|(id, document)| {
        let json = serde_json::to_vec(document).expect("a document serialises");
        OutputFile::copied(format!("{dir}/documents/{id}.bin"), gzipped(&json))
    }));
    files
}

/// A term's postings: (document, weight), in document order.
type Postings = Vec<(u32, u8)>;
/// Term to its postings.
type Shard = FxHashMap<Box<str>, Postings>;

/// A document's words as they are searched: cut from its normalized title and text.
struct Normalized {
    title: String,
    text: String,
    filters: Vec<String>,
}

impl Normalized {
    fn of(document: &Document) -> Self {
        Normalized {
            title: normalize(&document.title),
            text: normalize(&document.text),
            filters: document.filter_terms(),
        }
    }
}

/// The postings of the shards in `range`, one map per shard.
fn postings(documents: &[Document], shards: usize, range: &std::ops::Range<usize>) -> Vec<Shard> {
    let mut maps: Vec<Shard> = (0..range.len()).map(|_| Shard::default()).collect();
    for (batch_number, batch) in documents.chunks(BATCH).enumerate() {
        let normalized: Vec<Normalized> = batch.par_iter().map(Normalized::of).collect();
        let terms: Vec<Vec<(usize, &str, u8)>> = normalized
            .par_iter()
            .map(|document| document_terms(document, shards, range))
            .collect();
        for (offset, terms) in terms.into_iter().enumerate() {
            let id = (batch_number * BATCH + offset) as u32;
            for (shard, term, weight) in terms {
                let map = &mut maps[shard - range.start];
                // A term is copied once, when a shard first meets it.
                match map.get_mut(term) {
                    Some(postings) => postings.push((id, weight)),
                    None => {
                        map.insert(Box::from(term), vec![(id, weight)]);
                    }
                }
            }
        }
    }
    maps
}

/// One document's terms that fall in `range`: (shard, term, weight).
fn document_terms<'a>(
    document: &'a Normalized,
    shards: usize,
    range: &std::ops::Range<usize>,
) -> Vec<(usize, &'a str, u8)> {
    let mut counts: FxHashMap<&str, (usize, u8)> = FxHashMap::default();
    let shard_of = |term: &str| term_hash(term) as usize % shards;
    for (source, title_bit) in [(&document.title, IN_TITLE), (&document.text, 0)] {
        index_terms(source, |term| {
            if let Some((_, weight)) = counts.get_mut(term) {
                *weight = (*weight & IN_TITLE | title_bit) | ((*weight & 0x7f) + 1).min(0x7f);
                return;
            }
            let shard = shard_of(term);
            if range.contains(&shard) {
                counts.insert(term, (shard, title_bit | 1));
            }
        });
    }
    let mut terms: Vec<(usize, &str, u8)> = counts
        .into_iter()
        .map(|(term, (shard, weight))| (shard, term, weight))
        .collect();
    for filter in &document.filters {
        let shard = shard_of(filter);
        if range.contains(&shard) {
            terms.push((shard, filter.as_str(), 1));
        }
    }
    terms
}

/// A shard as bytes: its terms sorted, each with its postings.
fn shard_bytes(shard: Shard) -> Vec<u8> {
    let mut terms: Vec<(Box<str>, Postings)> = shard.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    for (term, postings) in terms {
        varint(&mut out, term.len() as u64);
        out.extend_from_slice(term.as_bytes());
        varint(&mut out, postings.len() as u64);
        let mut previous = 0;
        for (document, weight) in postings {
            varint(&mut out, u64::from(document - previous));
            out.push(weight);
            previous = document;
        }
    }
    out
}

/// LEB128: seven bits a byte, low first, the high bit set on all but the last.
fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn gzipped(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 2), Compression::new(6));
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn document(title: &str, text: &str, department: &str) -> Document {
        Document {
            url: format!("hans/{title}/"),
            title: title.into(),
            date: "2024-01-01".into(),
            department: department.into(),
            column: None,
            year: "2024".into(),
            text: text.into(),
        }
    }

    fn read_varint(bytes: &[u8], at: &mut usize) -> u64 {
        let mut value = 0;
        let mut shift = 0;
        loop {
            let byte = bytes[*at];
            *at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return value;
            }
            shift += 7;
        }
    }

    /// Every term of every shard, with its postings, read back as the page reads them.
    fn read_index(files: &[OutputFile]) -> std::collections::HashMap<String, Vec<(u32, u8)>> {
        let mut all = std::collections::HashMap::new();
        for file in files.iter().filter(|f| f.path.contains("/shards/")) {
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(&file.contents[..])
                .read_to_end(&mut bytes)
                .unwrap();
            let mut at = 0;
            while at < bytes.len() {
                let length = read_varint(&bytes, &mut at) as usize;
                let term = String::from_utf8(bytes[at..at + length].to_vec()).unwrap();
                at += length;
                let count = read_varint(&bytes, &mut at);
                let mut document = 0;
                let postings = (0..count)
                    .map(|_| {
                        document += read_varint(&bytes, &mut at) as u32;
                        at += 1;
                        (document, bytes[at - 1])
                    })
                    .collect();
                all.insert(term, postings);
            }
        }
        all
    }

    #[test]
    fn postings_hold_documents_in_order_with_counts_and_title_marks() {
        let documents = [
            document("干部大会", "干部队伍建设。干部。", "区委组织部"),
            document("树干", "干净整洁，COVID-19 防控。", "区建设局"),
            document("会议", "召开干部会议。", "区委组织部"),
        ];
        let files = index_files("hans/search-index", &documents);
        let index = read_index(&files);
        assert_eq!(index["干部"], [(0, IN_TITLE | 3), (2, 1)]);
        assert_eq!(index["covid"], [(1, 1)]);
        assert_eq!(index["\u{1}department\u{1}区委组织部"], [(0, 1), (2, 1)]);
        assert_eq!(index["部会"], [(2, 1)]);
        let meta = files
            .iter()
            .find(|f| f.path.ends_with("meta.json"))
            .unwrap();
        let meta: serde_json::Value = serde_json::from_slice(&meta.contents).unwrap();
        assert_eq!(meta["documents"], 3);
        assert_eq!(meta["filters"]["department"][0], "区委组织部");
        assert_eq!(
            files
                .iter()
                .filter(|f| f.path.contains("/documents/"))
                .count(),
            3
        );
    }

    #[test]
    fn passes_over_shard_ranges_give_the_same_postings_as_one() {
        let documents: Vec<Document> = (0..300)
            .map(|n| {
                document(
                    &format!("第{n}号通知"),
                    &"各部门认真落实安全生产责任。".repeat(n % 7 + 1),
                    "区政府办公室",
                )
            })
            .collect();
        let whole = postings(&documents, 8, &(0..8));
        let halves: Vec<Shard> = [0..3, 3..8]
            .iter()
            .flat_map(|range| postings(&documents, 8, range))
            .collect();
        assert_eq!(whole, halves);
    }

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        varint(&mut out, 300);
        assert_eq!(out, [0xac, 0x02]);
    }
}
