//! What templates see: the site, items, lists and groups of one variant, as serialisable views.

use serde::Serialize;
use std::borrow::Cow;
use tera::Context;

use super::Renderer;
use super::pages::{
    DISCLOSURE_PATH, Page, Urls, item_path, month_path, page_window, paged, year_path,
};
use crate::config::Grouping;
use crate::stages::index::paginate;
use crate::stages::item::Disclosure;
use crate::text::dates::{iso_day, iso_minute};
use crate::text::escape::encode_path;
use crate::text::script::Script;

/// Everything a template may need about the site, in one variant.
#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) lang: &'a str,
    pub(super) script: &'a str,
    pub(super) base_url: &'a str,
    /// Link to this variant's home page.
    pub(super) home_url: String,
    pub(super) archive_url: String,
    pub(super) departments_url: String,
    /// `None` when the site has no columns.
    pub(super) columns_url: Option<String>,
    /// The 信息公开目录, when some item has a disclosure block.
    pub(super) disclosure_url: Option<String>,
    pub(super) contact_url: String,
    pub(super) sitemap_url: String,
    /// `None` when the site has no search.
    pub(super) search_url: Option<String>,
    /// The periodical's editions, when the site has some.
    pub(super) editions_url: Option<String>,
    /// Where the variant's search index is: `/hans/search-index/`.
    pub(super) search_bundle_url: String,
    /// The site's base path, which the index's links are relative to.
    pub(super) base_path: &'a str,
    pub(super) feed_url: String,
    pub(super) static_url: String,
    pub(super) strings: &'a serde_yaml::Mapping,
    pub(super) first_line_indent: bool,
    /// The host of `base_url`, for the `SiteDomain` meta tag.
    pub(super) domain: &'a str,
    /// Open Graph's locale: zh_CN, zh_TW or zh_HK.
    pub(super) og_locale: &'static str,
    pub(super) identity: &'a crate::config::Identity,
    pub(super) icp_url: Option<&'static str>,
    pub(super) police_url: Option<String>,
}

/// A link to the same page in a variant, for the switcher and `hreflang` alternates.
#[derive(Serialize)]
pub(super) struct Alternate<'a> {
    pub(super) lang: &'a str,
    pub(super) label: &'a str,
    pub(super) url: String,
    pub(super) permalink: String,
    pub(super) current: bool,
}

/// A department or a column, as listed and as its page's heading.
#[derive(Serialize)]
pub(super) struct GroupView<'a> {
    pub(super) key: &'a str,
    pub(super) name: &'a str,
    pub(super) url: String,
    pub(super) feed_url: String,
    pub(super) count: usize,
    /// For a column: its type (`news`, `notice`, ...), description and keywords.
    pub(super) kind: Option<&'static str>,
    /// The `ColumnType` meta tag's value: a department's items are 工作动态.
    pub(super) column_type: &'static str,
    pub(super) description: &'a str,
    pub(super) keywords: &'a [String],
}

/// An item as listed on index pages and linked from neighbours.
#[derive(Serialize, Clone)]
pub(super) struct ItemCard<'a> {
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) summary: Cow<'a, str>,
    pub(super) date: String,
    pub(super) date_iso: String,
    pub(super) date_display: String,
    /// `2022-03-26 09:11`, as the `PubDate` meta tag wants it.
    pub(super) pub_date: String,
    pub(super) department: &'a str,
    pub(super) department_url: String,
    pub(super) column: Option<&'a str>,
    pub(super) column_url: Option<String>,
    /// The column's `ColumnType` meta tag value.
    pub(super) column_type: Option<&'static str>,
    pub(super) pinned: bool,
    /// The 政府信息公开 block, in the variant's script.
    pub(super) disclosure: Option<&'a Disclosure>,
    /// The item's first photo, as a thumbnail and a link preview.
    pub(super) image: Option<ImageView<'a>>,
}

/// An item's lead photo: its thumbnail for lists, and its default width for link previews.
#[derive(Serialize, Clone)]
pub(super) struct ImageView<'a> {
    pub(super) thumbnail_url: String,
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) alt: &'a str,
    /// Absolute, for `og:image`, the `Image` meta tag and feeds.
    pub(super) permalink: String,
    pub(super) mime: &'static str,
}

/// One line of an item's 附件 list: `1. 会议纪要.pdf（PDF，235 KB）`.
#[derive(Serialize)]
pub(super) struct AttachmentView<'a> {
    pub(super) name: &'a str,
    pub(super) url: String,
    pub(super) label: &'static str,
    pub(super) size: String,
}

/// A file's size as government sites list it: `235 KB`, `1.4 MB`.
pub(super) fn file_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    match bytes {
        b if b < KB => format!("{b} B"),
        b if b < KB * KB => format!("{} KB", b.div_ceil(KB)),
        b => format!("{:.1} MB", b as f64 / (KB * KB) as f64),
    }
}

/// An item's own page.
#[derive(Serialize)]
pub(super) struct ItemView<'a> {
    #[serde(flatten)]
    pub(super) card: ItemCard<'a>,
    pub(super) content: Cow<'a, str>,
    pub(super) source: Option<&'a str>,
    pub(super) author: Option<&'a str>,
    pub(super) tags: &'a [String],
    pub(super) word_count: usize,
    pub(super) slug: &'a str,
    pub(super) extra: &'a serde_yaml::Mapping,
    pub(super) attachments: Vec<AttachmentView<'a>>,
}

#[derive(Serialize)]
pub(super) struct Pagination {
    pub(super) current: usize,
    pub(super) total: usize,
    pub(super) previous_url: Option<String>,
    pub(super) next_url: Option<String>,
    pub(super) pages: Vec<PageLink>,
}

#[derive(Serialize)]
pub(super) struct PageLink {
    pub(super) number: usize,
    pub(super) url: String,
    pub(super) current: bool,
}

#[derive(Serialize)]
pub(super) struct MonthView {
    pub(super) month: u32,
    pub(super) url: String,
    pub(super) count: usize,
}

#[derive(Serialize)]
pub(super) struct YearView {
    pub(super) year: i32,
    /// `2024年`, or `113年` where the variant writes Republic of China years.
    pub(super) label: String,
    pub(super) url: String,
    pub(super) count: usize,
    pub(super) months: Vec<MonthView>,
}

impl<'a> Renderer<'a> {
    pub(super) fn site_view(&self, v: usize) -> SiteView<'_> {
        let variant = &self.config.variants[v];
        let text = &self.site_texts[v];
        let link = |path: &str| self.urls.link(&format!("{}/{path}", variant.path));
        SiteView {
            title: &text.title,
            description: &text.description,
            lang: &variant.lang,
            script: variant.script.name(),
            base_url: &self.config.base_url,
            home_url: link(""),
            archive_url: link("archive/"),
            departments_url: link("departments/"),
            columns_url: (!self.config.columns.is_empty()).then(|| link("columns/")),
            disclosure_url: (!self.index.disclosed.is_empty()).then(|| link(DISCLOSURE_PATH)),
            contact_url: link("contact/"),
            sitemap_url: link("sitemap/"),
            search_url: self.config.search.then(|| link("search/")),
            editions_url: (!self.index.editions.editions.is_empty())
                .then(|| super::editions::editions_url(self.urls, &variant.path)),
            search_bundle_url: link(&format!("{}/", crate::stages::render::SEARCH_DIR)),
            base_path: &self.urls.base_path,
            feed_url: link("atom.xml"),
            static_url: self.urls.link("static/"),
            strings: &text.strings,
            first_line_indent: self.config.first_line_indent,
            domain: &self.urls.host,
            og_locale: match variant.script {
                Script::HantTw | Script::Hant => "zh_TW",
                Script::HantHk => "zh_HK",
                Script::Hans => "zh_CN",
            },
            identity: &text.identity,
            icp_url: text.identity.icp_url(),
            police_url: text.identity.police_url(),
        }
    }

    pub(super) fn alternates(&self, current: usize, page: &Page) -> Vec<Alternate<'_>> {
        self.config
            .variants
            .iter()
            .enumerate()
            .map(|(v, variant)| Alternate {
                lang: &variant.lang,
                label: &variant.label,
                url: self.urls.link(&Urls::page_path(variant, page)),
                permalink: self.urls.absolute(&Urls::page_path(variant, page)),
                current: v == current,
            })
            .collect()
    }

    pub(super) fn card(&self, v: usize, i: usize) -> ItemCard<'_> {
        let item = &self.items[i];
        let variant = &self.config.variants[v];
        let date = item.meta.date;
        ItemCard {
            title: &item.texts[v].title,
            url: self
                .urls
                .link(&format!("{}/{}", variant.path, item_path(item))),
            summary: item.texts[v].summary.text(),
            date: iso_day(&date),
            date_iso: date.to_rfc3339(),
            date_display: variant.date_style.date_time(&date),
            pub_date: iso_minute(&date),
            department: &self.site_texts[v].departments[item.meta.department],
            department_url: self.group_url(v, Grouping::Department, item.meta.department),
            column: item
                .meta
                .column
                .map(|c| self.site_texts[v].group_name(Grouping::Column, c)),
            column_url: item
                .meta
                .column
                .map(|c| self.group_url(v, Grouping::Column, c)),
            column_type: item.meta.column.map(|c| self.config.columns[c].column_type),
            pinned: item.meta.pinned,
            disclosure: item.texts[v].disclosure.as_deref(),
            image: item.texts[v].lead_image.as_ref().map(|lead| {
                let thumbnail = lead.photo.thumbnail();
                let shown = lead.photo.default_source();
                ImageView {
                    thumbnail_url: self.urls.link(&encode_path(&thumbnail.path)),
                    width: thumbnail.width,
                    height: thumbnail.height,
                    alt: &lead.alt,
                    permalink: self.urls.absolute(&encode_path(&shown.path)),
                    mime: shown.mime,
                }
            }),
        }
    }

    pub(super) fn insert_list(
        &self,
        context: &mut Context,
        v: usize,
        list: &[usize],
        per_page: usize,
        n: usize,
        base: &str,
    ) {
        let pages = paginate(list, per_page);
        let variant = &self.config.variants[v];
        let url = |page: usize| {
            self.urls
                .link(&format!("{}/{}", variant.path, paged(base, page)))
        };
        let cards: Vec<ItemCard> = pages[n].iter().map(|&i| self.card(v, i)).collect();
        context.insert("items", &cards);
        context.insert(
            "pagination",
            &Pagination {
                current: n + 1,
                total: pages.len(),
                previous_url: n.checked_sub(1).map(url),
                next_url: (n + 1 < pages.len()).then(|| url(n + 1)),
                pages: page_window(n, pages.len())
                    .into_iter()
                    .map(|p| PageLink {
                        number: p + 1,
                        url: url(p),
                        current: p == n,
                    })
                    .collect(),
            },
        );
    }

    pub(super) fn years(&self, v: usize) -> Vec<YearView> {
        let variant = &self.config.variants[v];
        let link = |path: String| self.urls.link(&format!("{}/{path}", variant.path));
        self.index
            .years
            .iter()
            .map(|year| YearView {
                year: year.year,
                label: variant.date_style.year(year.year),
                url: link(year_path(year.year)),
                count: year.item_count(),
                months: year
                    .months
                    .iter()
                    .map(|m| MonthView {
                        month: m.month,
                        url: link(month_path(year.year, m.month)),
                        count: m.items.len(),
                    })
                    .collect(),
            })
            .collect()
    }

    /// The link to a department's or column's first page in a variant.
    pub(super) fn group_url(&self, v: usize, grouping: Grouping, group: usize) -> String {
        let prefix = &self.config.variants[v].path;
        let path = self.config.group_path(grouping, group);
        self.urls.link(&format!("{prefix}/{path}"))
    }

    pub(super) fn groups(&self, v: usize, grouping: Grouping) -> Vec<GroupView<'a>> {
        let text = &self.site_texts[v];
        self.index
            .groups(grouping)
            .iter()
            .enumerate()
            .map(|(g, list)| {
                let url = self.group_url(v, grouping, g);
                let column = (grouping == Grouping::Column)
                    .then(|| (&self.config.columns[g], &text.columns[g]));
                GroupView {
                    key: self.config.group_key(grouping, g),
                    name: text.group_name(grouping, g),
                    feed_url: format!("{url}atom.xml"),
                    url,
                    count: list.len(),
                    kind: column.map(|(c, _)| c.kind.name()),
                    column_type: column.map_or("工作动态", |(c, _)| c.column_type),
                    description: column.map_or("", |(_, t)| &t.description),
                    keywords: column.map_or(&[], |(_, t)| &t.keywords),
                }
            })
            .collect()
    }

    /// What an item's page shows: the item, its neighbours, and the policy it interprets or
    /// the interpretations it has.
    pub(super) fn insert_item(&self, context: &mut Context, v: usize, i: usize) {
        let neighbours = self.index.neighbours[i];
        let rendered = &self.items[i].texts[v];
        context.insert("title", &rendered.title);
        context.insert(
            "item",
            &ItemView {
                card: self.card(v, i),
                content: rendered.html.text(),
                source: rendered.source.as_deref(),
                author: rendered.author.as_deref(),
                tags: &rendered.tags,
                word_count: rendered.word_count,
                slug: &self.items[i].meta.slug,
                extra: self.items[i].meta.extra(),
                attachments: self.items[i]
                    .attachments
                    .iter()
                    .map(|a| AttachmentView {
                        name: &a.name,
                        url: self.urls.link(&encode_path(&a.path)),
                        label: a.label,
                        size: file_size(a.size),
                    })
                    .collect(),
            },
        );
        context.insert("newer", &neighbours.newer.map(|n| self.card(v, n)));
        context.insert("older", &neighbours.older.map(|n| self.card(v, n)));
        context.insert(
            "interprets",
            &self.index.interprets[i].map(|n| self.card(v, n)),
        );
        let interpretations: Vec<ItemCard> = self.index.interpreted_by[i]
            .iter()
            .map(|&n| self.card(v, n))
            .collect();
        context.insert("interpretations", &interpretations);
        context.insert("editions", &self.item_editions(v, i));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_are_listed_in_kilobytes_and_megabytes() {
        assert_eq!(super::file_size(900), "900 B");
        assert_eq!(super::file_size(240_000), "235 KB");
        assert_eq!(super::file_size(1_468_006), "1.4 MB");
    }
}
