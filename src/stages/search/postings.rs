//! The postings of the index: for each term, the documents that hold it, with a weight. A
//! whole build reads each document's terms once, batch by batch, and adds them straight to
//! the postings (`Builder`): a batch is cut into runs, one per task, whose postings are
//! joined in order. The postings are held encoded, smaller than the text they come from, so
//! no document's text is kept once it is added. An edit counts one document's terms on their
//! own (`document_terms`).

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::terms::{index_terms, normalize, term_hash, terms_beside};

/// The weight bit of a term the title holds.
pub const IN_TITLE: u8 = 0x80;
/// Documents a task reads before its postings join the others'.
const RUN: usize = 512;

/// A document's words as they are searched: its title and text in each variant, normalized,
/// the variants whose text folds to the same left out. Made for a batch of documents, and
/// dropped once their terms are in the postings.
pub struct Normalized {
    texts: Vec<(String, String)>,
    filters: Vec<String>,
}

impl Normalized {
    /// The document's (title, text) in each variant, and its filter terms.
    pub fn new<'a>(shown: impl Iterator<Item = (&'a str, &'a str)>, filters: Vec<String>) -> Self {
        let mut texts: Vec<(String, String)> = Vec::new();
        for (title, text) in shown {
            let text = (normalize(title), normalize(text));
            if !texts.contains(&text) {
                texts.push(text);
            }
        }
        Normalized { texts, filters }
    }

    /// The bytes of the first variant's title and text, which size the index (`shard_count`).
    pub fn text_bytes(&self) -> usize {
        self.texts
            .first()
            .map_or(0, |(title, text)| title.len() + text.len())
    }

    /// Every term of the document, with the variant it is read in and its title bit: the
    /// first variant's all, with repeats; the others' where they differ from the first
    /// (`terms_beside`), so that a second variant costs a comparison, not a second reading.
    fn each_term<'a>(&'a self, mut found: impl FnMut(usize, u8, &'a str)) {
        let Some((first_title, first_text)) = self.texts.first() else {
            return;
        };
        for (n, (title, text)) in self.texts.iter().enumerate() {
            for (source, first, title_bit) in
                [(title, first_title, IN_TITLE), (text, first_text, 0)]
            {
                let mut term = |term| found(n, title_bit, term);
                if n == 0 {
                    index_terms(source, &mut term);
                } else {
                    terms_beside(first, source, &mut term);
                }
            }
        }
    }
}

/// A term's postings as a build makes them, already as the file holds them: a third of the
/// memory of (document, weight) pairs, and no copy to write them.
#[derive(Debug, Default, PartialEq)]
pub struct Encoded {
    pub count: u32,
    last: u32,
    /// (varint document delta, weight) pairs.
    pub bytes: Vec<u8>,
}

impl Encoded {
    /// Adds a posting; documents come in order.
    pub fn push(&mut self, document: u32, weight: u8) {
        varint(&mut self.bytes, u64::from(document - self.last));
        self.bytes.push(weight);
        self.last = document;
        self.count += 1;
    }

    /// Counts one more of the term in `document`, if its last posting is that document's;
    /// `false` if not. The count stops at 127, the title bit stays.
    fn count_again(&mut self, document: u32, title_bit: u8) -> bool {
        if self.count == 0 || self.last != document {
            return false;
        }
        let weight = self.bytes.last_mut().expect("a posting has a weight");
        let count = ((*weight & 0x7f) + 1).min(0x7f);
        *weight = (*weight & IN_TITLE) | title_bit | count;
        true
    }

    /// `later`'s postings, all of documents after this one's, added after them: only the first
    /// document's delta changes.
    fn append(&mut self, later: Encoded) {
        if later.count == 0 {
            return;
        }
        if self.count == 0 {
            *self = later;
            return;
        }
        let mut at = 0;
        let first = read_varint(&later.bytes, &mut at).expect("a posting starts with a delta");
        varint(&mut self.bytes, first - u64::from(self.last));
        self.bytes.extend_from_slice(&later.bytes[at..]);
        self.last = later.last;
        self.count += later.count;
    }
}

/// A term as postings are looked up: up to seven bytes (every Chinese character and pair of
/// the basic plane, most words) packed with their length into an integer, which hashes and
/// compares in one step; a longer term as its text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum TermKey<'a> {
    Packed(u64),
    Text(&'a str),
}

impl<'a> TermKey<'a> {
    fn of(term: &'a str) -> Self {
        if term.len() >= 8 {
            return TermKey::Text(term);
        }
        let packed = term
            .bytes()
            .rev()
            .fold(0u64, |key, b| (key << 8) | u64::from(b));
        TermKey::Packed(packed | (term.len() as u64) << 56)
    }

    /// The term `TermKey::of` packed into `key`.
    fn unpacked(key: u64) -> Box<str> {
        let bytes = key.to_le_bytes();
        let term = &bytes[..usize::from(bytes[7])];
        Box::from(std::str::from_utf8(term).expect("packed from a term"))
    }
}

/// Term to its postings, for a run of documents or for all so far.
#[derive(Default)]
pub struct Builder {
    packed: FxHashMap<u64, Encoded>,
    long: FxHashMap<Box<str>, Encoded>,
    /// How many documents were added.
    documents: usize,
}

impl Builder {
    /// Adds `documents`, numbered after those added before, in parallel runs.
    pub fn add(&mut self, documents: &[Normalized]) {
        let first = self.documents;
        let runs = documents
            .par_chunks(RUN)
            .enumerate()
            .map(|(n, run_documents)| {
                let mut run = Builder::default();
                for (offset, document) in run_documents.iter().enumerate() {
                    run.add_document((first + n * RUN + offset) as u32, document);
                }
                run
            });
        if let Some(batch) = runs.reduce_with(Builder::joined) {
            *self = std::mem::take(self).joined(batch);
        }
        self.documents = first + documents.len();
    }

    /// The postings of `term`, made if it is new.
    fn postings(&mut self, term: &str) -> &mut Encoded {
        match TermKey::of(term) {
            TermKey::Packed(key) => self.packed.entry(key).or_default(),
            TermKey::Text(term) => {
                // Copied once, when first met.
                if !self.long.contains_key(term) {
                    self.long.insert(Box::from(term), Encoded::default());
                }
                self.long.get_mut(term).expect("inserted above")
            }
        }
    }

    /// Adds document `id`'s terms. The first variant counts them; the others (Taiwan's words
    /// folded) add the terms it lacks.
    fn add_document(&mut self, id: u32, document: &Normalized) {
        document.each_term(|n, title_bit, term| {
            let postings = self.postings(term);
            let counted = n == 0 && postings.count_again(id, title_bit);
            if !counted && (postings.count == 0 || postings.last != id) {
                postings.push(id, title_bit | 1);
            }
        });
        for filter in &document.filters {
            self.postings(filter).push(id, 1);
        }
    }

    /// These postings followed by `later`'s, of the documents after; the smaller map is the
    /// one walked.
    fn joined(mut self, mut later: Builder) -> Builder {
        let documents = self.documents.max(later.documents);
        if self.packed.len() + self.long.len() >= later.packed.len() + later.long.len() {
            for (key, postings) in later.packed {
                self.packed.entry(key).or_default().append(postings);
            }
            for (term, postings) in later.long {
                self.long.entry(term).or_default().append(postings);
            }
            self.documents = documents;
            return self;
        }
        for (key, mut postings) in self.packed {
            postings.append(later.packed.remove(&key).unwrap_or_default());
            later.packed.insert(key, postings);
        }
        for (term, mut postings) in self.long {
            postings.append(later.long.remove(&term).unwrap_or_default());
            later.long.insert(term, postings);
        }
        later.documents = documents;
        later
    }

    /// The postings cut into `shards` by their terms' hash, each shard's terms sorted.
    pub fn into_shards(self, shards: usize) -> Vec<Vec<(Box<str>, Encoded)>> {
        let mut by_shard: Vec<Vec<(Box<str>, Encoded)>> = (0..shards).map(|_| Vec::new()).collect();
        let packed = self.packed.into_iter();
        let packed = packed.map(|(key, postings)| (TermKey::unpacked(key), postings));
        for (term, postings) in packed.chain(self.long) {
            by_shard[term_hash(&term) as usize % shards].push((term, postings));
        }
        by_shard
            .par_iter_mut()
            .for_each(|terms| terms.sort_unstable_by(|a, b| a.0.cmp(&b.0)));
        by_shard
    }
}

/// Every term of one document: (shard, term, weight), each term once.
pub fn document_terms(document: &Normalized, shards: usize) -> Vec<(usize, &str, u8)> {
    let mut counts: FxHashMap<&str, u8> = FxHashMap::default();
    document.each_term(|n, title_bit, term| match counts.get_mut(term) {
        Some(weight) if n == 0 => {
            let count = ((*weight & 0x7f) + 1).min(0x7f);
            *weight = (*weight & IN_TITLE) | title_bit | count;
        }
        Some(_) => {}
        None => {
            counts.insert(term, title_bit | 1);
        }
    });
    let filters = document.filters.iter().map(|filter| (filter.as_str(), 1));
    let shard_of = |term: &str| term_hash(term) as usize % shards;
    let terms = counts.into_iter().chain(filters);
    terms
        .map(|(term, weight)| (shard_of(term), term, weight))
        .collect()
}

/// LEB128: seven bits a byte, low first, the high bit set on all but the last.
pub fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The varint at `at`, which is moved past it.
pub fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(titles: &[&str], text: &str, department: usize) -> Normalized {
        let filters = vec![format!("\u{1}department\u{1}{department}")];
        Normalized::new(titles.iter().map(|title| (*title, text)), filters)
    }

    fn documents() -> Vec<Normalized> {
        (0..1500)
            .map(|n| {
                let title = format!("第{n}号通知");
                let text = "各部门认真落实安全生产责任。软件园区COVID-19防控。".repeat(n % 7 + 1);
                // Every third item's second variant has words of its own.
                let other = if n % 3 == 0 {
                    "軟體園區通告"
                } else {
                    &title
                };
                document(&[&title, other], &text, n % 3)
            })
            .collect()
    }

    #[test]
    fn postings_are_each_documents_terms_in_document_order() {
        let documents = documents();
        let shards = 8;
        let mut expected: Vec<Vec<(Box<str>, Encoded)>> = (0..shards).map(|_| Vec::new()).collect();
        let mut by_term: std::collections::BTreeMap<(usize, &str), Encoded> = Default::default();
        for (id, document) in documents.iter().enumerate() {
            let mut terms = document_terms(document, shards);
            terms.sort();
            for (shard, term, weight) in terms {
                by_term
                    .entry((shard, term))
                    .or_default()
                    .push(id as u32, weight);
            }
        }
        for ((shard, term), postings) in by_term {
            expected[shard].push((term.into(), postings));
        }
        let mut whole = Builder::default();
        whole.add(&documents);
        assert_eq!(whole.into_shards(shards), expected);
        let mut in_batches = Builder::default();
        for batch in documents.chunks(700) {
            in_batches.add(batch);
        }
        assert_eq!(in_batches.into_shards(shards), expected);
    }

    #[test]
    fn a_term_is_counted_to_127_and_keeps_its_title_mark() {
        let text = "干".repeat(300);
        let document = document(&["干部"], &text, 0);
        let mut builder = Builder::default();
        builder.add(&[document]);
        let terms = builder.into_shards(1).remove(0);
        let postings = |term: &str| &terms.iter().find(|(t, _)| &**t == term).unwrap().1;
        assert_eq!(postings("干").bytes, [0, IN_TITLE | 127]);
        assert_eq!(postings("部").bytes, [0, IN_TITLE | 1]);
    }

    #[test]
    fn terms_are_packed_apart_whatever_their_length() {
        let short = ["a", "a\0", "ab", "干部", "\u{20000}乙", "abcdefg"];
        let long = ["干部门", "\u{20000}\u{20001}", "abcdefgh"];
        let terms = [&short[..], &long[..]].concat();
        let keys: std::collections::HashSet<TermKey> =
            terms.iter().map(|t| TermKey::of(t)).collect();
        assert_eq!(keys.len(), terms.len());
        assert!(
            long.iter()
                .all(|t| matches!(TermKey::of(t), TermKey::Text(_)))
        );
        for term in short {
            let TermKey::Packed(key) = TermKey::of(term) else {
                panic!("{term} is short")
            };
            assert_eq!(&*TermKey::unpacked(key), term);
        }
    }

    #[test]
    fn appended_postings_continue_the_deltas() {
        let mut earlier = Encoded::default();
        earlier.push(3, 1);
        let mut later = Encoded::default();
        later.push(200, 2);
        later.push(201, 1);
        earlier.append(later);
        let mut whole = Encoded::default();
        for (document, weight) in [(3, 1), (200, 2), (201, 1)] {
            whole.push(document, weight);
        }
        assert_eq!(earlier, whole);
    }
}
