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
use crate::error::Result;
use crate::stages::item::{OutputFile, RenderedItem};
use crate::stages::render::MadeFiles;
use crate::stages::render::{Page, PageKind, SiteInputs, Urls};
use crate::text::dates::iso_day;
use crate::text::escape::escape_xml;

/// The protocol's limit on one sitemap file's size, uncompressed.
const MAX_SITEMAP_BYTES: usize = 50 * 1024 * 1024;

const URLSET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_TAIL: &str = "</urlset>\n";

/// `sitemap.xml` (a sitemap, or an index of parts when the site has more addresses than one
/// file may hold), with every page's alternates in the other variants, and `robots.txt`, handed
/// to `emit` a part at a time. A file is reused when none of its pages was added, removed or
/// redated.
pub fn render_sitemap(
    site: &SiteInputs,
    pages: &[Page],
    previous: &MadeFiles,
    emit: &mut dyn FnMut(Vec<OutputFile>) -> Result<()>,
) -> Result<()> {
    let SiteInputs { config, items, .. } = *site;
    let urls = Urls::new(&config.base_url);
    let per_file = config.limits.sitemap_urls.clamp(1, MAX_SITEMAP_URLS);
    let mut parts = Parts::new(per_file, MAX_SITEMAP_BYTES);
    let mut files = PartFiles {
        site,
        previous,
        urls: &urls,
        emit,
        held: None,
        parts: 0,
        index: String::new(),
    };
    let shown: Vec<&Page> = (pages.iter())
        .filter(|p| p.kind != PageKind::NotFound)
        .collect();
    // Written out in parallel a window at a time, then copied into their parts: no more
    // than a window's entries and a part are held (a million items make 2,300,000 entries).
    for window in shown.chunks(PAGES_AT_ONCE) {
        let written: Vec<Entries> = window
            .par_chunks(PAGES_A_TASK)
            .map(|pages| entries(config, &urls, pages, items))
            .collect();
        for entries in &written {
            parts.add(entries);
        }
        for part in std::mem::take(&mut parts.done) {
            files.add(part)?;
        }
    }
    for part in parts.finish() {
        files.add(part)?;
    }
    files.finish()?;
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls.absolute("sitemap.xml")
    );
    emit(vec![OutputFile::copied("robots.txt", robots)])
}

/// The sitemap's files as its parts are done: a lone part is `sitemap.xml` itself; else each
/// is `sitemap-N.xml`, listed in `sitemap.xml`. The first part is held until a second one
/// shows which it is.
struct PartFiles<'a, 'e> {
    site: &'a SiteInputs<'a>,
    previous: &'a MadeFiles,
    urls: &'a Urls,
    emit: &'e mut dyn FnMut(Vec<OutputFile>) -> Result<()>,
    held: Option<Part>,
    parts: usize,
    /// The `<sitemap>` entries of the index.
    index: String,
}

impl PartFiles<'_, '_> {
    fn add(&mut self, part: Part) -> Result<()> {
        self.parts += 1;
        match self.parts {
            1 => self.held = Some(part),
            2 => {
                let first = self.held.take().expect("held as the first");
                self.numbered(1, first)?;
                self.numbered(2, part)?;
            }
            n => self.numbered(n, part)?,
        }
        Ok(())
    }

    fn numbered(&mut self, n: usize, part: Part) -> Result<()> {
        let name = format!("sitemap-{n}.xml");
        let _ = write!(
            self.index,
            "  <sitemap>\n    <loc>{}</loc>\n",
            escape_xml(&self.urls.absolute(&name))
        );
        if let Some(latest) = part.latest {
            let _ = writeln!(self.index, "    <lastmod>{}</lastmod>", iso_day(&latest));
        }
        self.index.push_str("  </sitemap>\n");
        let file = part_file(self.site, self.previous, &name, part);
        (self.emit)(vec![file])
    }

    fn finish(mut self) -> Result<()> {
        if let Some(lone) = self.held.take() {
            let file = part_file(self.site, self.previous, "sitemap.xml", lone);
            return (self.emit)(vec![file]);
        }
        let index = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{}</sitemapindex>\n",
            self.index
        );
        (self.emit)(vec![OutputFile::copied("sitemap.xml", index)])
    }
}

/// Pages whose entries are written out before they go into parts.
const PAGES_AT_ONCE: usize = 16 * 1024;
/// Pages one task writes out.
const PAGES_A_TASK: usize = 512;

/// `<url>` entries written out one after another, each with its length and date.
#[derive(Default)]
struct Entries {
    xml: String,
    each: Vec<(usize, Option<DateTime<Tz>>)>,
}

impl Entries {
    /// Ends the entry begun where the last one ended.
    fn close(&mut self, start: usize, lastmod: Option<DateTime<Tz>>) {
        self.each.push((self.xml.len() - start, lastmod));
    }
}

/// The entries of `pages` in every variant, in the pages' order: a page's address in each
/// variant, each listing them all as alternates.
fn entries(config: &Config, urls: &Urls, pages: &[&Page], items: &[Arc<RenderedItem>]) -> Entries {
    let mut entries = Entries::default();
    let mut alternates = String::new();
    for page in pages {
        let lastmod = match page.kind {
            PageKind::Item(i) => Some(items[i].meta.date),
            _ => None,
        };
        let addresses: Vec<String> = (config.variants.iter())
            .map(|variant| escape_xml(&urls.absolute(&Urls::page_path(variant, page))))
            .collect();
        alternates.clear();
        for (variant, address) in config.variants.iter().zip(&addresses) {
            let _ = writeln!(
                alternates,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{address}\"/>",
                escape_xml(&variant.lang),
            );
        }
        for address in &addresses {
            let start = entries.xml.len();
            let _ = write!(entries.xml, "  <url>\n    <loc>{address}</loc>\n");
            if let Some(date) = lastmod {
                let _ = writeln!(entries.xml, "    <lastmod>{}</lastmod>", iso_day(&date));
            }
            entries.xml.push_str(&alternates);
            entries.xml.push_str("  </url>\n");
            entries.close(start, lastmod);
        }
    }
    entries
}

/// One file's entries, framed, with how many they are and the latest date among them.
struct Part {
    xml: String,
    entries: usize,
    latest: Option<DateTime<Tz>>,
}

/// Entries put into parts that each fit one file: at most `per_file` entries and `max_bytes`
/// bytes with the file's head and tail. Always at least one part, empty for an empty site; an
/// entry too large for any file gets a part of its own.
struct Parts {
    per_file: usize,
    max_bytes: usize,
    done: Vec<Part>,
    open: Part,
}

impl Parts {
    fn new(per_file: usize, max_bytes: usize) -> Self {
        Parts {
            per_file,
            max_bytes,
            done: Vec::new(),
            open: Part::empty(),
        }
    }

    fn add(&mut self, entries: &Entries) {
        let mut at = 0;
        for &(len, lastmod) in &entries.each {
            let open = &self.open;
            let full = open.entries == self.per_file
                || open.xml.len() + len + URLSET_TAIL.len() > self.max_bytes;
            if full && open.entries > 0 {
                let done = std::mem::replace(&mut self.open, Part::empty());
                self.done.push(done.closed());
            }
            self.open.xml.push_str(&entries.xml[at..at + len]);
            self.open.latest = self.open.latest.max(lastmod);
            self.open.entries += 1;
            at += len;
        }
    }

    /// The parts not yet taken from `done`, the last one closed.
    fn finish(mut self) -> Vec<Part> {
        self.done.push(self.open.closed());
        self.done
    }
}

impl Part {
    fn empty() -> Self {
        Part {
            xml: URLSET_HEAD.to_string(),
            entries: 0,
            latest: None,
        }
    }

    fn closed(mut self) -> Self {
        // Its slack goes when it becomes a file (`MadeFiles::make`).
        self.xml.push_str(URLSET_TAIL);
        self
    }
}

/// One sitemap file, reused when its addresses and dates are those of before.
fn part_file(site: &SiteInputs, previous: &MadeFiles, name: &str, part: Part) -> OutputFile {
    let made_from = KeyBuilder::default()
        .with(&site.digest)
        .with(name)
        .with(&part.xml)
        .finish();
    previous.make(name.into(), made_from, || part.xml)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries of the given lengths, given in two runs, put into parts: how many each holds.
    fn part_lengths(sizes: &[usize], per_file: usize, max_bytes: usize) -> Vec<usize> {
        let run = |sizes: &[usize]| {
            let mut entries = Entries::default();
            for &n in sizes {
                entries.xml.push_str(&"x".repeat(n));
                entries.close(entries.xml.len() - n, None);
            }
            entries
        };
        let (first, second) = sizes.split_at(sizes.len() / 2);
        let mut parts = Parts::new(per_file, max_bytes);
        parts.add(&run(first));
        parts.add(&run(second));
        let parts = parts.finish();
        let frame = URLSET_HEAD.len() + URLSET_TAIL.len();
        let bytes: usize = parts.iter().map(|p| p.xml.len() - frame).sum();
        assert_eq!(bytes, sizes.iter().sum::<usize>());
        parts.iter().map(|p| p.entries).collect()
    }

    #[test]
    fn parts_hold_at_most_the_count_and_the_bytes_allowed() {
        let frame = URLSET_HEAD.len() + URLSET_TAIL.len();
        assert_eq!(part_lengths(&[10; 7], 3, usize::MAX), [3, 3, 1]);
        assert_eq!(part_lengths(&[10; 7], 7, usize::MAX), [7]);
        assert_eq!(part_lengths(&[10; 7], 100, frame + 25), [2, 2, 2, 1]);
        assert_eq!(part_lengths(&[], 3, usize::MAX), [0]);
        // An entry too large for any file still gets a file of its own.
        assert_eq!(part_lengths(&[5, 50, 5], 10, frame + 20), [1, 1, 1]);
    }
}
