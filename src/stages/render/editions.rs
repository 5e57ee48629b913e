//! The periodical's pages: each edition in full (报头, contents, the items, the closing block
//! of 报、送、发), the editions by year, the links from items, and the editions' Atom feed.

use std::borrow::Cow;
use std::fmt::Write;

use chrono::{NaiveDate, TimeZone};
use serde::Serialize;
use tera::Context;

use super::Renderer;
use super::feeds::escape_xml;
use super::pages::Urls;
use super::views::ItemCard;
use crate::config::editions::Distribution;
use crate::digest::{Key, KeyBuilder};
use crate::stages::index::editions::{EDITIONS_PATH, Edition};
use crate::stages::item::OutputFile;
use crate::text::dates::iso_day;

/// The file name of an edition's PDF, beside its page: `2024-12.pdf`.
pub fn pdf_name(edition: &Edition) -> String {
    format!("{}-{}.pdf", edition.year, edition.number)
}

/// An edition as listed, and as the heading of its own page.
#[derive(Serialize)]
pub(super) struct EditionSummary {
    /// `西区政务简报 2024年第12期（总第391期）`.
    pub(super) title: String,
    /// `2024年第12期`, `113年第12期`, or `总第391期` under running numbering.
    pub(super) number_label: String,
    /// `总第391期`, when the numbering shows both.
    pub(super) running_label: Option<String>,
    pub(super) date_iso: String,
    pub(super) date_display: String,
    pub(super) url: String,
    /// `None` where this build makes no PDFs.
    pub(super) pdf_url: Option<String>,
    /// What a reader's download is named: `西区政务简报2024年第12期.pdf`.
    pub(super) pdf_download: String,
    pub(super) count: usize,
}

/// One item as an edition prints it: in full, with an anchor for the contents.
#[derive(Serialize)]
struct EditionEntry<'a> {
    anchor: String,
    #[serde(flatten)]
    card: ItemCard<'a>,
    content: Cow<'a, str>,
    source: Option<&'a str>,
    author: Option<&'a str>,
}

/// An edition's own page.
#[derive(Serialize)]
struct EditionView<'a> {
    #[serde(flatten)]
    summary: EditionSummary,
    name: &'a str,
    issuer: &'a str,
    entries: Vec<EditionEntry<'a>>,
    distribution: &'a Distribution,
    /// `共印60份`.
    copies_label: Option<String>,
}

/// A year of editions, newest first.
#[derive(Serialize)]
struct EditionYear {
    year: i32,
    label: String,
    editions: Vec<EditionSummary>,
}

/// The edition an item page links to.
#[derive(Serialize)]
pub(super) struct EditionLink {
    pub(super) title: String,
    pub(super) url: String,
}

impl Renderer<'_> {
    fn string(&self, v: usize, key: &str, n: u32) -> String {
        let pattern = self.site_texts[v].strings.get(key).and_then(|s| s.as_str());
        pattern.unwrap_or("{n}").replace("{n}", &n.to_string())
    }

    /// What every list of editions and the edition's page show of it.
    pub(super) fn edition_summary(&self, v: usize, e: usize) -> EditionSummary {
        let edition = &self.index.editions.editions[e];
        let variant = &self.config.variants[v];
        let periodical = self.config.editions.as_ref().expect("editions exist");
        let name = self.site_texts[v]
            .periodical
            .as_ref()
            .map_or("", |p| &p.name);
        let number_label = if periodical.numbering.per_year() {
            format!(
                "{}{}",
                variant.date_style.year(edition.year),
                self.string(v, "edition_number", edition.number)
            )
        } else {
            self.string(v, "edition_running", edition.number)
        };
        let running_label = periodical
            .numbering
            .per_year()
            .then(|| {
                edition
                    .running
                    .map(|r| self.string(v, "edition_running", r))
            })
            .flatten();
        let title = match &running_label {
            Some(running) => format!("{name} {number_label}（{running}）"),
            None => format!("{name} {number_label}"),
        };
        let url = self
            .urls
            .link(&format!("{}/{}", variant.path, edition.path()));
        let day = noon(self.config.timezone, edition.date);
        EditionSummary {
            pdf_url: self
                .print_editions
                .then(|| format!("{url}{}", pdf_name(edition))),
            pdf_download: format!("{name}{number_label}.pdf"),
            title,
            number_label,
            running_label,
            date_iso: iso_day(&edition.date),
            date_display: variant.date_style.date(&day),
            url,
            count: edition.items.len(),
        }
    }

    pub(super) fn insert_edition(&self, context: &mut Context, v: usize, e: usize) {
        let edition = &self.index.editions.editions[e];
        let text = self.site_texts[v]
            .periodical
            .as_ref()
            .expect("editions exist");
        let entries: Vec<EditionEntry> = edition
            .items
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                let rendered = &self.items[i].texts[v];
                EditionEntry {
                    anchor: format!("item-{}", n + 1),
                    card: self.card(v, i),
                    content: rendered.html.text(),
                    source: rendered.source.as_deref(),
                    author: rendered.author.as_deref(),
                }
            })
            .collect();
        let copies = self.config.editions.as_ref().and_then(|p| p.copies);
        context.insert(
            "edition",
            &EditionView {
                summary: self.edition_summary(v, e),
                name: &text.name,
                issuer: &text.issuer,
                entries,
                distribution: &text.distribution,
                copies_label: copies.map(|n| self.string(v, "edition_copies", n)),
            },
        );
    }

    pub(super) fn insert_editions(&self, context: &mut Context, v: usize) {
        let variant = &self.config.variants[v];
        let mut years: Vec<EditionYear> = Vec::new();
        for (e, edition) in self.index.editions.editions.iter().enumerate() {
            if years.last().is_none_or(|y| y.year != edition.year) {
                years.push(EditionYear {
                    year: edition.year,
                    label: variant.date_style.year(edition.year),
                    editions: Vec::new(),
                });
            }
            let summary = self.edition_summary(v, e);
            years.last_mut().expect("pushed").editions.push(summary);
        }
        context.insert("years", &years);
        let name = self.site_texts[v]
            .periodical
            .as_ref()
            .map_or("", |p| &p.name);
        context.insert("name", name);
        context.insert(
            "feed_url",
            &self
                .urls
                .link(&format!("{}/{EDITIONS_PATH}atom.xml", variant.path)),
        );
    }

    /// The editions an item is in, for its page.
    pub(super) fn item_editions(&self, v: usize, i: usize) -> Vec<EditionLink> {
        self.index.editions.of_item[i]
            .iter()
            .map(|&e| {
                let summary = self.edition_summary(v, e);
                EditionLink {
                    title: summary.title,
                    url: summary.url,
                }
            })
            .collect()
    }

    /// What an edition page shows of the editions: its numbers and date; `items` stands for
    /// its items' digests.
    pub(super) fn edition_digest(&self, key: KeyBuilder, e: usize) -> KeyBuilder {
        let edition = &self.index.editions.editions[e];
        key.with(&(edition.year, edition.number, edition.running, edition.date))
            .with(&self.print_editions)
    }

    /// The Atom feed of editions in one variant: an entry per edition, with its contents.
    pub(super) fn editions_feed(&self, v: usize, site_digest: Key) -> OutputFile {
        let variant = &self.config.variants[v];
        let path = format!("{}/{EDITIONS_PATH}atom.xml", variant.path);
        let editions = &self.index.editions.editions;
        let shown = &editions[..editions.len().min(self.config.feed_items)];
        let mut key = KeyBuilder::default().with(&site_digest).with(&path);
        for (e, edition) in shown.iter().enumerate() {
            key = self.edition_digest(key, e);
            for &i in &edition.items {
                key = key.with(&self.items[i].meta.digest);
            }
        }
        let page_url = self
            .urls
            .absolute(&format!("{}/{EDITIONS_PATH}", variant.path));
        let name = self.site_texts[v]
            .periodical
            .as_ref()
            .map_or("", |p| &p.name);
        let updated = shown
            .first()
            .map_or("1970-01-01".into(), |e| e.date.to_string());
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{page_url}atom.xml\" rel=\"self\" type=\"application/atom+xml\"/>\n  <link href=\"{page_url}\" rel=\"alternate\" type=\"text/html\"/>\n  <id>{page_url}</id>\n  <updated>{updated}T00:00:00Z</updated>\n  <author><name>{}</name></author>\n  <generator>bulletin</generator>\n",
            escape_xml(&variant.lang),
            escape_xml(name),
            escape_xml(
                self.site_texts[v]
                    .periodical
                    .as_ref()
                    .map_or("", |p| &p.issuer)
            ),
        );
        for (e, edition) in shown.iter().enumerate() {
            let summary = self.edition_summary(v, e);
            let link = self
                .urls
                .absolute(&format!("{}/{}", variant.path, edition.path()));
            let contents: String = edition
                .items
                .iter()
                .map(|&i| format!("<li>{}</li>", escape_xml(&self.items[i].texts[v].title)))
                .collect();
            let _ = write!(
                out,
                "  <entry>\n    <title>{}</title>\n    <link href=\"{link}\" rel=\"alternate\" type=\"text/html\"/>\n    <id>{link}</id>\n    <published>{date}T00:00:00Z</published>\n    <updated>{date}T00:00:00Z</updated>\n    <content type=\"html\">{}</content>\n  </entry>\n",
                escape_xml(&summary.title),
                escape_xml(&format!("<ol>{contents}</ol>")),
                date = edition.date,
            );
        }
        out.push_str("</feed>\n");
        OutputFile::made(path, key.finish(), out)
    }
}

/// Noon of a day in the site's time zone: a date shown as a date, whatever the zone.
fn noon(timezone: chrono_tz::Tz, date: NaiveDate) -> chrono::DateTime<chrono_tz::Tz> {
    let noon = date.and_hms_opt(12, 0, 0).expect("noon exists");
    timezone
        .from_local_datetime(&noon)
        .earliest()
        .unwrap_or_else(|| timezone.from_utc_datetime(&noon))
}

/// The links of the editions page in a variant, for `site`.
pub(super) fn editions_url(urls: &Urls, prefix: &str) -> String {
    urls.link(&format!("{prefix}/{EDITIONS_PATH}"))
}
