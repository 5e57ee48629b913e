//! Which part of an HTML page is the article. A saved page carries the site's menus, link
//! lists, share bars, related news and footers around the item; the element holding the most
//! prose (paragraphs of sentences, little of it link text) is the article, and its headline is
//! the heading above it that the page's own title names.

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

/// Elements whose text is never content.
pub const SKIPPED: [&str; 8] = [
    "script", "style", "noscript", "nav", "select", "button", "iframe", "template",
];

/// Elements that start a new line.
pub const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figure",
    "figcaption",
];

/// Marks that end or divide sentences: prose has them, menus and link lists do not.
const PROSE_MARKS: &str = "，。、；！？：,;";

/// A paragraph shorter than this (in characters, links left out) is a label or a link, not prose.
const PARAGRAPH_CHARS: usize = 20;

/// Less prose than this and the page is taken whole: the guess would be worse than none.
const ARTICLE_MARKS: f64 = 6.0;

/// Where an element's text lies in the page's text (`html`'s walk).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub id: NodeId,
    pub start: usize,
    pub end: usize,
    pub h1: bool,
}

/// Text gathered under one element: its characters, those inside links, and its marks.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    chars: usize,
    link_chars: usize,
    marks: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.chars += other.chars;
        self.link_chars += other.link_chars;
        self.marks += other.marks;
    }
}

/// What an element's place in the page says of the text inside it.
#[derive(Debug, Default, Clone, Copy)]
struct Context {
    /// The nearest block element around it.
    block: Option<NodeId>,
    in_link: bool,
    skipped: bool,
}

/// The article of a page: the element whose paragraphs score most, less its share of link
/// text. A paragraph scores one, one more per mark, and up to three for its length; it gives
/// its score to its element and the one above, half to the next (as Readability does). Two
/// passes over the page, down and up, so that the cost is the page's size.
pub fn article(document: &Html) -> Option<NodeId> {
    let nodes: Vec<NodeRef<'_, Node>> = document.root_element().descendants().collect();
    let mut contexts: HashMap<NodeId, Context> = HashMap::with_capacity(nodes.len());
    let mut paragraphs: Vec<(NodeId, Tally)> = Vec::new();
    let mut totals: HashMap<NodeId, Tally> = HashMap::with_capacity(nodes.len());
    for node in &nodes {
        let above = node
            .parent()
            .and_then(|p| contexts.get(&p.id()).copied())
            .unwrap_or_default();
        let context = match node.value() {
            Node::Element(element) => {
                let name = element.name();
                Context {
                    block: (BLOCKS.contains(&name) || matches!(name, "td" | "body"))
                        .then_some(node.id())
                        .or(above.block),
                    in_link: above.in_link || name == "a",
                    skipped: above.skipped || SKIPPED.contains(&name) || name == "head",
                }
            }
            Node::Text(text) if !above.skipped => {
                let tally = tally_of(text, above.in_link);
                totals.insert(node.id(), tally);
                match (paragraphs.last_mut(), above.block) {
                    (Some((id, paragraph)), Some(block)) if *id == block => paragraph.add(tally),
                    (_, Some(block)) => paragraphs.push((block, tally)),
                    _ => {}
                }
                above
            }
            _ => above,
        };
        contexts.insert(node.id(), context);
    }
    // Up: each element's tally is its texts' and its children's, children coming first.
    for node in nodes.iter().rev() {
        let tally = totals.get(&node.id()).copied().unwrap_or_default();
        if let Some(parent) = node.parent() {
            totals.entry(parent.id()).or_default().add(tally);
        }
    }
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for (id, tally) in &paragraphs {
        let prose = tally.chars - tally.link_chars;
        if prose < PARAGRAPH_CHARS {
            continue;
        }
        let score = 1.0 + tally.marks as f64 + (prose as f64 / 100.0).min(3.0);
        let holders = std::iter::successors(document.tree.get(*id), |n| n.parent())
            .filter(|n| n.value().is_element())
            .take(3);
        for (depth, holder) in holders.enumerate() {
            let share = if depth == 2 { 0.5 } else { 1.0 };
            *scores.entry(holder.id()).or_default() += score * share;
        }
    }
    scores
        .iter()
        .map(|(id, score)| {
            let tally = totals.get(id).copied().unwrap_or_default();
            let link_share = tally.link_chars as f64 / tally.chars.max(1) as f64;
            (*id, score * (1.0 - link_share))
        })
        .filter(|(_, score)| *score >= ARTICLE_MARKS)
        // Ties go to the inner element (made later), whatever the map's order.
        .max_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(id, _)| id)
}

fn tally_of(text: &str, in_link: bool) -> Tally {
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let marks = text.chars().filter(|c| PROSE_MARKS.contains(*c)).count();
    Tally {
        chars,
        link_chars: if in_link { chars } else { 0 },
        marks: if in_link { 0 } else { marks },
    }
}

/// Where the article's headline starts in the page's text: the last element above the
/// article whose whole text is the title (a heading that runs on with a subtitle counts too,
/// and so does the headline of a title that adds the site's name),
/// or else the page's first `<h1>`. `above` are the spans of the elements opened before the
/// article, `article_start` where its text starts.
pub fn headline_start(
    text: &str,
    above: &[Span],
    article_start: usize,
    title: &str,
) -> Option<usize> {
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let title = squeeze(title);
    if title.is_empty() {
        return None;
    }
    // Longer elements cannot be the title: they are not read, so that the cost stays linear.
    let longest = title.len() * 2 + 64;
    let before = above.iter().filter(|span| span.end <= article_start);
    let mut titled = before
        .clone()
        .filter(|span| span.end - span.start <= longest)
        .filter(|span| {
            let found = squeeze(&text[span.start..span.end]);
            let (found_len, title_len) = (found.chars().count(), title.chars().count());
            // The title may run on with a subtitle, or carry the site's name after the headline.
            (found.starts_with(&title) && found_len < title_len * 2)
                || (title.starts_with(&found) && found_len * 2 >= title_len)
        });
    let first_h1 = || {
        before.clone().find(|span| {
            // Its first characters tell whether it has text; an empty one is not read through.
            let mut head = text[span.start..span.end].chars().take(128);
            span.h1 && head.any(|c| !c.is_whitespace())
        })
    };
    titled.next_back().or_else(first_h1).map(|span| span.start)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn text_of(document: &Html, id: NodeId) -> String {
        document
            .tree
            .get(id)
            .unwrap()
            .descendants()
            .filter_map(|d| d.value().as_text().map(|t| t.trim().to_string()))
            .collect()
    }

    pub(crate) const PAGE: &str = "<html><head><title>区政府召开常务会议_某区人民政府</title></head><body>\
        <div class=menu><a href=/>首页</a><a href=/a>政务公开</a><a href=/b>新闻中心，通知公告</a></div>\
        <div class=main><h2>新闻中心</h2><div class=title>区政府召开常务会议</div>\
        <div class=info>发布时间：2024-05-15 来源：区政府办公室</div>\
        <div class=text><p>5月13日，区政府召开第十二次常务会议，传达学习上级会议精神，研究部署近期重点工作。</p>\
        <p>会议指出，要坚持稳中求进，扎实做好各项工作，确保全年目标任务圆满完成。</p>\
        <p>会议强调，各部门要压实责任、狠抓落实，以实干实绩推动高质量发展。</p></div>\
        <div class=related><a href=/1>区领导调研重点项目建设情况，听取汇报</a><br><a href=/2>区政府党组召开会议，传达学习精神</a></div></div>\
        <div class=foot>版权所有：某区人民政府 地址：某路1号</div></body></html>";

    #[test]
    fn the_article_is_the_element_with_the_prose() {
        let document = Html::parse_document(PAGE);
        let body = text_of(&document, article(&document).unwrap());
        assert!(body.starts_with("5月13日"), "{body}");
        assert!(body.ends_with("高质量发展。"), "{body}");
    }

    #[test]
    fn the_headline_is_the_last_element_above_the_article_that_is_the_title() {
        let text = "新闻中心\n区政府召开常务会议\n发布时间：2024-05-15\n5月13日，会议召开。";
        let span = |start: usize, end: usize, h1: bool| Span {
            id: Html::parse_fragment("").root_element().id(),
            start,
            end,
            h1,
        };
        let column = span(0, "新闻中心".len(), true);
        let at = text.find("区政府").unwrap();
        let headline = span(at, at + "区政府召开常务会议".len(), false);
        let article = text.find("5月13日").unwrap();
        let above = [column, headline];
        assert_eq!(
            headline_start(text, &above, article, "区政府召开常务会议"),
            Some(at)
        );
        assert_eq!(
            headline_start(text, &above, article, "区政府召开常务会议-某区门户网"),
            Some(at),
            "a title with the site's name after the headline"
        );
        assert_eq!(
            headline_start(text, &above, article, "别的标题"),
            Some(0),
            "else the first <h1>"
        );
    }

    #[test]
    fn a_page_with_little_prose_has_no_article() {
        let document = Html::parse_document(
            "<html><body><a href=/>首页</a><p>通知公告</p><p>2024-05-15</p></body></html>",
        );
        assert_eq!(article(&document), None);
    }
}
