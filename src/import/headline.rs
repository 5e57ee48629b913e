//! Which line of a page is its headline. The short lines above the text are candidates,
//! scored: a headline is near the text, of a headline's length, echoed by the page's own
//! title, and not a column name, a byline, a document number or an edition's label.

use std::sync::LazyLock;

use regex::Regex;

use super::layout::{Paragraph, is_heading};

/// How many lines above the text are looked at.
const LOOK_BACK: usize = 12;

/// Names of columns, channels and sites, which stand above headlines (simplified script).
static COLUMN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(中心|资讯|频道|栏目|新闻|动态|要闻|专题|之窗|在线|网|网站|首页|政务|公开|公告栏|PDF版|LAB|论坛|家园|社区)$")
        .expect("valid pattern")
});

/// Lines that are never headlines: bylines, document numbers, labels, versions.
static NOT_HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(记者|通讯员|文/|图/|文／|图／|作者|来源|责任编辑|编辑|摄影)|〔\d{4}〕|\[\d{4}\]\s*\d+\s*号|^第[A-Z\d]+版|^date\b|索引号|组配分类|点击数|浏览|阅读数|\{\{|^【[^】]{1,6}】|^[A-Za-z0-9'’ ]+$|\|.*\||：.*：|Translate|[\x{1F300}-\x{1FAFF}\x{2600}-\x{27BF}]|\d{1,2}月\d{1,2}日?(讯|电|電)|(通讯员|记者)\s*[\p{Han}]{2,4}$")
        .expect("valid pattern")
});

/// Photo captions, which stand between a headline and its text.
static CAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"现场$|合影|^图为|摄$|摄影|^图\d").expect("valid pattern"));

/// Whether a paragraph is text rather than a headline or a label: a sentence, or long.
pub(super) fn is_text(paragraph: &str) -> bool {
    let length = paragraph.chars().count();
    // A headline may exclaim (`深化城市交流！北市民政局率團訪西屯區公所`); text runs longer.
    paragraph.contains('。') || (paragraph.contains(['！', '？']) && length > 40) || length > 60
}

/// A line that can stand as a headline: short, one clause, not a date or a salutation.
pub(super) fn is_title_like(text: &str) -> bool {
    let length = text.chars().count();
    (4..=80).contains(&length)
        && !text.contains(['。', '；', '？'])
        && !text.ends_with(['：', '，', ':'])
        && text.matches('，').count() <= 1
        && !is_heading(text)
        && super::extract::whole_date(text).is_none()
}

/// The headline's position among `paragraphs`, if a line above the text is one. `page_title`
/// is what the page's metadata calls it; `fold` gives simplified script.
pub(super) fn headline(
    paragraphs: &[Paragraph],
    page_title: Option<&str>,
    fold: &dyn Fn(&str) -> String,
) -> Option<usize> {
    let text_at = paragraphs.iter().position(|p| is_text(&p.text))?;
    let first = text_at.saturating_sub(LOOK_BACK);
    let echo = page_title.map(|t| squeezed(&fold(t)));
    (first..text_at)
        .filter(|&i| is_title_like(&paragraphs[i].text))
        .map(|i| {
            (
                score(&paragraphs[i].text, text_at - i, echo.as_deref(), fold),
                i,
            )
        })
        .filter(|&(score, _)| score > 0)
        // The best; of equals, the nearer to the text.
        .max_by_key(|&(score, i)| (score, i))
        .map(|(_, i)| i)
}

/// How much a line looks like the headline `distance` lines above the text.
fn score(line: &str, distance: usize, echo: Option<&str>, fold: &dyn Fn(&str) -> String) -> i32 {
    let folded = fold(line);
    let squeezed_line = squeezed(&folded);
    let length = squeezed_line.chars().count();
    let mut score: i32 = match length {
        0..=3 => return 0,
        4..=5 => 2,
        6..=9 => 20,
        _ => 28,
    };
    score -= 3 * (distance as i32 - 1);
    if let Some(echo) = echo
        && !echo.is_empty()
        && (echo.contains(&squeezed_line) || squeezed_line.contains(echo))
    {
        score += 40;
    }
    if COLUMN_NAME.is_match(folded.trim()) && length <= 8 {
        score -= 20;
    }
    if NOT_HEADLINE.is_match(folded.trim()) {
        score -= 40;
    }
    if folded.contains(['：', ':']) {
        score -= 10;
    }
    if CAPTION.is_match(folded.trim()) {
        score -= 15;
    }
    if super::extract::find_date(&folded).is_some_and(|(d, _)| d.year.is_some()) {
        score -= 30;
    }
    score
}

/// A line without spaces or ASCII/full-width variants that differ only in form.
fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '!' => '！',
            ',' => '，',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Paragraph> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Paragraph {
                line: i + 1,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn the_headline_is_the_line_above_the_text_not_the_column_above_it() {
        let page = lines(&[
            "今日舞阳",
            "县委县政府重点工作第52次周交办会议召开",
            "8月22日，县长主持召开会议。",
        ]);
        assert_eq!(headline(&page, None, &|s| s.to_string()), Some(1));
        let epaper = lines(&[
            "第A05版：要闻 PDF版",
            "小记者“跑”两会",
            "2月1日，小记者采访执勤人员。",
        ]);
        assert_eq!(headline(&epaper, None, &|s| s.to_string()), Some(1));
        let byline = lines(&["区领导调研重点项目", "记者 余艳华", "1月6日，会议召开。"]);
        assert_eq!(headline(&byline, None, &|s| s.to_string()), Some(0));
    }

    #[test]
    fn the_pages_own_title_settles_it() {
        let page = lines(&[
            "宜春市人民政府",
            "统计公报",
            "宜春市2022年国民经济和社会发展统计公报",
            "发布机构 宜春市统计局",
            "2022年，全市经济运行稳中有进。",
        ]);
        let title = Some("宜春市2022年国民经济和社会发展统计公报");
        assert_eq!(headline(&page, title, &|s| s.to_string()), Some(2));
        assert_eq!(
            headline(&lines(&["正文第一句。"]), None, &|s| s.to_string()),
            None
        );
    }
}
