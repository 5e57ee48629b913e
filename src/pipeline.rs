//! The build, stage after stage: load content -> convert scripts -> render Markdown -> build
//! indexes -> render theme -> write output. Data flows one way; `serve` reuses `render_site`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use walkdir::WalkDir;

use crate::cache::ConversionCache;
use crate::config::Config;
use crate::content::{self, Selection};
use crate::convert::{self, Converter};
use crate::error::{Error, Problem, Result};
use crate::glossary::RawGlossary;
use crate::output::{self, OutputFile};
use crate::theme::Theme;
use crate::{feeds, index, markdown, render};

/// A site's own files published as they are, at the root of the output.
pub const SITE_STATIC_DIR: &str = "static";

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `output_dir` from the configuration.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub future: bool,
    /// What counts as "now" for future-dated items.
    pub now: chrono::DateTime<chrono::Utc>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            drafts: false,
            future: false,
            now: chrono::Utc::now(),
        }
    }
}

/// A rendered site, not yet written.
pub struct Site {
    pub files: Vec<OutputFile>,
    pub items: usize,
    pub pages: usize,
    /// Things worth an editor's look that do not stop the build.
    pub warnings: Vec<Problem>,
    /// How many (item, variant) pairs were converted rather than taken from the cache.
    pub converted: usize,
    /// The conversion cache for the next build.
    pub cache: ConversionCache,
    pub timings: Timings,
}

/// How long each stage took, in order.
#[derive(Debug, Clone, Default)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    /// Runs a stage and records its time.
    pub fn stage<T>(&mut self, name: &'static str, run: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = run();
        self.0.push((name, started.elapsed()));
        result
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (name, time) in &self.0 {
            writeln!(f, "  {name:18} {:8.1} ms", time.as_secs_f64() * 1000.0)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct BuildReport {
    pub warnings: Vec<Problem>,
    pub timings: Timings,
    /// How many (item, variant) pairs were converted rather than taken from the cache.
    pub converted: usize,
    pub items: usize,
    pub pages: usize,
    pub files: usize,
    pub variants: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
}

impl std::fmt::Display for BuildReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "built {} items into {} pages ({} files) in {} variants at {} in {} ms",
            self.items,
            self.pages,
            self.files,
            self.variants,
            self.output.display(),
            self.elapsed.as_millis()
        )
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
    };
    let mut setup = Timings::default();
    let converter = setup.stage("start engine", || Converter::for_site(config.engine))?;
    let cache = setup.stage("read cache", || ConversionCache::load(&config.root));
    let mut site = render_site(&config, &converter, selection, &cache)?;
    let mut timings = setup;
    timings.0.append(&mut site.timings.0);
    timings.stage("write output", || output::write_site(&site.files, &output))?;
    timings.stage("write cache", || site.cache.save());
    Ok(BuildReport {
        warnings: site.warnings,
        timings,
        converted: site.converted,
        items: site.items,
        pages: site.pages,
        files: site.files.len(),
        variants: config.variants.len(),
        output,
        elapsed: started.elapsed(),
    })
}

/// Runs every stage but the last: the whole site in memory, sorted by path.
pub fn render_site(
    config: &Config,
    converter: &Converter,
    selection: Selection,
    cache: &ConversionCache,
) -> Result<Site> {
    let mut timings = Timings::default();
    let theme = timings.stage("theme", || Theme::load(config))?;
    let content::Loaded { items, warnings } = timings.stage("load content", || {
        content::load_items(config, converter, selection)
    })?;
    let item_count = items.len();
    let site_glossary = RawGlossary::load(&config.root)?;
    let conversions = convert::Conversions::new(converter, &site_glossary, cache);
    let convert::Converted {
        items,
        cache,
        converted,
    } = timings.stage("convert scripts", || {
        convert::convert_items(items, config, &conversions)
    });
    let site_texts =
        convert::convert_site_text(config, &theme.strings, converter, &conversions.glossary);
    let items = timings.stage("render markdown", || {
        markdown::render_items(items, config.allow_html)
    });
    let index = timings.stage("build indexes", || {
        index::build_index(&items, config.departments.len())
    });
    let site_pages = render::site_pages(config, &items, &index);
    let mut files = timings.stage("render theme", || {
        render::render_pages(config, &theme, &site_texts, &items, &index, &site_pages)
    })?;
    let pages = files.len();
    timings.stage("feeds and sitemap", || {
        files.extend(feeds::render_feeds(config, &site_texts, &items, &index));
        files.extend(feeds::render_sitemap(config, &site_pages, &items));
    });
    files.extend(
        theme
            .static_files
            .iter()
            .map(|(name, contents)| OutputFile {
                path: format!("static/{name}"),
                contents: contents.clone(),
            }),
    );
    files.extend(site_static_files(&config.root)?);
    timings.stage("check paths", || output::check_unique_paths(&mut files))?;
    Ok(Site {
        files,
        items: item_count,
        pages,
        warnings,
        converted,
        cache,
        timings,
    })
}

fn site_static_files(root: &Path) -> Result<Vec<OutputFile>> {
    let dir = root.join(SITE_STATIC_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::read(&dir, e.into()))?;
        if entry.file_type().is_file() {
            let inside = entry.path().strip_prefix(&dir).expect("walked from here");
            files.push(OutputFile {
                path: inside.to_string_lossy().replace('\\', "/"),
                contents: std::fs::read(entry.path()).map_err(|e| Error::read(entry.path(), e))?,
            });
        }
    }
    Ok(files)
}
