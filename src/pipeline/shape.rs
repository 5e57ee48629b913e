//! The site's shape (its indexes, its list of pages and the sitemap that lists them) kept from
//! one rebuild to the next by `serve`: an edit that moves no item makes none of them again.

use std::sync::Arc;

use crate::config::Config;
use crate::digest::Key;
use crate::stages::index::{self, SiteIndex};
use crate::stages::item::{OutputFile, RenderedItem, SourceItem};
use crate::stages::render::{self, Page};

/// The indexes and pages of a build, and what they were made from.
pub(super) struct Shape {
    /// The site digest they were made under: configuration, theme and settings.
    site: Key,
    /// The items as they were when the shape was made, in the build's order.
    items: Vec<Arc<SourceItem>>,
    pub(super) index: Arc<SiteIndex>,
    pub(super) pages: Arc<Vec<Page>>,
    /// The sitemap's files (and `robots.txt`) once made: they follow from the pages alone.
    pub(super) sitemap: Option<Vec<OutputFile>>,
    /// Whether the shape is the last build's, kept.
    pub(super) kept: bool,
}

impl Shape {
    /// The shape of the site: `last`, when it was made under the same site digest from items
    /// that each keep their place; else made anew.
    pub(super) fn of(
        last: Option<Shape>,
        site: Key,
        config: &Config,
        items: &[Arc<RenderedItem>],
    ) -> Shape {
        let metas = items.iter().map(|item| Arc::clone(&item.meta)).collect();
        if let Some(mut last) = last.filter(|last| last.fits(site, items)) {
            last.items = metas;
            last.kept = true;
            return last;
        }
        let index = index::build_index(
            items,
            config.departments.len(),
            config.columns.len(),
            config.editions.as_ref(),
        );
        let pages = render::site_pages(config, items, &index);
        Shape {
            site,
            items: metas,
            index: Arc::new(index),
            pages: Arc::new(pages),
            sitemap: None,
            kept: false,
        }
    }

    /// Whether this shape is that of `items` under `site`: an unchanged item is the same
    /// value as before, so only the edited ones are compared field by field.
    fn fits(&self, site: Key, items: &[Arc<RenderedItem>]) -> bool {
        self.site == site
            && self.items.len() == items.len()
            && self.items.iter().zip(items).all(|(last, item)| {
                Arc::ptr_eq(last, &item.meta) || index::same_place(last, &item.meta)
            })
    }
}
