//! The headline as an editor keeps it: the line printed on the page without the tags, marks,
//! numbers and site names around it, or the page's own title where that says more.

use std::sync::LazyLock;

use regex::Regex;

/// A notice's number printed on its headline's line after the notice's kind (`…的通知
/// 常政发〔2023〕1号`).
static DOCUMENT_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*(?:通知|通報|通报|意见|意見|办法|辦法|方案|决定|決定|公告|通告|批复|批覆|规定|規定|细则|細則|报告|報告|函|纪要|紀要|公示))\s*\p{Han}{1,8}\s*[〔［\[]\d{4}[〕］\]]\s*第?\d{1,4}\s*[号號]$")
        .expect("valid pattern")
});

/// Of a headline printed on the page and the page's own title that echo each other, the
/// printed one when the title only adds to it (`…大赛 某医院`, `…交通-新华网`): a page's
/// title carries the site's name and tags its headline does not.
pub(in crate::import) fn printed_or_page_title(
    line: String,
    title: String,
    fold: &dyn Fn(&str) -> String,
) -> (String, &'static str) {
    // The page's repairs may have taken out a space the title keeps.
    let (printed, own) = (unspaced(&fold(&line)), unspaced(&fold(&title)));
    if own.contains(&printed) && printed.chars().count() * 2 >= own.chars().count() {
        (headline_as_printed(&line), "the line above the text")
    } else {
        (title, "the page's own title")
    }
}

/// `text` without its blanks, to compare lines a repair may have respaced.
pub(in crate::import) fn unspaced(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A label before the headline: a column's tag in brackets (a campaign's in two parts,
/// `【江西是个好地方——爱在新余】`) or between dashes (`-協助公告-`), a kind of news with its colon
/// (`政务信息：`), a repost's `原标题：`, a Taiwan notice's subject label `主旨：` or kind
/// `公告：`, the unit that sent it in round brackets with a colon (`（某县县委党校）：`), a
/// series' name in round brackets (`（移风易俗·红白理事会）`), the paper that printed it before
/// a dash (`《某某日报》——`), an aggregator's hook (`世界即时看！`).
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:【[^】，,]{1,12}】|【[^】，,—]{2,10}——[^】，,—]{2,10}】|[-－]\p{Han}{2,6}[-－]|《[^》]{2,12}(?:报|報|刊)》\s*(?:——|—|－－|--)|[（(]\p{Han}{2,16}[）)]\s*[：:]|[（(]\p{Han}{2,12}·\p{Han}{2,12}[）)]|「[^」]{1,8}」|\[[^\]]{1,12}\]|[\p{Han}]{0,4}(?:信息|资讯|動態|动态|要闻|要聞|新闻|新聞|快讯|快訊|简讯|簡訊|文件)[：:]|原标题[：:]|原標題[：:]|主旨[：:]|公告[：:]|\p{Han}{2,8}\s*》|(?:世界|全球|环球|環球|天天|每日|当前|當前|焦点|焦點|热门|熱門)\p{Han}{1,3}[！!])\s*")
        .expect("valid pattern")
});

/// `…胜利召开[图]`, `（组图）`: a list's mark that the item has photos or a video, or a
/// photo's credit (`（圖/翻攝某某網站）`); a news service's time of the item, `… (19:15)`.
static PICTURED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\s*(?:\[组?[图圖]\]|[（(]组?[图圖][）)]|[（(][图圖]\s*[/／][^（）()]{1,20}[）)]|【组?[图圖]】|\[视频\]|[（(]视频[）)]|[（(]\d{1,2}[:：]\d{2}[）)])$",
    )
    .expect("valid pattern")
});

/// A column's or a topic's name before a bar, `简讯 | …`, `2025年宵 | …`, `網絡中國節·重陽 | …`,
/// `6月動態‖…`,
/// on a headline of some length; a campaign's longer name before the character that stands for
/// a bar (`我为群众办实事丨…`).
static BAR_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,4})?(?:(?:\p{Han}{1,6}|\p{Han}{1,6}·\p{Han}{1,4})\s*[|｜︱‖]|[\p{Han}·]{1,10}?\s*丨)\s*")
        .expect("valid pattern")
});

/// A model-essay site's number of the sample, `第1篇 …`, `篇一：…`.
static SAMPLE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:第[\d一二三四五六七八九十]{1,3}篇|篇[一二三四五六七八九十]{1,3})\s*[：:]?\s*")
        .expect("valid pattern")
});

/// Its tag after the headline, the sample's number or how many the page holds:
/// `…通告 『范文21』`, `…總結【通用7篇】`, `…總結報告 篇1`, `…方案【最新或2022(历届)】`, its
/// kind and length (`…倡议书-倡议书350字`), not a count in the title's own brackets
/// (`…办公会议(6篇)`).
static SAMPLE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\s*(?:[『【](?:(?:范文|範文)\d{1,3}|(?:通用|精选|精選|优秀|優秀|热门|熱門|最新|实用|實用|推荐|推薦)?\d{1,3}篇|(?:最新|精选|精選|推荐|推薦)[^『』【】]{0,12})[』】]|篇\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})|\s*[-－—]\s*\p{Han}{0,8}\d{2,5}字)$",
    )
    .expect("valid pattern")
});

/// A forum's print page keeps its button after the headline: `…幸福感 [打印本页]`,
/// `…迎接勇士們 [列印本頁]`.
static PAGE_TOOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\s*[\[【](?:打印本页|打印|列印本頁|列印本页|列印|關閉窗口|关闭窗口|關閉|关闭)[\]】]$",
    )
    .expect("valid pattern")
});

/// A gallery's page of an item's photos, and its site: `…满足老人需求-第1张图片-某某网`.
static GALLERY_PICTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*[-_－—|]\s*第\s*\d{1,3}\s*[张張]\s*[图圖]片?(?:\s*[-_－—|].{0,20})?$")
        .expect("valid pattern")
});

/// A document's file name, `某镇工作报告.docx`, names it without its extension.
static FILE_EXTENSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:docx?|wps|pdf|rtf|txt|xlsx?|pptx?)$").expect("valid pattern")
});

/// An outlet's name in 《》 before a column's tag, `《某某新聞台》[港聞]…`.
static OUTLET_BEFORE_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^《[^》]{2,10}》\s*(?P<tag>[\[【])").expect("valid pattern"));
/// A title bar's headline in brackets before the site's name, in Chinese and maybe in
/// English: `【某某活動熱情開跑】某某日報社 World News Media`.
static BRACKETED_BEFORE_SITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^【(?P<headline>[^【】]{8,60})】\s*\p{Han}{2,12}(?:社|网|網|报|報|台|新闻|新聞)(?:\s+[A-Za-z][A-Za-z .]{0,40})?$")
        .expect("valid pattern")
});

/// A title bar's site after a dash, a news outlet's name maybe with its English one:
/// `某某清掃宣導 - 早安台灣新聞 | Morning Taiwan News`; or after a bar, an outlet's name or
/// its Chinese and Latin names joined by a dash (`… | 新頭條-TheHubNews`).
static SITE_AFTER_DASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:[-–—]\s+\p{Han}{2,12}(?:新闻|新聞|网|網|报|報|电视台|電視台|社)(?:\s*[|｜]\s*[A-Za-z][A-Za-z .]{0,40})?|[|｜]\s+(?:\p{Han}{2,12}(?:新闻|新聞|网|網|报|報|电视台|電視台)|\p{Han}{2,8}\s*[-–]\s*[A-Za-z][A-Za-z0-9]{2,30}))$")
        .expect("valid pattern")
});

/// The headline without the labels a page puts before it: `• 会议题目 • …`, `【政策文件】…`,
/// `[雲林] …`, `政务信息：…`, a repost's `原标题：…`. A phrase in brackets, with its comma,
/// is the headline's own (`【靚靚月光，尞出幸福】「…音樂晚會」圓滿落幕`).
pub(in crate::import) fn headline_as_printed(line: &str) -> String {
    let line = without_site_marks(line);
    let outlet = (OUTLET_BEFORE_TAG.captures(&line))
        .and_then(|c| c.name("tag"))
        .map_or(0, |tag| tag.start());
    // Tags may stand in a row, `[图]【聚焦两会】…`.
    let mut untagged = line[outlet..].to_string();
    while let Some(tag) = TAG.find(&untagged).filter(|t| t.end() < untagged.len()) {
        untagged.drain(..tag.end());
    }
    let untagged = PICTURED.replace(&untagged, "");
    let untagged = super::super::spacing::READ_COUNT.replace(&untagged, "");
    let untagged = DOCUMENT_NUMBER.replace(&untagged, "$1");
    // Ornaments around it, `◤富里慶祝農民節 ◢`.
    let untagged =
        untagged.trim_matches(|c: char| matches!(c, '◤' | '◢' | '◥' | '◣') || c.is_whitespace());
    match untagged.chars().count() >= 4 {
        true => untagged.to_string(),
        false => line.to_string(),
    }
}

/// The parts of a bulleted line (`首页 • 某某新闻 • …`); the dot in a day's name (`3•15`,
/// `9•18`) splits none.
fn bulleted_parts(line: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let digit = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|(_, c)| c.is_ascii_digit())
    };
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, &(at, c)) in chars.iter().enumerate() {
        if c == '•' && !(digit(i.checked_sub(1)) && digit(Some(i + 1))) {
            parts.push(&line[start..at]);
            start = at + c.len_utf8();
        }
    }
    parts.push(&line[start..]);
    parts
}

/// A headline without what its site put around it: the other parts of a bulleted line, a
/// column's tag before a bar, a gambling site's name, a print button, a gallery's picture
/// number, a sample's number and tag, a saved title's column and site, a file's extension.
fn without_site_marks(line: &str) -> std::borrow::Cow<'_, str> {
    let line = bulleted_parts(line)
        .into_iter()
        .map(str::trim)
        .max_by_key(|part| part.chars().count())
        .unwrap_or(line)
        .trim_end_matches(['_', '|', '｜', '-', ' ']);
    // Before a short one (`某街道 | 一周播报`) the two halves are one title.
    let line = match BAR_TAG.find(line) {
        Some(tag) if line[tag.end()..].chars().count() >= 10 => &line[tag.end()..],
        _ => line,
    };
    let line = SITE_AFTER_DASH
        .find(line)
        .filter(|site| line[..site.start()].chars().count() >= 6)
        .map_or(line, |site| &line[..site.start()]);
    let line = BRACKETED_BEFORE_SITE
        .captures(line)
        .and_then(|c| c.name("headline"))
        .map_or(line, |headline| headline.as_str());
    let line = super::super::furniture::without_gambling_name(line);
    let line = PAGE_TOOL
        .find(line)
        .map_or(line, |tool| &line[..tool.start()]);
    let line = GALLERY_PICTURE
        .find(line)
        .map_or(line, |picture| &line[..picture.start()]);
    let line = SAMPLE_NUMBER.find(line).map_or(line, |n| &line[n.end()..]);
    let line = SAMPLE_TAG
        .find(line)
        .map_or(line, |tag| &line[..tag.start()]);
    // A saved title's column and site after the headline, `标题_栏目_站名`; not a document's
    // file name (`某镇2023_工作报告.docx`).
    let named_file = FILE_EXTENSION.is_match(line);
    let line = match line.split_once('_').filter(|_| !named_file) {
        Some((headline, rest))
            if headline.chars().count() >= 6
                && rest.split('_').all(|p| p.chars().count() <= 12) =>
        {
            headline
        }
        _ => line,
    };
    FILE_EXTENSION.replace(line, "")
}

#[cfg(test)]
mod tests;
