//! Bytes in whatever encoding an old site used, to text: UTF-8 with or without a BOM,
//! GB18030/GBK and Big5, guessed when there is no BOM; and HTML pages to plain lines.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, GB18030, GBK};
use scraper::{Html, Node};

/// Text decoded from a file, with the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// With LF line ends only.
    pub text: String,
    pub encoding: &'static str,
    /// Whether some bytes were not valid in that encoding (and became U+FFFD).
    pub malformed: bool,
}

/// Decodes a file: a BOM decides, else valid UTF-8 is UTF-8, else chardetng guesses between
/// the legacy encodings (GBK is read as GB18030, its superset).
pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, &bytes[bom_len..]),
        None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
        None => {
            let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guess = detector.guess(None, Utf8Detection::Deny);
            (if guess == GBK { GB18030 } else { guess }, bytes)
        }
    };
    let (text, malformed) = encoding.decode_without_bom_handling(body);
    Decoded {
        text: text.replace("\r\n", "\n").replace('\r', "\n"),
        encoding: encoding.name(),
        malformed,
    }
}

/// Whether text is an HTML page rather than plain text.
pub fn is_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.contains("<html") || head.contains("<body")
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

/// What `collect_text` gathers from the head and the headings.
#[derive(Default)]
struct Heads {
    h1: Option<String>,
    title: Option<String>,
    /// (`name` or `property`, `content`) of each `<meta>`, and `("time", datetime)`.
    metas: Vec<(String, String)>,
    images: Vec<PageImage>,
}

impl Heads {
    fn meta(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|name| {
            self.metas
                .iter()
                .find(|(n, v)| n.eq_ignore_ascii_case(name) && !v.trim().is_empty())
                .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
        })
    }
}

/// The text of an HTML page, block elements on lines of their own, and what it says of itself.
pub fn html_to_text(html: &str) -> (String, PageMeta) {
    let document = Html::parse_document(html);
    let mut out = String::new();
    let mut heads = Heads::default();
    collect_text(*document.root_element(), &mut out, &mut heads);
    let clean = |s: String| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty()).then_some(s)
    };
    // A page title names the site too, `标题_栏目_某区人民政府`: its first part is the item's.
    let title = heads.title.clone().and_then(clean).map(|t| {
        t.split(['_', '|', '｜'])
            .flat_map(|part| part.split(" - "))
            .map(str::trim)
            .find(|part| part.chars().count() >= 4)
            .unwrap_or(&t)
            .to_string()
    });
    let meta = PageMeta {
        title: heads
            .meta(&["ArticleTitle", "og:title"])
            .or_else(|| heads.h1.clone().and_then(clean))
            .or(title),
        date: heads.meta(&["PubDate", "article:published_time", "time"]),
        source: heads.meta(&["ContentSource"]),
        url: heads.meta(&["canonical", "og:url", "Url"]),
        images: heads.images,
    };
    (out, meta)
}

/// Elements whose text is never content.
const SKIPPED: [&str; 8] = [
    "script", "style", "noscript", "nav", "select", "button", "iframe", "template",
];

/// Elements that start a new line.
const BLOCKS: [&str; 24] = [
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

fn collect_text(node: ego_tree::NodeRef<'_, Node>, out: &mut String, heads: &mut Heads) {
    for child in node.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(element) => {
                let name = element.name();
                let text_of = || {
                    child
                        .descendants()
                        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                        .collect::<String>()
                };
                match name {
                    "title" => {
                        heads.title.get_or_insert_with(text_of);
                        continue;
                    }
                    "link"
                        if element
                            .attr("rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                    {
                        if let Some(href) = element.attr("href") {
                            heads.metas.push(("canonical".into(), href.to_string()));
                        }
                        continue;
                    }
                    "meta" => {
                        let key = element.attr("name").or(element.attr("property"));
                        if let (Some(key), Some(content)) = (key, element.attr("content")) {
                            heads.metas.push((key.to_string(), content.to_string()));
                        }
                        continue;
                    }
                    "time" => {
                        if let Some(when) = element.attr("datetime") {
                            heads.metas.push(("time".into(), when.to_string()));
                        }
                    }
                    "img" => {
                        if let Some(src) = element.attr("src").filter(|s| !s.trim().is_empty()) {
                            heads.images.push(page_image(child, src, out));
                        }
                        continue;
                    }
                    _ => {}
                }
                if SKIPPED.contains(&name) || name == "head" {
                    if name == "head" {
                        collect_text(child, &mut String::new(), heads);
                    }
                    continue;
                }
                if name == "h1" && heads.h1.as_deref().is_none_or(|h| h.trim().is_empty()) {
                    heads.h1 = Some(text_of());
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push('\n');
                }
                collect_text(child, out, heads);
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// An image with its text alternative, its figure's caption and the text before it.
fn page_image(node: ego_tree::NodeRef<'_, Node>, src: &str, before: &str) -> PageImage {
    let text_of = |n: ego_tree::NodeRef<'_, Node>| {
        n.descendants()
            .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let caption = node
        .ancestors()
        .find(|a| a.value().as_element().is_some_and(|e| e.name() == "figure"))
        .and_then(|figure| {
            figure.descendants().find(|d| {
                d.value()
                    .as_element()
                    .is_some_and(|e| e.name() == "figcaption")
            })
        })
        .map(text_of)
        .filter(|c| !c.is_empty());
    let alt = node
        .value()
        .as_element()
        .and_then(|e| e.attr("alt").or(e.attr("title")))
        .unwrap_or_default();
    let tail: Vec<char> = before.trim_end().chars().collect();
    PageImage {
        src: src.trim().to_string(),
        alt: alt.split_whitespace().collect::<Vec<_>>().join(" "),
        caption,
        after_text: tail[tail.len().saturating_sub(40)..].iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "濠江區建設局供稿，二〇〇九年八月十二日。\n";

    #[test]
    fn legacy_encodings_are_recognised() {
        let (gbk, _, _) =
            GBK.encode("濠江区建设系统迅速掀起加速崛起真抓实干工作热潮，全体干部职工反应强烈。");
        let decoded = decode(&gbk);
        assert_eq!(decoded.encoding, "gb18030");
        assert!(decoded.text.starts_with("濠江区建设系统"));

        let (big5, _, _) = encoding_rs::BIG5
            .encode("濠江區建設系統迅速掀起加速崛起真抓實幹工作熱潮，全體幹部職工反應強烈。");
        let decoded = decode(&big5);
        assert_eq!(decoded.encoding, "Big5");
        assert!(decoded.text.starts_with("濠江區建設系統"));
    }

    #[test]
    fn boms_and_line_ends() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(TEXT.replace('\n', "\r\n").as_bytes());
        assert_eq!(decode(&bytes).text, TEXT);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).encoding, "UTF-16LE");
        assert_eq!(decode(&utf16).text, TEXT);
    }

    #[test]
    fn html_pages_become_lines_with_their_heading() {
        let html = "<!DOCTYPE html><html><head><title>站名 - 標題</title><script>var x=1;</script></head>\
            <body><nav>首頁 > 新聞</nav><h1>濠江區建設系統</h1><div class=c><p>第一段，\n續。</p><p>第二段<br>第三行</p></div></body></html>";
        assert!(is_html(html));
        let (text, meta) = html_to_text(html);
        assert_eq!(meta.title.as_deref(), Some("濠江區建設系統"));
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            ["濠江區建設系統", "第一段，", "續。", "第二段", "第三行"]
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
}
