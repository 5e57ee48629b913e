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
                _ if CASELESS.contains(&c) => out.push(c),
                _ => out.extend(c.to_lowercase()),
            },
        }
    }
    out
}

/// The CJK blocks, from radicals to unified ideographs: no character in them has a case.
const CASELESS: std::ops::RangeInclusive<char> = '\u{2E80}'..='\u{9FFF}';

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
    c.is_alphanumeric() && !is_cjk(c)
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
    fn caseless_characters_have_no_case() {
        for c in CASELESS {
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c}");
        }
    }

    #[test]
    fn the_hash_is_fnv_1a() {
        assert_eq!(term_hash(""), 0x811c_9dc5);
        assert_eq!(term_hash("a"), 0xe40c_292c);
    }
}
