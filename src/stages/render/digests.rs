//! The pages' digests, kept from one rebuild to the next by `serve` with the items each page
//! shows: after an edit that moves no item, only the pages that show an edited item are
//! digested again.

use std::cell::RefCell;
use std::sync::Arc;

use rayon::prelude::*;

use super::{Page, Renderer};
use crate::digest::Key;

/// Every page's digest in every variant, as last computed, and (kept for a rebuild) its file.
#[derive(Debug, Default)]
pub struct PageDigests {
    /// Per page job (every page of the first variant, then of the second, …).
    pub(super) jobs: Vec<Key>,
    /// Per page job, its file's path; empty unless kept for a rebuild.
    pub(super) files: Vec<Arc<str>>,
    /// Per item position: its digest when the pages were last digested.
    items: Vec<Key>,
    /// Per item position: the pages (positions in the list of pages) whose digest folds it in;
    /// empty unless kept for a rebuild.
    readers: Vec<Vec<u32>>,
}

impl PageDigests {
    /// Brings the digests up to date. With `same_pages` (the indexes and pages are the last
    /// digests' own), only the pages that read an edited item are digested again; otherwise
    /// all of them, noting what each reads when `remember` (for the next rebuild).
    pub(super) fn update(
        &mut self,
        renderer: &Renderer,
        pages: &[Page],
        same_pages: bool,
        remember: bool,
    ) {
        let variants = renderer.config.variants.len();
        let items = renderer.items;
        let known = same_pages
            && !self.readers.is_empty()
            && self.items.len() == items.len()
            && self.jobs.len() == variants * pages.len();
        if !known {
            *self = match remember {
                true => Self::all_noting_readers(renderer, pages),
                false => PageDigests {
                    jobs: Self::all(renderer, pages),
                    ..PageDigests::default()
                },
            };
            return;
        }
        let mut touched: Vec<u32> = (0..items.len())
            .filter(|&i| items[i].meta.digest != self.items[i])
            .flat_map(|i| self.readers[i].iter().copied())
            .collect();
        touched.sort_unstable();
        touched.dedup();
        for p in touched {
            let page = &pages[p as usize];
            for v in 0..variants {
                self.jobs[v * pages.len() + p as usize] = renderer.page_digest(v, page, None);
            }
        }
        self.items = items.iter().map(|item| item.meta.digest).collect();
    }

    fn all(renderer: &Renderer, pages: &[Page]) -> Vec<Key> {
        let variants = renderer.config.variants.len();
        (0..variants * pages.len())
            .into_par_iter()
            .map(|j| renderer.page_digest(j / pages.len(), &pages[j % pages.len()], None))
            .collect()
    }

    fn all_noting_readers(renderer: &Renderer, pages: &[Page]) -> Self {
        let variants = renderer.config.variants.len();
        let per_page: Vec<(Vec<Key>, Vec<u32>)> = pages
            .par_iter()
            .map(|page| {
                let reads = RefCell::new(Vec::new());
                let digests = (0..variants)
                    .map(|v| renderer.page_digest(v, page, (v == 0).then_some(&reads)))
                    .collect();
                (digests, reads.into_inner())
            })
            .collect();
        let items = renderer.items;
        let mut readers = vec![Vec::new(); items.len()];
        let mut jobs = vec![Key::default(); variants * pages.len()];
        for (p, (digests, reads)) in per_page.into_iter().enumerate() {
            for (v, digest) in digests.into_iter().enumerate() {
                jobs[v * pages.len() + p] = digest;
            }
            for i in reads {
                let page_readers: &mut Vec<u32> = &mut readers[i as usize];
                if page_readers.last() != Some(&(p as u32)) {
                    page_readers.push(p as u32);
                }
            }
        }
        let variants = &renderer.config.variants;
        let files = variants
            .iter()
            .flat_map(|variant| pages.iter().map(move |page| page.file(variant).into()))
            .collect();
        PageDigests {
            jobs,
            files,
            items: items.iter().map(|item| item.meta.digest).collect(),
            readers,
        }
    }
}
