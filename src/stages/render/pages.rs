//! The site's pages and where they go: what each page shows (`PageKind`), its path in every
//! variant, the URL arithmetic under a base path, and pagination.

use std::sync::Arc;

use crate::config::{Config, Grouping, Variant};
use crate::stages::index::editions::EDITIONS_PATH;
use crate::stages::index::{SiteIndex, paginate};
use crate::stages::item::RenderedItem;

/// The directory of a variant's index, below its prefix: `hans/search-index/`.
pub const SEARCH_DIR: &str = "search-index";

/// What a page shows. Positions refer to `SiteIndex` and the item list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home {
        page: usize,
    },
    Item(usize),
    Archive,
    Year {
        year: usize,
    },
    Month {
        year: usize,
        month: usize,
        page: usize,
    },
    /// The list of departments, or of columns.
    Groups(Grouping),
    /// One department's or column's items.
    Group {
        grouping: Grouping,
        group: usize,
        page: usize,
    },
    /// 信息公开目录: the items with a disclosure block, by 索引号.
    Disclosure {
        page: usize,
    },
    /// 联系我们: who runs the site and how to reach them, from `identity:`.
    Contact,
    /// 网站地图: the site's structure as a page for readers (beside `sitemap.xml` for robots).
    SiteMap,
    /// The search page, over the variant's index (`search`).
    Search,
    /// The periodical's editions by year.
    Editions,
    /// One edition in full.
    Edition(usize),
    NotFound,
}

/// One page of the site, in no particular variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub kind: PageKind,
    /// The page's path below the variant prefix: `""`, `"2022/03/slug/"`, `"404.html"`.
    pub path: String,
}

impl Page {
    /// The output file of this page in a variant, relative to the output directory.
    pub fn file(&self, variant: &Variant) -> String {
        if self.path.ends_with(".html") {
            format!("{}/{}", variant.path, self.path)
        } else {
            format!("{}/{}index.html", variant.path, self.path)
        }
    }
}

/// Site-wide URL arithmetic: `base_url` may carry a path (`https://host/bulletin/`).
#[derive(Debug, Clone)]
pub struct Urls {
    /// `https://host/bulletin/`
    pub base_url: String,
    /// `/bulletin/`
    pub base_path: String,
    /// `host`, for the `SiteDomain` meta tag.
    pub host: String,
}

impl Urls {
    pub fn new(base_url: &str) -> Self {
        let (host, base_path) = crate::site::host_and_base_path(base_url);
        Urls {
            base_url: base_url.to_string(),
            base_path: base_path.to_string(),
            host: host.to_string(),
        }
    }

    /// A site path as a link: `/bulletin/hans/2022/`.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    /// A site path as an absolute URL for feeds and sitemaps.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The path of a page in a variant: `hans/2022/03/slug/`.
    pub fn page_path(variant: &Variant, page: &Page) -> String {
        format!("{}/{}", variant.path, page.path)
    }
}

pub fn item_path(item: &RenderedItem) -> &str {
    &item.meta.url_path
}

/// A paginated list's path for page `page` (0-based).
pub fn paged(base: &str, page: usize) -> String {
    if page == 0 {
        base.to_string()
    } else {
        format!("{base}page/{}/", page + 1)
    }
}

pub fn year_path(year: i32) -> String {
    format!("{year:04}/")
}

pub fn month_path(year: i32, month: u32) -> String {
    format!("{year:04}/{month:02}/")
}

/// The path of the 信息公开目录.
pub const DISCLOSURE_PATH: &str = "disclosure/";

/// How many pages either side of the current one the pagination bar links.
pub const PAGE_WINDOW: usize = 2;

/// The pages a pagination bar links (0-based): the first, the last, and a few either side of
/// the current one. Linking every page would make a list of 5,000 pages quadratic to build and
/// useless to read.
pub fn page_window(current: usize, total: usize) -> Vec<usize> {
    let around = current.saturating_sub(PAGE_WINDOW)..(current + PAGE_WINDOW + 1).min(total);
    let mut pages: Vec<usize> = std::iter::once(0)
        .chain(around)
        .chain(total.checked_sub(1))
        .collect();
    pages.dedup();
    pages
}

/// Every page of the site, in a fixed order.
pub fn site_pages(config: &Config, items: &[Arc<RenderedItem>], index: &SiteIndex) -> Vec<Page> {
    let mut pages = Vec::new();
    // A list's pages: its first at `base`, the others at `base` + `page/N/`.
    let list =
        |pages: &mut Vec<Page>, list: &[usize], base: &str, kind: &dyn Fn(usize) -> PageKind| {
            for page in 0..paginate(list, config.items_per_page).len() {
                pages.push(Page {
                    kind: kind(page),
                    path: paged(base, page),
                });
            }
        };
    let one = |pages: &mut Vec<Page>, kind: PageKind, path: &str| {
        pages.push(Page {
            kind,
            path: path.into(),
        })
    };
    list(&mut pages, &index.home, "", &|page| PageKind::Home { page });
    for &i in &index.newest_first {
        one(&mut pages, PageKind::Item(i), item_path(&items[i]));
    }
    one(&mut pages, PageKind::Archive, "archive/");
    for (y, year) in index.years.iter().enumerate() {
        one(
            &mut pages,
            PageKind::Year { year: y },
            &year_path(year.year),
        );
        for (m, month) in year.months.iter().enumerate() {
            let base = month_path(year.year, month.month);
            list(&mut pages, &month.items, &base, &|page| PageKind::Month {
                year: y,
                month: m,
                page,
            });
        }
    }
    one(
        &mut pages,
        PageKind::Groups(Grouping::Department),
        "departments/",
    );
    if !config.columns.is_empty() {
        one(&mut pages, PageKind::Groups(Grouping::Column), "columns/");
    }
    if !index.disclosed.is_empty() {
        list(&mut pages, &index.disclosed, DISCLOSURE_PATH, &|page| {
            PageKind::Disclosure { page }
        });
    }
    if !index.editions.editions.is_empty() {
        one(&mut pages, PageKind::Editions, EDITIONS_PATH);
        for (e, edition) in index.editions.editions.iter().enumerate() {
            one(&mut pages, PageKind::Edition(e), &edition.path());
        }
    }
    one(&mut pages, PageKind::Contact, "contact/");
    one(&mut pages, PageKind::SiteMap, "sitemap/");
    if config.search {
        one(&mut pages, PageKind::Search, "search/");
    }
    for grouping in Grouping::ALL {
        for (group, group_items) in index.groups(grouping).iter().enumerate() {
            let base = config.group_path(grouping, group);
            list(&mut pages, group_items, &base, &|page| PageKind::Group {
                grouping,
                group,
                page,
            });
        }
    }
    one(&mut pages, PageKind::NotFound, "404.html");
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_respect_a_base_path() {
        let urls = Urls::new("https://example.org/bulletin/");
        assert_eq!(urls.base_path, "/bulletin/");
        assert_eq!(urls.link("hans/"), "/bulletin/hans/");
        assert_eq!(urls.absolute("hans/"), "https://example.org/bulletin/hans/");
        assert_eq!(Urls::new("https://example.org/").base_path, "/");
        assert_eq!(
            Urls::new("https://example.org/bulletin/").host,
            "example.org"
        );
    }

    #[test]
    fn the_pagination_bar_links_a_window() {
        assert_eq!(page_window(0, 3), [0, 1, 2]);
        assert_eq!(page_window(50, 5000), [0, 48, 49, 50, 51, 52, 4999]);
        assert_eq!(page_window(4999, 5000), [0, 4997, 4998, 4999]);
    }

    #[test]
    fn pagination_paths() {
        assert_eq!(paged("2022/03/", 0), "2022/03/");
        assert_eq!(paged("2022/03/", 1), "2022/03/page/2/");
        assert_eq!(paged("", 2), "page/3/");
    }
}
