//! The damage text picks up on its way through old sites and bad converters, one rule per
//! kind: `import` repairs what a rule finds, `check` reports what is left in content.
//!
//! Every rule is careful about what it must not touch: real parentheses, real repeated marks
//! such as `……`, a lone pinyin gloss for a rare character, punctuation inside Latin text.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use pinyin::ToPinyinMulti;

use crate::text::cjk::{is_cjk, is_cjk_punctuation};

/// A kind of damage, in the order `import` repairs them: mojibake first (a pinyin annotation
/// may hide behind it), spacing and doubled marks last (earlier repairs can create them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    Mojibake,
    PinyinAnnotation,
    AsciiPunctuation,
    StraySpace,
    DoubledPunctuation,
}

impl Rule {
    pub const ALL: [Rule; 5] = [
        Rule::Mojibake,
        Rule::PinyinAnnotation,
        Rule::AsciiPunctuation,
        Rule::StraySpace,
        Rule::DoubledPunctuation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Rule::Mojibake => "mojibake",
            Rule::PinyinAnnotation => "pinyin-annotation",
            Rule::AsciiPunctuation => "ascii-punctuation",
            Rule::StraySpace => "stray-space",
            Rule::DoubledPunctuation => "doubled-punctuation",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Rule::Mojibake => "garbled characters from a wrong decoding",
            Rule::PinyinAnnotation => "pinyin annotations left by a script converter",
            Rule::AsciiPunctuation => "ASCII punctuation inside a Chinese sentence",
            Rule::StraySpace => "a space inside Chinese text",
            Rule::DoubledPunctuation => "doubled or stray punctuation",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            Rule::Mojibake => {
                "compare with the original document and retype the garbled characters"
            }
            Rule::PinyinAnnotation => "delete the parenthesised pinyin after each character",
            Rule::AsciiPunctuation => "use full-width punctuation in Chinese text: ，：；？！（）",
            Rule::StraySpace => {
                "Chinese text has no spaces; start a new paragraph with a blank line instead"
            }
            Rule::DoubledPunctuation => "keep one mark",
        }
    }

    /// The damage of this kind in `text`, sorted and not overlapping.
    pub fn find(self, text: &str) -> Vec<Fix> {
        match self {
            Rule::Mojibake => find_mojibake(text),
            Rule::PinyinAnnotation => find_pinyin_annotations(text),
            Rule::AsciiPunctuation => find_ascii_punctuation(text),
            Rule::StraySpace => find_stray_spaces(text),
            Rule::DoubledPunctuation => find_doubled_punctuation(text),
        }
    }
}

/// One piece of damage: where it is and what should stand there instead, if that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub rule: Rule,
    /// Byte range in the text searched.
    pub range: Range<usize>,
    /// `None` when the damage cannot be repaired safely and is only reported.
    pub replacement: Option<String>,
    /// Why the repair is a guess, when it is one.
    pub doubt: Option<&'static str>,
}

impl Fix {
    fn new(rule: Rule, range: Range<usize>, replacement: impl Into<String>) -> Self {
        Fix {
            rule,
            range,
            replacement: Some(replacement.into()),
            doubt: None,
        }
    }
}

/// `text` with every repairable fix applied; `fixes` must be sorted and not overlapping.
pub fn apply(text: &str, fixes: &[Fix]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for fix in fixes {
        if let Some(replacement) = &fix.replacement {
            out.push_str(&text[at..fix.range.start]);
            out.push_str(replacement);
            at = fix.range.end;
        }
    }
    out.push_str(&text[at..]);
    out
}

fn is_chinese(c: char) -> bool {
    is_cjk(c) || is_cjk_punctuation(c)
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{00A0}')
}

// --- Mojibake ------------------------------------------------------------------------------

/// Characters that, beside Chinese text, almost only ever come from decoding bytes with the
/// wrong encoding: the replacement character, `€` (GBK's 0x80), and the GBK readings of
/// the first two bytes of UTF-8 quotes (鈥), 。、 (銆) and full-width marks (锛, 锟).
const MOJIBAKE_MARKS: [char; 6] = ['\u{FFFD}', '€', '鈥', '銆', '锛', '锟'];

/// How far around a mark a repair may reach, in characters each way.
const MOJIBAKE_REACH: usize = 8;

fn find_mojibake(text: &str) -> Vec<Fix> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut fixes: Vec<Fix> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let ideograph_at = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|&(_, c)| is_cjk(c))
        };
        let char_at = |j: usize| chars.get(j).map(|&(_, c)| c);
        let orphan_reading = (c == '?' || c == '？')
            && (ideograph_at(i.checked_sub(1))
                || i.checked_sub(1)
                    .and_then(char_at)
                    .is_some_and(|p| p == ')' || p == '）'))
            && orphan_reading_len(&text[byte_at(i + 1)..]).is_some();
        // The bytes lost before a one-byte shift show as `?!` (see `repair_mojibake`).
        // `?!` before everyday characters is a real question.
        let lost_bytes = matches!(c, '?' | '？')
            && matches!(char_at(i + 1), Some('!' | '！'))
            && ideograph_at(Some(i + 2))
            && chars[i + 2..]
                .iter()
                .take(3)
                .take_while(|&&(_, c)| !c.is_ascii() && !is_cjk_punctuation(c))
                .any(|&(_, c)| !is_everyday_character(c));
        if orphan_reading {
            // The rest of a pinyin annotation whose character was garbled, `?shù)`: what
            // stood there cannot be known.
            let len = c.len_utf8() + orphan_reading_len(&text[byte_at(i + 1)..]).expect("checked");
            fixes.push(Fix {
                rule: Rule::Mojibake,
                range: byte_at(i)..byte_at(i) + len,
                replacement: None,
                doubt: None,
            });
            i = chars.partition_point(|&(b, _)| b < byte_at(i) + len);
            continue;
        }
        let is_mark = lost_bytes
            || (MOJIBAKE_MARKS.contains(&c)
                && (ideograph_at(i.checked_sub(1)) || ideograph_at(Some(i + 1))));
        if !is_mark {
            i += 1;
            continue;
        }
        // The damaged run: the mark and the non-ASCII characters around it.
        let floor = fixes.last().map_or(0, |f| f.range.end);
        let (mark, flagged_from) = if lost_bytes { (i + 2, i) } else { (i, i) };
        let mut start = mark;
        while !lost_bytes
            && start > 0
            && mark - start < MOJIBAKE_REACH
            && chars[start - 1].0 >= floor
            && !chars[start - 1].1.is_ascii()
            && !is_cjk_punctuation(chars[start - 1].1)
        {
            start -= 1;
        }
        let mut end = mark + 1;
        while end < chars.len()
            && end - mark < MOJIBAKE_REACH
            && !chars[end].1.is_ascii()
            && !is_cjk_punctuation(chars[end].1)
        {
            end += 1;
        }
        let fix = repair_mojibake(text, &chars, start, mark, end)
            .map(|(from, to, replacement, doubt)| Fix {
                rule: Rule::Mojibake,
                range: byte_at(from)..byte_at(to),
                replacement: Some(replacement),
                doubt,
            })
            .unwrap_or_else(|| {
                // Flag the characters that are certainly damaged: the mark (with `?!`
                // before it) and the unusual characters next to it.
                let unusual = |j: &usize| !is_everyday_character(chars[*j].1);
                let from = if lost_bytes {
                    flagged_from
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
                    range: byte_at(from)..byte_at(to),
                    replacement: None,
                    doubt: None,
                }
            });
        let next = chars.partition_point(|&(b, _)| b < fix.range.end);
        fixes.push(fix);
        i = next;
    }
    fixes
}

/// `shù)` at the start of `rest`: a reading and a closing parenthesis with no opening one.
fn orphan_reading_len(rest: &str) -> Option<usize> {
    let close = rest.find(')')?;
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
    include_str!("../../dicts/opencc/TSCharacters.txt")
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

// --- Pinyin annotations --------------------------------------------------------------------

/// Below this many annotations in one text, a gloss is taken to be intended (`莘(shēn)庄`).
const MIN_PINYIN_ANNOTATIONS: usize = 3;

/// `當(dāng)`: a character followed by its own reading in parentheses, as some converters
/// write. Only a reading the character really has counts, so `(濠江)` or `(GDP)` never do.
fn find_pinyin_annotations(text: &str) -> Vec<Fix> {
    let mut fixes = Vec::new();
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        if let (Some(han), '(' | '（') = (previous, c)
            && let Some(len) = annotation_len(&text[at..], han)
        {
            fixes.push(Fix::new(Rule::PinyinAnnotation, at..at + len, ""));
        }
        previous = Some(c);
    }
    if fixes.len() < MIN_PINYIN_ANNOTATIONS {
        fixes.clear();
    }
    fixes
}

/// The byte length of `(reading)` at the start of `rest` when it is a reading of `han`.
fn annotation_len(rest: &str, han: char) -> Option<usize> {
    let open = rest.chars().next()?;
    let inner_start = open.len_utf8();
    let close = rest[inner_start..].find([')', '）'])? + inner_start;
    let reading = &rest[inner_start..close];
    if reading.is_empty() || reading.chars().count() > 6 || !reading.chars().all(is_pinyin_letter) {
        return None;
    }
    let readings = han.to_pinyin_multi()?;
    readings
        .into_iter()
        .any(|p| p.with_tone() == reading || p.plain() == reading)
        .then(|| close + rest[close..].chars().next().map_or(0, char::len_utf8))
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

// --- ASCII punctuation ---------------------------------------------------------------------

/// `,` `:` `;` `?` `!` `(` `)` and a final `.` written in a Chinese sentence, where an editor
/// writes the full-width mark. Marks between Latin letters or digits (`09:11`, `3.5`,
/// `https://`) stay as they are.
fn find_ascii_punctuation(text: &str) -> Vec<Fix> {
    let mut fixes = Vec::new();
    for line_start in line_starts(text) {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let line = &text[line_start..line_end];
        let mut open_parens: Vec<usize> = Vec::new();
        let mut previous = None;
        let mut iter = line.char_indices().peekable();
        while let Some((at, c)) = iter.next() {
            let next = iter.peek().map(|&(_, n)| n);
            let after_chinese = previous.is_some_and(is_chinese);
            let full_width = match c {
                ',' if after_chinese => Some('，'),
                ':' if after_chinese && !line[at..].starts_with("://") => Some('：'),
                ';' if after_chinese => Some('；'),
                '?' if after_chinese => Some('？'),
                '!' if after_chinese => Some('！'),
                '.' if previous.is_some_and(is_cjk)
                    && next.is_none_or(|n| is_cjk(n) || n == '“' || is_blank(n)) =>
                {
                    Some('。')
                }
                '(' => {
                    open_parens.push(at);
                    None
                }
                ')' => {
                    if let Some(open) = open_parens.pop() {
                        let inner = &line[open + 1..at];
                        let before = line[..open].chars().next_back();
                        // A pinyin annotation is the pinyin rule's; it goes whole.
                        let reading = !inner.is_empty()
                            && inner.chars().all(is_pinyin_letter)
                            && !inner.is_ascii();
                        if !reading
                            && (inner.chars().any(is_chinese) || before.is_some_and(is_chinese))
                        {
                            let open = line_start + open;
                            fixes.push(Fix::new(Rule::AsciiPunctuation, open..open + 1, "（"));
                            let close = line_start + at;
                            fixes.push(Fix::new(Rule::AsciiPunctuation, close..close + 1, "）"));
                        }
                    }
                    None
                }
                _ => None,
            };
            if let Some(full_width) = full_width {
                let at = line_start + at;
                fixes.push(Fix::new(
                    Rule::AsciiPunctuation,
                    at..at + 1,
                    full_width.to_string(),
                ));
                // `,,` is two Chinese commas, to be merged by the doubled punctuation rule.
                previous = Some(full_width);
            } else if !is_blank(c) {
                previous = Some(c);
            }
        }
    }
    fixes.sort_by_key(|f| f.range.start);
    fixes
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1))
}

// --- Spaces --------------------------------------------------------------------------------

/// Blanks inside a line of Chinese text: beside a full-width mark, or between two Han
/// characters. Indentation and blanks beside Latin text are left alone.
fn find_stray_spaces(text: &str) -> Vec<Fix> {
    let mut fixes = Vec::new();
    let mut run: Option<usize> = None;
    let mut previous: Option<char> = None;
    // Inside brackets blanks may separate names: `（记者 王五 李六）`.
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        if is_blank(c) {
            run.get_or_insert(at);
            continue;
        }
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            '\n' => depth = 0,
            _ => {}
        }
        if let (Some(start), Some(before)) = (run.take(), previous)
            && before != '\n'
            && c != '\n'
            && ((is_cjk_punctuation(before) && is_chinese(c))
                || (is_chinese(before) && is_cjk_punctuation(c))
                || (depth == 0 && is_cjk(before) && is_cjk(c)))
        {
            fixes.push(Fix::new(Rule::StraySpace, start..at, ""));
        }
        run = None;
        previous = Some(c);
    }
    fixes
}

// --- Doubled punctuation -------------------------------------------------------------------

/// Runs of separating marks (`，，` `、，` `，。`) and a separating mark that opens a line.
/// A run keeps its strongest mark; `……` `——` `？！` are not separating marks and stay.
fn find_doubled_punctuation(text: &str) -> Vec<Fix> {
    let mut fixes = Vec::new();
    let mut iter = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((start, c)) = iter.next() {
        let Some(rank) = separator_rank(c) else {
            if !is_blank(c) {
                previous = Some(c);
            }
            continue;
        };
        let mut strongest = (rank, c);
        let mut end = start + c.len_utf8();
        let mut count = 1;
        while let Some(&(at, next)) = iter.peek() {
            match separator_rank(next) {
                Some(rank) => {
                    strongest = strongest.max((rank, next));
                    end = at + next.len_utf8();
                    count += 1;
                    iter.next();
                }
                None => break,
            }
        }
        let opens_line = previous.is_none_or(|p| p == '\n');
        if opens_line && is_cjk_punctuation(c) {
            fixes.push(Fix::new(Rule::DoubledPunctuation, start..end, ""));
        } else if count > 1 {
            fixes.push(Fix::new(
                Rule::DoubledPunctuation,
                start..end,
                strongest.1.to_string(),
            ));
        }
        previous = Some(strongest.1);
    }
    fixes
}

/// How strongly a mark separates: a run of marks keeps the strongest.
fn separator_rank(c: char) -> Option<u8> {
    match c {
        '，' => Some(1),
        '、' => Some(2),
        '：' => Some(3),
        '；' => Some(4),
        '。' => Some(5),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(rule: Rule, text: &str) -> String {
        apply(text, &rule.find(text))
    }

    #[test]
    fn pinyin_annotations_go_when_they_are_the_characters_readings() {
        assert_eq!(
            repaired(
                Rule::PinyinAnnotation,
                "當(dāng)前位置:首頁(yè) > 信息傳達(dá)"
            ),
            "當前位置:首頁 > 信息傳達"
        );
        // Toneless readings and full-width parentheses too.
        assert_eq!(
            repaired(Rule::PinyinAnnotation, "我們(men)的區(qū)設（shè）"),
            "我們的區設"
        );
    }

    #[test]
    fn real_parentheses_and_lone_glosses_stay() {
        for text in [
            "市委市政府(濠江)現場會、各部門(單位)負責人、(通訊員郭海洲)",
            "國內生產總值(GDP)增長(a)項",
            // One or two glosses for rare characters are what an editor meant.
            "莘(shēn)庄镇和亳(bó)州",
            // A reading that is not this character's.
            "區(dāng)前(dāng)後(dāng)",
        ] {
            assert_eq!(repaired(Rule::PinyinAnnotation, text), text);
        }
    }

    #[test]
    fn the_seed_mojibake_is_undone_and_its_lost_mark_flagged() {
        let text = "做好每一天的工作?!拔鍌€(gè)不讓";
        let fixes = Rule::Mojibake.find(text);
        assert_eq!(fixes.len(), 1);
        assert!(fixes[0].doubt.is_some());
        assert_eq!(apply(text, &fixes), "做好每一天的工作。“五個(gè)不讓");
    }

    #[test]
    fn damage_beyond_repair_is_flagged_whole() {
        // From the seeds: a shifted run whose last bytes were lost, and the rest of an
        // annotation whose character was garbled.
        let text = "的綜合整治?!叭髴?(zhàn)役”的目標；擔(dān)當(dāng)?shù)母咚刭|(zhì)干部";
        let fixes = Rule::Mojibake.find(text);
        let flagged: Vec<&str> = fixes.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(flagged, ["?!叭髴", "?shù)"]);
        let text = "不讓差錯€在我這裡";
        let fixes = Rule::Mojibake.find(text);
        assert_eq!(&text[fixes[0].range.clone()], "€");
        assert!(fixes.iter().all(|f| f.replacement.is_none()));
        // A real question and exclamation, and a real parenthesis, are not damage.
        assert!(Rule::Mojibake.find("真的?!他說(見附件)").is_empty());
        // The same after the question mark became full-width.
        let text = "擔當？shù)母咚";
        let fixes = Rule::Mojibake.find(text);
        assert_eq!(&text[fixes[0].range.clone()], "？shù)");
    }

    #[test]
    fn utf8_read_as_gbk_is_undone() {
        let (garbled, _, _) = encoding_rs::GBK.decode("工作，这".as_bytes());
        assert_eq!(garbled, "宸ヤ綔锛岃繖");
        let text = format!("通知：{garbled}。");
        let fixes = Rule::Mojibake.find(&text);
        assert_eq!(apply(&text, &fixes), "通知：工作，这。", "{fixes:?}");
    }

    #[test]
    fn mojibake_that_cannot_be_undone_is_reported_not_changed() {
        let text = "今年投入€€€資金";
        let fixes = Rule::Mojibake.find(text);
        assert!(!fixes.is_empty());
        assert!(fixes.iter().all(|f| f.replacement.is_none()));
        // A price in euros in Latin text is not mojibake.
        assert!(Rule::Mojibake.find("costs 5 € each").is_empty());
        assert!(Rule::Mojibake.find("濠江區建設系統").is_empty());
    }

    #[test]
    fn ascii_punctuation_in_chinese_becomes_full_width() {
        assert_eq!(
            repaired(
                Rule::AsciiPunctuation,
                "近日,濠江區(濠江)結合實際;要求:如何?好!完成.會上,,各部門"
            ),
            "近日，濠江區（濠江）結合實際；要求：如何？好！完成。會上，，各部門"
        );
    }

    #[test]
    fn pinyin_annotations_are_not_ascii_punctuation() {
        assert!(Rule::AsciiPunctuation.find("當(dāng)前").is_empty());
    }

    #[test]
    fn ascii_punctuation_in_latin_text_numbers_and_urls_stays() {
        for text in [
            "時間2022-03-26 09:11:00",
            "見 https://example.org/a?b=1, 3.5% 增長",
            "COVID-19 (SARS-CoV-2), e.g. this.",
            "大小:31.60 KB",
        ] {
            let fixes = Rule::AsciiPunctuation.find(text);
            assert!(
                fixes
                    .iter()
                    .all(|f| !text[f.range.clone()].contains(['.', '?'])),
                "{text}: {fixes:?}"
            );
        }
        assert_eq!(
            repaired(Rule::AsciiPunctuation, "大小:31.60 KB"),
            "大小：31.60 KB"
        );
    }

    #[test]
    fn stray_spaces_between_chinese_go_but_not_beside_latin() {
        assert_eq!(
            repaired(Rule::StraySpace, "要“一盤棋”統籌 ，“一體化”推進、 立足"),
            "要“一盤棋”統籌，“一體化”推進、立足"
        );
        for text in [
            "投資 5 億元",
            "COVID-19 疫情",
            "　　縮進的段落",
            "第一段\n 第二段",
        ] {
            assert_eq!(repaired(Rule::StraySpace, text), text);
        }
    }

    #[test]
    fn doubled_punctuation_keeps_the_strongest_mark() {
        assert_eq!(
            repaired(
                Rule::DoubledPunctuation,
                "會議，。成員，、各部門，，會上、，好。。"
            ),
            "會議。成員、各部門，會上、好。"
        );
        assert_eq!(
            repaired(Rule::DoubledPunctuation, "，、開頭\n。第二行"),
            "開頭\n第二行"
        );
    }

    #[test]
    fn real_repeated_marks_stay() {
        for text in ["他說……好——真的？！", "“一”、“二”", "（單位）、（部門）"]
        {
            assert_eq!(repaired(Rule::DoubledPunctuation, text), text);
        }
    }

    #[test]
    fn everyday_characters_in_both_scripts() {
        for c in ['五', '个', '個', '這', '这'] {
            assert!(is_everyday_character(c), "{c}");
        }
        for c in ['鍌', '€', '濠', 'a'] {
            assert!(!is_everyday_character(c), "{c}");
        }
    }
}
