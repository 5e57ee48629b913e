//! The document format, in one place: front matter between `---` fences, then Markdown in one
//! dialect (every pulldown-cmark option is set in `options()`, so that conversion, rendering
//! and checking parse a document the same way), and what a site lets it put on a page.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What a site lets its items' Markdown put on a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Safety {
    /// Raw HTML as written; otherwise it is shown as text.
    pub allow_html: bool,
    /// Images given as `data:image/…` addresses.
    pub allow_data_images: bool,
}

/// The one place where the Markdown dialect is chosen.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Byte ranges of a document's prose: its text outside code and raw HTML. Neighbouring
/// ranges are merged when only ASCII (which conversion never changes) stands between them,
/// so that phrases split by Markdown syntax still convert as phrases.
pub fn prose_ranges(source: &str) -> Vec<Range<usize>> {
    let mut texts: Vec<Range<usize>> = Vec::new();
    let mut code_depth = 0usize;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_depth += 1,
            Event::End(TagEnd::CodeBlock) => code_depth -= 1,
            Event::Text(_) if code_depth == 0 => texts.push(range),
            // A link's or image's title is prose too (its target is not): the parser gives
            // no range for it, so it is found in the link's source, after the target.
            Event::Start(Tag::Link { title, .. } | Tag::Image { title, .. })
                if !title.is_empty() =>
            {
                if let Some(at) = source[range.clone()].rfind(title.as_ref()) {
                    let start = range.start + at;
                    texts.push(start..start + title.len());
                }
            }
            _ => {}
        }
    }
    texts.sort_by_key(|r| r.start);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for range in texts {
        match ranges.last_mut() {
            Some(last) if last.end <= range.start && source[last.end..range.start].is_ascii() => {
                last.end = range.end
            }
            Some(last) if last.end > range.start => last.end = last.end.max(range.end),
            _ => ranges.push(range),
        }
    }
    ranges
}

/// Splits `---\nfront\n---\nbody`, accepting CRLF line ends. Returns the front matter and body.
/// A link or image of a document, and where it starts.
pub struct LinkAt<'a> {
    pub image: bool,
    pub target: pulldown_cmark::CowStr<'a>,
    /// 0-based line and 1-based column (in characters) in the document.
    pub line: usize,
    pub column: usize,
}

/// Every link and image of a document, in order.
pub fn links(source: &str) -> impl Iterator<Item = LinkAt<'_>> {
    Parser::new_ext(source, options())
        .into_offset_iter()
        .filter_map(move |(event, range)| {
            let (image, target) = match event {
                Event::Start(Tag::Link { dest_url, .. }) => (false, dest_url),
                Event::Start(Tag::Image { dest_url, .. }) => (true, dest_url),
                _ => return None,
            };
            let (line, column) = position(source, range.start);
            Some(LinkAt {
                image,
                target,
                line,
                column,
            })
        })
}

/// (0-based line, 1-based column in characters) of a byte offset.
pub fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count(),
        before[line_start..].chars().count() + 1,
    )
}

pub fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}
