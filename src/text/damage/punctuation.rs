//! Punctuation and spacing: ASCII marks in Chinese sentences, stray spaces, doubled marks.

use super::annotations::is_pinyin_letter;
use super::{Fix, Rule, is_blank, is_chinese};
use crate::text::cjk::{is_cjk, is_cjk_punctuation};

/// `,` `:` `;` `?` `!` `(` `)` and a final `.` written in a Chinese sentence, where an editor
/// writes the full-width mark. Marks between Latin letters or digits (`09:11`, `3.5`,
/// `https://`) stay as they are.
pub(super) fn find_ascii_punctuation(text: &str) -> Vec<Fix> {
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
                // Not a mojibake `?` run on to a pinyin annotation it ate the bracket of
                // (`日?qǐng)`): a question ends before a Latin letter never.
                '?' if after_chinese && !next.is_some_and(is_pinyin_letter) => Some('？'),
                '!' if after_chinese => Some('！'),
                '.' if previous.is_some_and(is_cjk)
                    && next.is_none_or(|n| is_cjk(n) || n == '“' || is_blank(n))
                    && !joins_short_words(line, at) =>
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

/// Whether the `.` at `at` joins two short words standing alone, as a menu writes its entries
/// (`• 文教.科技`): a separator there, no full stop.
fn joins_short_words(line: &str, at: usize) -> bool {
    let word = |chars: &mut dyn Iterator<Item = char>| {
        let mut length = 0;
        for c in chars {
            if !is_cjk(c) {
                return (length, c.is_whitespace() || "•·-*".contains(c));
            }
            length += 1;
        }
        (length, true)
    };
    let (before, alone_before) = word(&mut line[..at].chars().rev());
    let (after, alone_after) = word(&mut line[at + 1..].chars());
    (1..=3).contains(&before) && (1..=3).contains(&after) && alone_before && alone_after
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1))
}

// --- Spaces --------------------------------------------------------------------------------

/// Blanks inside a line of Chinese text: beside a full-width mark, or between two Han
/// characters. Indentation and blanks beside Latin text are left alone.
pub(super) fn find_stray_spaces(text: &str) -> Vec<Fix> {
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
                || (depth == 0 && is_cjk(before) && is_cjk(c) && !opens_label(&text[at..])))
        {
            fixes.push(Fix::new(Rule::StraySpace, start..at, ""));
        }
        run = None;
        previous = Some(c);
    }
    fixes
}

/// Whether `rest` opens with a metadata field's label and its colon: the blank before it
/// parts two fields (`…攝 來源:某某報`), where a headline's speaker (`議題 中市府:…`) is no
/// field.
fn opens_label(rest: &str) -> bool {
    const LABELS: [&str; 16] = [
        "来源", "來源", "作者", "编辑", "編輯", "责编", "責編", "记者", "記者", "摄影", "攝影",
        "时间", "時間", "日期", "出处", "出處",
    ];
    LABELS.iter().any(|label| {
        rest.strip_prefix(label)
            .is_some_and(|after| after.starts_with([':', '：']))
    })
}

// --- Doubled punctuation -------------------------------------------------------------------

/// Runs of separating marks (`，，` `、，` `，。`) and a separating mark that opens a line.
/// A run keeps its strongest mark; `……` `——` `？！` are not separating marks and stay.
pub(super) fn find_doubled_punctuation(text: &str) -> Vec<Fix> {
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
