//! Stage 3: Markdown to HTML with pulldown-cmark, plus the CJK-aware summary and count.
//!
//! Every pulldown-cmark option is set in `options()`, so conversion and rendering always
//! parse a document the same way.

mod figures;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};
use rayon::prelude::*;

use crate::site::bundle::bundle_reference;
use crate::stages::item::{
    ConvertedItem, ItemFiles, ItemLinks, LeadImage, PublishedAttachment, RenderedItem,
    RenderedText, SiteLink,
};
use crate::text::address::{is_safe_target, scheme_of};
use crate::text::cjk::{is_cjk, is_cjk_punctuation};
use crate::text::markdown::Safety;
use crate::text::markdown::options;

/// About how many characters an automatic summary has.
pub const SUMMARY_CHARS: usize = 120;

/// Anchors for a document's headings, in order. They are computed once from the source
/// script so that a heading has the same anchor in every variant.
pub fn heading_ids(source: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(source, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let base = anchor(&heading.take().unwrap_or_default());
                let count = seen.entry(base.clone()).or_default();
                *count += 1;
                ids.push(match *count {
                    1 => base,
                    n => format!("{base}-{}", n - 1),
                });
            }
            _ => {}
        }
    }
    ids
}

/// A heading's anchor: its words, CJK included, joined by `-`; punctuation dropped.
fn anchor(heading: &str) -> String {
    let words: Vec<String> = heading
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        "section".into()
    } else {
        words.join("-")
    }
}

/// One document rendered to HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub html: String,
    /// The plain text of the opening paragraphs for an automatic summary: a first paragraph
    /// too short to say anything (a salutation, 同志们：) is followed by the next, up to the
    /// first heading.
    pub lead: String,
    /// CJK characters plus words of other scripts.
    pub word_count: usize,
    /// The first photo, with its text alternative.
    pub lead_image: Option<LeadImage>,
    /// The attachments linked, in the order of their first link.
    pub attachments: Vec<PublishedAttachment>,
}

/// What a document's links to its item's files lead to.
#[derive(Clone, Copy)]
pub struct FilesInPlace<'a> {
    pub files: &'a ItemFiles,
    /// The site's base path, `/` or `/bulletin/`, before every published file's path.
    pub base_path: &'a str,
}

/// What a document's events tell of its lead (its opening text, for summaries) and of its
/// length in words, event by event. A photo's description is not words of the text, nor its
/// summary.
#[derive(Default)]
struct Reading {
    in_image: i32,
    lead: String,
    lead_chars: usize,
    in_paragraph: bool,
    lead_done: bool,
    word_count: usize,
}

impl Reading {
    fn observe(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::Paragraph) => {
                self.in_paragraph = !self.lead_done && self.lead_chars < SUMMARY_CHARS / 3
            }
            Event::Start(Tag::Heading { .. } | Tag::FootnoteDefinition(_)) => {
                self.lead_done = self.lead_chars > 0
            }
            Event::End(TagEnd::Paragraph) => self.in_paragraph = false,
            Event::Start(Tag::Image { .. }) => self.in_image += 1,
            Event::End(TagEnd::Image) => self.in_image -= 1,
            Event::Text(text) | Event::Code(text) if self.in_image == 0 => {
                self.word_count += count_words(text);
                if self.in_paragraph {
                    self.lead.push_str(text);
                    self.lead_chars += text.chars().count();
                }
            }
            Event::SoftBreak if self.in_paragraph => self.lead.push(' '),
            _ => {}
        }
    }
}

/// Renders a document; raw HTML is shown as text unless the site allows it, and a link or
/// image whose target is not safe (`is_safe_target`) is left as its plain text. Images and
/// links to the item's own files become their published photos and attachments.
pub fn render(
    source: &str,
    heading_ids: &[String],
    safety: Safety,
    files: FilesInPlace,
) -> Rendered {
    let mut ids = heading_ids.iter();
    let mut reading = Reading::default();
    // For each link or image open, whether it was kept: the end of a dropped one goes too.
    let mut kept_links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(source, options()).filter_map(|event| {
        reading.observe(&event);
        Some(match event {
            Event::Start(Tag::Heading {
                level,
                id: _,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level,
                id: ids.next().map(|id| CowStr::from(id.as_str())),
                classes,
                attrs,
            }),
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                let image = matches!(event, Event::Start(Tag::Image { .. }));
                let safe = is_safe_target(dest_url, image, safety);
                kept_links.push(safe);
                if !safe {
                    return None;
                }
                event
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if !kept_links.pop().unwrap_or(true) {
                    return None;
                }
                event
            }
            Event::Html(raw) | Event::InlineHtml(raw) if !safety.allow_html => Event::Text(raw),
            other => other,
        })
    });
    let mut html_out = String::with_capacity(source.len() * 3 / 2);
    // Most items have no files: their events stream straight into the HTML, never held.
    let (lead_image, attachments) = if files.files.0.is_empty() {
        html::push_html(&mut html_out, events);
        (None, Vec::new())
    } else {
        let placed = figures::place_files(events.collect(), files.files, files.base_path);
        html::push_html(&mut html_out, placed.events.into_iter());
        (placed.lead_image, placed.attachments)
    };
    Rendered {
        html: html_out,
        lead: reading.lead.trim().to_string(),
        word_count: reading.word_count,
        lead_image,
        attachments,
    }
}

/// A CJK-aware count: each Han character, kana or hangul counts as one word, and each run of
/// other letters or digits counts as one.
pub fn count_words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            count += 1;
            in_word = false;
        } else if is_word_char(c) {
            if !in_word {
                count += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    count
}

/// A letter or digit of a Latin (or other alphabetic) word. Chinese punctuation, the most
/// common non-ASCII character after Han, is answered without Unicode's slow tables.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_cjk_punctuation(c) && c.is_alphanumeric()
    }
}

/// Cuts text to about `limit` characters at a sentence or clause boundary; a cut that does not
/// end a sentence ends with an ellipsis. Never cuts inside a Latin word or number.
pub fn summarize(text: &str, limit: usize) -> String {
    let text = text.trim();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= limit {
        return text.to_string();
    }
    let window = &chars[..limit];
    let sentence_end = window
        .iter()
        .rposition(|c| matches!(c, '。' | '！' | '？' | '；' | '!' | '?'));
    if let Some(end) = sentence_end.filter(|&end| end >= limit / 2) {
        return window[..=end].iter().collect();
    }
    let clause_end = window
        .iter()
        .rposition(|c| matches!(c, '，' | '、' | '：' | ',' | ':'));
    let cut = match clause_end.filter(|&end| end >= limit / 2) {
        Some(end) => end,
        // No punctuation near the end: cut between characters, but not inside a Latin word.
        None => (1..=limit)
            .rev()
            .find(|&i| !(chars[i - 1].is_ascii_alphanumeric() && chars[i].is_ascii_alphanumeric()))
            .unwrap_or(limit),
    };
    let mut summary: String = chars[..cut]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string();
    summary.push('…');
    summary
}

/// The text of HTML: each tag becomes a space, and the entities Markdown writes are decoded.
pub fn text_of_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    // One pass: runs of text copied whole, a tag (or a stray `>`) made a space, the five
    // entities pulldown-cmark writes decoded.
    while let Some(at) = rest.find(['<', '>', '&']) {
        text.push_str(&rest[..at]);
        let found = rest.as_bytes()[at];
        rest = &rest[at + 1..];
        match found {
            b'<' => match rest.find('>') {
                Some(end) => {
                    rest = &rest[end + 1..];
                    text.push(' ');
                }
                None => rest = "",
            },
            b'>' => text.push(' '),
            _ => {
                let entity = ENTITIES.iter().find(|(name, _)| rest.starts_with(name));
                let (name, c) = entity.copied().unwrap_or(("", '&'));
                text.push(c);
                rest = &rest[name.len()..];
            }
        }
    }
    text.push_str(rest);
    text
}

/// The entities HTML escaping writes, after their `&`, with what they stand for.
const ENTITIES: [(&str, char); 5] = [
    ("lt;", '<'),
    ("gt;", '>'),
    ("quot;", '"'),
    ("#39;", '\''),
    ("amp;", '&'),
];

/// Finds a document's links and images (those to the item's own files are the media stage's
/// to check). Lines count from `first_line`, the line the document
/// starts on in its file.
pub fn item_links(source: &str, first_line: usize, safety: Safety) -> ItemLinks {
    let mut links = ItemLinks::default();
    for found in crate::text::markdown::links(source) {
        let (image, target) = (found.image, found.target.trim());
        let link = || SiteLink {
            target: target.to_string(),
            line: first_line + found.line,
            column: found.column,
        };
        if !is_safe_target(target, image, safety) {
            links.refused.push(link());
        } else if !(target.is_empty()
            || bundle_reference(target).is_some()
            || scheme_of(target).is_some()
            || target.starts_with("//")
            || target.starts_with('#'))
        {
            links.site.push(link());
        }
    }
    links
}

/// The Markdown stage; `media` holds the published files of each item, by its path.
pub fn render_items(
    items: Vec<ConvertedItem>,
    safety: Safety,
    media: &HashMap<PathBuf, Arc<ItemFiles>>,
    base_path: &str,
) -> Vec<RenderedItem> {
    let none = ItemFiles::default();
    items
        .into_par_iter()
        .map(|item| {
            let meta = item.meta;
            let body = meta.body.text();
            let ids = heading_ids(&body);
            let files = FilesInPlace {
                files: media.get(&meta.path).map_or(&none, |f| f.as_ref()),
                base_path,
            };
            let mut attachments = Vec::new();
            let texts = item
                .texts
                .into_iter()
                .map(|text| {
                    let rendered = render(&text.body, &ids, safety, files);
                    // The same in every variant: file names are never converted.
                    attachments = rendered.attachments;
                    RenderedText {
                        lead_image: rendered.lead_image.map(Box::new),
                        summary: (text.summary)
                            .unwrap_or_else(|| summarize(&rendered.lead, SUMMARY_CHARS))
                            .into(),
                        title: text.title,
                        tags: text.tags,
                        source: text.source,
                        author: text.author,
                        html: rendered.html.into(),
                        word_count: rendered.word_count,
                        disclosure: text.disclosure,
                    }
                })
                .collect();
            let links = item_links(&body, meta.body_line, safety);
            RenderedItem {
                links,
                meta,
                texts,
                attachments,
                conversion_keys: item.keys,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markdown::prose_ranges;

    fn render(source: &str, ids: &[String], safety: Safety) -> Rendered {
        let files = ItemFiles::default();
        let files = FilesInPlace {
            files: &files,
            base_path: "/",
        };
        super::render(source, ids, safety, files)
    }

    #[test]
    fn text_of_html_drops_tags_and_decodes_entities() {
        assert_eq!(text_of_html("<p>甲&amp;乙</p><p>丙</p>"), " 甲&乙  丙 ");
        assert_eq!(
            text_of_html("<b>&amp;lt;</b> &lt;&gt;&quot;&#39; & a>b <i"),
            " &lt;  <>\"' & a b "
        );
    }

    #[test]
    fn site_links_are_the_ones_without_a_scheme() {
        let source = "見[會議](/hans/2020/04/huiyi/)與[上文](../03/x/ \"標題\")。\n\n![圖](/static/a.png)\n[外](https://e.org/) [信](mailto:a@b.c) [本頁](#一) [協議](//cdn.org/x)\n";
        let links = item_links(source, 8, Safety::default());
        assert!(links.refused.is_empty());
        let found: Vec<(&str, usize)> = links
            .site
            .iter()
            .map(|l| (l.target.as_str(), l.line))
            .collect();
        assert_eq!(
            found,
            [
                ("/hans/2020/04/huiyi/", 8),
                ("../03/x/", 8),
                ("/static/a.png", 10)
            ]
        );
    }

    #[test]
    fn unsafe_links_and_images_are_left_as_their_text() {
        let source = "[点我](javascript:alert(2)) [大写](JAVASCRIPT:alert(1)) [实体](&#106;avascript:alert(1)) <javascript:alert(3)>\n[参考][r] ![图](javascript:x) [数据](data:text/html,x) [vb](vbscript:x) [好](https://e.org/)\n\n[r]: javascript:alert(4)\n";
        let html = render(source, &[], Safety::default()).html;
        assert_eq!(html.matches("href=").count(), 1, "{html}");
        assert!(
            html.contains(r#"<a href="https://e.org/">好</a>"#),
            "{html}"
        );
        assert!(!html.contains("src="), "{html}");
        for text in ["点我", "大写", "实体", "参考", "图", "数据", "vb"] {
            assert!(html.contains(text), "{text} lost: {html}");
        }
        let refused: Vec<usize> = item_links(source, 5, Safety::default())
            .refused
            .iter()
            .map(|l| l.line)
            .collect();
        assert_eq!(refused, [5, 5, 5, 5, 6, 6, 6, 6]);
    }

    #[test]
    fn chinese_headings_get_readable_unique_anchors() {
        let ids = heading_ids(
            "# 一、认清形势\n\n## 认清形势\n\n## 认清形势\n\n### `code` 与 COVID-19\n\n## ！！\n",
        );
        assert_eq!(
            ids,
            [
                "一-认清形势",
                "认清形势",
                "认清形势-1",
                "code-与-covid-19",
                "section"
            ]
        );
    }

    #[test]
    fn render_sets_anchors_and_escapes_raw_html_by_default() {
        let source = "## 标题\n\n第一段<b>粗</b>\n文字。\n\n<script>alert(1)</script>\n";
        let rendered = render(source, &["biao-ti".to_string()], Safety::default());
        assert!(
            rendered.html.contains(r#"<h2 id="biao-ti">标题</h2>"#),
            "{}",
            rendered.html
        );
        assert!(rendered.html.contains("&lt;b&gt;"), "{}", rendered.html);
        assert!(!rendered.html.contains("<script>"), "{}", rendered.html);
        // Inline HTML is markup, not words: a summary never shows tags.
        assert_eq!(rendered.lead, "第一段粗 文字。");
        let allowed = render(
            source,
            &[],
            Safety {
                allow_html: true,
                ..Safety::default()
            },
        );
        assert!(allowed.html.contains("<b>粗</b>"));
    }

    #[test]
    fn the_lead_goes_past_a_salutation_but_not_into_headings() {
        let rendered = render(
            "## 标题\n\n同志们：\n\n今天上午召开会议。\n",
            &[],
            Safety::default(),
        );
        assert_eq!(rendered.lead, "同志们：今天上午召开会议。");
        let enough = "长".repeat(SUMMARY_CHARS / 3);
        let rendered = render(&format!("{enough}\n\n第二段。\n"), &[], Safety::default());
        assert_eq!(
            rendered.lead, enough,
            "a first paragraph that says something is enough"
        );
        let rendered = render(
            "同志们：\n\n## 一、标题\n\n正文。\n",
            &[],
            Safety::default(),
        );
        assert_eq!(rendered.lead, "同志们：", "the lead stops at a heading");
    }

    #[test]
    fn tables_footnotes_and_strikethrough_are_on() {
        let html = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~删~~ 注[^1]\n\n[^1]: 脚注\n",
            &[],
            Safety::default(),
        )
        .html;
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>删</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn prose_ranges_skip_code_and_merge_across_ascii_syntax() {
        let source = "**甲**乙 `丙` 丁\n\n```\n戊\n```\n";
        let ranges: Vec<&str> = prose_ranges(source)
            .into_iter()
            .map(|r| &source[r])
            .collect();
        assert_eq!(ranges, ["甲**乙 ", " 丁"]);
    }

    #[test]
    fn link_and_image_titles_are_prose_but_targets_are_not() {
        let source = "见[通知](https://e.org/区 \"区政府通知\")和![图](/图.png \"区景\")";
        let ranges: Vec<&str> = prose_ranges(source)
            .into_iter()
            .map(|r| &source[r])
            .collect();
        // Only ASCII stands between the title and the next text, so they are one range; the
        // targets (with their 区) are in none.
        assert_eq!(ranges, ["见[通知", "区政府通知\")和![图", "区景"]);
    }

    #[test]
    fn words_are_counted_cjk_aware() {
        assert_eq!(count_words("濠江区 COVID-19 防控，618工程"), 3 + 2 + 1 + 4);
    }

    #[test]
    fn summaries_end_on_a_boundary() {
        let sentence = "一二三四五六七八九十".repeat(5) + "。";
        let text = sentence.repeat(3);
        assert_eq!(summarize(&text, 120), sentence.repeat(2));
        let clauses = "一二三四五六七八九，".repeat(20);
        let summary = summarize(&clauses, 120);
        assert!(summary.ends_with("九…"), "{summary}");
        assert_eq!(summary.chars().count(), 120);
        assert_eq!(summarize("短文。", 120), "短文。");
        let latin = "COVID ".repeat(40);
        assert!(summarize(&latin, 120).ends_with("COVID…"));
    }
}
