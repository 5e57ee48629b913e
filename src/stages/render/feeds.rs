//! Stage 5, continued: the Atom feeds. They are written here rather than by templates because
//! their format is fixed by a standard.

use std::fmt::Write;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Grouping;
use crate::digest::{Key, KeyBuilder};
use crate::error::Result;
use crate::stages::index::SiteIndex;
use crate::stages::item::{FileSink, RenderedItem};
use crate::stages::render::MadeFiles;
use crate::stages::render::{SiteInputs, Urls, item_path};

pub use crate::text::escape::escape_xml;

/// One Atom feed: the page it follows and the entries it lists.
struct Feed<'a> {
    variant: usize,
    /// The variant's URL prefix, e.g. `hans`.
    prefix: &'a str,
    lang: &'a str,
    /// The followed page's path below the prefix, e.g. `departments/jianshe/`.
    path: String,
    title: String,
    /// The feed's author: Atom requires one, and the publishing office is it.
    site_title: &'a str,
    entries: &'a [usize],
}

/// The feeds stage: one Atom feed per variant, and one per department and per column in each
/// variant, handed to `sink`. A feed whose entries are the same as in the last build is not
/// rendered again: it is reused from `previous`, or kept in `sink` if still there.
pub fn render_feeds(
    site: &SiteInputs,
    index: &SiteIndex,
    previous: &MadeFiles,
    sink: &mut dyn FileSink,
) -> Result<()> {
    let feeds = site_feeds(site, index);
    let urls = Urls::new(&site.config.base_url);
    let offered: Vec<(String, Key)> = (feeds.iter())
        .filter(|(_, _, made_from)| previous.reusable(*made_from).is_none())
        .map(|(_, path, made_from)| (path.clone(), *made_from))
        .collect();
    let kept: std::collections::HashSet<&str> = (offered.iter())
        .zip(sink.keep_each(&offered))
        .filter(|(_, kept)| *kept)
        .map(|((path, _), _)| path.as_str())
        .collect();
    // Made on every thread: a feed holds whole items, and the feeds of every department and
    // column were a serial tenth of a first build's end.
    let files = (feeds.par_iter())
        .filter(|(_, path, _)| !kept.contains(path.as_str()))
        .map(|(feed, path, made_from)| {
            let atom = || atom(&urls, feed, site.items, feed.variant);
            previous.make(path.clone(), *made_from, atom)
        })
        .collect();
    sink.put(files)
}

/// Every feed of the site in every variant, with its file's path and the digest of what it
/// shows.
fn site_feeds<'a>(site: &SiteInputs<'a>, index: &'a SiteIndex) -> Vec<(Feed<'a>, String, Key)> {
    let SiteInputs {
        config,
        texts: site_texts,
        items,
        ..
    } = *site;
    let newest = |list: &[usize]| list.len().min(config.feed_items);
    let mut files = Vec::new();
    for (v, variant) in config.variants.iter().enumerate() {
        let text = &site_texts[v];
        let mut feeds = vec![Feed {
            variant: v,
            prefix: &variant.path,
            lang: &variant.lang,
            path: String::new(),
            title: text.title.clone(),
            site_title: &text.title,
            entries: &index.newest_first[..newest(&index.newest_first)],
        }];
        for grouping in Grouping::ALL {
            for (g, list) in index.groups(grouping).iter().enumerate() {
                feeds.push(Feed {
                    variant: v,
                    prefix: &variant.path,
                    lang: &variant.lang,
                    path: config.group_path(grouping, g),
                    title: format!("{} · {}", text.group_name(grouping, g), text.title),
                    site_title: &text.title,
                    entries: &list[..newest(list)],
                });
            }
        }
        for feed in feeds {
            let entries: Vec<Key> = feed.entries.iter().map(|&i| items[i].meta.digest).collect();
            let path = format!("{}/{}atom.xml", feed.prefix, feed.path);
            let made_from = KeyBuilder::default()
                .with(&site.digest)
                .with(&path)
                .with(&entries)
                .finish();
            files.push((feed, path, made_from));
        }
    }
    files
}

fn atom(urls: &Urls, feed: &Feed, items: &[Arc<RenderedItem>], v: usize) -> String {
    let page_url = urls.absolute(&format!("{}/{}", feed.prefix, feed.path));
    // The newest entry's date, so that an unchanged site gives an unchanged feed.
    let updated = feed
        .entries
        .iter()
        .map(|&i| items[i].meta.date)
        .max()
        .map_or_else(
            || "1970-01-01T00:00:00+00:00".to_string(),
            |d| d.to_rfc3339(),
        );
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n  <id>{}</id>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n  <generator>bulletin</generator>\n",
        escape_xml(feed.lang),
        escape_xml(&feed.title),
        escape_xml(&format!("{page_url}atom.xml")),
        escape_xml(&page_url),
        escape_xml(&page_url),
        escape_xml(feed.site_title),
    );
    for &i in feed.entries {
        let item = &items[i];
        let text = &item.texts[v];
        let link = urls.absolute(&format!("{}/{}", feed.prefix, item_path(item)));
        let date = item.meta.date.to_rfc3339();
        let _ = write!(
            out,
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n    <id>{}</id>\n    <published>{date}</published>\n    <updated>{date}</updated>\n",
            escape_xml(&text.title),
            escape_xml(&link),
            escape_xml(&link),
        );
        if let Some(lead) = &text.lead_image {
            let shown = lead.photo.default_source();
            let _ = writeln!(
                out,
                "    <link rel=\"enclosure\" type=\"{}\" href=\"{}\"/>",
                shown.mime,
                escape_xml(&urls.absolute(&crate::text::escape::encode_path(&shown.path)))
            );
        }
        if let Some(author) = &text.author {
            let _ = writeln!(
                out,
                "    <author><name>{}</name></author>",
                escape_xml(author)
            );
        }
        let _ = write!(
            out,
            "    <summary>{}</summary>\n    <content type=\"html\">{}</content>\n  </entry>\n",
            escape_xml(&text.summary.text()),
            escape_xml(&text.html.text()),
        );
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape_xml(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(escape_xml("濠江区"), "濠江区");
        assert_eq!(escape_xml("甲\u{0}乙\u{1b}\t"), "甲乙\t");
    }
}
