//! Stage 5, continued: `sitemap.xml` and `robots.txt`. The sitemap protocol allows 50,000
//! addresses and 50 MB in one file, so a site with more gets a sitemap index at `sitemap.xml`
//! and its addresses in parts (`sitemap-1.xml`, …), each within both limits, as Zola does.

use std::fmt::Write;
use std::sync::Arc;

use chrono::DateTime;
use chrono_tz::Tz;
use rayon::prelude::*;

use crate::config::{Config, MAX_SITEMAP_URLS};
use crate::digest::KeyBuilder;
use crate::stages::item::{OutputFile, RenderedItem};
use crate::stages::render::MadeFiles;
use crate::stages::render::{Page, PageKind, SiteInputs, Urls};
use crate::text::escape::escape_xml;

/// The protocol's limit on one sitemap file's size, uncompressed.
const MAX_SITEMAP_BYTES: usize = 50 * 1024 * 1024;

const URLSET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_TAIL: &str = "</urlset>\n";

/// `sitemap.xml` (a sitemap, or an index of parts when the site has more addresses than one
/// file may hold), with every page's alternates in the other variants, and `robots.txt`. A file
/// is reused when none of its pages was added, removed or redated.
pub fn render_sitemap(site: &SiteInputs, pages: &[Page], previous: &MadeFiles) -> Vec<OutputFile> {
    let SiteInputs { config, items, .. } = *site;
    let urls = Urls::new(&config.base_url);
    let per_file = config.limits.sitemap_urls.clamp(1, MAX_SITEMAP_URLS);
    let entries = entries(config, &urls, pages, items);
    let parts = split(&entries, per_file, MAX_SITEMAP_BYTES);
    let mut files = Vec::new();
    if parts.len() <= 1 {
        files.push(part_file(site, previous, "sitemap.xml", &entries));
    } else {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (n, part) in parts.iter().enumerate() {
            let name = format!("sitemap-{}.xml", n + 1);
            let _ = write!(
                index,
                "  <sitemap>\n    <loc>{}</loc>\n",
                escape_xml(&urls.absolute(&name))
            );
            if let Some(latest) = part.iter().filter_map(|e| e.lastmod).max() {
                let _ = writeln!(
                    index,
                    "    <lastmod>{}</lastmod>",
                    latest.format("%Y-%m-%d")
                );
            }
            index.push_str("  </sitemap>\n");
            files.push(part_file(site, previous, &name, part));
        }
        index.push_str("</sitemapindex>\n");
        files.push(OutputFile::copied("sitemap.xml", index));
    }
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls.absolute("sitemap.xml")
    );
    files.push(OutputFile::copied("robots.txt", robots));
    files
}

/// One `<url>` of the sitemap: a page in one variant, written out, and its date if it has one.
struct Entry {
    xml: String,
    lastmod: Option<DateTime<Tz>>,
}

/// Every page in every variant, in the pages' order.
fn entries(
    config: &Config,
    urls: &Urls,
    pages: &[Page],
    items: &[Arc<RenderedItem>],
) -> Vec<Entry> {
    let shown = pages.par_iter().filter(|p| p.kind != PageKind::NotFound);
    let per_page = shown.map(|page| {
        let lastmod = match page.kind {
            PageKind::Item(i) => Some(items[i].meta.date),
            _ => None,
        };
        // Each variant's address, once: every entry of the page lists them all.
        let addresses: Vec<String> = (config.variants.iter())
            .map(|variant| escape_xml(&urls.absolute(&Urls::page_path(variant, page))))
            .collect();
        let mut alternates = String::new();
        for (variant, address) in config.variants.iter().zip(&addresses) {
            let _ = writeln!(
                alternates,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{address}\"/>",
                escape_xml(&variant.lang),
            );
        }
        let lastmod_line =
            lastmod.map(|date| format!("    <lastmod>{}</lastmod>\n", date.format("%Y-%m-%d")));
        addresses
            .iter()
            .map(|address| {
                let xml = format!(
                    "  <url>\n    <loc>{address}</loc>\n{}{alternates}  </url>\n",
                    lastmod_line.as_deref().unwrap_or_default()
                );
                Entry { xml, lastmod }
            })
            .collect::<Vec<Entry>>()
    });
    let per_page: Vec<Vec<Entry>> = per_page.collect();
    per_page.into_iter().flatten().collect()
}

/// The entries in runs that each fit one file: at most `per_file` entries and `max_bytes`
/// bytes with the file's head and tail. Always at least one run, empty for an empty site.
fn split(entries: &[Entry], per_file: usize, max_bytes: usize) -> Vec<&[Entry]> {
    let frame = URLSET_HEAD.len() + URLSET_TAIL.len();
    let mut parts = Vec::new();
    let (mut start, mut bytes) = (0, frame);
    for (i, entry) in entries.iter().enumerate() {
        let full = i - start == per_file || bytes + entry.xml.len() > max_bytes;
        if full && i > start {
            parts.push(&entries[start..i]);
            (start, bytes) = (i, frame);
        }
        bytes += entry.xml.len();
    }
    parts.push(&entries[start..]);
    parts
}

/// One sitemap file of `entries`, reused when its addresses and dates are those of before.
fn part_file(site: &SiteInputs, previous: &MadeFiles, name: &str, entries: &[Entry]) -> OutputFile {
    let made_from = entries
        .iter()
        .fold(
            KeyBuilder::default().with(&site.digest).with(name),
            |key, entry| key.with(&entry.xml),
        )
        .finish();
    previous.make(name.into(), made_from, || {
        let size = entries.iter().map(|e| e.xml.len()).sum::<usize>();
        let mut out = String::with_capacity(URLSET_HEAD.len() + size + URLSET_TAIL.len());
        out.push_str(URLSET_HEAD);
        for entry in entries {
            out.push_str(&entry.xml);
        }
        out.push_str(URLSET_TAIL);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(sizes: &[usize]) -> Vec<Entry> {
        sizes
            .iter()
            .map(|&n| Entry {
                xml: "x".repeat(n),
                lastmod: None,
            })
            .collect()
    }

    #[test]
    fn parts_hold_at_most_the_count_and_the_bytes_allowed() {
        let all = entries(&[10; 7]);
        let lengths = |parts: Vec<&[Entry]>| parts.iter().map(|p| p.len()).collect::<Vec<_>>();
        assert_eq!(lengths(split(&all, 3, usize::MAX)), [3, 3, 1]);
        assert_eq!(lengths(split(&all, 7, usize::MAX)), [7]);
        let frame = URLSET_HEAD.len() + URLSET_TAIL.len();
        assert_eq!(lengths(split(&all, 100, frame + 25)), [2, 2, 2, 1]);
        assert_eq!(lengths(split(&[], 3, usize::MAX)), [0]);
        // An entry too large for any file still gets a file of its own.
        assert_eq!(
            lengths(split(&entries(&[5, 50, 5]), 10, frame + 20)),
            [1, 1, 1]
        );
    }
}
