//! An HTML page to plain lines, as a browser shows them (block elements on lines of their
//! own, runs of spaces as one), with what the page says of itself in its head, and its article
//! (`content`) cut out of the rest. One walk over the page, without recursion, so that no
//! page, however deeply nested, can overflow the stack or cost more than its size.

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::content::{self, BLOCKS, SKIPPED, Span};

/// Whether text is an HTML page rather than plain text.
pub fn is_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    // Pages kept by crawlers often start at `<head>`, or with a comment naming their address.
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|tag| head.contains(tag))
}

/// How deep a page may nest its elements. Browsers stop nesting at 512; the HTML parser's
/// cost grows with the depth times the number of tags, so a deeper page is refused.
pub const MAX_NESTING: usize = 2_000;

/// Elements that never hold others, so never nest.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// How deep a page's tags nest, counted on the tags as written (a close tag closes one level,
/// void and self-closed tags none), in one pass over the text.
pub fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest[usize::from(closing)..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .take(16)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || VOID.contains(&name.as_str()) {
            continue;
        }
        let self_closed = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closed {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// What an HTML page says of itself, besides its text: the government page specification's
/// `ArticleTitle`, `PubDate` and `ContentSource`, Open Graph's title, `<time datetime>`, its
/// `<title>` and first `<h1>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    /// Where the page says it lives: `<link rel="canonical">` or `og:url`.
    pub url: Option<String>,
    /// The site's name: `og:site_name`, else the last part of its `<title>`.
    pub site: Option<String>,
    /// Its images, in order, where it has any.
    pub images: Vec<PageImage>,
}

/// An `<img>` of a page, with what places it in the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageImage {
    /// As written: `./page_files/现场.jpg`, `http://…/a.jpg`.
    pub src: String,
    pub alt: String,
    /// Its `<figure>`'s `<figcaption>`, if it has one.
    pub caption: Option<String>,
    /// The text just before it on the page, which finds its paragraph once the text is cut.
    pub after_text: String,
}

/// The text of an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlText {
    /// All of the page's text.
    pub whole: String,
    /// From the article's headline (or its first line) to its last line, where the page has
    /// an article (`content::article`).
    pub article: Option<String>,
}

/// How far above the article its headline may stand: a header of dates, sources, font-size
/// and share links, not a page of other things.
const HEADER_BYTES: usize = 3000;

/// The text of an HTML page, and what it says of itself.
pub fn html_to_text(html: &str) -> (HtmlText, PageMeta) {
    let document = Html::parse_document(html);
    let mut walk = walk(&document);
    let meta = page_meta(&mut walk);
    let article = content::article(&document).and_then(|body| {
        let at = walk.spans.iter().position(|span| span.id == body)?;
        let (start, end) = (walk.spans[at].start, walk.spans[at].end);
        // The headline starts the text when it is just above the article, so that the lines
        // between (the date, the source) are read too.
        let start = meta
            .title
            .as_deref()
            .and_then(|title| content::headline_start(&walk.out, &walk.spans[..at], start, title))
            .filter(|&headline| start - headline <= HEADER_BYTES)
            .unwrap_or(start);
        Some(walk.out[start..end].to_string())
    });
    let text = HtmlText {
        whole: walk.out,
        article,
    };
    (text, meta)
}

/// What one walk over a page gathers.
#[derive(Default)]
struct Walk {
    out: String,
    h1: Option<String>,
    title: Option<String>,
    /// (`name` or `property`, `content`) of each `<meta>`, and `("time", datetime)`.
    metas: Vec<(String, String)>,
    images: Vec<PageImage>,
    /// Each element's text in `out`, in the order the elements open.
    spans: Vec<Span>,
}

impl Walk {
    fn meta(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|name| {
            self.metas
                .iter()
                .find(|(n, v)| n.eq_ignore_ascii_case(name) && !v.trim().is_empty())
                .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
        })
    }
}

/// Where the walk is: inside which elements that change how text is read.
#[derive(Default)]
struct Place {
    /// Inside an element whose text is never read (a script, a style, the `<title>`).
    skipped: Option<NodeId>,
    in_head: bool,
    in_pre: usize,
    /// The open elements' indexes in `Walk::spans`.
    open: Vec<usize>,
    figures: Vec<NodeId>,
    /// Each figure's caption, read once.
    captions: std::collections::HashMap<NodeId, Option<String>>,
}

fn walk(document: &Html) -> Walk {
    let mut walk = Walk::default();
    let mut place = Place::default();
    for edge in document.root_element().traverse() {
        match edge {
            Edge::Open(node) if place.skipped.is_none() => match node.value() {
                Node::Text(text) if !place.in_head && place.in_pre > 0 => walk.out.push_str(text),
                // As a browser shows it: a run of spaces and line ends is one space.
                Node::Text(text) if !place.in_head => push_collapsed(&mut walk.out, text),
                Node::Element(_) => open(node, &mut walk, &mut place),
                _ => {}
            },
            Edge::Close(node) if place.skipped == Some(node.id()) => place.skipped = None,
            Edge::Close(node) if place.skipped.is_none() && node.value().is_element() => {
                close(node, &mut walk, &mut place)
            }
            _ => {}
        }
    }
    walk
}

fn open(node: NodeRef<'_, Node>, walk: &mut Walk, place: &mut Place) {
    let Some(element) = node.value().as_element() else {
        return;
    };
    let name = element.name();
    if SKIPPED.contains(&name) {
        place.skipped = Some(node.id());
        return;
    }
    match name {
        "head" => place.in_head = true,
        "title" => {
            let text: String = node
                .children()
                .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                .collect();
            walk.title.get_or_insert(text);
            place.skipped = Some(node.id());
            return;
        }
        "link"
            if element
                .attr("rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
        {
            if let Some(href) = element.attr("href") {
                walk.metas.push(("canonical".into(), href.to_string()));
            }
        }
        "meta" => {
            let key = element.attr("name").or(element.attr("property"));
            if let (Some(key), Some(content)) = (key, element.attr("content")) {
                walk.metas.push((key.to_string(), content.to_string()));
            }
        }
        "time" => {
            if let Some(when) = element.attr("datetime") {
                walk.metas.push(("time".into(), when.to_string()));
            }
        }
        "pre" => place.in_pre += 1,
        "figure" => place.figures.push(node.id()),
        "img" if !place.in_head => {
            if let Some(src) = element.attr("src").filter(|s| !s.trim().is_empty()) {
                let caption = place.figures.last().and_then(|&figure| {
                    let figure = node.tree().get(figure)?;
                    place
                        .captions
                        .entry(figure.id())
                        .or_insert_with(|| caption_of(figure))
                        .clone()
                });
                let alt = element
                    .attr("alt")
                    .or(element.attr("title"))
                    .unwrap_or_default();
                walk.images.push(PageImage {
                    src: src.trim().to_string(),
                    alt: alt.split_whitespace().collect::<Vec<_>>().join(" "),
                    caption,
                    after_text: last_chars(walk.out.trim_end(), 40).to_string(),
                });
            }
        }
        _ => {}
    }
    if BLOCKS.contains(&name) {
        walk.out.push('\n');
    }
    place.open.push(walk.spans.len());
    walk.spans.push(Span {
        id: node.id(),
        start: walk.out.len(),
        end: walk.out.len(),
        h1: name == "h1",
    });
}

fn close(node: NodeRef<'_, Node>, walk: &mut Walk, place: &mut Place) {
    let Some(element) = node.value().as_element() else {
        return;
    };
    let name = element.name();
    if let Some(at) = place.open.pop() {
        let span = &mut walk.spans[at];
        span.end = walk.out.len();
        if span.h1 && walk.h1.as_deref().is_none_or(|h| h.trim().is_empty()) {
            walk.h1 = Some(walk.out[span.start..span.end].to_string());
        }
    }
    match name {
        "head" => place.in_head = false,
        "pre" => place.in_pre = place.in_pre.saturating_sub(1),
        "figure" => {
            place.figures.pop();
        }
        _ => {}
    }
    if BLOCKS.contains(&name) {
        walk.out.push('\n');
    }
}

/// A figure's `<figcaption>` (a child of it), its spaces collapsed.
fn caption_of(figure: NodeRef<'_, Node>) -> Option<String> {
    let caption = figure.children().find(|c| {
        c.value()
            .as_element()
            .is_some_and(|e| e.name() == "figcaption")
    })?;
    let text: String = caption
        .descendants()
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The last `n` characters of a text.
fn last_chars(text: &str, n: usize) -> &str {
    let start = text.char_indices().rev().nth(n - 1).map_or(0, |(at, _)| at);
    &text[start..]
}

/// Text with each run of ASCII whitespace as one space, none at the start of a line, and
/// none for a line end between two wide characters (CSS's segment break rule for CJK).
fn push_collapsed(out: &mut String, text: &str) {
    let wide = |c: char| {
        crate::text::cjk::is_cjk(c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || "“”‘’".contains(c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
    };
    // A run of whitespace not yet written, and whether it held a line end.
    let mut run: Option<bool> = None;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            run = Some(run.unwrap_or(false) || c == '\n');
            continue;
        }
        if let Some(line_end) = run.take() {
            let joined = line_end && out.chars().next_back().is_some_and(wide) && wide(c);
            if !joined && !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        }
        out.push(c);
    }
    if run.is_some() && !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
}

/// The page's metadata from its head and headings.
fn page_meta(walk: &mut Walk) -> PageMeta {
    let clean = |s: &str| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty()).then_some(s)
    };
    // A page title names the site too, `标题_栏目_某区人民政府`: its first part is the item's,
    // its last the site's.
    let title_parts: Vec<String> = walk
        .title
        .as_deref()
        .and_then(clean)
        .map_or(Vec::new(), |t| {
            t.split(['_', '|', '｜'])
                .flat_map(|part| part.split(" - "))
                .flat_map(|part| part.split("--"))
                .map(|part| part.trim().to_string())
                .filter(|part| !part.is_empty())
                .collect()
        });
    // A column's name (`新闻动态--某学会官网`) is not the item's title.
    let titled = |part: &&String| !super::headline::is_column_name(part);
    let title = title_parts
        .iter()
        .filter(titled)
        .find(|part| part.chars().count() >= 4)
        .or(title_parts.first().filter(titled))
        .cloned();
    let site = walk.meta(&["og:site_name"]).or_else(|| {
        title_parts
            .last()
            .filter(|_| title_parts.len() > 1)
            .cloned()
    });
    PageMeta {
        title: walk
            .meta(&["ArticleTitle", "og:title"])
            .or_else(|| walk.h1.as_deref().and_then(clean))
            .or(title)
            .map(|title| without_column(&title).to_string()),
        date: walk.meta(&["PubDate", "publishdate", "article:published_time", "time"]),
        source: walk.meta(&["ContentSource", "source"]),
        url: walk.meta(&["canonical", "og:url", "Url"]),
        site,
        images: std::mem::take(&mut walk.images),
    }
}

/// A headline without the column a site prints before it, `新华视界｜河北遵化：…`.
fn without_column(title: &str) -> &str {
    match title.split_once(['｜', '|']) {
        Some((column, rest))
            if column.trim().chars().count() <= 6 && rest.trim().chars().count() >= 8 =>
        {
            rest.trim()
        }
        _ => title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_pages_become_lines_with_their_heading() {
        let html = "<!DOCTYPE html><html><head><title>站名 - 標題</title><script>var x=1;</script></head>\
            <body><nav>首頁 > 新聞</nav><h1>濠江區建設系統</h1><div class=c><p>第一段，\n續。</p><p>第二段<br>第三行</p></div></body></html>";
        assert!(is_html(html));
        assert!(is_html(
            "<!-- http://x.cn/1.html -->\n<head><meta charset=utf-8></head>"
        ));
        assert!(!is_html("区政府召开会议\n发布时间：2024-05-15"));
        let (text, meta) = html_to_text(html);
        assert_eq!(text.article, None, "too little prose to tell an article");
        let text = text.whole;
        assert_eq!(meta.title.as_deref(), Some("濠江區建設系統"));
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            // A line end inside a paragraph is no break, as a browser shows it.
            ["濠江區建設系統", "第一段，續。", "第二段", "第三行"]
        );
    }

    #[test]
    fn the_government_page_specifications_metadata_comes_first() {
        let html = "<html><head><title>宜春市人民政府</title><meta name=\"ArticleTitle\" content=\"宜春市2022年统计公报\">\
            <meta name=\"PubDate\" content=\"2023-05-16 12:34:05\"><meta name=\"ContentSource\" content=\"宜春市统计局\"></head>\
            <body><h1>宜春市人民政府</h1><p>正文。</p></body></html>";
        let (_, meta) = html_to_text(html);
        assert_eq!(meta.title.as_deref(), Some("宜春市2022年统计公报"));
        assert_eq!(meta.date.as_deref(), Some("2023-05-16 12:34:05"));
        assert_eq!(meta.source.as_deref(), Some("宜春市统计局"));
        let (_, og) = html_to_text(
            "<html><head><meta property=\"og:title\" content=\"標題\"></head><body><time datetime=\"2024-04-19\">4月19日</time></body></html>",
        );
        assert_eq!(
            (og.title.as_deref(), og.date.as_deref()),
            (Some("標題"), Some("2024-04-19"))
        );
    }

    #[test]
    fn the_article_is_read_from_its_headline_without_the_site_around_it() {
        let (text, meta) = html_to_text(crate::import::content::tests::PAGE);
        let article = text.article.unwrap();
        let lines: Vec<&str> = article
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines[0], "区政府召开常务会议");
        assert_eq!(lines[1], "发布时间：2024-05-15 来源：区政府办公室");
        assert!(lines[2].starts_with("5月13日"));
        assert!(lines.last().unwrap().ends_with("高质量发展。"));
        assert!(!article.contains("版权所有") && !article.contains("区领导调研"));
        assert!(text.whole.contains("版权所有"));
        assert_eq!(meta.title.as_deref(), Some("区政府召开常务会议"));
        assert_eq!(meta.site.as_deref(), Some("某区人民政府"));
    }

    #[test]
    fn nesting_is_counted_on_the_tags() {
        let html =
            "<html><body><div><p>a<br>b<img src=x /></p><div/><span>c</span></div></body></html>";
        assert_eq!(nesting_depth(html), 4);
        assert_eq!(nesting_depth(&"<div>".repeat(3000)), 3000);
        assert_eq!(nesting_depth("1 < 2, a<b"), 1);
    }

    #[test]
    fn any_nesting_is_read_in_one_pass() {
        let depth = MAX_NESTING;
        let html = format!(
            "<html><head><title>深层页面</title></head><body>{}{}</body></html>",
            "<div>区政府召开会议，研究部署工作。".repeat(depth),
            "</div>".repeat(depth)
        );
        let (text, meta) = html_to_text(&html);
        assert_eq!(meta.title.as_deref(), Some("深层页面"));
        assert_eq!(text.whole.matches("研究部署工作").count(), depth);
    }

    #[test]
    fn spaces_and_line_ends_as_a_browser_shows_them() {
        let (text, _) = html_to_text(
            "<html><body><p>中国网5月20日电 5月18日晚，古北水镇\n  “光之城”活动\n启动。</p><pre>a  b\nc</pre></body></html>",
        );
        let lines: Vec<&str> = text
            .whole
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert_eq!(
            lines,
            [
                "中国网5月20日电 5月18日晚，古北水镇“光之城”活动启动。",
                "a  b",
                "c"
            ]
        );
        assert_eq!(
            without_column("新华视界｜河北遵化：数字农机服务助力农业生产"),
            "河北遵化：数字农机服务助力农业生产"
        );
        assert_eq!(without_column("政务｜要闻"), "政务｜要闻");
    }
}
