//! Metadata lines of a scraped page, `发布时间：… 来源：… 作者：…`, as fields: the keys it
//! knows in simplified script, the values as the page wrote them.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::extract::WrittenDate;

mod header;
mod value;

pub(super) use header::source_in_header;
pub(super) use value::without_bracket_around;
use value::{unclosed, unquoted, without_unknown_label};

/// What metadata lines said, in the page's own script.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    /// The value of a `时间：` or `发布日期：` line.
    pub date: Option<String>,
    /// A line that is only a date (`二〇〇九年八月十二日`).
    pub dateline: Option<(WrittenDate, usize)>,
    pub source: Option<String>,
    /// Who contributed the text: `（某某中心供稿）`, `供稿：某某中心`.
    pub contributor: Option<String>,
    pub author: Option<String>,
    pub editor: Option<String>,
    /// A title a document site gives in 《》, or a `标题：` line.
    pub title: Option<String>,
    /// A headline run on into the page's date line, for a page that prints none above its text.
    pub headline: Option<String>,
}

/// A metadata label alone on its line (`发布机构`, `• 发文机构：`), its value on the next; or a
/// disclosure's catalogue label (`索引号`, `是否有效`): an index's value is metadata with it, another's
/// is kept for what it is.
pub(super) static LABEL_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[•·*]?\s*(?P<label>发布机构|发布单位|发文机构|发文机关|信息来源|来源|发布日期|发布时间|成文日期|生成日期|索引号|文号|发文字号|发文日期|主题分类|内容概述|关键词|主题词|公开形式|公开方式|公开范围|责任部门|是否有效|有效性)\s*[：:]?$")
        .expect("valid pattern")
});

/// `【颁布单位】`: a label in brackets, as legal databases print them.
pub(super) static BRACKET_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"【(颁布单位|发布单位|发文机关|发布机构|来源|颁布日期|发布日期)】")
        .expect("valid pattern")
});

/// `key：value` metadata lines; several may share a line (`发布时间：… 来源：…`). A platform's
/// account (`某某号作者：`) is the publisher of what it posts.
static FIELD_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Han}{2}号作者|发稿单位|发稿人员|发稿人|编辑日期|编稿时间|录入时间|添加时间|上传时间|发稿时间|刊发时间|刊发日期|出版日期|见报日期|信息提供日期|发布时间|发表时间|更新时间|发布日期|成文日期|生成日期|时间|日期|信息来源|图文来源|稿件来源|文章来源|新闻来源|资料来源|稿源|来源|来自|发布单位|发布机关|发布机构|发文机构|发文单位|发文机关|颁布单位|颁布日期|发文日期|索引号|发文字号|文号|主题分类|组配分类|作者|撰稿|撰文|采写|通讯员|记者|责任编辑|责编|编审|编辑|审核|校对|摄影|配图|浏览次数|阅读次数|点击数|访问量|投稿邮箱|投稿信箱|字体|字号|分类|所属栏目|栏目|文件名称|文章名称|文件编号|标题|题目|部门|供稿)\s*[：:]")
        .expect("valid pattern")
});

/// Whether a line is only a metadata label with no value, `文件编号：`, `实施时间：`: a header's
/// empty field, not an addressee.
pub(super) fn is_bare_label(line: &str) -> bool {
    let line = line.trim();
    FIELD_KEY.find_iter(line).any(|key| {
        let timed = key.as_str().contains("时间") || key.as_str().contains("日期");
        let short = line.chars().count() <= 8;
        key.end() == line.len() && (key.start() == 0 || (timed && short))
    })
}

/// A label spaced out to the width of its column, `标 题：`, `索 引 号：`, at the start of a
/// table's row or cell, or after a blank; in a row, a cell may end it (`来   源 | 某某网 |`).
static SPACED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[|｜]\s*|\s)(\p{Han}(?:[ \x{3000}]+\p{Han}){1,3})(?:[：:]|\s*[|｜])")
        .expect("valid pattern")
});

/// A line and its simplified form with their spaced labels closed up (`标 题： | 某镇工作报告 |`
/// as `标题： | …`), so that they read as keys: in a table's row (two bars or more) any label,
/// elsewhere only a title's (`标      题: 某区关于…的通知`), since `各 位 代 表：` is a speech's
/// address (and closing up the other labels of a disclosure's catalogue lost a held-out
/// page its title). The same characters go from both forms, which so stay aligned.
pub(super) fn unspaced_labels<'a>(line: &'a str, folded: &'a str) -> (Cow<'a, str>, Cow<'a, str>) {
    let table_row = folded.matches(['|', '｜']).count() >= 2;
    let mut spaces: Vec<usize> = Vec::new();
    for caps in SPACED_LABEL.captures_iter(folded) {
        let label = caps.get(2).expect("a label");
        let closed: String = label
            .as_str()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if !table_row && closed != "标题" {
            continue;
        }
        let start = folded[..label.start()].chars().count();
        let blanks = label.as_str().chars().enumerate();
        spaces.extend(
            blanks
                .filter(|(_, c)| c.is_whitespace())
                .map(|(i, _)| start + i),
        );
    }
    // Most lines have no spaced label: they are taken as they are, uncopied.
    let aligned = line.chars().count() == folded.chars().count();
    if spaces.is_empty() || !aligned {
        return (Cow::Borrowed(line), Cow::Borrowed(folded));
    }
    let without = |text: &str| -> Cow<'a, str> {
        let kept = text.chars().enumerate();
        Cow::Owned(
            kept.filter(|(i, _)| spaces.binary_search(i).is_err())
                .map(|(_, c)| c)
                .collect(),
        )
    };
    (without(line), without(folded))
}

/// `（濠江区建设局供稿）`, `（来源：区政府办）`, a repost's `（转载自某某公报）`, and `区政府办 供稿`
/// on a line of its own.
static CONTRIBUTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[（(]\s*(?:(?:(?:来源|稿件来源|新闻来源)[：:]|转载自|转自|摘自)\s*(?P<from>[^）)]{2,30})|(?P<by>[^）)]{2,30}?)供稿)\s*[）)]|(?P<line>[^\s，。（）()]{2,20}?)\s*供稿)$")
        .expect("valid pattern")
});

/// A post's note of the account it came from, on a line of its own: `本篇文章来源于微信公众号:
/// 某某之窗`, `本文来源于：某某网`.
static POSTED_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:本篇文章|本篇|本文|文章)来源于\s*(?:微信公众号)?\s*[：:]?\s*(?P<from>[^\s，。；（）()：:]{2,20})$")
        .expect("valid pattern")
});

/// `【…】` groups, as a page's header prints its fields: `【编辑日期:…】 【来源:…】 【作者:】`.
static BRACKET_GROUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"【([^【】]*)】").expect("valid pattern"));

/// A field of an archive's record, `【日期】= 1990.03.18`, `【版名】=`: a metadata line
/// whatever its key.
static RECORD_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^【(?P<key>\p{Han}{2,4})】\s*=\s*(?P<value>.*)$").expect("valid pattern")
});

/// Takes the fields of a metadata line; false when the line is text.
pub(super) fn take_fields(line: &str, folded: &str, fields: &mut Fields) -> bool {
    if let Some(caps) = RECORD_FIELD.captures(folded) {
        let (key, value) = (&caps["key"], caps.name("value").expect("a value").range());
        let value = same_span(line, folded, value);
        let (keyed, keyed_folded) = (
            format!("{key}：{value}"),
            format!("{key}：{}", &caps["value"]),
        );
        take_fields(&keyed, &keyed_folded, fields);
        return true;
    }
    if let Some(taken) = take_bracketed_fields(line, folded, fields) {
        return taken;
    }
    if let Some(from) = POSTED_FROM
        .captures(folded)
        .and_then(|caps| caps.name("from"))
    {
        let from = same_span(line, folded, from.range());
        fields.source.get_or_insert(from.trim().to_string());
        return true;
    }
    if let Some(caps) = CONTRIBUTED.captures(folded) {
        // The value in the page's own script: the same characters of the original line.
        // A source named is the page's; a newsroom that contributed the text, its supplier.
        let (slot, value) = match caps.name("from") {
            Some(from) => (&mut fields.source, from),
            None => (
                &mut fields.contributor,
                caps.name("by").or(caps.name("line")).expect("one of three"),
            ),
        };
        slot.get_or_insert_with(|| same_span(line, folded, value.range()).trim().to_string());
        return true;
    }
    take_keyed_fields(line, folded, fields)
}

/// A publication key with a word before it that makes one label with it (`内容更新时间：`,
/// `信息发布时间：`), not a bare `时间：` after a word (`会议时间：`).
fn label_of_publication(before: &str, key: &str) -> bool {
    const PUBLICATION_KEYS: [&str; 6] = [
        "发布时间",
        "更新时间",
        "发布日期",
        "发表时间",
        "刊发时间",
        "上传时间",
    ];
    let word = before.trim_start_matches(|c: char| c.is_whitespace() || "•·|｜".contains(c));
    (1..=4).contains(&word.chars().count())
        && word.chars().all(crate::text::cjk::is_cjk)
        && PUBLICATION_KEYS.iter().any(|k| key.starts_with(k))
}

/// A portal's date line, the portal's name and address, then the date, before the first key:
/// `中央政府门户网站 www.gov.cn   2007年03月12日   来源：…`.
fn after_portal_and_date(before: &str) -> bool {
    let before = before.trim_end();
    before.chars().count() <= 60
        && super::extract::find_date(before)
            .is_some_and(|(date, at)| date.year.is_some() && at.end == before.len())
}

/// The headline a page runs on into its date line before the first key (`某区实现集中供水全覆盖
/// 2021-12-20 10:45:24  来源：深圳晚报`): Chinese words, too many for a portal's name, that name
/// no site. Its span in `before`.
fn headline_before_date(before: &str) -> Option<std::ops::Range<usize>> {
    const HEADLINE_CHARS: usize = 8;
    let (_, at) = super::extract::find_date(before)?;
    let words = before[..at.start].trim();
    let chinese = words
        .chars()
        .all(|c| crate::text::cjk::is_cjk(c) || c.is_whitespace() || "，、“”：".contains(c));
    let site = ["网", "网站", "客户端", "门户"]
        .iter()
        .any(|w| words.ends_with(w));
    (after_portal_and_date(before)
        && words
            .chars()
            .filter(|c| crate::text::cjk::is_cjk(*c))
            .count()
            >= HEADLINE_CHARS
        && chinese
        && !site)
        .then(|| {
            let start = before.find(words).unwrap_or(0);
            start..start + words.len()
        })
}

/// A disclosure's catalogue entries, which name no office.
const CATALOGUE_KEYS: [&str; 6] = [
    "文件编号",
    "索引号",
    "发文字号",
    "文号",
    "主题分类",
    "组配分类",
];

/// Counters, page tools and the outlet's address for stories, and a notice's catalogue
/// entries, which name no office.
const IGNORED_KEYS: [&str; 18] = [
    "组配分类",
    "发文日期",
    "文件编号",
    "索引号",
    "发文字号",
    "文号",
    "主题分类",
    "浏览次数",
    "阅读次数",
    "点击数",
    "访问量",
    "投稿邮箱",
    "投稿信箱",
    "字体",
    "字号",
    "分类",
    "所属栏目",
    "栏目",
];

/// Takes the fields of a line of `key：value` pairs; false when the line is text, or only
/// counters and page tools.
fn take_keyed_fields(line: &str, folded: &str, fields: &mut Fields) -> bool {
    let keys: Vec<regex::Match> = FIELD_KEY.find_iter(folded).collect();
    // The first key starts the line, or follows a short lead-in that is not a word it belongs
    // to (`2021-10-20 14:39 来源：`, `• 信息来源：`, `文 号 | 成文日期：`; not `会议时间：`),
    // or follows the page's date (`2022年02月10日来源：`).
    let lead_in_ok = |key: &regex::Match| {
        let before = &folded[..key.start()];
        let short = before.chars().count() <= 25;
        before.is_empty()
            || (short
                && before
                    .chars()
                    .next_back()
                    .is_some_and(|c| !crate::text::cjk::is_cjk(c)))
            || (short && super::extract::whole_date(before).is_some())
            || (short && dated_outlet(before))
            || label_of_publication(before, key.as_str())
            || after_portal_and_date(before)
    };
    // A full stop ends a sentence, but one right before the next key ends a value, as an ASCII
    // stop repaired reads (`作者： 某某网。    时间： 2025-3-28`).
    // Asked last, of a short line only: it looks at every key after every stop.
    // So does one at the end of a short line of one source (`来源:禁毒大队。`).
    let one_short_source = keys.len() == 1
        && keys[0].as_str().contains("来源")
        && folded.chars().count() <= 30
        && !folded.contains(['，', ',']);
    let sentence = || {
        folded.match_indices('。').any(|(at, stop)| {
            let next = at + stop.len();
            if one_short_source && folded[next..].trim().is_empty() {
                return false;
            }
            let gap = folded[next..].len() - folded[next..].trim_start().len();
            !keys.iter().any(|k| k.start() == next + gap)
        })
    };
    if keys.first().is_none_or(|k| !lead_in_ok(k))
        || line.chars().count() > 100
        || sentence()
        || credit_before_text(folded)
    {
        return false;
    }
    let key_name = |key: &regex::Match| {
        key.as_str()
            .trim_end_matches([':', '：'])
            .trim()
            .to_string()
    };
    // A counter alone is furniture, not metadata; a disclosure's catalogue entries are its
    // metadata, though they name nothing the item keeps (`索引号： | … | 组配分类： | …`).
    let names = |list: &[&str]| {
        keys.iter()
            .filter(|k| list.contains(&key_name(k).as_str()))
            .count()
    };
    if names(&IGNORED_KEYS) == keys.len() && names(&CATALOGUE_KEYS) == 0 {
        return false;
    }
    if let Some(headline) = headline_before_date(&folded[..keys[0].start()]) {
        let headline = same_span(line, folded, headline);
        fields.headline.get_or_insert(headline.trim().to_string());
    }
    // An office before its writers' roles supplied the text: `（某某街道  撰稿：某某  审核：某某）`;
    // so did an outlet before the date it published it (`某某在线 发布时间：2011-04-02`).
    let lead_in =
        folded[..keys[0].start()].trim_matches(|c: char| c.is_whitespace() || "（(".contains(c));
    let publishing = key_name(&keys[0]).ends_with("时间") || key_name(&keys[0]).ends_with("日期");
    if super::office::is_office_name(lead_in)
        || (publishing && super::office::is_outlet_name(lead_in))
    {
        let office = same_span(line, folded, 0..keys[0].start());
        let office = office.trim_matches(|c: char| c.is_whitespace() || "（(".contains(c));
        fields.contributor.get_or_insert(office.to_string());
    }
    for (i, key) in keys.iter().enumerate() {
        let value_end = keys.get(i + 1).map_or(folded.len(), |next| next.start());
        let value = same_span(line, folded, key.end()..value_end);
        let name = key_name(key);
        // A table row's cells keep their bars: `标题： | 某镇工作报告 |`.
        let value = unclosed(value.trim_matches(|c: char| c.is_whitespace() || "|｜".contains(c)))
            .trim_end_matches('。');
        // A title may quote a label of its own (`标题：快讯：…`).
        let value = match name.as_str() {
            "标题" | "题目" | "文件名称" | "文章名称" => {
                Some(value).filter(|v| !v.is_empty())
            }
            _ => without_unknown_label(value),
        };
        let Some(value) = value.map(str::to_string) else {
            continue;
        };
        if !IGNORED_KEYS.contains(&name.as_str()) {
            put_field(fields, &name, value);
        }
    }
    true
}

/// Whether `before` a key is the page's date and an outlet, whose reporter the key names:
/// `2007-09-25 新华社` before `记者：某某 摄 来源：…`.
fn dated_outlet(before: &str) -> bool {
    super::extract::find_date(before).is_some_and(|(_, at)| {
        let outlet = before[at.end..].trim();
        at.start == 0
            && (2..=8).contains(&outlet.chars().count())
            && outlet.ends_with(['社', '报', '网', '台'])
    })
}

/// Puts a field's value in its slot, unless an earlier line filled it.
fn put_field(fields: &mut Fields, name: &str, value: String) {
    let value = without_bracket_around(value);
    let slot = match name {
        "发布时间" | "发表时间" | "更新时间" | "发布日期" | "成文日期" | "生成日期" | "时间"
        | "日期" | "颁布日期" | "编辑日期" | "编稿时间" | "录入时间" | "添加时间" | "上传时间"
        | "发稿时间" | "刊发时间" | "刊发日期" | "出版日期" | "见报日期" | "信息提供日期" =>
        {
            fields.date.get_or_insert(value);
            return;
        }
        "信息来源" | "图文来源" | "稿件来源" | "文章来源" | "新闻来源" | "资料来源" | "稿源"
        | "来源" | "来自" | "发布单位" | "发布机关" | "发布机构" | "发文机构" | "发文单位"
        | "发文机关" | "颁布单位" | "发稿单位" | "部门" => {
            // `本网` names the site itself: a later line naming the office says more.
            if (fields.source.as_deref()).is_some_and(|s| ["本网", "本網", "本站"].contains(&s))
            {
                fields.source = None;
            }
            &mut fields.source
        }
        "供稿" => &mut fields.contributor,
        account if account.ends_with("号作者") => &mut fields.source,
        "作者" | "撰稿" | "撰文" | "采写" | "通讯员" | "记者" | "发稿人员" | "发稿人" => {
            &mut fields.author
        }
        // `标题：快讯：…`, as a repost labels what it copied; `標題:“…”` quoted.
        "标题" | "题目" | "文件名称" | "文章名称" => {
            let title = unquoted(&value);
            if !title.is_empty() {
                fields.title.get_or_insert(title.to_string());
            }
            return;
        }
        _ => &mut fields.editor,
    };
    slot.get_or_insert(value);
}

/// A table row saved as text, `索引号 | 0152… | 发布机构 | 某某镇 |`, as a metadata line
/// (`索引号：0152… 发布机构：某某镇`): each cell that is a label alone gives the next cell its
/// value. `None` for a line that is no such row. Returns the line and its simplified form.
pub(super) fn table_row_as_fields(line: &str, folded: &str) -> Option<(String, String)> {
    let cells = |text: &str| -> Vec<String> {
        text.split(['|', '｜'])
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    };
    let (original, simplified) = (cells(line), cells(folded));
    // A disclosure catalogue names its item's title `名称：`, a word too common to be a key
    // elsewhere (a table's heading, `时间 | 发布机构 | 名称 | …`): in a row it reads as `标题`.
    let is_title_label = |cell: &str| cell == "名称：";
    let is_label = |cell: &str| {
        is_title_label(cell)
            || FIELD_KEY
                .find(&format!("{cell}："))
                .is_some_and(|key| key.start() == 0 && key.end() == cell.len() + '：'.len_utf8())
    };
    let labelled = |i: usize| {
        is_label(&simplified[i]) && simplified.get(i + 1).is_some_and(|next| !is_label(next))
    };
    if folded.matches(['|', '｜']).count() < 2
        || original.len() != simplified.len()
        || !(0..simplified.len()).any(labelled)
    {
        return None;
    }
    let join = |cells: &[String]| {
        let mut row = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let after_label = i > 0 && is_label(&simplified[i - 1]);
            row.push_str(if after_label { "：" } else { " " });
            row.push_str(if is_title_label(&simplified[i]) {
                "标题"
            } else {
                cell
            });
        }
        row.trim_start().to_string()
    };
    Some((join(&original), join(&simplified)))
}

/// The fields of a line of several `【…】` groups, each taken as a line of its own (a key
/// inside a group follows its bracket, not the start of the line); `None` for another line.
fn take_bracketed_fields(line: &str, folded: &str, fields: &mut Fields) -> Option<bool> {
    let groups: Vec<regex::Match> = (BRACKET_GROUP.captures_iter(folded))
        .filter_map(|caps| caps.get(1))
        .collect();
    let keyed = groups.iter().filter(|g| FIELD_KEY.is_match(g.as_str()));
    if groups.len() < 2 || keyed.count() == 0 || folded.contains('。') {
        return None;
    }
    let mut taken = false;
    for group in groups {
        let inner = same_span(line, folded, group.range());
        let inner_folded = group.as_str();
        if inner.chars().count() == inner_folded.chars().count() {
            taken |= take_fields(inner.trim(), inner_folded.trim(), fields);
        }
    }
    Some(taken)
}

/// Whether a line opens with a credit in brackets and runs on in prose, a lead the page broke
/// before its full stop (`（通讯员：某某）近日，天气越来越炎热，…`): text, not metadata.
fn credit_before_text(folded: &str) -> bool {
    let Some(inside) = folded.trim_start().strip_prefix(['（', '(']) else {
        return false;
    };
    inside
        .split_once(['）', ')'])
        .is_some_and(|(_, rest)| rest.contains('，') && rest.chars().count() > 10)
}

/// The part of `line` at the byte range `range` of its simplified form `folded`, counting
/// characters (conversion keeps one character for one in these short lines).
fn same_span(line: &str, folded: &str, range: std::ops::Range<usize>) -> String {
    let start = folded[..range.start].chars().count();
    let len = folded[range].chars().count();
    if line.chars().count() != folded.chars().count() {
        return folded.to_string();
    }
    line.chars().skip(start).take(len).collect()
}

#[cfg(test)]
mod tests;
