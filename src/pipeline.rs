//! The build, stage after stage: load content -> convert scripts -> render Markdown -> build
//! indexes -> render theme -> write output. Data flows one way; `serve` reuses `render_site`.

mod files;
mod items;
mod prepare;
mod report;
mod shape;
mod store;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::time::Instant;

use crate::config::Config;
use crate::config::rules::Level;
use crate::digest::{Key, KeyBuilder, KeyMap};
use crate::error::{Error, Problem, Result};
use crate::stages::convert::cache::ConversionCache;
use crate::stages::item::{FileSink, OutputFile, RenderedItem, SitePaths, Spool};
use crate::stages::load::bundle::FileDigests;
use crate::stages::load::{ContentFiles, Selection};
use crate::stages::media::KnownMedia;
use crate::stages::render::theme::Theme;
use crate::stages::render::{self, MadeFiles, PageDigests, SiteInputs};
use crate::stages::{index, lint, print, search, write};
use shape::Shape;
use store::ItemStore;

use crate::text::converter::Converter;
use crate::text::glossary::RawGlossary;
use files::{Emitted, InMemory, Noted, render_files};
use prepare::{Prepared, prepare_items};
pub use report::{BuildReport, Timings};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `output_dir` from the configuration.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub future: bool,
    /// What counts as "now" for future-dated items.
    pub now: chrono::DateTime<chrono::Utc>,
    /// Replace an output directory that holds files no build of this site wrote.
    pub force: bool,
    /// Keep the files whose inputs did not change without looking at them on disk.
    pub trust_output: bool,
    /// Fail when the editions' PDFs cannot be made, instead of leaving them out.
    pub pdf: bool,
    /// Told the name of each stage as it starts.
    pub progress: Option<fn(&'static str)>,
    /// Told (photos done, photos to do) as photos are processed.
    pub photo_progress: Option<fn(usize, usize)>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            drafts: false,
            future: false,
            force: false,
            trust_output: false,
            pdf: false,
            now: chrono::Utc::now(),
            progress: None,
            photo_progress: None,
        }
    }
}

/// What rendering a site made, besides its files (which went on to be written, or to be
/// kept in memory), and what its search index is made from: the index is the slowest part of
/// a build, so `build` and `serve` each make it in their own way.
pub struct Site {
    /// `None` when the site turned search off.
    pub search: Option<search::SearchInputs>,
    pub items: usize,
    /// How many content files were read rather than known from the build before.
    pub read: usize,
    pub pages: usize,
    /// How many pages and feeds were made rather than reused from the build before.
    pub made: usize,
    /// Things worth an editor's look that do not stop the build.
    pub warnings: Vec<Problem>,
    /// The periodical's editions, newest first, for their PDFs.
    pub editions: Vec<index::editions::Edition>,
    /// How many (item, variant) pairs were converted rather than taken from the cache.
    pub converted: usize,
    /// How many photos were processed rather than taken from the cache.
    pub photos_processed: usize,
    pub timings: Timings,
}

/// What one build leaves for the next, so that a rebuild redoes only what changed: the content
/// files as read, the items as rendered, the pages as made, and the conversion cache.
/// `build` starts from nothing; `serve` carries it from one rebuild to the next.
pub struct Carried {
    pub content: ContentFiles,
    /// Rendered items by source digest (which covers the settings they were made under).
    items: KeyMap<Arc<RenderedItem>>,
    made: MadeFiles,
    /// The indexes and pages as made (`serve`'s rebuilds keep them while no item moves).
    shape: Option<Shape>,
    /// The pages' digests as computed, with what each page reads.
    digests: PageDigests,
    /// The paths of the files last made, checked.
    paths: Option<SitePaths>,
    /// Photos as processed, by cache key.
    media: KnownMedia,
    pub cache: ConversionCache,
    /// Told the name of each stage as it starts, for a progress line on a terminal.
    pub progress: Option<fn(&'static str)>,
    /// Told (photos done, photos to do) as photos are processed.
    pub photo_progress: Option<fn(usize, usize)>,
    /// Whether edition pages link their PDFs: `build` makes them, `serve` and `check` do not.
    pub print_editions: bool,
    /// Where a build that is not followed by another (`build`) keeps its texts: with a spool,
    /// the items' Markdown and HTML wait on disk, the pages are not kept for a rebuild, and the
    /// next conversion cache is written as the items are converted, so that none of them holds
    /// the whole site in memory. Without (`serve`), all of it is kept for the next rebuild.
    pub spool: Option<Arc<Spool>>,
}

impl Carried {
    /// Starts from what the item store kept.
    fn restore(&mut self, restored: store::Restored) {
        let Some(settings) = restored.settings else {
            return;
        };
        self.content.restore(settings, restored.files);
        let digests = restored.items.iter().map(|item| item.meta.digest);
        self.media.without_references(digests);
        let by_digest = restored
            .items
            .into_iter()
            .map(|item| (item.meta.digest, item));
        self.items.extend(by_digest);
    }

    /// Nothing known yet but the conversion cache.
    pub fn new(cache: ConversionCache) -> Self {
        Carried {
            content: ContentFiles::default(),
            items: KeyMap::default(),
            made: MadeFiles::default(),
            shape: None,
            digests: PageDigests::default(),
            paths: None,
            media: KnownMedia::default(),
            cache,
            progress: None,
            photo_progress: None,
            print_editions: false,
            spool: None,
        }
    }
}

/// Builds the site and replaces the output directory; on any error the old output stays.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let config = Config::load(&options.root)?;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| config.output_path());
    let selection = Selection {
        drafts: options.drafts,
        future: options.future,
        now: options.now,
        skip_problems: false,
    };
    let mut setup = Timings::observed(options.progress);
    let converter = setup.stage("start engine", || Converter::for_site(config.engine))?;
    let (mut carried, store) = carried_over(&config, options, &mut setup);
    let (printer, no_printer) = find_printer(&config, options.pdf)?;
    carried.print_editions = printer.is_some();
    let sources = setup.stage("theme", || SiteSources::read(&config))?;
    let destination = write::OutputSite::new(&config.root, options.force, options.trust_output);
    let mut writer = write::SiteWriter::open(&output, &destination)?;
    let mut site = render_site(
        &config,
        &converter,
        &sources,
        selection,
        &mut carried,
        &mut writer,
    )?;
    site.warnings.extend(no_printer);
    let mut timings = setup;
    timings.0.append(&mut site.timings.0);
    let cache_dir = &destination.cache_dir;
    let mut search_record = None;
    if let Some(inputs) = &site.search {
        search_record = Some(timings.stage("search index", || {
            let last = search::LastIndex::on_disk(&output, cache_dir);
            search::search_files_reusing(&config, inputs, last, &mut writer)
        })?);
    }
    let search = search_record.as_ref().map(|(_, indexing)| *indexing);
    if let Some(printer) = &printer {
        let jobs = print_jobs(&config, &site);
        let urls = render::Urls::new(&config.base_url);
        let pdfs = timings.stage("print editions", || {
            print::print_editions(printer, &jobs, &writer.source(), &urls, cache_dir)
        })?;
        writer.put(&pdfs)?;
    }
    let files = writer.len();
    let written = timings.stage("write output", || writer.finish())?;
    if let Some((record, _)) = &search_record {
        record.save(&output, cache_dir);
    }
    // The conversion cache was saved as soon as it was complete.
    carried.content.file_digests.save(&config.root);
    if let Some(store) = store {
        timings.stage("write item store", || {
            store.save(&carried.content, &carried.items)
        });
    }
    crate::aside::drop_aside(carried);
    Ok(BuildReport {
        warnings: site.warnings,
        timings,
        converted: site.converted,
        photos_processed: site.photos_processed,
        items: site.items,
        read: site.read,
        pages: site.pages,
        made: site.made,
        files,
        written,
        variants: config.variants.len(),
        search,
        output,
        elapsed: started.elapsed(),
    })
}

/// What the last build left for this one: the conversion cache, the digests of the content's
/// files, and the items in the store with the file their texts are spooled to.
fn carried_over(
    config: &Config,
    options: &BuildOptions,
    setup: &mut Timings,
) -> (Carried, Option<ItemStore>) {
    let cache = setup.stage("read cache", || ConversionCache::load(&config.root));
    let mut carried = Carried::new(cache);
    carried.content.file_digests = FileDigests::load(&config.root);
    carried.progress = options.progress;
    carried.photo_progress = options.photo_progress;
    let cache_dir = config.root.join(crate::site::CACHE_DIR);
    let store = setup.stage("read item store", || ItemStore::open(&cache_dir));
    let store = store.map(|(store, restored)| {
        carried.restore(restored);
        store
    });
    // Where neither the store nor the cache can be written, the build keeps its texts in
    // memory instead.
    carried.spool = match &store {
        Some(store) => Some(Arc::clone(store.texts())),
        None => Spool::create(&cache_dir).ok(),
    };
    (carried, store)
}

/// The Chromium that prints the editions' PDFs, when the site has editions; or, when there is
/// none, the warning that says so (an error with `--pdf`).
fn find_printer(
    config: &Config,
    required: bool,
) -> Result<(Option<print::Printer>, Option<Problem>)> {
    let Some(editions) = &config.editions else {
        return Ok((None, None));
    };
    if let Some(printer) = print::Printer::find() {
        return Ok((Some(printer), None));
    }
    let problem = Problem::new(
        Path::new(crate::site::CONFIG_FILE),
        editions.line,
        "Chromium was not found, so the editions' PDFs are left out",
    )
    .with_hint("install it (Debian: `apt-get install chromium`) or name it in BULLETIN_CHROMIUM; `build --pdf` makes this an error");
    match required {
        true => Err(Error::invalid(vec![problem])),
        false => Ok((None, Some(problem))),
    }
}

/// Each edition's page in each variant, and where its PDF goes.
fn print_jobs(config: &Config, site: &Site) -> Vec<print::PrintJob> {
    site.editions
        .iter()
        .flat_map(|edition| {
            config.variants.iter().map(move |variant| {
                let dir = format!("{}/{}", variant.path, edition.path());
                print::PrintJob {
                    page: format!("{dir}index.html"),
                    pdf: format!("{dir}{}", render::pdf_name(edition)),
                    date: edition.date,
                }
            })
        })
        .collect()
}

/// A site's own files besides its content: the theme (the site's templates over it), the
/// glossary and `static/`. They are read here, before the stages, which read only content.
pub struct SiteSources {
    pub theme: Theme,
    pub glossary: RawGlossary,
    /// The site's `static/` files, published as they are.
    pub static_files: Vec<OutputFile>,
    /// The symbolic links among them, and in the theme, that were left out.
    pub refused_links: Vec<Problem>,
}

impl SiteSources {
    pub fn read(config: &Config) -> Result<Self> {
        let theme = Theme::load(config)?;
        let (static_files, mut refused_links) = site_static_files(&config.root)?;
        refused_links.extend(theme.refused_links.iter().cloned());
        Ok(SiteSources {
            theme,
            glossary: RawGlossary::load(&config.root)?,
            static_files,
            refused_links,
        })
    }
}

/// `render_site` with every file kept in memory, sorted by path: for `serve` and `check`,
/// which answer from memory.
pub fn render_site_to_memory(
    config: &Config,
    converter: &Converter,
    sources: &SiteSources,
    selection: Selection,
    carried: &mut Carried,
) -> Result<(Site, Vec<OutputFile>)> {
    let mut files = InMemory::default();
    let site = render_site(config, converter, sources, selection, carried, &mut files)?;
    let paths = (carried.paths.as_ref()).expect("kept by render_site, as nothing was spooled");
    Ok((site, paths.sort(files.0)))
}

/// Runs every stage but the last, handing the site's files to `sink` batch by batch as they
/// are made (never the whole site at once); a page the sink still holds as the last build
/// made it is kept there, not made again. What `carried` knows from the build before is
/// reused where its inputs did not change, and it is brought up to date for the next build,
/// even when this one fails. An error can come after some files were emitted.
pub fn render_site(
    config: &Config,
    converter: &Converter,
    sources: &SiteSources,
    selection: Selection,
    carried: &mut Carried,
    sink: &mut dyn FileSink,
) -> Result<Site> {
    let mut timings = Timings::observed(carried.progress);
    let theme = &sources.theme;
    let Prepared {
        read,
        mut warnings,
        items,
        converted,
        media_files,
        photos_processed,
        settings,
        site_texts,
    } = prepare_items(config, converter, sources, selection, carried, &mut timings)?;
    let digest = site_digest(config, theme, &settings);
    let remember = carried.spool.is_none();
    let last = carried.shape.take();
    let mut shape = timings.stage("build indexes", || Shape::of(last, digest, config, &items));
    let site = SiteInputs {
        config,
        theme,
        texts: &site_texts,
        items: &items,
        digest,
        print_editions: carried.print_editions,
        remember,
    };
    let mut noted = Noted {
        emitted: Emitted::new(remember, carried.paths.take()),
        previous: &carried.made,
        sink,
    };
    let rendered = render_files(
        &site,
        &mut shape,
        sources,
        media_files,
        (&carried.made, &mut carried.digests),
        &mut timings,
        &mut noted,
    );
    let mut emitted = noted.emitted;
    let index = Arc::clone(&shape.index);
    if remember {
        carried.shape = Some(shape);
    }
    let pages = rendered?;
    emitted.update(&mut carried.made);
    // A rebuild that made the same files as the last has no paths to check again.
    let paths = emitted.paths(&mut timings)?;
    let made = emitted.made;
    let broken = timings.stage("check links", || lint::broken_links(config, &items, &paths));
    if remember {
        carried.paths = Some(paths);
    }
    warnings.extend(site_findings(config, selection, broken, &index)?);
    let search = config
        .search
        .then(|| search::SearchInputs::of(site.digest, &site_texts, &items));
    Ok(Site {
        editions: index.editions.editions.clone(),
        search,
        items: items.len(),
        read,
        pages,
        made,
        warnings,
        converted,
        photos_processed,
        timings,
    })
}

/// What every page of the site depends on beyond its item: the configuration, the theme and
/// the settings the items were prepared with.
fn site_digest(config: &Config, theme: &Theme, settings: &impl std::hash::Hash) -> Key {
    KeyBuilder::default()
        .with(&config.digest)
        .with(&theme.digest)
        .with(settings)
        .finish()
}

/// The findings over the whole site, at the levels the site gave them: broken links (an error
/// stops a build; `check`, skipping problems, reports every finding) and the editions'
/// numbering.
fn site_findings(
    config: &Config,
    selection: Selection,
    broken: Vec<Problem>,
    index: &index::SiteIndex,
) -> Result<Vec<Problem>> {
    let mut findings = Vec::new();
    match config.level("broken-link") {
        Level::Error if !broken.is_empty() && !selection.skip_problems => {
            return Err(Error::invalid(broken));
        }
        Level::Off => {}
        _ => findings.extend(broken),
    }
    let numbering = index.editions.findings.iter();
    findings.extend(
        numbering
            .filter(|p| config.level(p.rule) != Level::Off)
            .cloned(),
    );
    Ok(findings)
}

/// The site's `static/` files, through links that stay inside the site, and the links refused.
fn site_static_files(root: &Path) -> Result<(Vec<OutputFile>, Vec<Problem>)> {
    let dir = root.join(crate::site::STATIC_DIR);
    let walked = crate::site::walk(root, &dir)?;
    let mut files = Vec::with_capacity(walked.files.len());
    for path in walked.files {
        let inside = path.strip_prefix(&dir).expect("walked from here");
        let contents = std::fs::read(&path).map_err(|e| Error::read(&path, e))?;
        files.push(OutputFile::copied(
            inside.to_string_lossy().replace('\\', "/"),
            contents,
        ));
    }
    Ok((files, walked.refused))
}
