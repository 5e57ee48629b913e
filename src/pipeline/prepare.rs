//! The stages up to the items' HTML: load and select, photos, convert and Markdown. What the
//! site's pages are made from, and what a failed build stops on before any page is made.

use std::sync::Arc;

use crate::config::Config;
use crate::config::rules::Level;
use crate::digest::KeyBuilder;
use crate::error::{Error, Problem, Result};
use crate::pipeline::{Carried, SiteSources, Timings};
use crate::stages::convert;
use crate::stages::item::{OutputFile, RenderedItem, SourceItem, Spool};
use crate::stages::lint;
use crate::stages::load::{ContentFiles, Selection};
use crate::stages::media::{self, KnownMedia, cache::MediaCache};
use crate::text::converter::Converter;

use super::items::{ItemsRendered, render_items, unsafe_links};

/// The published items as HTML in every variant, with what the stages found on the way.
pub(super) struct Prepared {
    /// How many content files were read.
    pub(super) read: usize,
    pub(super) warnings: Vec<Problem>,
    /// Every published item, in path order.
    pub(super) items: Vec<Arc<RenderedItem>>,
    /// How many (item, variant) pairs were converted rather than taken from the cache.
    pub(super) converted: usize,
    /// The items' photos and attachments, as published.
    pub(super) media_files: Vec<OutputFile>,
    /// How many photos were processed rather than taken from the cache.
    pub(super) photos_processed: usize,
    /// The digest of what every item's rendering depends on besides its own file.
    pub(super) settings: crate::digest::Key,
    /// The theme's strings and the site's own texts in every variant.
    pub(super) site_texts: Vec<convert::SiteText>,
}

/// Loads and selects the items, publishes their media and renders them, reusing what
/// `carried` knows; the conversion cache it holds is brought up to date.
pub(super) fn prepare_items(
    config: &Config,
    converter: &Converter,
    sources: &SiteSources,
    selection: Selection,
    carried: &mut Carried,
    timings: &mut Timings,
) -> Result<Prepared> {
    let conversions = convert::Conversions::new(converter, &sources.glossary, &carried.cache);
    let settings = KeyBuilder::default()
        .with(&config.item_settings())
        .with(&conversions.fingerprint)
        .finish();
    let Loaded {
        read,
        mut warnings,
        published,
    } = load_and_select(
        config,
        converter,
        selection,
        settings,
        &mut carried.content,
        carried.spool.as_ref(),
        timings,
    )?;
    warnings.extend(sources.refused_links.iter().cloned());
    let progress = carried.photo_progress;
    let media = publish_media(
        config,
        &published,
        selection,
        &mut carried.media,
        progress,
        timings,
    )?;
    warnings.extend(media.problems.iter().cloned());
    let ItemsRendered {
        items,
        converted,
        cache,
    } = render_items(
        config,
        &conversions,
        &published,
        &media,
        &mut carried.items,
        carried.spool.as_ref(),
        timings,
    )?;
    // A link that could run a script is left as its text; the page is safe, so a build goes
    // on, but the editor is told (and `check` fails).
    if config.level("unsafe-link") != Level::Off {
        warnings.extend(unsafe_links(&items));
    }
    let site_texts = convert::convert_site_text(
        config,
        &sources.theme.strings,
        converter,
        &conversions.glossary,
    );
    carried.cache = cache;
    Ok(Prepared {
        read,
        warnings,
        items,
        converted,
        media_files: media.files,
        photos_processed: media.processed,
        settings,
        site_texts,
    })
}

/// The media stage over the published items. Its problems stop a build; `check` (skipping
/// problems) reports them itself.
fn publish_media(
    config: &Config,
    published: &[&Arc<SourceItem>],
    selection: Selection,
    known: &mut KnownMedia,
    progress: Option<fn(usize, usize)>,
    timings: &mut Timings,
) -> Result<media::Media> {
    let cache = MediaCache::at(&config.root);
    let media = timings.stage("process photos", || {
        media::publish_media(&config.root, published, &cache, known, progress)
    });
    if !media.problems.is_empty() && !selection.skip_problems {
        return Err(Error::invalid(media.problems));
    }
    Ok(media)
}

/// The load stage and the choice of what is published: the items, with the warnings of the
/// content and how many files were read. The rules a site raised to errors stop a build;
/// `check` (skipping problems) reports them itself.
fn load_and_select<'c>(
    config: &Config,
    converter: &Converter,
    selection: Selection,
    settings: crate::digest::Key,
    content: &'c mut ContentFiles,
    spool: Option<&Arc<Spool>>,
    timings: &mut Timings,
) -> Result<Loaded<'c>> {
    let read = timings.stage("load content", || {
        content.refresh(config, converter, settings, spool)
    })?;
    let content = &*content;
    let (warnings, published) = timings.stage("select items", || {
        let published = content.published(selection)?;
        Ok::<_, Error>((content.warnings(), published))
    })?;
    if !selection.skip_problems {
        let today = selection.now.with_timezone(&config.timezone).date_naive();
        let raised = lint::build_errors(config, &published, converter, today);
        if !raised.is_empty() {
            return Err(Error::invalid(raised));
        }
    }
    Ok(Loaded {
        read,
        warnings,
        published,
    })
}

/// What the load stage gives the stages after it.
struct Loaded<'c> {
    /// How many content files were read.
    read: usize,
    warnings: Vec<Problem>,
    published: Vec<&'c Arc<SourceItem>>,
}
