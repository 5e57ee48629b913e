//! What else on a page echoes its headline: the record an e-paper's system leaves, the
//! `<title>` a saved text starts with, a title bar of keywords that ends with it, or the
//! headline itself printed twice in a row.

use std::sync::LazyLock;

use regex::Regex;

use super::{Paragraph, Removed, is_portrait, is_title_like, unspaced};

/// What else on a page echoes its headline: the record an e-paper's system leaves, or the
/// `<title>` a saved text often starts with, `标题_栏目_站名`, whose first part echoes the
/// headline as a page's own title would.
pub(in crate::import) fn echo_on_page(
    paragraphs: &[Paragraph],
    removed: &[Removed],
) -> Option<String> {
    papers_title(paragraphs)
        .or_else(|| saved_title(paragraphs, removed))
        .or_else(|| after_keywords(paragraphs))
        .or_else(|| printed_twice(paragraphs))
}

/// A headline an e-paper prints twice in a row above the text (its title bar and its
/// heading), whatever deck follows it, and in the edition's list of headlines above:
/// `本版標題導航` / … / `港擬建四新博物館` / … / `港擬建四新博物館` / `港擬建四新博物館` / `兩聚焦…`.
/// Not a newsroom's name or a document's number, which print fewer Chinese words, nor a line
/// printed three times in a row, as a page's marks are.
fn printed_twice(paragraphs: &[Paragraph]) -> Option<String> {
    const TOP: usize = 30;
    const HEADLINE_CHARS: usize = 6;
    let top: Vec<String> = (paragraphs.iter().take(TOP))
        .map(|p| unspaced(&p.text))
        .collect();
    (0..top.len().saturating_sub(1)).find_map(|i| {
        let line = &top[i];
        let twice = *line == top[i + 1];
        let thrice = (i > 0 && top[i - 1] == *line) || top.get(i + 2) == Some(line);
        let listed = top[..i.saturating_sub(1)].contains(line);
        let chinese = line
            .chars()
            .filter(|&c| crate::text::cjk::is_cjk(c))
            .count();
        let headline = twice && !thrice && listed && chinese >= HEADLINE_CHARS;
        (headline && is_title_like(&paragraphs[i].text))
            .then(|| paragraphs[i].text.trim().to_string())
    })
}

/// The headline a title bar of keywords ends with, printed again on a line of its own below
/// it: `天文台,特別天氣提示,三號強風信號 下午09時45分天文台特別天氣提示:…` over `下午09時45分…`.
fn after_keywords(paragraphs: &[Paragraph]) -> Option<String> {
    let bar = unspaced(&paragraphs.first()?.text);
    if bar.contains('。') {
        return None;
    }
    // Keywords in a list (a bar that ends with the site's name over its masthead is no echo).
    paragraphs.iter().skip(1).take(3).find_map(|p| {
        let line = unspaced(&p.text);
        let keywords = bar.strip_suffix(line.as_str())?;
        let listed = keywords.contains(['，', ',', '、']) && keywords.chars().count() <= 40;
        let headline = line.chars().count() >= 6 && is_title_like(&p.text);
        (listed && headline).then(|| p.text.trim().to_string())
    })
}

/// The first part of a `<title>`-like line at the top of a saved text: `标题_栏目_站名`.
fn saved_title(paragraphs: &[Paragraph], removed: &[Removed]) -> Option<String> {
    // The same line again in the footer the layout took out, before its links (`某某官网 |
    // 关于我们 | …`), is the site's name.
    let in_footer = |title: &Paragraph| {
        let later = removed.iter().filter(|r| r.line > title.line + 2);
        later.map(|r| r.text.trim()).any(|text| {
            text.strip_prefix(title.text.trim())
                .is_some_and(|rest| rest.trim_start().starts_with(['|', '｜']))
        })
    };
    paragraphs
        .iter()
        .take(3)
        .filter(|p| !in_footer(p))
        .find_map(|p| {
            let parts: Vec<&str> = p
                .text
                .split(['_', '|', '｜'])
                .flat_map(|s| s.split(" - "))
                .collect();
            let first = parts.first()?.trim();
            // A portrait's caption in a table (`某某區長某某某 |`) is no title, nor an
            // e-paper's name (`今日某某-数字报|今日某某-电子版`).
            let titled = is_title_like(first)
                && !first.contains(['：', ':'])
                && !is_portrait(first)
                && !crate::import::office::is_masthead(first);
            (parts.len() >= 2 && first.chars().count() >= 6 && titled).then(|| first.to_string())
        })
}

/// The headline an e-paper's system (Founder's `enpproperty`) leaves at the foot of a saved
/// page when its tags are stripped: `2021-04-19 2 2 某某日报 content_36516.html 1 3 本市要闻
/// /enpproperty-->`.
fn papers_title(paragraphs: &[Paragraph]) -> Option<String> {
    static ENP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"[A-Za-z]*_?\d+\.s?html?\s+(?:\d+\s+)*(?P<title>[^\s<>/][^<>]*?)\s*/?enpproperty",
        )
        .expect("valid pattern")
    });
    paragraphs.iter().rev().find_map(|p| {
        let title = ENP.captures(&p.text)?.name("title")?.as_str().trim();
        (title.chars().count() >= 2).then(|| title.to_string())
    })
}
