//! Stage 5: every page of every variant through the theme's templates.
//!
//! The pages are enumerated once (`site_pages`); each is then rendered in every variant, with
//! links to itself in the others. URLs are the same in every variant but for the prefix.

pub mod feeds;
pub mod theme;

use std::sync::Arc;

use bytes::Bytes;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::config::{Config, Grouping, Variant};
use crate::digest::{Key, KeyBuilder, KeyMap};
use crate::error::{Error, Problem, Result};
use crate::stages::convert::SiteText;
use crate::stages::index::{SiteIndex, paginate};
use crate::stages::item::Disclosure;
use crate::stages::item::RenderedItem;
use crate::stages::item::{OutputFile, without_slack};
use crate::stages::render::theme::{Theme, template_problem};
use crate::text::script::Script;

/// The directory of a variant's index, below its prefix: `hans/pagefind/`.
pub const SEARCH_DIR: &str = "pagefind";

/// The files the last build made, by what they were made from (a digest that covers their
/// path): a rebuild makes again only the files whose inputs changed and reuses the others.
#[derive(Debug, Default)]
pub struct MadeFiles(KeyMap<Bytes>);

impl MadeFiles {
    pub fn of(files: &[OutputFile]) -> Self {
        MadeFiles(
            files
                .iter()
                .filter_map(|f| Some((f.made_from?, f.contents.clone())))
                .collect(),
        )
    }

    /// The file as the last build made it, if it was made from the same inputs.
    pub fn reusable(&self, made_from: Key) -> Option<Bytes> {
        self.0.get(&made_from).cloned()
    }

    /// The file at `path`: the last build's if it was made from the same inputs, else `make()`.
    pub fn make(&self, path: String, made_from: Key, make: impl FnOnce() -> String) -> OutputFile {
        let contents = self
            .reusable(made_from)
            .unwrap_or_else(|| without_slack(make()));
        OutputFile::made(path, made_from, contents)
    }

    /// Whether the build made `file` rather than reused it from the build these files are of.
    pub fn made_anew(&self, file: &OutputFile) -> bool {
        file.made_from
            .is_some_and(|digest| !self.0.contains_key(&digest))
    }
}

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
        let after_scheme = base_url
            .split_once("://")
            .map_or(base_url, |(_, rest)| rest);
        let (host, base_path) =
            after_scheme.split_at(after_scheme.find('/').unwrap_or(after_scheme.len()));
        Urls {
            base_url: base_url.to_string(),
            base_path: if base_path.is_empty() { "/" } else { base_path }.to_string(),
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
fn paged(base: &str, page: usize) -> String {
    if page == 0 {
        base.to_string()
    } else {
        format!("{base}page/{}/", page + 1)
    }
}

fn year_path(year: i32) -> String {
    format!("{year:04}/")
}

fn month_path(year: i32, month: u32) -> String {
    format!("{year:04}/{month:02}/")
}

/// The path of the 信息公开目录.
const DISCLOSURE_PATH: &str = "disclosure/";

/// How many pages either side of the current one the pagination bar links.
const PAGE_WINDOW: usize = 2;

/// The pages a pagination bar links (0-based): the first, the last, and a few either side of
/// the current one. Linking every page would make a list of 5,000 pages quadratic to build and
/// useless to read.
fn page_window(current: usize, total: usize) -> Vec<usize> {
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
    let per_page = config.items_per_page;
    let mut pages = Vec::new();
    for page in 0..paginate(&index.home, per_page).len() {
        pages.push(Page {
            kind: PageKind::Home { page },
            path: paged("", page),
        });
    }
    for &i in &index.newest_first {
        pages.push(Page {
            kind: PageKind::Item(i),
            path: item_path(&items[i]).to_string(),
        });
    }
    pages.push(Page {
        kind: PageKind::Archive,
        path: "archive/".into(),
    });
    for (y, year) in index.years.iter().enumerate() {
        pages.push(Page {
            kind: PageKind::Year { year: y },
            path: year_path(year.year),
        });
        for (m, month) in year.months.iter().enumerate() {
            let base = month_path(year.year, month.month);
            for page in 0..paginate(&month.items, per_page).len() {
                pages.push(Page {
                    kind: PageKind::Month {
                        year: y,
                        month: m,
                        page,
                    },
                    path: paged(&base, page),
                });
            }
        }
    }
    pages.push(Page {
        kind: PageKind::Groups(Grouping::Department),
        path: "departments/".into(),
    });
    if !config.columns.is_empty() {
        pages.push(Page {
            kind: PageKind::Groups(Grouping::Column),
            path: "columns/".into(),
        });
    }
    if !index.disclosed.is_empty() {
        for page in 0..paginate(&index.disclosed, per_page).len() {
            pages.push(Page {
                kind: PageKind::Disclosure { page },
                path: paged(DISCLOSURE_PATH, page),
            });
        }
    }
    pages.push(Page {
        kind: PageKind::Contact,
        path: "contact/".into(),
    });
    pages.push(Page {
        kind: PageKind::SiteMap,
        path: "sitemap/".into(),
    });
    if config.search {
        pages.push(Page {
            kind: PageKind::Search,
            path: "search/".into(),
        });
    }
    for grouping in Grouping::ALL {
        for (group, group_items) in index.groups(grouping).iter().enumerate() {
            let base = config.group_path(grouping, group);
            for page in 0..paginate(group_items, per_page).len() {
                pages.push(Page {
                    kind: PageKind::Group {
                        grouping,
                        group,
                        page,
                    },
                    path: paged(&base, page),
                });
            }
        }
    }
    pages.push(Page {
        kind: PageKind::NotFound,
        path: "404.html".into(),
    });
    pages
}

/// Everything a template may need about the site, in one variant.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    lang: &'a str,
    script: &'a str,
    base_url: &'a str,
    /// Link to this variant's home page.
    home_url: String,
    archive_url: String,
    departments_url: String,
    /// `None` when the site has no columns.
    columns_url: Option<String>,
    /// The 信息公开目录, when some item has a disclosure block.
    disclosure_url: Option<String>,
    contact_url: String,
    sitemap_url: String,
    /// `None` when the site has no search.
    search_url: Option<String>,
    /// Where the variant's search index is: `/hans/pagefind/`.
    search_bundle_url: String,
    /// The site's base path, which the index's links are relative to.
    base_path: &'a str,
    feed_url: String,
    static_url: String,
    strings: &'a serde_yaml::Mapping,
    first_line_indent: bool,
    /// The host of `base_url`, for the `SiteDomain` meta tag.
    domain: &'a str,
    /// Open Graph's locale: zh_CN, zh_TW or zh_HK.
    og_locale: &'static str,
    identity: &'a crate::config::Identity,
    icp_url: Option<&'static str>,
    police_url: Option<String>,
}

/// A link to the same page in a variant, for the switcher and `hreflang` alternates.
#[derive(Serialize)]
struct Alternate<'a> {
    lang: &'a str,
    label: &'a str,
    url: String,
    permalink: String,
    current: bool,
}

/// A department or a column, as listed and as its page's heading.
#[derive(Serialize)]
struct GroupView<'a> {
    key: &'a str,
    name: &'a str,
    url: String,
    feed_url: String,
    count: usize,
    /// For a column: its type (`news`, `notice`, ...), description and keywords.
    kind: Option<&'static str>,
    /// The `ColumnType` meta tag's value: a department's items are 工作动态.
    column_type: &'static str,
    description: &'a str,
    keywords: &'a [String],
}

/// An item as listed on index pages and linked from neighbours.
#[derive(Serialize, Clone)]
struct ItemCard<'a> {
    title: &'a str,
    url: String,
    summary: &'a str,
    date: String,
    date_iso: String,
    date_display: String,
    /// `2022-03-26 09:11`, as the `PubDate` meta tag wants it.
    pub_date: String,
    department: &'a str,
    department_url: String,
    column: Option<&'a str>,
    column_url: Option<String>,
    /// The column's `ColumnType` meta tag value.
    column_type: Option<&'static str>,
    pinned: bool,
    /// The 政府信息公开 block, in the variant's script.
    disclosure: Option<&'a Disclosure>,
}

/// An item's own page.
#[derive(Serialize)]
struct ItemView<'a> {
    #[serde(flatten)]
    card: ItemCard<'a>,
    content: &'a str,
    source: Option<&'a str>,
    author: Option<&'a str>,
    tags: &'a [String],
    word_count: usize,
    slug: &'a str,
    extra: &'a serde_yaml::Mapping,
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    previous_url: Option<String>,
    next_url: Option<String>,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct MonthView {
    month: u32,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct YearView {
    year: i32,
    /// `2024年`, or `113年` where the variant writes Republic of China years.
    label: String,
    url: String,
    count: usize,
    months: Vec<MonthView>,
}

/// The render stage: every page in every variant.
///
/// A page whose inputs have the same digest as in the last build (`previous`) is reused as it
/// is. `site_digest` stands for everything every page depends on: configuration, theme and
/// conversion settings.
pub fn render_pages(
    site: &SiteInputs,
    index: &SiteIndex,
    pages: &[Page],
    previous: &MadeFiles,
) -> Result<Vec<OutputFile>> {
    let SiteInputs {
        config,
        theme,
        texts: site_texts,
        items,
        digest: site_digest,
    } = *site;
    let urls = Urls::new(&config.base_url);
    let mut renderer = Renderer {
        config,
        theme,
        site_texts,
        items,
        index,
        urls: &urls,
        site_digest,
        site_values: Vec::new(),
        year_views: Vec::new(),
        group_views: Vec::new(),
    };
    // Every page of a variant shares one `site`; Tera's maps are shared, so a clone is cheap.
    // The archive and department views are likewise built once per variant.
    let variants = 0..config.variants.len();
    renderer.site_values = variants
        .clone()
        .map(|v| tera::Value::from_serializable(&renderer.site_view(v)))
        .collect();
    renderer.year_views = variants.clone().map(|v| renderer.years(v)).collect();
    renderer.group_views = variants
        .map(|v| Grouping::ALL.map(|grouping| renderer.groups(v, grouping)))
        .collect();
    let jobs: Vec<(usize, &Page)> = (0..config.variants.len())
        .flat_map(|v| pages.iter().map(move |p| (v, p)))
        .collect();
    let results: Vec<std::result::Result<OutputFile, Box<(Problem, String)>>> = jobs
        .par_iter()
        .map(|&(v, page)| {
            let path = page.file(&config.variants[v]);
            let made_from = renderer.page_digest(v, page);
            let contents = match previous.reusable(made_from) {
                Some(contents) => contents,
                None => without_slack(renderer.render(v, page)?),
            };
            Ok(OutputFile::made(path, made_from, contents))
        })
        .collect();
    let mut files = Vec::with_capacity(results.len() + 2);
    // A template error shows on every page that uses the template: report it once.
    let mut problems: Vec<(Problem, String, usize)> = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(failed) => {
                let (problem, page) = *failed;
                match problems.iter_mut().find(|(p, _, _)| *p == problem) {
                    Some((_, _, count)) => *count += 1,
                    None => problems.push((problem, page, 1)),
                }
            }
        }
    }
    if !problems.is_empty() {
        let problems = problems
            .into_iter()
            .map(|(mut problem, page, count)| {
                problem.message = match count {
                    1 => format!("{} (while rendering {page})", problem.message),
                    _ => format!(
                        "{} (while rendering {page} and {} more pages)",
                        problem.message,
                        count - 1
                    ),
                };
                problem
            })
            .collect();
        return Err(Error::invalid(problems));
    }
    // The default variant's home and 404 pages are also served at the root.
    let default = config.default_variant();
    for page in pages
        .iter()
        .filter(|p| matches!(p.kind, PageKind::Home { page: 0 } | PageKind::NotFound))
    {
        let source = page.file(default);
        let copy = files
            .iter()
            .find(|f| f.path == source)
            .expect("rendered above")
            .contents
            .clone();
        let path = source
            .strip_prefix(&format!("{}/", default.path))
            .expect("variant prefix");
        files.push(OutputFile::copied(path, copy));
    }
    Ok(files)
}

/// What every page is made from, besides the indexes.
#[derive(Clone, Copy)]
pub struct SiteInputs<'a> {
    pub config: &'a Config,
    pub theme: &'a Theme,
    /// Per variant.
    pub texts: &'a [SiteText],
    pub items: &'a [Arc<RenderedItem>],
    /// Everything every page depends on: configuration, theme and conversion settings.
    pub digest: Key,
}

struct Renderer<'a> {
    config: &'a Config,
    theme: &'a Theme,
    site_texts: &'a [SiteText],
    items: &'a [Arc<RenderedItem>],
    index: &'a SiteIndex,
    urls: &'a Urls,
    site_digest: Key,
    /// `site` for each variant, built once.
    site_values: Vec<tera::Value>,
    /// Per variant: the years of the archive; the departments and the columns.
    year_views: Vec<Vec<YearView>>,
    group_views: Vec<[Vec<GroupView<'a>>; 2]>,
}

impl<'a> Renderer<'a> {
    /// The digest of everything a page shows in a variant. It must cover all that `render`
    /// reads (tests/incremental.rs holds it to that); items stand in by their source digest.
    fn page_digest(&self, v: usize, page: &Page) -> Key {
        let key = KeyBuilder::default()
            .with(&self.site_digest)
            .with(&v)
            .with(&page.path);
        let digest_of = |i: usize| self.items[i].meta.digest;
        let list = |key: KeyBuilder, list: &[usize], n: usize| {
            let per_page = self.config.items_per_page;
            let shown = &list[(n * per_page).min(list.len())..((n + 1) * per_page).min(list.len())];
            let key = key.with(&list.len().div_ceil(per_page));
            shown.iter().fold(key, |key, &i| key.with(&digest_of(i)))
        };
        match page.kind {
            PageKind::Home { page: n } => list(key, &self.index.home, n),
            PageKind::Item(i) => {
                let neighbours = self.index.neighbours[i];
                let interpretations: Vec<Key> = self.index.interpreted_by[i]
                    .iter()
                    .map(|&n| digest_of(n))
                    .collect();
                key.with(&digest_of(i))
                    .with(&neighbours.newer.map(digest_of))
                    .with(&neighbours.older.map(digest_of))
                    .with(&self.index.interprets[i].map(digest_of))
                    .with(&interpretations)
            }
            PageKind::Archive => key.with(&self.index.years_shape()),
            PageKind::Year { year } => key.with(&self.index.years_shape()[year]),
            PageKind::Month {
                year,
                month,
                page: n,
            } => list(key, &self.index.years[year].months[month].items, n),
            PageKind::Groups(grouping) => key.with(&self.group_counts(grouping)),
            PageKind::SiteMap => key
                .with(&Grouping::ALL.map(|g| self.group_counts(g)))
                .with(&self.index.years_shape())
                .with(&self.index.disclosed.is_empty()),
            PageKind::Disclosure { page: n } => list(key, &self.index.disclosed, n),
            PageKind::Contact | PageKind::NotFound | PageKind::Search => key,
            PageKind::Group {
                grouping,
                group,
                page: n,
            } => list(key, &self.index.groups(grouping)[group], n),
        }
        .finish()
    }

    /// How many items each department (or column) has, for the pages that show the counts.
    fn group_counts(&self, grouping: Grouping) -> Vec<usize> {
        self.index.groups(grouping).iter().map(Vec::len).collect()
    }

    /// Renders one page in one variant; a failure comes with the page it happened on.
    fn render(&self, v: usize, page: &Page) -> std::result::Result<String, Box<(Problem, String)>> {
        let variant = &self.config.variants[v];
        let mut context = Context::new();
        context.insert_value("site", self.site_values[v].clone());
        context.insert("alternates", &self.alternates(v, page));
        context.insert("page_url", &self.urls.link(&Urls::page_path(variant, page)));
        context.insert(
            "permalink",
            &self.urls.absolute(&Urls::page_path(variant, page)),
        );
        let per_page = self.config.items_per_page;
        let template = match page.kind {
            PageKind::Home { page: n } => {
                self.insert_list(&mut context, v, &self.index.home, per_page, n, "");
                "home.html"
            }
            PageKind::Item(i) => {
                let neighbours = self.index.neighbours[i];
                let rendered = &self.items[i].texts[v];
                context.insert("title", &rendered.title);
                context.insert(
                    "item",
                    &ItemView {
                        card: self.card(v, i),
                        content: &rendered.html,
                        source: rendered.source.as_deref(),
                        author: rendered.author.as_deref(),
                        tags: &rendered.tags,
                        word_count: rendered.word_count,
                        slug: &self.items[i].meta.slug,
                        extra: &self.items[i].meta.extra,
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
                "item.html"
            }
            PageKind::Archive => {
                context.insert("years", &self.year_views[v]);
                "archive.html"
            }
            PageKind::Year { year } => {
                let view = &self.year_views[v][year];
                context.insert("year", view);
                "year.html"
            }
            PageKind::Month {
                year,
                month,
                page: n,
            } => {
                let y = &self.index.years[year];
                let m = &y.months[month];
                context.insert("heading", &variant.date_style.month(y.year, m.month));
                context.insert("feed_url", &None::<String>);
                self.insert_list(
                    &mut context,
                    v,
                    &m.items,
                    per_page,
                    n,
                    &month_path(y.year, m.month),
                );
                "list.html"
            }
            PageKind::Groups(Grouping::Department) => {
                context.insert("departments", &self.group_views[v][0]);
                "departments.html"
            }
            PageKind::Groups(Grouping::Column) => {
                context.insert("columns", &self.group_views[v][1]);
                "columns.html"
            }
            PageKind::Contact => "contact.html",
            PageKind::Search => "search.html",
            PageKind::SiteMap => {
                context.insert("departments", &self.group_views[v][0]);
                context.insert("columns", &self.group_views[v][1]);
                context.insert("years", &self.year_views[v]);
                "sitemap.html"
            }
            PageKind::Disclosure { page: n } => {
                self.insert_list(
                    &mut context,
                    v,
                    &self.index.disclosed,
                    per_page,
                    n,
                    DISCLOSURE_PATH,
                );
                "disclosure.html"
            }
            PageKind::Group {
                grouping,
                group,
                page: n,
            } => {
                let view = &self.group_views[v][grouping as usize][group];
                context.insert("heading", view.name);
                context.insert("feed_url", &view.feed_url);
                context.insert("group", view);
                let base = self.config.group_path(grouping, group);
                self.insert_list(
                    &mut context,
                    v,
                    &self.index.groups(grouping)[group],
                    per_page,
                    n,
                    &base,
                );
                "list.html"
            }
            PageKind::NotFound => "404.html",
        };
        self.theme.tera.render(template, &context).map_err(|e| {
            let problem = template_problem(&e, |name| self.theme.origin(name));
            Box::new((problem, page.file(variant)))
        })
    }

    fn site_view(&self, v: usize) -> SiteView<'_> {
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

    fn alternates(&self, current: usize, page: &Page) -> Vec<Alternate<'_>> {
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

    fn card(&self, v: usize, i: usize) -> ItemCard<'_> {
        let item = &self.items[i];
        let variant = &self.config.variants[v];
        let date = item.meta.date;
        ItemCard {
            title: &item.texts[v].title,
            url: self
                .urls
                .link(&format!("{}/{}", variant.path, item_path(item))),
            summary: &item.texts[v].summary,
            date: date.format("%Y-%m-%d").to_string(),
            date_iso: date.to_rfc3339(),
            date_display: variant.date_style.date_time(&date),
            pub_date: date.format("%Y-%m-%d %H:%M").to_string(),
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
            disclosure: item.texts[v].disclosure.as_ref(),
        }
    }

    fn insert_list(
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

    fn years(&self, v: usize) -> Vec<YearView> {
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
    fn group_url(&self, v: usize, grouping: Grouping, group: usize) -> String {
        let prefix = &self.config.variants[v].path;
        let path = self.config.group_path(grouping, group);
        self.urls.link(&format!("{prefix}/{path}"))
    }

    fn groups(&self, v: usize, grouping: Grouping) -> Vec<GroupView<'a>> {
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
