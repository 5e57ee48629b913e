//! A variant's documents, packed `PACK_DOCUMENTS` to a file, so that 10,000 items make about
//! 80 files per variant instead of 10,000: creating a file was a quarter of the search stage's
//! time (BENCHMARKS.md), and a host or a deploy pays for each file too.
//!
//! `<variant>/search-index/documents/<pack>.bin` holds documents `pack × PACK_DOCUMENTS`
//! onwards. It begins with `PACK_DOCUMENTS + 1` offsets from the start of the file, each a
//! little-endian `u32`; document `slot` is the bytes from offset `slot` to offset `slot + 1`, a
//! gzip member of its JSON (`{"url", "title", "date", "department", "text"}`). Slots past the
//! last document are empty (equal offsets). The page reads a document's two offsets, then its
//! member, with two HTTP Range requests (8 bytes and the document's own); a host that ignores
//! Range sends the whole file, which the page keeps and slices the same way.

use super::gzip::{gunzipped, gzipped};
use super::index::{Document, Shown};
use crate::stages::item::OutputFile;

/// How many documents a pack holds: few files, yet a pack a host sends whole (ignoring Range)
/// stays small, about 310 KB on the generated corpus.
pub const PACK_DOCUMENTS: usize = 128;
/// The bytes of a pack's head: its offsets.
const HEAD_BYTES: usize = (PACK_DOCUMENTS + 1) * 4;

/// The pack document `id` is in, and its slot there.
pub fn place(id: usize) -> (usize, usize) {
    (id / PACK_DOCUMENTS, id % PACK_DOCUMENTS)
}

/// Where a variant's pack `pack` is, below the variant's index directory `dir`.
pub fn pack_path(dir: &str, pack: usize) -> String {
    format!("{dir}/documents/{pack}.bin")
}

/// Document `document` in variant `v`, as a pack holds it.
pub fn member(document: &Document, v: usize) -> Vec<u8> {
    let json = serde_json::to_vec(&document.shown[v]).expect("a document serialises");
    // Read once per result; the lightest level makes them fast for a few bytes more.
    gzipped(&json, 1)
}

/// Pack `pack` of the variant whose index directory is `dir`, of its `members` in order (at
/// most `PACK_DOCUMENTS`).
pub fn pack_file<M: AsRef<[u8]>>(dir: &str, pack: usize, members: &[M]) -> OutputFile {
    assert!(members.len() <= PACK_DOCUMENTS, "a pack's members");
    let size: usize = members.iter().map(|m| m.as_ref().len()).sum();
    let mut bytes = Vec::with_capacity(HEAD_BYTES + size);
    let mut offset = HEAD_BYTES;
    let ends = members.iter().map(|m| m.as_ref().len());
    let lengths = std::iter::once(0).chain(ends).chain(std::iter::repeat(0));
    for length in lengths.take(PACK_DOCUMENTS + 1) {
        offset += length;
        // Each text is at most `SEARCHED_CHARS`, so a pack is far below 4 GB.
        let offset = u32::try_from(offset).expect("a pack is smaller than 4 GB");
        bytes.extend_from_slice(&offset.to_le_bytes());
    }
    for member in members {
        bytes.extend_from_slice(member.as_ref());
    }
    OutputFile::copied(pack_path(dir, pack), bytes)
}

/// The members of a pack's file, one per slot, empty past its last document; `None` if the
/// bytes are not a pack.
pub fn members(pack: &[u8]) -> Option<Vec<&[u8]>> {
    let head = pack.get(..HEAD_BYTES)?;
    let offsets: Vec<usize> = head
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .collect();
    let members = offsets.windows(2).map(|w| pack.get(w[0]..w[1]));
    let members: Vec<&[u8]> = members.collect::<Option<_>>()?;
    (offsets[0] == HEAD_BYTES && offsets[PACK_DOCUMENTS] == pack.len()).then_some(members)
}

/// A member read back; `None` if it is not a document.
pub fn read_member(member: &[u8]) -> Option<Shown> {
    serde_json::from_slice(&gunzipped(member)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(title: &str) -> Document {
        Document {
            shown: vec![Shown {
                url: format!("hans/{title}/"),
                title: title.into(),
                date: "2024-01-01".into(),
                department: "区建设局".into(),
                text: format!("{title}的正文。"),
            }],
            department: 0,
            column: None,
            year: 2024,
        }
    }

    #[test]
    fn a_pack_reads_back_member_by_member_with_empty_slots_after_its_last() {
        let members: Vec<Vec<u8>> = ["会议", "防汛", "干部"]
            .iter()
            .map(|title| member(&document(title), 0))
            .collect();
        let file = pack_file("hans/search-index", 7, &members);
        assert_eq!(&*file.path, "hans/search-index/documents/7.bin");
        let read = super::members(&file.contents).unwrap();
        assert_eq!(read.len(), PACK_DOCUMENTS);
        assert_eq!(
            read[..3],
            members.iter().map(Vec::as_slice).collect::<Vec<_>>()
        );
        assert!(read[3..].iter().all(|m| m.is_empty()));
        assert_eq!(read_member(read[2]).unwrap().title, "干部");
        assert_eq!(place(7 * PACK_DOCUMENTS + 2), (7, 2));
    }

    #[test]
    fn what_is_not_a_pack_reads_as_none() {
        assert!(members(b"damaged").is_none());
        let file = pack_file("hans/search-index", 0, &[member(&document("会议"), 0)]);
        let bytes = &file.contents;
        assert!(members(&bytes[..bytes.len() - 1]).is_none());
        let mut extended = bytes.to_vec();
        extended.push(0);
        assert!(members(&extended).is_none());
        let mut crossed = bytes.to_vec();
        crossed[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(members(&crossed).is_none());
        assert!(read_member(b"{}").is_none(), "not gzip");
        assert!(
            read_member(&gzipped(b"{}", 1)).is_none(),
            "gzip, not a document"
        );
    }
}
