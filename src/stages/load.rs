//! Stage 1: load every `content/**/*.md` into a validated item, reporting every problem at once.

pub mod aliases;
pub mod bundle;
mod names;
mod parse;
mod readable;
pub mod screening;
mod stamps;

pub use names::{GroupNames, SiteNames};
pub use parse::{Parsed, parse_date, parse_item, yaml_string};
pub use stamps::FileStamp;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::DateTime;
use rayon::prelude::*;

use crate::config::Config;
use crate::digest::{Key, KeyBuilder};
use crate::error::{Error, Problem, Result};
use crate::site::disk::DiskPool;
use crate::stages::item::{SourceItem, Spool};
use crate::text::converter::Converter;

/// Which items a build publishes.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub drafts: bool,
    pub future: bool,
    pub now: DateTime<chrono::Utc>,
    /// Leave out the files with problems instead of failing, as `bulletin check` does to
    /// look at the rest of the site.
    pub skip_problems: bool,
}

impl Selection {
    pub fn publishes(&self, item: &SourceItem) -> bool {
        (self.drafts || !item.draft) && (self.future || item.date <= self.now)
    }
}

/// A content file as parsed: its item and a warning, or its problems. The item is shared with
/// the stages after, which keep it as they render it. The warning is boxed: few files have one,
/// and every file is held for the whole build.
type ParsedFile = std::result::Result<(Arc<SourceItem>, Option<Box<Problem>>), Vec<Problem>>;

/// What one content file became, and the digest of what it was made from.
#[derive(Debug)]
struct KnownFile {
    digest: Key,
    parsed: ParsedFile,
    /// The file's stamp when it was read, if it had settled.
    stamp: Option<FileStamp>,
}

impl KnownFile {
    /// A file that could not be read as an item; read again at every load.
    fn failed(problem: Problem) -> Self {
        KnownFile {
            digest: Key(0, 0),
            parsed: Err(vec![problem]),
            stamp: None,
        }
    }
}

/// Every content file as last read, kept between builds so that a rebuild reads and parses
/// only the files that changed. It starts out stale: the first load reads everything.
#[derive(Debug)]
pub struct ContentFiles {
    /// By path relative to the site root, in path order. Changed only through `insert`,
    /// `remove` and `clear`, which keep `slugs` in step.
    files: BTreeMap<PathBuf, KnownFile>,
    slugs: SlugCounts,
    /// The settings the files were parsed with; other settings mean parsing again.
    settings: Option<Key>,
    stale: Stale,
    /// Symbolic links under `content/` left out at the last listing.
    refused_links: Vec<Problem>,
    /// The digests of bundle files, so that unchanged photos are not read again.
    pub file_digests: bundle::FileDigests,
}

/// What may differ on disk from `ContentFiles::files`.
#[derive(Debug)]
enum Stale {
    Nothing,
    /// These paths (absolute, or relative to the root) were created, changed or removed.
    Paths(BTreeSet<PathBuf>),
    /// Known from the item store: a file is as known while its stamp is.
    Stamped,
    Everything,
}

impl Default for ContentFiles {
    fn default() -> Self {
        ContentFiles {
            files: BTreeMap::new(),
            slugs: SlugCounts::default(),
            settings: None,
            stale: Stale::Everything,
            refused_links: Vec::new(),
            file_digests: bundle::FileDigests::default(),
        }
    }
}

impl ContentFiles {
    /// The watcher saw these paths change; the next load reads them again.
    pub fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        match &mut self.stale {
            Stale::Everything | Stale::Stamped => {}
            Stale::Nothing => self.stale = Stale::Paths(paths.into_iter().collect()),
            Stale::Paths(known) => known.extend(paths),
        }
    }

    /// Anything may have changed (the watcher lost events): the next load reads everything.
    pub fn forget(&mut self) {
        self.stale = Stale::Everything;
    }

    /// The items the selection publishes, in path order, or every problem of every file.
    pub fn published(&self, selection: Selection) -> Result<Vec<&Arc<SourceItem>>> {
        let (items, problems) = self.all();
        if !problems.is_empty() && !selection.skip_problems {
            return Err(Error::invalid(problems));
        }
        // Skipping problems skips the items they name too (a duplicate slug names both).
        let troubled: BTreeSet<&Path> = problems.iter().map(|p| p.file.as_path()).collect();
        // On every thread: each item read is a cache miss on a large site (4 ms at 100,000).
        let published = (items.into_par_iter())
            .filter(|item| selection.publishes(item) && !troubled.contains(item.path.as_path()))
            .collect();
        Ok(published)
    }

    /// Every item that parsed, whether published or not, and every problem of the others
    /// (duplicate slugs included), in path order: what `bulletin check` looks at.
    pub fn all(&self) -> (Vec<&Arc<SourceItem>>, Vec<Problem>) {
        let mut items = Vec::with_capacity(self.files.len());
        let mut problems = Vec::new();
        for file in self.files.values() {
            match &file.parsed {
                Ok((item, _)) => items.push(item),
                Err(found) => problems.extend(found.iter().cloned()),
            }
        }
        // Most sites have no shared slug; looking at every item is for those that do.
        if self.slugs.any_shared() {
            problems.extend(duplicate_slugs(&items));
        }
        (items, problems)
    }

    /// Warnings worth an editor's look, such as mixed scripts, in path order.
    pub fn warnings(&self) -> Vec<Problem> {
        self.files
            .values()
            .filter_map(|file| file.parsed.as_ref().ok()?.1.as_deref().cloned())
            .chain(self.refused_links.iter().cloned())
            .collect()
    }
}

/// An item file as read: what it became, unless it is as known, and its bundle files' stamps.
type ItemRead = (Option<(PathBuf, KnownFile)>, Vec<(PathBuf, bundle::Stamp)>);

/// What reading an item file needs besides the file.
struct Reading<'a> {
    config: &'a Config,
    names: &'a SiteNames,
    converter: &'a Converter,
    settings: Key,
    spool: Option<&'a Arc<Spool>>,
}

/// The digest of a content file: the settings it is parsed under, its path (the slug may come
/// from it) and its bytes.
fn source_digest(settings: Key, path: &Path, bytes: &[u8]) -> Key {
    KeyBuilder::default()
        .with(&settings)
        .with(path)
        .with(bytes)
        .finish()
}

impl ContentFiles {
    /// The load stage: brings these files up to date with the disk, reading what may have
    /// changed and parsing what did. `settings` digests everything else that shapes an item
    /// (configuration, engine, glossary); when it differs from the last load's, every file is
    /// parsed again. Until the content directory is listed, everything stays stale.
    /// With a `spool`, the items' Markdown is moved there as it is read. Says how many files
    /// were read.
    pub fn refresh(
        &mut self,
        config: &Config,
        converter: &Converter,
        settings: Key,
        spool: Option<&Arc<Spool>>,
    ) -> Result<usize> {
        if self.settings != Some(settings) {
            self.clear();
            self.stale = Stale::Everything;
            self.settings = Some(settings);
        }
        let Some((to_read, listed)) = self.stale_files(config)? else {
            return Ok(0);
        };
        self.stale = Stale::Nothing;
        let relative = |path: &Path| relative_to(&config.root, path);
        let complete = listed.is_some();
        if let Some(listed) = listed {
            let gone: Vec<PathBuf> = (self.files.keys())
                .filter(|path| !listed.contains(*path))
                .cloned()
                .collect();
            for path in gone {
                self.remove(&path);
            }
        }
        let names = SiteNames::new(config, converter);
        let reading = Reading {
            config,
            names: &names,
            converter,
            settings,
            spool,
        };
        // Each file is parsed as soon as it is read, so that only a few are ever held whole.
        let read: Vec<ItemRead> = DiskPool::for_files(to_read.len()).run(|| {
            (to_read.par_iter())
                .map(|path| self.read_item(&reading, relative(path), stamps::read_stamped(path)))
                .collect()
        });
        let (parsed, stamps): (Vec<_>, Vec<_>) = read.into_iter().unzip();
        self.file_digests
            .update(stamps.into_iter().flatten().collect(), complete);
        let parsed = parsed.into_iter().flatten();
        if self.files.is_empty() {
            // Built at once from the paths in order: inserted one by one, each compared its way
            // down the tree, component by component (a serial 1% of a first build).
            self.files = parsed.collect();
            for file in self.files.values() {
                self.slugs.add(file.slug());
            }
        } else {
            parsed.for_each(|(path, file)| self.insert(path, file));
        }
        Ok(to_read.len())
    }

    /// One item file as read: what it became, unless its digest (its bundle's included) is the
    /// one known; and the stamps of its bundle's files.
    fn read_item(
        &self,
        reading: &Reading,
        path: PathBuf,
        read: std::io::Result<(Vec<u8>, Option<FileStamp>)>,
    ) -> ItemRead {
        let root = &reading.config.root;
        let (bytes, stamp) = match read {
            Ok(read) => read,
            // Removed between listing and reading: a later event brings it back.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (None, Vec::new()),
            Err(e) => {
                let problem = Problem::new(&path, 0, format!("cannot read: {e}"));
                return (Some((path, KnownFile::failed(problem))), Vec::new());
            }
        };
        if let Some(owner) = bundle::enclosing_bundle(root, &path) {
            let problem = bundle::inside_bundle_problem(&path, &owner);
            return (Some((path, KnownFile::failed(problem))), Vec::new());
        }
        let found = bundle::bundle_dir(root, &path)
            .map(|dir| bundle::read_bundle(root, &dir, &self.file_digests))
            .transpose();
        let (bundle, stamps) = match found {
            Ok(Some((bundle, stamps))) => (Some(bundle), stamps),
            Ok(None) => (None, Vec::new()),
            Err(problem) => return (Some((path, KnownFile::failed(problem))), Vec::new()),
        };
        let mut digest = source_digest(reading.settings, &path, &bytes);
        if let Some(bundle) = &bundle {
            digest = KeyBuilder::default()
                .with(&digest)
                .with(&bundle::bundle_digest(bundle))
                .finish();
        }
        if let Some(known) = self.files.get(&path).filter(|k| k.digest == digest) {
            // Only its stamp changed (or was not yet known).
            let parsed = known.parsed.clone();
            let known = (known.stamp != stamp).then_some(KnownFile {
                digest,
                parsed,
                stamp,
            });
            return (known.map(|file| (path, file)), stamps);
        }
        let (config, names, converter) = (reading.config, reading.names, reading.converter);
        let parsed = parse_item(&path, &bytes, digest, config, names, converter).map(
            |(mut item, warning)| {
                if let Some(spool) = reading.spool {
                    // Should the spool fail, the text stays in memory.
                    let _ = spool.take(&mut [&mut item.body], None);
                }
                (
                    Arc::new(SourceItem {
                        bundle: bundle.map(Box::new),
                        ..item
                    }),
                    warning.map(Box::new),
                )
            },
        );
        let file = KnownFile {
            digest,
            parsed,
            stamp,
        };
        (Some((path, file)), stamps)
    }

    /// The files that may have changed, and every item file (relative to the root) when the
    /// directory was listed; `None` when nothing is stale.
    fn stale_files(&mut self, config: &Config) -> Result<Option<(Vec<PathBuf>, Option<Listed>)>> {
        let content_dir = config.root.join(crate::site::CONTENT_DIR);
        let paths = match std::mem::replace(&mut self.stale, Stale::Everything) {
            Stale::Nothing => {
                self.stale = Stale::Nothing;
                return Ok(None);
            }
            Stale::Everything => return self.every_file(config).map(Some),
            Stale::Stamped => return self.changed_stamps(config).map(Some),
            Stale::Paths(paths) => paths,
        };
        let paths: Vec<PathBuf> = paths
            .into_iter()
            .map(|p| config.root.join(p))
            .filter(|p| p.starts_with(&content_dir))
            .collect();
        // A directory created, moved or removed: its files are not named one by one. An
        // editor's temporary file, gone after its rename, is not one.
        let held_under = |dir: &Path| {
            let dir = relative_to(&config.root, dir);
            let mut after = self.files.range(dir.clone()..);
            after.next().is_some_and(|(path, _)| path.starts_with(&dir))
        };
        if paths.iter().any(|p| {
            // A link is listed whole, so that where it leads is checked.
            p.is_dir() || p.is_symlink() || (!is_item_file(p) && !p.exists() && held_under(p))
        }) {
            return self.every_file(config).map(Some);
        }
        for path in &paths {
            self.remove(&relative_to(&config.root, path));
        }
        // A photo or attachment added, changed or removed: its item is read again.
        let owners: BTreeSet<PathBuf> = paths
            .iter()
            .filter(|p| !is_item_file(p))
            .filter_map(|p| bundle::owner_of(&config.root, &relative_to(&config.root, p)))
            .map(|owner| config.root.join(owner))
            .collect();
        let existing: BTreeSet<PathBuf> = paths
            .into_iter()
            .filter(|p| is_item_file(p) && p.is_file())
            .chain(owners)
            .collect();
        Ok(Some((existing.into_iter().collect(), None)))
    }

    /// Every item file, to be read, and listed.
    fn every_file(&mut self, config: &Config) -> Result<(Vec<PathBuf>, Option<Listed>)> {
        let all = self.all_item_files(config)?.files;
        let listed = all.iter().map(|p| relative_to(&config.root, p)).collect();
        Ok((all, Some(listed)))
    }

    /// Known from the item store: every item file listed, and those whose stamps differ from
    /// the store's (or whose surroundings make them read otherwise) to be read.
    fn changed_stamps(&mut self, config: &Config) -> Result<(Vec<PathBuf>, Option<Listed>)> {
        let relative = |path: &Path| relative_to(&config.root, path);
        let walked = self.all_item_files(config)?;
        let dirs: Vec<PathBuf> = walked.dirs.iter().map(|d| relative(d)).collect();
        let listed: Vec<PathBuf> = walked.files.iter().map(|f| relative(f)).collect();
        let listing = stamps::Listing::new(&dirs, &listed);
        let still_known = |(path, relative): &(&PathBuf, &PathBuf)| {
            let Some(known) = self.files.get(*relative) else {
                return false;
            };
            let (Some(stamp), Ok((item, None))) = (known.stamp, &known.parsed) else {
                return false;
            };
            listing.keeps(item) && FileStamp::now(path) == Some(stamp)
        };
        let changed = DiskPool::for_files(listed.len()).run(|| {
            (walked.files.par_iter().zip(&listed))
                .filter(|pair| !still_known(pair))
                .map(|(path, _)| path.clone())
                .collect()
        });
        Ok((changed, Some(listed.into_iter().collect())))
    }
}

/// Every item file of the content directory, relative to the site root.
type Listed = HashSet<PathBuf>;

impl ContentFiles {
    /// Every `.md` file under `content/`, through links that stay inside the site; the links
    /// refused are remembered as warnings.
    fn all_item_files(&mut self, config: &Config) -> Result<crate::site::Walked> {
        let content_dir = config.root.join(crate::site::CONTENT_DIR);
        let mut walked = crate::site::walk(&config.root, &content_dir)?;
        self.refused_links = std::mem::take(&mut walked.refused);
        walked.files.retain(|p| is_item_file(p));
        Ok(walked)
    }
}

/// An item as the item store keeps it: its file's path and stamp, and the item.
pub type StoredFile = (PathBuf, FileStamp, Arc<SourceItem>);

/// An item the item store can keep, as `ContentFiles` holds it.
pub type StorableFile<'a> = (&'a Path, FileStamp, &'a Arc<SourceItem>);

impl ContentFiles {
    /// Starts from the items the item store kept, parsed under `settings`: the next load reads
    /// only the files whose stamps differ (and every file under other settings).
    pub fn restore(&mut self, settings: Key, files: Vec<StoredFile>) {
        self.clear();
        self.settings = Some(settings);
        for (path, stamp, item) in files {
            let file = KnownFile {
                digest: item.digest,
                parsed: Ok((item, None)),
                stamp: Some(stamp),
            };
            self.insert(path, file);
        }
        self.stale = Stale::Stamped;
    }

    /// The items the item store can keep, with the settings they were parsed under: those
    /// read without a problem or a warning, from a file that had settled, without a bundle.
    pub fn storable(&self) -> (Option<Key>, Vec<StorableFile<'_>>) {
        let files = self.files.iter().filter_map(|(path, file)| match file {
            KnownFile {
                stamp: Some(stamp),
                parsed: Ok((item, None)),
                ..
            } if item.bundle.is_none() => Some((path.as_path(), *stamp, item)),
            _ => None,
        });
        (self.settings, files.collect())
    }
}

impl ContentFiles {
    fn insert(&mut self, path: PathBuf, file: KnownFile) {
        self.slugs.add(file.slug());
        if let Some(old) = self.files.insert(path, file) {
            self.slugs.remove(old.slug());
        }
    }

    fn remove(&mut self, path: &Path) {
        if let Some(old) = self.files.remove(path) {
            self.slugs.remove(old.slug());
        }
    }

    fn clear(&mut self) {
        self.files.clear();
        self.slugs = SlugCounts::default();
    }
}

impl KnownFile {
    fn slug(&self) -> Option<&str> {
        Some(&self.parsed.as_ref().ok()?.0.slug)
    }
}

/// How many of the loaded items use each slug, by the slug's hash: whether two may share one
/// is then known without a look at every item. Two slugs with one hash only cost that look.
#[derive(Debug, Default)]
struct SlugCounts {
    counts: HashMap<u64, u32>,
    /// How many hashes more than one item uses.
    shared: usize,
}

impl SlugCounts {
    fn hash(slug: &str) -> u64 {
        use std::hash::{BuildHasher, BuildHasherDefault};
        BuildHasherDefault::<std::hash::DefaultHasher>::default().hash_one(slug)
    }

    fn add(&mut self, slug: Option<&str>) {
        let Some(slug) = slug else { return };
        let count = self.counts.entry(Self::hash(slug)).or_default();
        *count += 1;
        if *count == 2 {
            self.shared += 1;
        }
    }

    fn remove(&mut self, slug: Option<&str>) {
        let Some(slug) = slug else { return };
        let hash = Self::hash(slug);
        let count = self.counts.get_mut(&hash).expect("added before");
        *count -= 1;
        match *count {
            0 => drop(self.counts.remove(&hash)),
            1 => self.shared -= 1,
            _ => {}
        }
    }

    fn any_shared(&self) -> bool {
        self.shared > 0
    }
}

/// A path below the site root, as problems name it.
fn relative_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn is_item_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

fn duplicate_slugs(items: &[&Arc<SourceItem>]) -> Vec<Problem> {
    let mut first_by_slug: HashMap<&str, &SourceItem> = HashMap::new();
    let mut problems = Vec::new();
    for &item in items {
        if let Some(first) = first_by_slug.insert(&item.slug, item) {
            problems.push(
                Problem::new(&item.path, 1, format!("slug `{}` is already used by {}", item.slug, first.path.display()))
                    .with_hint("every item needs its own slug: rename the file or set `slug:` in the front matter")
                    .with_rule("duplicate-slug"),
            );
            first_by_slug.insert(&first.slug, first);
        }
    }
    problems
}
