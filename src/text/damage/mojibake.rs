//! Mojibake: UTF-8 read as GBK, and GBK read one byte out of step, undone only when the bytes
//! read back as everyday characters; damage beyond repair is reported, not changed.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::annotations::is_pinyin_letter;
use super::{Fix, Rule};
use crate::text::cjk::{is_cjk, is_cjk_punctuation};

/// Characters that, beside Chinese text, almost only ever come from decoding bytes with the
/// wrong encoding: the replacement character, `€` (GBK's 0x80), and the GBK readings of
/// the first two bytes of UTF-8 quotes (鈥), 。、 (銆) and full-width marks (锛, 锟).
const MOJIBAKE_MARKS: [char; 6] = ['\u{FFFD}', '€', '鈥', '銆', '锛', '锟'];

/// How far around a mark a repair may reach, in characters each way.
const MOJIBAKE_REACH: usize = 8;

pub(super) fn find_mojibake(text: &str) -> Vec<Fix> {
    let scan = Scan {
        text,
        chars: text.char_indices().collect(),
    };
    let mut fixes: Vec<Fix> = Vec::new();
    let mut i = 0;
    while i < scan.chars.len() {
        let c = scan.chars[i].1;
        if let Some(len) = scan.orphan_reading(i) {
            // The rest of a pinyin annotation whose character was garbled, `?shù)`: what
            // stood there cannot be known.
            let from = scan.byte_at(i);
            fixes.push(Fix {
                rule: Rule::Mojibake,
                range: from..from + len,
                replacement: None,
                doubt: None,
            });
            i = scan.index_of(from + len);
            continue;
        }
        let lost_bytes = scan.lost_bytes(i);
        let is_mark = lost_bytes
            || (MOJIBAKE_MARKS.contains(&c)
                && (scan.cjk_at(i.checked_sub(1)) || scan.cjk_at(Some(i + 1))));
        if !is_mark {
            i += 1;
            continue;
        }
        let floor = fixes.last().map_or(0, |f| f.range.end);
        let mark = if lost_bytes { i + 2 } else { i };
        let (start, end) = scan.damaged_run(mark, floor, lost_bytes);
        let fix = repair_mojibake(text, &scan.chars, start, mark, end)
            .map(|(from, to, replacement, doubt)| Fix {
                rule: Rule::Mojibake,
                range: scan.byte_at(from)..scan.byte_at(to),
                replacement: Some(replacement),
                doubt,
            })
            .unwrap_or_else(|| scan.beyond_repair(i, start, mark, end, lost_bytes));
        i = scan.index_of(fix.range.end);
        fixes.push(fix);
    }
    fixes
}

/// A text as characters with their byte offsets, for finding mojibake.
struct Scan<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
}

impl Scan<'_> {
    fn byte_at(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |&(b, _)| b)
    }

    /// The index of the first character at or after byte `at`.
    fn index_of(&self, at: usize) -> usize {
        self.chars.partition_point(|&(b, _)| b < at)
    }

    fn cjk_at(&self, i: Option<usize>) -> bool {
        i.and_then(|i| self.chars.get(i))
            .is_some_and(|&(_, c)| is_cjk(c))
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    /// At a `?` after a character (or its bracket): the byte length of the rest of a pinyin
    /// annotation whose character was lost, `?shù)`.
    fn orphan_reading(&self, i: usize) -> Option<usize> {
        let c = self.chars[i].1;
        let after_character = self.cjk_at(i.checked_sub(1))
            || i.checked_sub(1)
                .and_then(|p| self.char_at(p))
                .is_some_and(|p| p == ')' || p == '）');
        if !(matches!(c, '?' | '？') && after_character) {
            return None;
        }
        orphan_reading_len(&self.text[self.byte_at(i + 1)..]).map(|len| c.len_utf8() + len)
    }

    /// The bytes lost before a one-byte shift show as `?!` (see `repair_mojibake`); `?!`
    /// before everyday characters is a real question.
    fn lost_bytes(&self, i: usize) -> bool {
        matches!(self.chars[i].1, '?' | '？')
            && matches!(self.char_at(i + 1), Some('!' | '！'))
            && self.cjk_at(Some(i + 2))
            && self.chars[i + 2..]
                .iter()
                .take(3)
                .take_while(|&&(_, c)| !c.is_ascii() && !is_cjk_punctuation(c))
                .any(|&(_, c)| !is_everyday_character(c))
    }

    /// The damaged run around a mark: the non-ASCII characters either side of it, within
    /// reach and after `floor` (the end of the last fix), as character indices.
    fn damaged_run(&self, mark: usize, floor: usize, lost_bytes: bool) -> (usize, usize) {
        let chars = &self.chars;
        let damaged = |c: char| !c.is_ascii() && !is_cjk_punctuation(c);
        let mut start = mark;
        while !lost_bytes
            && start > 0
            && mark - start < MOJIBAKE_REACH
            && chars[start - 1].0 >= floor
            && damaged(chars[start - 1].1)
        {
            start -= 1;
        }
        let mut end = mark + 1;
        while end < chars.len() && end - mark < MOJIBAKE_REACH && damaged(chars[end].1) {
            end += 1;
        }
        (start, end)
    }

    /// Damage that cannot be undone is flagged, not changed: the characters that are certainly
    /// damaged, the mark (with `?!` before it) and the unusual characters next to it.
    fn beyond_repair(
        &self,
        at: usize,
        start: usize,
        mark: usize,
        end: usize,
        lost_bytes: bool,
    ) -> Fix {
        let unusual = |j: &usize| !is_everyday_character(self.chars[*j].1);
        let from = if lost_bytes {
            at
        } else {
            (start..=mark)
                .rev()
                .take_while(unusual)
                .last()
                .unwrap_or(mark)
        };
        let to = if lost_bytes {
            (mark..end).rev().find(unusual)
        } else {
            (mark..end).take_while(unusual).last()
        };
        let to = to.unwrap_or(mark) + 1;
        Fix {
            rule: Rule::Mojibake,
            range: self.byte_at(from)..self.byte_at(to),
            replacement: None,
            doubt: None,
        }
    }
}

/// `shù)` at the start of `rest`: a reading and a closing parenthesis with no opening one.
fn orphan_reading_len(rest: &str) -> Option<usize> {
    // Near the reading only: a long run of letters without a bracket costs its length once.
    let near = rest.char_indices().nth(8).map_or(rest.len(), |(at, _)| at);
    let close = rest[..near].find(')')?;
    let reading = &rest[..close];
    (!reading.is_empty()
        && reading.chars().count() <= 6
        && reading.chars().all(is_pinyin_letter)
        && !reading.is_ascii())
    .then_some(close + 1)
}

/// The smallest window of `chars[start..end]` around the mark at `mark` whose bytes, read
/// back the right way, are ordinary Chinese text: (from, to, repaired text, doubt).
///
/// Two ways of going wrong are undone. UTF-8 read as GBK turns three bytes into one and a
/// half characters; GBK read one byte out of step loses a lead byte and pairs every trail
/// byte with the next lead. The seeds hold the second: `?!拔鍌€` for `。“五個`.
fn repair_mojibake(
    text: &str,
    chars: &[(usize, char)],
    start: usize,
    mark: usize,
    end: usize,
) -> Option<(usize, usize, String, Option<&'static str>)> {
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut windows: Vec<(usize, usize)> = (start..=mark)
        .flat_map(|from| (mark + 1..=end).map(move |to| (from, to)))
        .collect();
    // The widest window that reads back as plain text explains the most: `鍌€` alone
    // reads back as 傀, but `拔鍌€` as `“五個`.
    windows.sort_by_key(|&(from, to)| (std::cmp::Reverse(to - from), from));
    for (from, to) in windows {
        let window = &text[byte_at(from)..byte_at(to)];
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(window);
        if unmappable {
            continue;
        }
        if let Ok(utf8) = std::str::from_utf8(&bytes)
            && is_plain_chinese(utf8)
        {
            return Some((from, to, utf8.to_string(), None));
        }
        // A lost lead byte: most often the 0xA1 that starts full-width punctuation.
        let mut shifted = vec![0xA1];
        shifted.extend_from_slice(&bytes);
        let (gbk, malformed) = encoding_rs::GBK.decode_without_bom_handling(&shifted);
        if !malformed && is_plain_chinese(&gbk) {
            // The bytes before the lost lead byte show up as `?` (and `!`): a full stop is
            // by far the most common mark before an opening quote.
            let before = &text[..byte_at(from)];
            let lost = ["?!", "?"].into_iter().find(|l| before.ends_with(l));
            let (from_byte, doubt) = match lost {
                Some(lost) if gbk.starts_with(['“', '‘', '《', '（', '「']) => (
                    byte_at(from) - lost.len(),
                    Some("a `?` standing for a lost mark was taken to be 。"),
                ),
                _ => (byte_at(from), None),
            };
            let from = chars.partition_point(|&(b, _)| b < from_byte);
            let repaired = if doubt.is_some() {
                format!("。{gbk}")
            } else {
                gbk.into_owned()
            };
            return Some((from, to, repaired, doubt));
        }
    }
    None
}

/// Text made only of everyday characters (GB 2312's first level, after folding traditional
/// characters), full-width punctuation, ASCII letters and digits: what a repair must yield.
fn is_plain_chinese(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || is_cjk_punctuation(c) || is_everyday_character(c))
}

/// One of the 3,755 characters of GB 2312's first level, in either script.
pub fn is_everyday_character(c: char) -> bool {
    let c = TRADITIONAL_TO_SIMPLIFIED.get(&c).copied().unwrap_or(c);
    let mut buffer = [0; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buffer));
    !unmappable && bytes.len() == 2 && (0xB0..=0xD7).contains(&bytes[0]) && bytes[1] >= 0xA1
}

/// OpenCC's one-character traditional-to-simplified table, first candidate of each entry.
static TRADITIONAL_TO_SIMPLIFIED: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    include_str!("../../../dicts/opencc/TSCharacters.txt")
        .lines()
        .filter_map(|line| {
            let (key, values) = line.split_once('\t')?;
            let mut key = key.chars();
            let (from, None) = (key.next()?, key.next()) else {
                return None;
            };
            Some((from, values.split_whitespace().next()?.chars().next()?))
        })
        .collect()
});
