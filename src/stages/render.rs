//! Stage 5: every page of every variant through the theme's templates.
//!
//! The pages are enumerated once (`site_pages`); each is then rendered in every variant, with
//! links to itself in the others. URLs are the same in every variant but for the prefix.

mod digests;
mod editions;
pub mod feeds;
mod made;
mod pages;
mod redirects;
pub mod sitemap;
pub mod theme;
mod views;

pub use digests::PageDigests;
pub use editions::pdf_name;
pub use made::MadeFiles;
use pages::{DISCLOSURE_PATH, month_path};
pub use pages::{Page, PageKind, SEARCH_DIR, Urls, item_path, site_pages};
pub use redirects::render_redirects;
use views::{GroupView, YearView};

use std::cell::RefCell;
use std::sync::Arc;

use rayon::prelude::*;
use tera::Context;

use crate::config::{Config, Grouping};
use crate::digest::{Key, KeyBuilder};
use crate::error::{Error, Problem, Result};
use crate::stages::convert::SiteText;
use crate::stages::index::SiteIndex;
use crate::stages::item::RenderedItem;
use crate::stages::item::{FileSink, OutputFile, without_slack};
use crate::stages::render::theme::{Theme, template_problem};

/// How many pages are rendered before they are handed on to be written: enough to keep every
/// core busy, few enough that a batch takes little memory whatever the size of the site.
const BATCH: usize = 1024;
/// How many pages a batch holds at most, most of them reused as the last build made them
/// (which takes no memory of its own): a rebuild after an edit reuses nearly every page, and
/// small batches would spend more time starting than working.
const REUSED_BATCH: usize = 16 * BATCH;

/// `jobs` in batches of at most `BATCH` pages to render and `REUSED_BATCH` pages in all.
fn batches<J>(jobs: &[J], reused: impl Fn(&J) -> bool) -> Vec<&[J]> {
    let mut batches = Vec::new();
    let (mut start, mut to_render) = (0, 0);
    for (n, job) in jobs.iter().enumerate() {
        to_render += usize::from(!reused(job));
        if to_render == BATCH || n + 1 - start == REUSED_BATCH {
            batches.push(&jobs[start..=n]);
            (start, to_render) = (n + 1, 0);
        }
    }
    if start < jobs.len() {
        batches.push(&jobs[start..]);
    }
    batches
}

/// The render stage: every page in every variant, handed to `sink` batch by batch; how many
/// files that made.
///
/// A page whose inputs have the same digest as in the last build is not rendered again: it is
/// reused as it is, from `previous` (what a rebuild holds in memory) or, when `sink` still
/// holds it as the last build made it, kept there (what a build finds in its output).
/// `site_digest` stands for everything every page depends on: configuration, theme and
/// conversion settings. The digests are brought up to date in `digests` (see `PageDigests`;
/// `same_pages` says that `index` and `pages` are those they were last computed for). Every
/// template error is reported, and once there is one, no more pages are emitted.
pub fn render_pages(
    site: &SiteInputs,
    (index, pages, same_pages): (&SiteIndex, &[Page], bool),
    previous: &MadeFiles,
    digests: &mut PageDigests,
    sink: &mut dyn FileSink,
) -> Result<usize> {
    let config = site.config;
    let urls = Urls::new(&config.base_url);
    let renderer = Renderer::new(site, index, &urls);
    digests.update(&renderer, pages, same_pages, site.remember);
    // Each page once, with its file as the last build made it, if it is to be reused.
    let reused: Vec<Option<bytes::Bytes>> = (digests.jobs.par_iter())
        .map(|&made_from| previous.reusable(made_from))
        .collect();
    let jobs: Vec<Job> = (0..config.variants.len())
        .flat_map(|v| pages.iter().map(move |p| (v, p)))
        .zip(digests.jobs.iter().zip(reused))
        .enumerate()
        .map(|(j, ((v, page), (&made_from, reused)))| Job {
            variant: v,
            page,
            made_from,
            file: digests.files.get(j),
            reused,
        })
        .collect();
    let mut roots = RootCopies::of(config, pages);
    let mut failures = Failures::default();
    let mut emitted = 0;
    for batch in batches(&jobs, |job| job.reused.is_some()) {
        let kept = match failures.is_empty() {
            true => keep_unchanged(batch, &roots, sink, config),
            false => vec![false; batch.len()],
        };
        emitted += kept.iter().filter(|&&kept| kept).count();
        let to_make = batch.par_iter().zip(kept).filter(|(_, kept)| !kept);
        let results: Vec<std::result::Result<OutputFile, Box<(Problem, String)>>> = to_make
            .map(|(job, _)| {
                let (v, page, made_from) = (job.variant, job.page, job.made_from);
                let path = job.path(config);
                let contents = match &job.reused {
                    Some(contents) => contents.clone(),
                    None => without_slack(renderer.render(v, page)?),
                };
                Ok(OutputFile::made(path, made_from, contents))
            })
            .collect();
        let files = failures.sorted_out(results);
        if failures.is_empty() {
            roots.take_from(&files);
            emitted += files.len();
            sink.put(files)?;
        }
    }
    failures.into_result()?;
    let mut last = roots.into_files();
    if !index.editions.editions.is_empty() {
        last.extend((0..config.variants.len()).map(|v| renderer.editions_feed(v, site.digest)));
    }
    emitted += last.len();
    sink.put(last)?;
    Ok(emitted)
}

/// Keeps in `sink` the pages of `batch` that it still holds as the last build made them;
/// says which. Offered are the pages not reused from memory, but for those with a root copy,
/// which is made from their contents.
fn keep_unchanged(
    batch: &[Job],
    roots: &RootCopies,
    sink: &mut dyn FileSink,
    config: &Config,
) -> Vec<bool> {
    let (positions, files): (Vec<usize>, Vec<(String, Key)>) = (batch.par_iter().enumerate())
        .filter(|(_, job)| job.reused.is_none())
        .map(|(j, job)| (j, (job.path(config).to_string(), job.made_from)))
        .filter(|(_, (path, _))| !roots.copies(path))
        .unzip();
    let mut kept = vec![false; batch.len()];
    for (j, kept_here) in positions.into_iter().zip(sink.keep_each(&files)) {
        kept[j] = kept_here;
    }
    kept
}

/// One page in one variant to hand on: its digest, its file's path when kept, and its
/// contents when the last build made them from the same inputs.
struct Job<'a> {
    variant: usize,
    page: &'a Page,
    made_from: Key,
    file: Option<&'a Arc<str>>,
    reused: Option<bytes::Bytes>,
}

impl Job<'_> {
    fn path(&self, config: &Config) -> Arc<str> {
        (self.file.cloned())
            .unwrap_or_else(|| self.page.file(&config.variants[self.variant]).into())
    }
}

/// Template errors, each reported once: an error shows on every page that uses its template.
#[derive(Default)]
struct Failures(Vec<(Problem, String, usize)>);

impl Failures {
    /// The rendered pages among `results`; the errors are noted.
    fn sorted_out(
        &mut self,
        results: Vec<std::result::Result<OutputFile, Box<(Problem, String)>>>,
    ) -> Vec<OutputFile> {
        let mut files = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(file) => files.push(file),
                Err(failed) => {
                    let (problem, page) = *failed;
                    match self.0.iter_mut().find(|(p, _, _)| *p == problem) {
                        Some((_, _, count)) => *count += 1,
                        None => self.0.push((problem, page, 1)),
                    }
                }
            }
        }
        files
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn into_result(self) -> Result<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        let problems = self
            .0
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
        Err(Error::invalid(problems))
    }
}

/// The default variant's home and 404 pages, also served at the root: the pages to copy, by
/// their file, and the copies once the pages are rendered.
struct RootCopies(Vec<(String, String, Option<OutputFile>)>);

impl RootCopies {
    fn of(config: &Config, pages: &[Page]) -> Self {
        let default = config.default_variant();
        let prefix = format!("{}/", default.path);
        let copies = pages
            .iter()
            .filter(|p| matches!(p.kind, PageKind::Home { page: 0 } | PageKind::NotFound))
            .map(|page| {
                let source = page.file(default);
                let path = source.strip_prefix(&prefix).expect("variant prefix");
                (source.clone(), path.to_string(), None)
            })
            .collect();
        RootCopies(copies)
    }

    /// Whether the page at `path` has a root copy.
    fn copies(&self, path: &str) -> bool {
        self.0.iter().any(|(source, _, _)| source == path)
    }

    /// Copies the pages among `files` that are to be copied.
    fn take_from(&mut self, files: &[OutputFile]) {
        for (source, path, copy) in &mut self.0 {
            if let Some(file) = files.iter().find(|f| *f.path == **source) {
                *copy = Some(OutputFile::copied(path.clone(), file.contents.clone()));
            }
        }
    }

    fn into_files(self) -> Vec<OutputFile> {
        self.0
            .into_iter()
            .map(|(_, _, copy)| copy.expect("rendered before"))
            .collect()
    }
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
    /// Whether edition pages link their PDFs (`build` makes them; `serve` and `check` do not).
    pub print_editions: bool,
    /// Whether a rebuild follows (`serve`), for which what makes a rebuild fast is kept.
    pub remember: bool,
}

struct Renderer<'a> {
    config: &'a Config,
    theme: &'a Theme,
    site_texts: &'a [SiteText],
    items: &'a [Arc<RenderedItem>],
    index: &'a SiteIndex,
    urls: &'a Urls,
    site_digest: Key,
    print_editions: bool,
    /// `site` for each variant, built once.
    site_values: Vec<tera::Value>,
    /// Per variant: the years of the archive; the departments and the columns.
    year_views: Vec<Vec<YearView>>,
    group_views: Vec<[Vec<GroupView<'a>>; 2]>,
}

impl<'a> Renderer<'a> {
    /// Every page of a variant shares one `site`; Tera's maps are shared, so a clone is cheap.
    /// The archive and department views are likewise built once per variant.
    fn new(site: &SiteInputs<'a>, index: &'a SiteIndex, urls: &'a Urls) -> Self {
        let mut renderer = Renderer {
            config: site.config,
            theme: site.theme,
            site_texts: site.texts,
            items: site.items,
            index,
            urls,
            site_digest: site.digest,
            print_editions: site.print_editions,
            site_values: Vec::new(),
            year_views: Vec::new(),
            group_views: Vec::new(),
        };
        let variants = 0..site.config.variants.len();
        renderer.site_values = variants
            .clone()
            .map(|v| tera::Value::from_serializable(&renderer.site_view(v)))
            .collect();
        renderer.year_views = variants.clone().map(|v| renderer.years(v)).collect();
        renderer.group_views = variants
            .map(|v| Grouping::ALL.map(|grouping| renderer.groups(v, grouping)))
            .collect();
        renderer
    }

    /// The digest of everything a page shows in a variant. It must cover all that `render`
    /// reads (tests/incremental.rs holds it to that); items stand in by their source digest.
    /// The items it folds in are noted in `reads`, if given.
    fn page_digest(&self, v: usize, page: &Page, reads: Option<&RefCell<Vec<u32>>>) -> Key {
        let key = KeyBuilder::default()
            .with(&self.site_digest)
            .with(&v)
            .with(&page.path);
        let digest_of = |i: usize| {
            if let Some(reads) = reads {
                reads.borrow_mut().push(i as u32);
            }
            self.items[i].meta.digest
        };
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
                let editions = self.index.editions.of_item[i]
                    .iter()
                    .fold(key, |key, &e| self.edition_digest(key, e));
                editions
                    .with(&digest_of(i))
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
            PageKind::Editions => (0..self.index.editions.editions.len())
                .fold(key, |key, e| self.edition_digest(key, e)),
            PageKind::Edition(e) => self.index.editions.editions[e]
                .items
                .iter()
                .fold(self.edition_digest(key, e), |key, &i| {
                    key.with(&digest_of(i))
                }),
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
    fn render(
        &self,
        v: usize,
        page: &Page,
    ) -> std::result::Result<Vec<u8>, Box<(Problem, String)>> {
        let variant = &self.config.variants[v];
        let mut context = Context::new();
        context.insert_value("site", self.site_values[v].clone());
        context.insert("alternates", &self.alternates(v, page));
        context.insert("page_url", &self.urls.link(&Urls::page_path(variant, page)));
        context.insert(
            "permalink",
            &self.urls.absolute(&Urls::page_path(variant, page)),
        );
        let template = self.fill(&mut context, v, page);
        // Rendered as bytes: they go to a file, and Tera's `render` would check again that
        // the UTF-8 it wrote is UTF-8.
        let mut html = Vec::with_capacity(16 * 1024);
        let rendered = self.theme.tera.render_to(template, &context, &mut html);
        rendered.map(|()| html).map_err(|e| {
            let problem = template_problem(&e, |name| self.theme.origin(name));
            Box::new((problem, page.file(variant)))
        })
    }

    /// A month's page `n` of items: `(year, month)` index the site's years and their months.
    fn insert_month(&self, context: &mut Context, v: usize, at: (usize, usize), n: usize) {
        let y = &self.index.years[at.0];
        let m = &y.months[at.1];
        let style = &self.config.variants[v].date_style;
        context.insert("heading", &style.month(y.year, m.month));
        context.insert("feed_url", &None::<String>);
        let (per_page, base) = (self.config.items_per_page, month_path(y.year, m.month));
        self.insert_list(context, v, &m.items, per_page, n, &base);
    }

    /// A department's or column's page `n` of items.
    fn insert_group(&self, context: &mut Context, v: usize, at: (Grouping, usize), n: usize) {
        let (grouping, group) = at;
        let view = &self.group_views[v][grouping as usize][group];
        context.insert("heading", view.name);
        context.insert("feed_url", &view.feed_url);
        context.insert("group", view);
        let (per_page, base) = (
            self.config.items_per_page,
            self.config.group_path(grouping, group),
        );
        let items = &self.index.groups(grouping)[group];
        self.insert_list(context, v, items, per_page, n, &base);
    }

    /// Puts what a page of its kind shows into `context`; returns the template that shows it.
    fn fill(&self, context: &mut Context, v: usize, page: &Page) -> &'static str {
        let per_page = self.config.items_per_page;
        match page.kind {
            PageKind::Home { page: n } => {
                self.insert_list(context, v, &self.index.home, per_page, n, "");
                "home.html"
            }
            PageKind::Item(i) => {
                self.insert_item(context, v, i);
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
                self.insert_month(context, v, (year, month), n);
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
            PageKind::Editions => {
                self.insert_editions(context, v);
                "editions.html"
            }
            PageKind::Edition(e) => {
                self.insert_edition(context, v, e);
                "edition.html"
            }
            PageKind::Search => "search.html",
            PageKind::SiteMap => {
                context.insert("departments", &self.group_views[v][0]);
                context.insert("columns", &self.group_views[v][1]);
                context.insert("years", &self.year_views[v]);
                "sitemap.html"
            }
            PageKind::Disclosure { page: n } => {
                self.insert_list(
                    context,
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
                self.insert_group(context, v, (grouping, group), n);
                "list.html"
            }
            PageKind::NotFound => "404.html",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_hold_few_pages_to_render_and_more_reused_ones() {
        let lengths = |reused: Vec<bool>| -> Vec<usize> {
            batches(&reused, |&reused| reused)
                .iter()
                .map(|b| b.len())
                .collect()
        };
        assert_eq!(lengths(vec![false; 2 * BATCH + 1]), [BATCH, BATCH, 1]);
        assert_eq!(lengths(vec![true; REUSED_BATCH + 5]), [REUSED_BATCH, 5]);
        // One page in three to render: a batch ends at its BATCH-th.
        let mixed = (0..6 * BATCH).map(|n| n % 3 != 0).collect();
        assert_eq!(lengths(mixed), [3 * BATCH - 2, 3 * BATCH, 2]);
        assert!(lengths(Vec::new()).is_empty());
    }
}
