//! A headline the page broke over two lines, or cut at its space on a line with the rest of
//! its header: where its other half stands.

use std::sync::LazyLock;

use regex::Regex;

use super::{Paragraph, is_title_like, unspaced};

/// Words a headline broken over two lines ends its first line with.
const BROKEN_AFTER: [&str; 9] = ["关于", "印发", "转发", "的", "和", "与", "及", "暨", "对"];

/// Whether paragraph `i`, a headline, is the second half of one the page broke over two lines:
/// the line above ends with a word that cannot end a headline (`……办公室关于印发` / `……的通知`),
/// or the two lines together are printed whole elsewhere on the page (a notice's own headline
/// under the page's: `……关于促进我市` / `开发区……的通知`).
pub(in crate::import) fn is_broken_headline(
    paragraphs: &[Paragraph],
    i: usize,
    fold: &dyn Fn(&str) -> String,
) -> bool {
    let Some(above) = i.checked_sub(1).map(|above| &paragraphs[above].text) else {
        return false;
    };
    // A column's name marked as one (`◎鄉長園地`) is no headline's first half.
    if !is_title_like(above) || above.trim_start().starts_with(['◎', '★', '☆']) {
        return false;
    }
    let folded_above = fold(above);
    if BROKEN_AFTER.iter().any(|w| folded_above.ends_with(w)) {
        return true;
    }
    printed_whole(paragraphs, i, fold).is_some()
}

/// Where the page prints headline `i` and the line above it as one line, with a space or a
/// dash between them (`文化宿舍 魅力校园——设计学院开展…` over `文化宿舍魅力校园` / `设计学院开展…`),
/// or after its issuer (`某区人民政府关于印发…的通知` over `关于印发…` / `…的通知`): that
/// line's position.
pub(in crate::import) fn printed_whole(
    paragraphs: &[Paragraph],
    i: usize,
    fold: &dyn Fn(&str) -> String,
) -> Option<usize> {
    let above = fold(&paragraphs[i.checked_sub(1)?].text);
    let line = fold(&paragraphs[i].text);
    let joined = ["", "——", "—", "－", "-", "：", ":"]
        .map(|between| unspaced(&format!("{above}{between}{line}")));
    let issued = |printed: &str| {
        (printed.strip_suffix(joined[0].as_str()))
            .is_some_and(crate::import::office::is_office_name)
    };
    let whole = |(j, p): &(usize, &Paragraph)| {
        let printed = unspaced(&fold(&p.text));
        *j + 1 != i && *j != i && (joined.contains(&printed) || issued(&printed))
    };
    paragraphs.iter().enumerate().find(whole).map(|(j, _)| j)
}

/// Where the rest of headline `i` stands, when the page broke it after a word no headline ends
/// with and printed the document's kind on the next line (`……关于禁止在公路上打场晒粮的` /
/// `通告`): that line's position.
pub(in crate::import) fn second_half_below(
    paragraphs: &[Paragraph],
    i: usize,
    fold: &dyn Fn(&str) -> String,
) -> Option<usize> {
    static KIND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[^，。；：,;:]{0,28}(?:通知|通告|公告|意见|办法|方案|决定|通报|报告|批复|规定|细则|函)$")
            .expect("valid pattern")
    });
    let broken = fold(paragraphs[i].text.trim_end());
    let below = fold(paragraphs.get(i + 1)?.text.trim());
    (BROKEN_AFTER.iter().any(|w| broken.ends_with(w)) && KIND.is_match(&below)).then_some(i + 1)
}

/// Where a headline that a page printed on a line with the rest of its header was cut at its
/// space (`警拘一男子涉發表煽動文字 案件由警方國安處跟進 警拘一男子… 2021年6月23日 【Now新聞台】…`),
/// and paragraph `i` is one half: the second half's position. The two halves stand together
/// on one input line and again, in the same order, before it.
pub(in crate::import) fn split_headline_end(paragraphs: &[Paragraph], i: usize) -> Option<usize> {
    let pair_at = |first: usize| {
        let Some(second) = paragraphs.get(first + 1) else {
            return false;
        };
        let first_half = &paragraphs[first];
        let printed_before = (paragraphs[..first].windows(2))
            .any(|pair| pair[0].text == first_half.text && pair[1].text == second.text);
        first_half.line == second.line
            && is_title_like(&first_half.text)
            && is_title_like(&second.text)
            && printed_before
    };
    match i.checked_sub(1) {
        Some(above) if pair_at(above) => Some(i),
        _ => pair_at(i).then_some(i + 1),
    }
}
