//! One file's bytes to one item: decoded, repaired, laid out, its fields found, and written as
//! Markdown with front matter, every step recorded in the report.

use super::filing::{date_of, find_department};
use super::photos::{SavedPhoto, place_photos};
use super::report::{Repair, Report};
use super::trim::{
    drop_lines_above_text, drop_lines_below_text, remove_repeats, signature, unmark_text,
};
use super::{Removed, decode, extract, html, layout, listing, metadata, office, titling};
use crate::stages::load::{GroupNames, yaml_string};
use crate::text::converter::Converter;
use crate::text::damage::{self, Rule};
use crate::text::script::Script;
use crate::text::slug;

/// What every file of one import shares.
pub(super) struct ImportContext<'a> {
    pub(super) converter: &'a Converter,
    pub(super) departments: &'a GroupNames,
    pub(super) fallback: Option<usize>,
    pub(super) year: Option<i32>,
    /// The date of pages that give none (`--date`).
    pub(super) date: Option<chrono::NaiveDate>,
}

impl ImportContext<'_> {
    pub(super) fn fold(&self, text: &str) -> String {
        self.converter.convert(text, "t2s")
    }
}

/// An item ready to be written.
pub(super) struct Draft {
    pub(super) title: String,
    /// As front matter gives it: `2022-03-26` or `2022-03-26 09:11`.
    pub(super) date: String,
    pub(super) year: i32,
    pub(super) slug: String,
    pub(super) markdown: String,
    /// The page's photos saved beside it, to copy into the item's folder.
    pub(super) photos: Vec<SavedPhoto>,
}

/// Imports one file's bytes: the item (when it has a title and a date) and the report.
/// `address` is where the page was saved or found, which may date it; `web_path` the path it
/// had on the old site, when the saved site's layout tells; `saved_in` the folder the page
/// was saved in, where its photos may be.
pub(super) fn import_text(
    bytes: &[u8],
    address: Option<&str>,
    web_path: Option<&str>,
    saved_in: Option<&std::path::Path>,
    site: &ImportContext,
) -> (Option<Draft>, Report) {
    let mut report = Report::default();
    let cleaned = cleaned_text(bytes, &mut report);
    let page_address = cleaned.meta.url.as_deref().or(address);
    let listed = |address: &str| listing::is_listing_page(address, &cleaned.text);
    if cleaned.is_list || page_address.is_some_and(listed) {
        report.skipped = Some("a list or index page");
        return (None, report);
    }
    let (text, meta) = (&cleaned.text, &cleaned.meta);
    let page = cleaned.whole.as_deref().unwrap_or(text);
    let (fields, mut paragraphs) = laid_out(text, site, &mut report);
    let title = titling::title_of(
        cleaned.meta.title.clone(),
        &fields,
        &mut paragraphs,
        &|line: &str| site.fold(line),
        &mut report,
    );
    let below = trimmed(&title, &mut paragraphs, &mut report);
    let author = lead_credit(&fields, &paragraphs);
    let body_text: String = paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let date = date_of(&fields, &paragraphs, page, meta, address, site, &mut report);
    let article = Article {
        fields: &fields,
        meta,
        paragraphs: &paragraphs,
        below: &below,
        title: &title,
        author: author.as_ref().map(|(a, _)| a.as_str()),
        page,
    };
    let source = source_of(&article, &report.removed, site);
    let department = find_department(source.as_deref(), &title, &body_text, site, &mut report);
    let script = site
        .converter
        .script_evidence(&format!("{title}\n{body_text}"))
        .verdict()
        .unwrap_or(Script::Hans);
    let found = (source.as_deref(), author.as_ref(), fields.editor.as_deref());
    note_found(&mut report, found, script);
    if paragraphs.is_empty() {
        report.problems.push("no text left after cleaning".into());
    }
    report.removed.sort_by_key(|r| r.line);
    let (Some((year, date)), Some(department), true) =
        (date, department, report.problems.is_empty())
    else {
        return (None, report);
    };
    let front = FrontMatter {
        title: &title,
        date: &date,
        department: &department,
        source: source.as_deref(),
        author: author.as_ref().map(|(a, _)| a.as_str()),
        script,
        // The old address, so that links into the old site keep working (`aliases`).
        alias: meta.url.as_deref().and_then(web_path_of).or(web_path),
    };
    let photos = place_photos(&meta.images, saved_in, &title, &mut paragraphs, &mut report);
    let draft = Draft {
        title: title.clone(),
        date: date.clone(),
        year,
        slug: slug::from_title(&title),
        markdown: markdown_of(&front, &paragraphs),
        photos,
    };
    (Some(draft), report)
}

/// The paragraphs without what repeats the title and the lines above and below the text, and
/// the lines dropped below it.
fn trimmed(
    title: &str,
    paragraphs: &mut Vec<layout::Paragraph>,
    report: &mut Report,
) -> Vec<layout::Paragraph> {
    remove_repeats(title, paragraphs, &mut report.removed);
    drop_lines_above_text(paragraphs, report);
    unmark_text(paragraphs, report);
    drop_lines_below_text(paragraphs, report)
}

/// The page laid out into fields and paragraphs, the paragraphs' spacing and doubled marks
/// repaired.
fn laid_out(
    text: &str,
    site: &ImportContext,
    report: &mut Report,
) -> (layout::Fields, Vec<layout::Paragraph>) {
    let layout = layout::lay_out(text, &|line| site.fold(line));
    report.removed = layout.removed;
    let mut paragraphs = layout.paragraphs;
    for paragraph in &mut paragraphs {
        for rule in [Rule::StraySpace, Rule::DoubledPunctuation] {
            paragraph.text = repair(&paragraph.text, rule, Some(paragraph.line), report);
        }
    }
    paragraphs.retain(|p| !p.text.trim().is_empty());
    (layout.fields, paragraphs)
}

/// What the importer found of one page's article, from which its office is told.
struct Article<'a> {
    fields: &'a layout::Fields,
    meta: &'a html::PageMeta,
    paragraphs: &'a [layout::Paragraph],
    /// The lines dropped below the text, where a notice's signature stands.
    below: &'a [layout::Paragraph],
    title: &'a str,
    author: Option<&'a str>,
    /// All of the page's text.
    page: &'a str,
}

/// The office or source the page names: its source line, the saved page's metadata, the
/// site's header, else the office its clues point to.
fn source_of(article: &Article, removed: &[Removed], site: &ImportContext) -> Option<String> {
    let fold = |line: &str| site.fold(line);
    // The lines between the headline and the text, in the page's order: the layout takes out
    // a platform's time of posting before the rest goes.
    let between = in_page_order(removed, &["above the text", "posting time"]);
    // And those under it: the trim takes them from the end up.
    let under_text = in_page_order(removed, &["after the text"]);
    let furniture = in_page_order(
        removed,
        &[
            "disclaimer",
            "site footer",
            "after the text",
            "related links",
        ],
    );
    let removed = |kinds: &[&str]| -> Vec<String> {
        let found = removed.iter().filter(|r| kinds.contains(&r.kind));
        found.map(|r| r.text.clone()).collect()
    };
    let header = removed(&["page header", "site header", "above the text"]);
    let fields = article.fields;
    clean_source(fields.source.clone())
        .or(clean_source(article.meta.source.clone()))
        .or_else(|| clean_source(metadata::source_in_header(&header, &fold)))
        .or_else(|| {
            // Or the first credit on a line of its own under the text, `（总台央视记者 王凯博 张琪）`,
            // though the page runs on into another item under it.
            let bracketed =
                |l: &String| l.trim().starts_with(['（', '(']) && l.trim().ends_with(['）', ')']);
            let own_line = || under_text.into_iter().find(bracketed);
            let credit = removed(&["credit"]).pop().or_else(own_line);
            let dateline = fields.dateline.map(|(_, line)| line);
            let headline_line = removed(&["title line"]).pop();
            let clues = office::Clues {
                lead: article.paragraphs.first().map(|p| p.text.as_str()),
                title: article.title,
                headline: headline_line.as_deref(),
                author: article.author,
                credit: credit.as_deref(),
                contributor: fields.contributor.as_deref(),
                signature: signature(article.below, dateline, &fold),
                above: &removed(&["above the text", "page header", "site header"]),
                between: &between,
                furniture: &furniture,
                site: article.meta.site.as_deref(),
                page: article.page,
            };
            office::office_of(&clues, &fold)
        })
}

/// The text of the lines taken out as one of `kinds`, in the page's order.
fn in_page_order(removed: &[Removed], kinds: &[&str]) -> Vec<String> {
    let mut lines: Vec<&Removed> = (removed.iter())
        .filter(|r| kinds.contains(&r.kind))
        .collect();
    lines.sort_by_key(|r| r.line);
    lines.into_iter().map(|r| r.text.clone()).collect()
}

/// Notes in the report what was found and kept, or found and left out: the source, the
/// author (with how it was found) and the editor.
fn note_found(
    report: &mut Report,
    (source, author, editor): (Option<&str>, Option<&(String, &'static str)>, Option<&str>),
    script: Script,
) {
    let found = [
        source.map(|s| ("source", s.to_string(), "a source line".to_string())),
        author.map(|(a, how)| ("author", a.clone(), how.to_string())),
        editor.map(|e| {
            (
                "editor",
                e.to_string(),
                "an editor line (not kept)".to_string(),
            )
        }),
        Some(("script", script.name().into(), "its characters".into())),
    ];
    report.fields.extend(found.into_iter().flatten());
}

/// A file's text, decoded and repaired.
struct Cleaned {
    /// The text to lay out: of an HTML page, its article (read block by block from its
    /// headline), else all of it.
    text: String,
    /// All of an HTML page's text, where the article is a part of it: a page's date can stand
    /// anywhere on it.
    whole: Option<String>,
    meta: html::PageMeta,
    /// Whether the page is a list of other pages.
    is_list: bool,
}

/// The file's text, decoded and with the repairs that need whole lines done: mojibake, pinyin
/// annotations, ASCII punctuation.
fn cleaned_text(bytes: &[u8], report: &mut Report) -> Cleaned {
    let decoded = decode::decode(bytes);
    report.encoding = decoded.encoding;
    if decoded.malformed {
        report.unsure.push(format!(
            "some bytes are not valid {}; they became �",
            decoded.encoding
        ));
    }
    let (text, whole, meta) = if html::is_html(&decoded.text) {
        if html::nesting_depth(&decoded.text) > html::MAX_NESTING {
            report.problems.push(format!(
                "the page nests its elements more than {} deep, as no real page does: save its text as a .txt file and import that",
                html::MAX_NESTING
            ));
            return Cleaned {
                text: String::new(),
                whole: None,
                meta: html::PageMeta::default(),
                is_list: false,
            };
        }
        let (text, meta) = html::html_to_text(&decoded.text);
        match text.article {
            Some(article) => (article, Some(text.whole), meta),
            None => (text.whole, None, meta),
        }
    } else {
        (decoded.text, None, html::PageMeta::default())
    };
    let is_list = listing::is_list_page(whole.as_deref().unwrap_or(&text));
    let repaired = |mut text: String, report: &mut Report| {
        for rule in [
            Rule::AntiCopyNoise,
            Rule::Mojibake,
            Rule::PinyinAnnotation,
            Rule::AsciiPunctuation,
        ] {
            text = repair(&text, rule, None, report);
        }
        text
    };
    // The repairs of the article are the ones reported: the rest of the page is not kept.
    let whole = whole.map(|whole| repaired(whole, &mut Report::default()));
    Cleaned {
        text: repaired(text, report),
        whole,
        meta,
        is_list,
    }
}

/// A source as written, without the separators a page runs on after it (`阜城宣传 |`); none
/// when it names no office (a time, a number).
fn clean_source(source: Option<String>) -> Option<String> {
    let source = source?;
    // A spam domain's gambling name where the page named its office (`发文机关:bet365体育`).
    if super::furniture::is_gambling_name(&source) {
        return None;
    }
    // A column's path (`区委部门 > 宣传部 > 街镇社区`) says where the site filed the page, not
    // who issued it.
    if source.matches(['>', '＞', '»']).count() >= 2 {
        return None;
    }
    // A page's metadata may keep the label (`<meta name="source" content="来源：北京青年报">`).
    let source = ["来源", "來源", "信息来源", "稿件来源"]
        .iter()
        .find_map(|label| source.trim_start().strip_prefix(label))
        .unwrap_or(&source);
    let trimmed = source.trim_matches(|c: char| c.is_whitespace() || "|｜/·-—:：".contains(c));
    // An office's name has no spaces: what follows one is the page's next field or a label
    // (`中国舞阳网    信息`, `…办事处 | 关 键 词：…`).
    let first = trimmed
        .split(|c: char| c.is_whitespace() || c == '|' || c == '｜' || c == '\u{3000}')
        .next()
        .unwrap_or(trimmed);
    let cjk = |s: &str| s.chars().filter(|&c| crate::text::cjk::is_cjk(c)).count();
    let cleaned = if cjk(first) >= 2 { first } else { trimmed };
    let cleaned = super::metadata::without_bracket_around(cleaned.to_string());
    // A value run on into the page's date (`某某市人民政府办公室2017-09-22 14:31:09`).
    let cleaned = match extract::find_date(&cleaned) {
        Some((date, at))
            if date.year.is_some()
                && at.start > 0
                && !cleaned[at.end..].contains(crate::text::cjk::is_cjk) =>
        {
            cleaned[..at.start].trim_end().to_string()
        }
        _ => cleaned,
    };
    let cleaned = cleaned.as_str();
    // Or a brand in Latin capitals and digits (`AM730`, `RTHK`).
    static BRAND: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[A-Z]{2,8}\d{0,4}$").expect("valid pattern")
    });
    // Labels, and what a CMS fills in when the editor named no source.
    const NAMES_NOTHING: [&str; 25] = [
        "机关",
        "單位",
        "单位",
        "关键词",
        "關鍵詞",
        "主题词",
        "主題詞",
        "分类",
        "分類",
        "本站",
        "原创",
        "原創",
        "本站原创",
        "本站原創",
        "未知",
        "佚名",
        "暂无",
        "暫無",
        "不详",
        "不詳",
        "网络",
        "網絡",
        "互联网",
        "显示全部",
        "顯示全部",
    ];
    let names_something = (cjk(cleaned) >= 2 || BRAND.is_match(cleaned))
        && !NAMES_NOTHING.contains(&cleaned)
        // An office's name holds no label: `系统阅读：字体大小：[` is the page's tools.
        && !cleaned.contains(['[', '【'])
        && extract::find_date(cleaned).is_none_or(|(d, _)| d.year.is_none());
    names_something.then(|| cleaned.to_string())
}

/// The author: an author line, else the lead's credit (`本网讯（通讯员郭海洲）`). The credit
/// stays in the text: a dateline lead is part of the news as it was published.
fn lead_credit(
    fields: &layout::Fields,
    paragraphs: &[layout::Paragraph],
) -> Option<(String, &'static str)> {
    let author = fields.author.clone().map(|a| (a, "an author line"));
    let from_lead = paragraphs
        .first()
        .and_then(|first| extract::lead_credit(&first.text))
        .map(|(name, _)| (name, "the lead's credit"));
    author.or(from_lead)
}

/// What an imported item's front matter says.
struct FrontMatter<'a> {
    title: &'a str,
    date: &'a str,
    department: &'a str,
    source: Option<&'a str>,
    author: Option<&'a str>,
    script: Script,
    alias: Option<&'a str>,
}

/// The path of an address on its site: `http://host/xwzx/1.html?x` is `/xwzx/1.html`.
fn web_path_of(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next()?;
    (path.len() > 1).then_some(path)
}

/// The item as Markdown: front matter, then the paragraphs, short numbered ones as headings.
fn markdown_of(front: &FrontMatter, paragraphs: &[layout::Paragraph]) -> String {
    let mut markdown = format!(
        "---\ntitle: {}\ndate: {}\ndepartment: {}\n",
        yaml_string(front.title),
        front.date,
        front.department
    );
    if let Some(source) = front.source {
        markdown.push_str(&format!("source: {}\n", yaml_string(source)));
    }
    if let Some(author) = front.author {
        markdown.push_str(&format!("author: {}\n", yaml_string(author)));
    }
    if let Some(alias) = front.alias {
        markdown.push_str(&format!("aliases: [{}]\n", yaml_string(alias)));
    }
    markdown.push_str(&format!("script: {}\n---\n", script_key(front.script)));
    for paragraph in paragraphs {
        markdown.push('\n');
        if layout::is_heading(&paragraph.text) {
            markdown.push_str("## ");
        }
        markdown.push_str(&paragraph.text);
        markdown.push('\n');
    }
    markdown
}

/// Applies one rule to `text` and records what it did; `line` is the input line `text` starts
/// on, when `text` is one paragraph rather than the whole input.
fn repair(text: &str, rule: Rule, line: Option<usize>, report: &mut Report) -> String {
    let fixes = rule.find(text);
    // Where each line breaks, found once: a long line may hold many repairs.
    let breaks: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    for fix in &fixes {
        let (start, end) = (fix.range.start, fix.range.end);
        let breaks_before = breaks.partition_point(|&at| at < start);
        let line = line.unwrap_or(breaks_before + 1);
        let line_start = breaks_before.checked_sub(1).map_or(0, |i| breaks[i] + 1);
        let line_end = breaks[breaks.partition_point(|&at| at < end)..]
            .first()
            .map_or(text.len(), |&at| at);
        // Show a little context around short repairs, so that `，` → `` reads.
        let context_start = text[line_start..start]
            .char_indices()
            .rev()
            .nth(3)
            .map_or(line_start, |(i, _)| line_start + i);
        let context_end = text[end..line_end]
            .char_indices()
            .nth(3)
            .map_or(line_end, |(i, _)| end + i);
        let before = &text[context_start..context_end];
        let after = fix.replacement.as_ref().map(|r| {
            format!(
                "{}{r}{}",
                &text[context_start..start],
                &text[end..context_end]
            )
        });
        if let Some(doubt) = fix.doubt {
            report.unsure.push(format!("line {line}: {doubt}"));
        }
        if fix.replacement.is_none() {
            report.unsure.push(format!(
                "line {line}: {} that cannot be repaired safely: `{before}`",
                rule.message()
            ));
        }
        report.repairs.push(Repair {
            rule,
            line,
            before: before.to_string(),
            after,
        });
    }
    damage::apply(text, &fixes)
}

fn script_key(script: Script) -> &'static str {
    match script {
        Script::Hans => "hans",
        Script::Hant => "hant",
        Script::HantTw => "hant-tw",
        Script::HantHk => "hant-hk",
    }
}

#[cfg(test)]
mod tests;
