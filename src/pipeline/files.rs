//! The render stage's files on their way out of `render_site`, batch by batch.

use bytes::Bytes;

use crate::digest::Key;
use crate::error::Result;
use crate::pipeline::shape::Shape;
use crate::pipeline::{SiteSources, Timings};
use crate::stages::item::OutputFile;
use crate::stages::render::{self, MadeFiles, PageDigests, SiteInputs, feeds, sitemap};

/// The render stage's files, handed to `emit`: pages, feeds, the sitemap, the theme's and the
/// site's static files; how many of them are pages. The sitemap is kept in `shape` for a
/// rebuild, and the pages' digests in `digests`.
pub(super) fn render_files(
    site: &SiteInputs,
    shape: &mut Shape,
    sources: &SiteSources,
    media_files: Vec<OutputFile>,
    (made, digests): (&MadeFiles, &mut PageDigests),
    timings: &mut Timings,
    emit: &mut dyn FnMut(Vec<OutputFile>) -> Result<()>,
) -> Result<usize> {
    let (index, pages) = (&*shape.index, &shape.pages[..]);
    let pages = timings.stage("render theme", || {
        let shape_of = (index, pages, shape.kept);
        render::render_pages(site, shape_of, made, digests, emit)
    })?;
    timings.stage("feeds and sitemap", || {
        emit(feeds::render_feeds(site, index, made))?;
        let sitemap = match (shape.kept, &shape.sitemap) {
            (true, Some(sitemap)) => sitemap.clone(),
            _ => sitemap::render_sitemap(site, &shape.pages, made),
        };
        if site.remember {
            shape.sitemap = Some(sitemap.clone());
        }
        emit(sitemap)
    })?;
    emit(render::render_redirects(site)?)?;
    let theme_files = sources.theme.static_files.iter();
    emit(
        theme_files
            .map(|(name, contents)| OutputFile::copied(format!("static/{name}"), contents.clone()))
            .collect(),
    )?;
    emit(sources.static_files.clone())?;
    emit(media_files)?;
    Ok(pages)
}

/// What `render_site` notes of the files on their way out: their paths, how many were made
/// rather than reused, and (for a rebuild to come) the files made anew and the digests of all
/// the made ones, to bring the made files kept up to date without remaking their map.
pub(super) struct Emitted {
    pub(super) paths: Vec<String>,
    pub(super) made: usize,
    fresh: Vec<(Key, Bytes)>,
    made_from: Vec<Key>,
    keep: bool,
}

impl Emitted {
    pub(super) fn new(keep: bool) -> Self {
        Emitted {
            paths: Vec::new(),
            made: 0,
            fresh: Vec::new(),
            made_from: Vec::new(),
            keep,
        }
    }

    pub(super) fn note(&mut self, files: &[OutputFile], previous: &MadeFiles) {
        for file in files {
            self.paths.push(file.path.clone());
            let Some(digest) = file.made_from else {
                continue;
            };
            let anew = previous.made_anew(file);
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
