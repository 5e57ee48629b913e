//! From the lines of a scraped page to paragraphs: site furniture removed (and kept for the
//! report), metadata lines taken out as fields, lines broken mid-sentence joined, paragraphs
//! run together on one line split.
//!
//! Lines are recognised on their simplified-script form, so each pattern is written once.

mod captions;
mod forum;
mod run_on;

use std::sync::LazyLock;

use regex::Regex;

use super::extract::{find_date, whole_date};
use super::furniture::{
    BOILERPLATE, breadcrumb_parts, headline_after_crumbs, is_menu, is_temperature,
    without_list_marker, without_markup,
};
use super::headline::{is_text, is_title_like};
pub use super::metadata::Fields;
use super::metadata::{BRACKET_KEY, LABEL_ALONE, table_row_as_fields, take_fields};
use super::spacing::{letter_spaced, split_at_blanks};
use crate::text::cjk::{is_cjk, is_cjk_punctuation};

/// One line of the input that did not make it into the text, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub kind: &'static str,
    /// 1-based line of the decoded input.
    pub line: usize,
    pub text: String,
}

/// A paragraph of text and the input line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub line: usize,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub paragraphs: Vec<Paragraph>,
    pub removed: Vec<Removed>,
    pub fields: Fields,
}

/// The heading of a site-wide notice, whose message follows on the next line.
static BANNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(重要公告|重要通知|温馨提示|特别提示)$").expect("valid pattern")
});

/// An editor's line, `责任编辑：某某`, `责编：某某`: under the text, the end of the article.
static EDITOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[【\[]?(?:责任编辑|责编|编审)\s*[：:]").expect("valid pattern")
});

/// A link to the item before or after this one, `上一篇：…`, `下一條 …`.
pub(super) static NEIGHBOUR_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}\s*)?(?:上|下)一(?:篇|条|條)").expect("valid pattern")
});

/// The foot of a site's every page, its copyright and its licence numbers: `Copyright
/// 2002-2021 … All Rights Reserved`, `浙ICP备040008-1`, `某公网安备…号`.
static SITE_FOOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)copyright\s*(?:©|\(c\)|@|\d)|all rights reserved|ICP[备備]|公[网網]安[备備]")
        .expect("valid pattern")
});

/// Page markers of document sites: `1、` at the start of each page's text.
static PAGE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})、").expect("valid pattern"));

/// The start of a numbered point or heading, which never continues the line before.
static ENUMERATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([一二三四五六七八九十]{1,3}[、是要]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．]|第[一二三四五六七八九十\d]+[章节条部])")
        .expect("valid pattern")
});

/// How long a breadcrumb's last part is at least to be a headline, not a column's name.
const HEADLINE_LENGTH: usize = 10;

/// How many lines before a breadcrumb are taken for the site's header.
const MAX_HEADER_LINES: usize = 8;

/// Marks that may end a line without the sentence going on in the next one.
fn ends_sentence(line: &str) -> bool {
    // Or a notice's closing formula, printed without its stop (`…实施。 此告`).
    static CLOSED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"{CLOSING_FORMULA}$")).expect("valid pattern"));
    // Or a photo's caption and its credit (`…比赛包粽子。 记者 张文庭 图`, `…活動。 圖/某某電視提供`).
    static CREDITED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"[。！？]\s*(?:(?:(?:记者|記者|通讯员|通訊員|摄影|攝影)\s*)?\p{Han}{2,4}\s*[摄攝图圖]|[图圖]\s*[/／∕]\s*[^。，,（）()]{2,20})$",
        )
        .expect("valid pattern")
    });
    let line = line.trim_end();
    line.chars()
        .next_back()
        .is_none_or(|c| "。！？；：…”’」』）】》!?;:~～".contains(c))
        || CLOSED.is_match(line)
        || CREDITED.is_match(line)
}

/// The formula that closes a notice or a letter, printed without its full stop: `此告`, `此函`,
/// `特此通知`.
pub(super) const CLOSING_FORMULA: &str =
    r"(?:特此|此)(?:通知|公告|通告|告|函告|函复|函覆|复函|覆函|函|批复|批覆|报告|報告|通報|通报)";

/// Lays out decoded, repaired text; `fold` gives a line's simplified form.
pub fn lay_out(text: &str, fold: &dyn Fn(&str) -> String) -> Layout {
    let mut scan = Scan::default();
    for (index, raw) in text.lines().enumerate() {
        scan.line(index + 1, raw, fold);
    }
    scan.finish()
}

/// What `lay_out` knows as it goes down the page.
#[derive(Default)]
struct Scan {
    layout: Layout,
    /// The parts of the last breadcrumb.
    crumbs: Vec<String>,
    /// The lines kept as text: (line, text, whether it begins a paragraph).
    lines: Vec<(usize, String, bool)>,
    /// Whether the next line of text begins a paragraph: a blank line or a list marker
    /// before it.
    paragraph_break: bool,
    /// The input lines of text that were indented, in order.
    indented: Vec<usize>,
    /// After `相关链接：` the page lists other pages, to its end.
    after_article: bool,
    /// Under the text, its editor's line (`责任编辑：某某`) closes the article: what follows is
    /// the page's, but for more of its metadata (`来源：…`).
    after_editor: bool,
    banner_follows: bool,
    /// A label alone on its line, whose value is on the next.
    pending_label: Option<String>,
    /// The lines above a breadcrumb near the top: the site's header.
    header: Vec<Removed>,
    /// Whether a line of text is among `lines`: asked at each line of some furniture.
    text_seen: bool,
    /// Whether a line that could be a headline is among `lines`.
    headline_seen: bool,
}

impl Scan {
    fn line(&mut self, line_no: usize, raw: &str, fold: &dyn Fn(&str) -> String) {
        let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        let untagged = without_markup(line);
        if let Some((_, tags)) = &untagged {
            self.remove("markup", line_no, tags.clone());
        }
        let line = untagged.as_ref().map_or(line, |(text, _)| text.trim());
        let unmarked = without_list_marker(line);
        // A list's item is a paragraph of its own, though it ends mid-sentence (`…等；及`).
        self.paragraph_break |= unmarked.len() < line.len();
        let line = unmarked;
        let unspaced = letter_spaced(line);
        let line = unspaced.as_deref().unwrap_or(line);
        let line = without_cell_bars_or_stars(self.without_post_header(line_no, line));
        if line.is_empty() {
            self.paragraph_break = true;
            return;
        }
        let mut folded = fold(line);
        // A forum's template for reposts: its fields, its text after a label, its end.
        let line = match forum::template_line(line, &folded) {
            Some(template) => match self.take_template_line(line_no, line, template, fold) {
                Some(text) => {
                    folded = fold(text);
                    text
                }
                None => return,
            },
            None => line,
        };
        if line.is_empty() {
            self.paragraph_break = true;
            return;
        }
        if let Some(kind) = self.furniture(line_no, line, &folded) {
            self.remove(kind, line_no, line.to_string());
            return;
        }
        // A notice's headline and its addressees on one line at the top come apart
        // (`某某活动公告 居民朋友们、辖区单位：`), as do a document's number and headline, and
        // a speech's headline and its address.
        let split = (run_on::headline_and_addressees(line))
            .or_else(|| run_on::number_and_headline(line))
            .or_else(|| run_on::speech_and_address(line));
        let parts = match split.filter(|_| !self.headline_seen) {
            Some((headline, addressees)) => vec![headline, addressees],
            None => vec![line],
        };
        let indent = raw.chars().take_while(|c| c.is_whitespace()).count();
        if indent >= 2 || raw.starts_with(['\u{3000}', '\t']) {
            self.indented.push(line_no);
        }
        for part in parts {
            self.text_seen |= is_text(part);
            self.headline_seen = self.headline_seen || is_title_like(part);
            self.lines
                .push((line_no, part.to_string(), self.paragraph_break));
            self.paragraph_break = false;
        }
    }

    /// A line without a forum post's header run on into its text (`2011-07-29 10:38:12
    /// IP:220.132.230.*** 農曆…`), which dates the post.
    fn without_post_header<'a>(&mut self, line_no: usize, line: &'a str) -> &'a str {
        match POST_HEADER.find(line) {
            Some(header) if header.end() < line.len() => {
                let fields = &mut self.layout.fields;
                if let Some((date, _)) =
                    find_date(header.as_str()).filter(|_| fields.dateline.is_none())
                {
                    fields.dateline = Some((date, line_no));
                }
                self.remove("post header", line_no, header.as_str().trim().to_string());
                &line[header.end()..]
            }
            _ => line,
        }
    }

    /// What kind of furniture the line is, taking on the way what it tells (fields, a
    /// dateline, a document's name); None for a line of text.
    fn furniture(&mut self, line_no: usize, line: &str, folded: &str) -> Option<&'static str> {
        // Below the article, the site's footer is still told apart: it may name the outlet.
        if self.after_article {
            let footer = BOILERPLATE.iter().find(|(_, re)| re.is_match(folded));
            return Some(footer.map_or("related links", |(kind, _)| kind));
        }
        // A site's banner notice (`重要公告`) and the message under it.
        if self.banner_follows {
            self.banner_follows = false;
            return Some("site notice");
        }
        if BANNER.is_match(folded) {
            self.banner_follows = true;
            return Some("site notice");
        }
        // A site's header gives today's date and weather: the date is the reader's day, not
        // the item's (`2024 / 09 / 08 - (星期日)` / `台北市` / `33°C`).
        if is_temperature(line) {
            let fields = &mut self.layout.fields;
            if !self.text_seen && fields.dateline.is_some_and(|(_, at)| line_no - at <= 4) {
                fields.dateline = None;
            }
            return Some("weather");
        }
        if self.takes_fields(line, folded) {
            self.after_editor = self.after_editor || (EDITOR.is_match(folded) && self.text_seen);
            return Some("metadata");
        }
        if self.after_editor {
            return Some("related links");
        }
        if let Some((kind, _)) = BOILERPLATE.iter().find(|(_, re)| re.is_match(folded)) {
            self.boilerplate(kind, line_no, line);
            return Some(kind);
        }
        if !line.chars().any(|c| is_cjk(c) || c.is_ascii_alphanumeric())
            || (line.chars().count() <= 2 && !line.chars().any(is_cjk))
        {
            return Some("stray line");
        }
        // A breadcrumb may end with the column or with the headline itself: one of a
        // headline's length printed again is the headline.
        if self
            .crumbs
            .last()
            .is_some_and(|last| last == line && last.chars().count() < HEADLINE_LENGTH)
        {
            return Some("column name");
        }
        // Under the text, a heading over the column's latest items (`最新下设单位` in the
        // column `下设单位`): the site's, to the page's end.
        let column = |crumb: &String| {
            let latest = ["最新", "更多"]
                .iter()
                .find_map(|word| line.strip_prefix(word));
            crumb.chars().count() >= 2 && latest == Some(crumb.as_str())
        };
        if self.text_seen && self.crumbs.iter().any(column) {
            self.after_article = true;
            return Some("news list");
        }
        if is_menu(line) {
            return Some("navigation");
        }
        let fields = &mut self.layout.fields;
        if let Some(date) = whole_date(line).filter(|_| fields.dateline.is_none()) {
            fields.dateline = Some((date, line_no));
            return Some("dateline");
        }
        // A headline with its date, at the top: not a byline (`某某网 2019-04-03 09:03`) under one.
        if fields.dateline.is_none() && !self.text_seen && !self.headline_seen {
            let (headline, date) = run_on::headline_and_date(line)?;
            fields.dateline = Some((date, line_no));
            self.lines.push((line_no, headline.to_string(), true));
            self.headline_seen = true;
            return Some("dateline");
        }
        None
    }

    /// Whether the line is metadata, its fields taken. Metadata comes before furniture: a line
    /// `发布时间：… 来源：… 浏览次数：…` is fields, and so are `【颁布单位】江苏省政府【颁布日期】…`,
    /// a table row saved as text (`发布机构 | 某某镇 |`) and a label alone on its line (a
    /// table's cell, `发布机构`), whose value is the next line unless that is a label too.
    fn takes_fields(&mut self, line: &str, folded: &str) -> bool {
        // A notice's addressees end with a label's word (`各单位、部门：`) but are its text.
        if super::headline::opens_addressees(folded) {
            return false;
        }
        let (line, folded) = super::metadata::unspaced_labels(line, folded);
        let (line, folded) = (line.as_ref(), folded.as_ref());
        let fields = &mut self.layout.fields;
        // An empty date label does not take the headline under it (`发布日期：` / `井盖“张大口”`).
        let dated = |label: &str| !label.contains(['日', '时']) || find_date(folded).is_some();
        if let Some(label) = self.pending_label.take()
            && line.chars().count() <= 40
            && !LABEL_ALONE.is_match(folded.trim())
            && dated(&label)
        {
            let (joined, joined_folded) =
                (format!("{label}：{line}"), format!("{label}：{folded}"));
            if take_fields(&joined, &joined_folded, fields) {
                return true;
            }
        }
        if let Some(label) = LABEL_ALONE
            .captures(folded.trim())
            .and_then(|c| c.name("label"))
        {
            self.pending_label = Some(label.as_str().to_string());
            return true;
        }
        let (line_as_fields, folded_as_fields) = match BRACKET_KEY.replace_all(folded, "$1：") {
            std::borrow::Cow::Owned(bracketed) => (
                BRACKET_KEY.replace_all(line, "$1：").into_owned(),
                bracketed,
            ),
            std::borrow::Cow::Borrowed(_) => table_row_as_fields(line, folded)
                .unwrap_or_else(|| (line.to_string(), folded.to_string())),
        };
        take_fields(&line_as_fields, &folded_as_fields, fields)
    }

    /// Takes what a line of boilerplate tells: a breadcrumb ends the site's header and may run
    /// on into the headline; related links, and a copyright notice below the text, end the
    /// article; a document site's notice may name the document.
    fn boilerplate(&mut self, kind: &str, line_no: usize, line: &str) {
        let mut run_on = None;
        if kind == "breadcrumb" {
            self.crumbs = breadcrumb_parts(line);
            run_on = headline_after_crumbs(&mut self.crumbs);
            // What comes before the breadcrumb near the top is the site's header.
            if self.lines.len() <= MAX_HEADER_LINES {
                let header = self.lines.drain(..).map(|(line, text, _)| Removed {
                    kind: "site header",
                    line,
                    text,
                });
                self.header.extend(header);
                self.text_seen = false;
                self.headline_seen = false;
            }
        }
        // A copyright notice's heading, an author box, a forum's footer, a list of other news
        // or related links end the article only below its text: a site's header and menu may
        // link to its notice, lists and other sites too (`相关连结` over a menu above the text).
        // So does a link to the next or the previous item (`上一篇：…`), under the text, and
        // the site's copyright and licence lines, which only its footer follows.
        let ends_below = matches!(
            kind,
            "copyright notice" | "news list" | "related links" | "author box" | "forum footer"
        ) || (kind == "page navigation" && NEIGHBOUR_LINK.is_match(line))
            || (kind == "site footer" && SITE_FOOT.is_match(line));
        self.after_article |= ends_below && self.text_seen;
        // A promotion's 《》 names another item.
        if let Some(title) = quoted_title(line).filter(|_| kind != "promotion") {
            self.layout.fields.title.get_or_insert(title);
        }
        if let Some(headline) = run_on {
            self.text_seen |= is_text(&headline);
            self.headline_seen = self.headline_seen || is_title_like(&headline);
            self.lines.push((line_no, headline, true));
        }
    }

    /// A page that gives its text only as the editor's summary (`摘要：近日，…`), as a crawl
    /// cut short does: the summary is the text.
    fn summary_as_text(&mut self) {
        let removed = &mut self.layout.removed;
        let Some(at) = removed.iter().position(|r| r.kind == "summary") else {
            return;
        };
        // Its label ends at its colon or its closing bracket (`【摘要】随着…`).
        static LABEL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^[【\[]?[^】\]：:]{1,6}(?:[】\]]\s*[：:]?|[：:])").expect("valid pattern")
        });
        let summary = &removed[at].text;
        let value = LABEL
            .find(summary)
            .map_or("", |label| summary[label.end()..].trim());
        if !is_text(value) {
            return;
        }
        let (line, value) = (removed[at].line, value.to_string());
        removed.remove(at);
        let place = self.lines.partition_point(|(l, _, _)| *l < line);
        self.lines.insert(place, (line, value, true));
    }

    fn remove(&mut self, kind: &'static str, line: usize, text: String) {
        self.layout.removed.push(Removed { kind, line, text });
    }

    fn finish(mut self) -> Layout {
        if !self.text_seen {
            self.summary_as_text();
        }
        self.layout.removed.append(&mut self.header);
        let captions = captions::flush_captions(&self.lines, &self.indented);
        for (line, text, _) in self.lines.drain(captions).collect::<Vec<_>>() {
            self.remove("photo caption", line, text);
        }
        self.layout.removed.sort_by_key(|r| r.line);
        strip_page_markers(&mut self.lines, &mut self.layout.removed);
        self.layout.paragraphs = join_and_split(self.lines);
        self.layout
    }
}

/// A table's cell alone on its line is its content (`| 某区发布首个加装电梯地图 |`); a press
/// release's rule of stars run on into its text goes (`******* 运输署今日…`).
fn without_cell_bars_or_stars(line: &str) -> &str {
    let line = match (line.strip_prefix(['|', '｜'])).and_then(|l| l.strip_suffix(['|', '｜'])) {
        Some(cell) if !cell.contains(['|', '｜']) => cell.trim(),
        _ => line,
    };
    let stars = line.len() - line.trim_start_matches('*').len();
    match stars >= 5 {
        true => line[stars..].trim_start(),
        false => line,
    }
}

/// A forum post's header: its time and its poster's address, masked.
static POST_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s+IP\s*[：:]\s*[\d.*]+\s+")
        .expect("valid pattern")
});

/// `《在园区xx年全体干部职工大会上的讲话》由会员上传分享` names the document; a notice that
/// opens with the name (not a summary quoting another document's, `新闻导读：…《…》…`), nor
/// a paper's name before its rights (`《某某社会科学报》版权所有`).
fn quoted_title(line: &str) -> Option<String> {
    static PERIODICAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Han}{2,10}(?:报|報|刊|杂志|雜誌)$").expect("valid pattern")
    });
    let start = line.strip_prefix('《').map(|_| '《'.len_utf8())?;
    let end = start + line[start..].find('》')?;
    let title = line[start..end].trim();
    (title.chars().count() >= 4 && !PERIODICAL.is_match(title)).then(|| title.to_string())
}

/// Removes document sites' page markers: a run `1、` `2、` `3、`… at line starts, at least one
/// of which cuts a sentence in two. A numbered list, each point a full sentence, stays.
fn strip_page_markers(lines: &mut [(usize, String, bool)], removed: &mut Vec<Removed>) {
    let marked: Vec<(usize, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, (_, text, _))| {
            let caps = PAGE_MARKER.captures(text)?;
            Some((i, caps[1].parse().ok()?))
        })
        .collect();
    let mut run: Vec<usize> = Vec::new();
    let mut expected = 1;
    for &(i, number) in &marked {
        if number == expected {
            run.push(i);
            expected += 1;
        } else if number == 1 {
            run = vec![i];
            expected = 2;
        }
    }
    let cuts_a_sentence = run
        .iter()
        .skip(1)
        .any(|&i| i > 0 && !lines[i].2 && !ends_sentence(&lines[i - 1].1));
    if run.len() < 2 || !cuts_a_sentence {
        return;
    }
    for i in run {
        let (line, text, _) = &mut lines[i];
        let marker_len = PAGE_MARKER.find(text).expect("marked").end();
        removed.push(Removed {
            kind: "page marker",
            line: *line,
            text: text[..marker_len].to_string(),
        });
        text.drain(..marker_len);
    }
}

/// Joins lines broken inside a sentence, then splits lines holding several paragraphs at
/// the blanks between them (Chinese text has no spaces between words).
fn join_and_split(lines: Vec<(usize, String, bool)>) -> Vec<Paragraph> {
    let longest = lines
        .iter()
        .map(|(_, text, _)| text.chars().count())
        .max()
        .unwrap_or(0);
    let mut joined: Vec<Paragraph> = Vec::new();
    // The last paragraph's length in characters, kept as it grows: counting it again at each
    // line would cost the square of a page of wrapped lines.
    let mut last_length = 0;
    for (line, text, begins_paragraph) in lines {
        let continues = !begins_paragraph
            && !ENUMERATOR.is_match(&text)
            && joined.last().is_some_and(|previous| {
                // A short line is a title or heading, not a line the page wrapped.
                !ends_sentence(&previous.text)
                    && last_length >= 20
                    && last_length * 10 >= longest * 6
            });
        let length = text.chars().count();
        match joined.last_mut() {
            Some(previous) if continues => {
                previous.text.push_str(&text);
                last_length += length;
            }
            _ => {
                joined.push(Paragraph { line, text });
                last_length = length;
            }
        }
    }
    joined
        .into_iter()
        .flat_map(|paragraph| {
            split_at_blanks(&paragraph.text)
                .into_iter()
                .map(move |text| Paragraph {
                    line: paragraph.line,
                    text,
                })
        })
        .collect()
}

/// A short numbered line without a full stop: a section's heading (`一、…`, `第一章…`) or a
/// part's (`（一）…`), which a page cut short may end on.
pub fn is_heading(paragraph: &str) -> bool {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]+(部分|章|节|節|条|條))")
            .expect("valid pattern")
    });
    paragraph.chars().nth(40).is_none()
        && HEADING.is_match(paragraph)
        && !paragraph.contains(['。', '；', '！', '？'])
        && !paragraph.ends_with(is_cjk_punctuation)
}

#[cfg(test)]
mod tests;
