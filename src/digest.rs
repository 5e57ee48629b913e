//! Digests: 128-bit keys of everything that decides a result (a conversion, a file, a page),
//! and maps keyed by them. Below every stage that caches or compares what it made.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use siphasher::sip128::{Hasher128, SipHasher13};

/// A 128-bit digest.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Key(pub u64, pub u64);

/// A `Key` is already a hash: maps keyed by one need not hash it again.
pub type KeyMap<V> = HashMap<Key, V, std::hash::BuildHasherDefault<KeyHasher>>;
pub type KeySet = std::collections::HashSet<Key, std::hash::BuildHasherDefault<KeyHasher>>;

/// Takes a `Key`'s bits as they are.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(32) ^ n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The digest of a file's bytes.
pub fn of_bytes(bytes: &[u8]) -> Key {
    KeyBuilder::default().with(bytes).finish()
}

/// Builds a key from the parts that decide a conversion, or a file, or a page: one pass of
/// SipHash-1-3 with a 128-bit result.
#[derive(Default)]
pub struct KeyBuilder(SipHasher13);

impl KeyBuilder {
    pub fn with(mut self, part: &(impl Hash + ?Sized)) -> Self {
        part.hash(&mut self.0);
        self
    }

    pub fn finish(self) -> Key {
        let hash = self.0.finish128();
        Key(hash.h1, hash.h2)
    }
}

/// The digest of a text given in pieces: the same as `KeyBuilder::default().with(text)` of
/// the pieces joined, for a text too large to gather first (a million items' manifest).
#[derive(Default)]
pub struct TextDigest(SipHasher13);

impl TextDigest {
    pub fn add(&mut self, piece: &str) {
        self.0.write(piece.as_bytes());
    }

    pub fn finish(mut self) -> Key {
        // What `str`'s `Hash` adds after the bytes.
        self.0.write_u8(0xff);
        let hash = self.0.finish128();
        Key(hash.h1, hash.h2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_in_pieces_has_the_digest_of_the_whole() {
        let pieces = [
            "bltnom02\t/out",
            "\n",
            "hans/index.html\t1\t2",
            "",
            "\n",
            "区政府办公室",
        ];
        let mut digest = TextDigest::default();
        for piece in pieces {
            digest.add(piece);
        }
        let whole = KeyBuilder::default().with(&pieces.concat()).finish();
        assert_eq!(digest.finish(), whole);
        assert_eq!(
            TextDigest::default().finish(),
            KeyBuilder::default().with("").finish()
        );
    }
}
