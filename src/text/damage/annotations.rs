//! Pinyin a bad converter left after characters, `當(dāng)`: only a reading the character
//! really has counts, and only when a text has several.

use pinyin::ToPinyinMulti;

use super::{Fix, Rule};

/// Below this many annotations in one text, a gloss is taken to be intended (`莘(shēn)庄`).
const MIN_PINYIN_ANNOTATIONS: usize = 3;

/// `當(dāng)`: a character followed by its own reading in parentheses, as some converters
/// write. Only a reading the character really has counts, so `(濠江)` or `(GDP)` never do.
pub(super) fn find_pinyin_annotations(text: &str) -> Vec<Fix> {
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
    // A reading is short: the close is looked for near the open only, so that a text of
    // unclosed brackets costs no more than its length.
    let inner = &rest[inner_start..];
    let near = inner
        .char_indices()
        .nth(8)
        .map_or(inner.len(), |(at, _)| at);
    let close = inner[..near].find([')', '）'])? + inner_start;
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

pub(super) fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}
