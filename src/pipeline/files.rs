//! The render stage's files on their way out of `render_site`, batch by batch.

use std::sync::Arc;

use bytes::Bytes;
use rayon::prelude::*;

use crate::digest::Key;
use crate::error::Result;
use crate::pipeline::shape::Shape;
use crate::pipeline::{SiteSources, Timings};
use crate::stages::item::{FileSink, OutputFile, SitePaths};
use crate::stages::render::{self, MadeFiles, PageDigests, SiteInputs, feeds, sitemap};

/// The render stage's files, handed to `sink`: pages, feeds, the sitemap, the theme's and the
/// site's static files; how many of them are pages. The sitemap is kept in `shape` for a
/// rebuild, and the pages' digests in `digests`.
pub(super) fn render_files(
    site: &SiteInputs,
    shape: &mut Shape,
    sources: &SiteSources,
    media_files: Vec<OutputFile>,
    (made, digests): (&MadeFiles, &mut PageDigests),
    timings: &mut Timings,
    sink: &mut dyn FileSink,
) -> Result<usize> {
    let (index, pages) = (&*shape.index, &shape.pages[..]);
    let pages = timings.stage("render theme", || {
        let shape_of = (index, pages, shape.kept);
        render::render_pages(site, shape_of, made, digests, sink)
    })?;
    timings.stage("feeds and sitemap", || {
        feeds::render_feeds(site, index, made, sink)?;
        if let (true, Some(sitemap)) = (shape.kept, &shape.sitemap) {
            return sink.put(sitemap.clone());
        }
        let mut remembered = Vec::new();
        sitemap::render_sitemap(site, &shape.pages, made, &mut |files| {
            if site.remember {
                remembered.extend(files.iter().cloned());
            }
            sink.put(files)
        })?;
        shape.sitemap = site.remember.then_some(remembered);
        Ok(())
    })?;
    sink.put(render::render_redirects(site)?)?;
    let theme_files = sources.theme.static_files.iter();
    sink.put(
        theme_files
            .map(|(name, contents)| OutputFile::copied(format!("static/{name}"), contents.clone()))
            .collect(),
    )?;
    sink.put(sources.static_files.clone())?;
    sink.put(media_files)?;
    Ok(pages)
}

/// The sink `render_site` hands its files to: it notes them (`Emitted`) on their way on.
pub(super) struct Noted<'a> {
    pub(super) emitted: Emitted,
    pub(super) previous: &'a MadeFiles,
    pub(super) sink: &'a mut dyn FileSink,
}

impl FileSink for Noted<'_> {
    fn put(&mut self, files: Vec<OutputFile>) -> Result<()> {
        self.emitted.note(&files, self.previous);
        self.sink.put(files)
    }

    fn keep(&mut self, files: &[(String, Key)]) -> bool {
        let kept = self.sink.keep(files);
        if kept {
            files
                .iter()
                .for_each(|(path, _)| self.emitted.note_kept(path));
        }
        kept
    }

    fn keep_each(&mut self, files: &[(String, Key)]) -> Vec<bool> {
        let kept = self.sink.keep_each(files);
        for ((path, _), _) in files.iter().zip(&kept).filter(|(_, kept)| **kept) {
            self.emitted.note_kept(path);
        }
        kept
    }
}

/// The files of a site kept in memory (`serve`, `check`), which holds nothing from before.
#[derive(Default)]
pub(super) struct InMemory(pub(super) Vec<OutputFile>);

impl FileSink for InMemory {
    fn put(&mut self, mut files: Vec<OutputFile>) -> Result<()> {
        self.0.append(&mut files);
        Ok(())
    }

    fn keep(&mut self, _: &[(String, Key)]) -> bool {
        false
    }
}

/// What `render_site` notes of the files on their way out: their paths, how many were made
/// rather than reused, and (for a rebuild to come) the files made anew and the digests of all
/// the made ones, to bring the made files kept up to date without remaking their map.
pub(super) struct Emitted {
    /// The paths, from the first that differs from the last build's on (`last`): as long as
    /// they are the same, they are only counted.
    paths: Vec<Arc<str>>,
    same: usize,
    last: Option<SitePaths>,
    pub(super) made: usize,
    fresh: Vec<(Key, Bytes)>,
    made_from: Vec<Key>,
    keep: bool,
}

impl Emitted {
    /// `last` holds the paths of the last build's files.
    pub(super) fn new(keep: bool, last: Option<SitePaths>) -> Self {
        Emitted {
            paths: Vec::new(),
            same: 0,
            last,
            made: 0,
            fresh: Vec::new(),
            made_from: Vec::new(),
            keep,
        }
    }

    /// The paths noted, checked; the last build's when they are the same, in the same order.
    pub(super) fn paths(&mut self, timings: &mut Timings) -> Result<SitePaths> {
        match self.last.take() {
            Some(last) if self.paths.is_empty() && self.same == last.made().len() => Ok(last),
            last => {
                let mut paths = last.map_or_else(Vec::new, SitePaths::into_made);
                paths.truncate(self.same);
                paths.append(&mut self.paths);
                timings.stage("check paths", || SitePaths::checked(paths))
            }
        }
    }

    fn note_path(&mut self, path: &Arc<str>) {
        let last = self.last.as_ref().map_or(&[][..], |last| last.made());
        let same = |p: &Arc<str>| Arc::ptr_eq(p, path) || p == path;
        if self.paths.is_empty() && last.get(self.same).is_some_and(same) {
            self.same += 1;
        } else {
            self.paths.push(Arc::clone(path));
        }
    }

    /// Notes a file kept as the last build made it, neither made nor reused from memory.
    fn note_kept(&mut self, path: &str) {
        self.note_path(&Arc::from(path));
    }

    pub(super) fn note(&mut self, files: &[OutputFile], previous: &MadeFiles) {
        // Looked up on every thread: a rebuild hands on every page of the site, and each
        // lookup in the map of them all misses the cache (17 ms at 100,000 items on one).
        let made_anew: Vec<bool> = (files.par_iter())
            .map(|file| previous.made_anew(file))
            .collect();
        for (file, anew) in files.iter().zip(made_anew) {
            self.note_path(&file.path);
            let Some(digest) = file.made_from else {
                continue;
            };
            self.made += usize::from(anew);
            if self.keep {
                self.made_from.push(digest);
                if anew {
                    self.fresh.push((digest, file.contents.clone()));
                }
            }
        }
    }

    /// Brings the made files kept for a rebuild up to date with this build's.
    pub(super) fn update(&mut self, made: &mut MadeFiles) {
        if self.keep {
            made.update(std::mem::take(&mut self.fresh), &self.made_from);
        }
    }
}
