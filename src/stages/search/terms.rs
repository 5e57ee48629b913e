//! The terms of the search index, as the build and the search page (`search.js`, which
//! repeats these rules) both cut text: Chinese as single characters and the pairs of
//! characters next to each other, as Lucene's CJK analyzer does, so there is no word
//! segmenter for a query and the index to disagree on; Latin letters and digits as words.

use super::forms::fold_table;
use crate::text::cjk::is_cjk;

/// Text as it is searched: full-width letters and digits made plain, traditional characters
/// folded to simplified (`forms::fold_table`), Latin lowercased.
pub fn normalize(text: &str) -> String {
    let fold = folding();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            '\0'..='\u{7f}' => out.push(c),
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                let plain = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
                out.push(plain.to_ascii_lowercase());
            }
            c => match fold.get((c as usize).wrapping_sub(FOLDED_FROM)) {
                Some(&folded) if folded != '\0' => out.push(folded),
                // Most characters of an item; Unicode's case table need not be searched.
                _ if has_class(c, CASELESS) == Some(true) => out.push(c),
                _ => out.extend(c.to_lowercase()),
            },
        }
    }
    out
}

/// A character of the basic plane that `to_lowercase` leaves as it is.
const CASELESS: u8 = 1;
/// A letter or digit of the basic plane that is not Chinese: part of a word.
const WORD: u8 = 2;

/// Whether the basic plane's character `c` is of `class`; `None` past the basic plane. The
/// index asks both of every character of every item, and Unicode's own tables answer slowly
/// outside ASCII (a search through ranges), so they are asked once per character here.
fn has_class(c: char, class: u8) -> Option<bool> {
    static CLASSES: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
        (0..=0xFFFF_u32)
            .map(|code| char::from_u32(code).map_or(0, class_of))
            .collect()
    });
    CLASSES.get(c as usize).map(|classes| classes & class != 0)
}

fn class_of(c: char) -> u8 {
    let caseless = c.to_lowercase().eq(std::iter::once(c));
    let word = c.is_alphanumeric() && !is_cjk(c);
    (u8::from(caseless) * CASELESS) | (u8::from(word) * WORD)
}

/// The first character the folding table covers; it covers every one the OpenCC tables fold.
const FOLDED_FROM: usize = 0x2E80;

/// `forms::fold_table` as an array from `FOLDED_FROM`: a lookup per character of every item
/// is the index's hottest loop. `'\0'` where a character stays.
fn folding() -> &'static [char] {
    static TABLE: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        let fold = fold_table();
        let end = fold
            .keys()
            .map(|&c| c as usize + 1)
            .max()
            .unwrap_or(FOLDED_FROM);
        let mut table = vec!['\0'; end.saturating_sub(FOLDED_FROM)];
        for (&from, &to) in fold {
            table[from as usize - FOLDED_FROM] = to;
        }
        table
    });
    &TABLE
}

/// One run of a text: Chinese characters, or a word of letters and digits.
#[derive(Debug, PartialEq, Eq)]
enum Run<'a> {
    Chinese(&'a str),
    Word(&'a str),
}

/// The runs of normalized text, in order; everything else separates them.
fn runs(text: &str) -> impl Iterator<Item = Run<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| is_cjk(c) || is_word_char(c))?;
        rest = &rest[start..];
        let chinese = rest.chars().next().is_some_and(is_cjk);
        let end = rest
            .find(|c: char| {
                if chinese {
                    !is_cjk(c)
                } else {
                    !is_word_char(c)
                }
            })
            .unwrap_or(rest.len());
        let (run, after) = rest.split_at(end);
        rest = after;
        Some(if chinese {
            Run::Chinese(run)
        } else {
            Run::Word(run)
        })
    })
}

fn is_word_char(c: char) -> bool {
    has_class(c, WORD).unwrap_or_else(|| c.is_alphanumeric() && !is_cjk(c))
}

/// Every term of a normalized text, with repeats: each Chinese character, each pair of
/// neighbouring Chinese characters, each word.
pub fn index_terms<'a>(text: &'a str, mut term: impl FnMut(&'a str)) {
    for run in runs(text) {
        match run {
            Run::Word(word) => term(word),
            Run::Chinese(run) => {
                let mut previous: Option<usize> = None;
                for (start, c) in run.char_indices() {
                    let end = start + c.len_utf8();
                    term(&run[start..end]);
                    if let Some(previous) = previous {
                        term(&run[previous..end]);
                    }
                    previous = Some(start);
                }
            }
        }
    }
}

/// The terms of `other`, a later variant's normalized text, that `first` (the first
/// variant's) may lack: where the two differ only in Chinese characters, one for one (most
/// items: a few characters fold otherwise), the terms that hold a differing character; else
/// every term of `other`. Some of them may be `first`'s too.
pub fn terms_beside<'a>(first: &str, other: &'a str, mut term: impl FnMut(&'a str)) {
    let Some(differing) = differing_chinese(first, other) else {
        return index_terms(other, term);
    };
    for start in differing {
        let c = other[start..]
            .chars()
            .next()
            .expect("a character starts here");
        let end = start + c.len_utf8();
        term(&other[start..end]);
        if let Some(before) = other[..start].chars().next_back().filter(|&c| is_cjk(c)) {
            term(&other[start - before.len_utf8()..end]);
        }
        if let Some(after) = other[end..].chars().next().filter(|&c| is_cjk(c)) {
            term(&other[start..end + after.len_utf8()]);
        }
    }
}

/// Where `other` differs from `first` (byte offsets in `other`), when the two have as many
/// characters and differ only where both hold a Chinese character: then their runs are cut
/// alike, and only terms holding a differing character can be new.
fn differing_chinese(first: &str, other: &str) -> Option<Vec<usize>> {
    let mut firsts = first.chars();
    let mut differing = Vec::new();
    for (at, c) in other.char_indices() {
        let was = firsts.next()?;
        if was != c {
            if !(is_cjk(was) && is_cjk(c)) {
                return None;
            }
            differing.push(at);
        }
    }
    firsts.next().is_none().then_some(differing)
}

/// The terms a normalized query needs an item to have: for Chinese, its pairs of characters
/// (or the character, alone); each word. An item with them all may still not hold the query
/// as written (甲乙 and 乙丙 apart); the search page checks the text.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for run in runs(query) {
        match run {
            Run::Word(word) => terms.push(word.to_string()),
            Run::Chinese(run) => {
                let chars: Vec<char> = run.chars().collect();
                if chars.len() == 1 {
                    terms.push(run.to_string());
                }
                terms.extend(chars.windows(2).map(|pair| pair.iter().collect()));
            }
        }
    }
    terms.sort();
    terms.dedup();
    terms
}

/// FNV-1a over the term's UTF-8 bytes: which index file holds a term (`search.js` computes
/// the same).
pub fn term_hash(term: &str) -> u32 {
    term.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        index_terms(&normalize(text), |t| terms.push(t.to_string()));
        terms
    }

    #[test]
    fn chinese_is_cut_into_characters_and_pairs_and_latin_into_words() {
        assert_eq!(
            terms("干部，COVID-19 Ｈ５"),
            ["干", "部", "干部", "covid", "19", "h5"]
        );
        assert_eq!(terms("濠江區"), ["濠", "江", "濠江", "区", "江区"]);
    }

    #[test]
    fn a_later_variant_adds_the_terms_around_its_own_characters() {
        let beside = |first: &str, other: &str| {
            let mut found = std::collections::BTreeSet::new();
            terms_beside(first, other, |t| {
                found.insert(t.to_string());
            });
            found
        };
        let all = |text: &str| {
            let mut found = std::collections::BTreeSet::new();
            index_terms(text, |t| {
                found.insert(t.to_string());
            });
            found
        };
        let cases = [
            ("显著成效 covid", "显着成效 covid"),
            ("软件园区", "软体园区"),
            ("甲乙丙", "丁乙丙"),
            ("甲,乙", "甲乙乙"),
            ("甲乙", "甲乙丙"),
            ("ab甲", "ac甲"),
            ("同样", "同样"),
        ];
        for (first, other) in cases {
            let new: std::collections::BTreeSet<String> =
                all(other).difference(&all(first)).cloned().collect();
            let found = beside(first, other);
            assert!(
                found.is_superset(&new),
                "{first} / {other}: {found:?} lacks some of {new:?}"
            );
            assert!(found.is_subset(&all(other)), "{first} / {other}: {found:?}");
        }
        assert_eq!(
            beside("显著成效", "显着成效"),
            ["显着", "着", "着成"].map(String::from).into()
        );
    }

    #[test]
    fn a_query_needs_its_pairs_or_its_lone_character() {
        assert_eq!(query_terms(&normalize("干部")), ["干部"]);
        assert_eq!(query_terms(&normalize("濠江区 干")), ["干", "江区", "濠江"]);
        assert_eq!(query_terms(&normalize("COVID-19")), ["19", "covid"]);
        assert!(query_terms("，。").is_empty());
    }

    #[test]
    fn every_folded_character_is_in_the_table() {
        assert!(fold_table().keys().all(|&c| c as usize >= FOLDED_FROM));
        assert_eq!(normalize("幹部ＣＯＶＩＤ Ünited"), "干部covid ünited");
    }

    #[test]
    fn the_classes_of_characters_are_unicodes() {
        let basic = (0..=0xFFFF_u32).filter_map(char::from_u32);
        for c in basic.chain(['\u{10000}', '\u{20000}', '\u{1D400}']) {
            let caseless = c.to_lowercase().collect::<String>() == c.to_string();
            assert!(
                has_class(c, CASELESS).is_none_or(|known| known == caseless),
                "{c}"
            );
            let word = c.is_alphanumeric() && !is_cjk(c);
            assert_eq!(is_word_char(c), word, "{c}");
        }
        assert_eq!(has_class('干', CASELESS), Some(true));
        assert_eq!(has_class('〇', WORD), Some(true));
        assert_eq!(has_class('，', WORD), Some(false));
    }

    #[test]
    fn the_hash_is_fnv_1a() {
        assert_eq!(term_hash(""), 0x811c_9dc5);
        assert_eq!(term_hash("a"), 0xe40c_292c);
    }
}
