//! The convert and Markdown stages over the items of a build, batch by batch.

use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::digest::{KeyMap, KeySet};
use crate::error::{Error, Problem, Result};
use crate::pipeline::Timings;
use crate::stages::convert::cache::{CacheWriter, ConversionCache};
use crate::stages::item::{CopyBudget, RenderedItem, SourceItem, Spool, StoredText};
use crate::stages::{convert, markdown, media};

pub(super) struct ItemsRendered {
    /// Every published item, in path order.
    pub(super) items: Vec<Arc<RenderedItem>>,
    /// How many (item, variant) pairs were converted rather than taken from the cache.
    pub(super) converted: usize,
    pub(super) cache: ConversionCache,
}

/// How many items go through the convert and Markdown stages together: an item's converted
/// texts are dropped once it is rendered, so only a batch of them is ever held.
pub(super) const ITEM_BATCH: usize = 4096;

/// How many bytes of summaries a build keeps in memory as well as in the spool: a summary is
/// read on every list and neighbour's page that shows its item, and reading it back cost a
/// twentieth of a build's time at 10,000 items (whose summaries take 7 MB, 100,000 items'
/// 60 MB).
const SUMMARY_COPIES: usize = 96 << 20;

/// How many items no longer published a rebuild may keep among those it knows, rather than
/// look for them over the whole site after every edit (11 ms at 100,000 items).
const GONE_ITEMS_KEPT: usize = 64;

/// Moves a batch's HTML to the spool, and copies its summaries there while `summary_copies` has
/// room (else moves them too).
fn spool_texts(
    spool: &Arc<Spool>,
    rendered: &mut [RenderedItem],
    summary_copies: &CopyBudget,
) -> std::io::Result<()> {
    let texts = rendered.iter_mut().flat_map(|item| item.texts.iter_mut());
    let (mut html, mut summaries): (Vec<&mut StoredText>, Vec<&mut StoredText>) = texts
        .map(|text| (&mut text.html, &mut text.summary))
        .unzip();
    spool.take(&mut html, None)?;
    spool.take(&mut summaries, Some(summary_copies))
}

/// The convert and Markdown stages for the items `published` that `known` (rendered by an
/// earlier build) lacks, batch by batch. With a `spool` (a build, which is not followed by
/// another), each batch's HTML is moved there and the conversion cache for the next build is
/// written as it goes; else that cache is returned, in memory. Afterwards `known` holds
/// the items published now: exactly, after a build; after a rebuild, with at most
/// `GONE_ITEMS_KEPT` others.
pub(super) fn render_items(
    config: &Config,
    conversions: &convert::Conversions,
    published: &[&Arc<SourceItem>],
    media: &media::Media,
    known: &mut KeyMap<Arc<RenderedItem>>,
    spool: Option<&Arc<Spool>>,
    timings: &mut Timings,
) -> Result<ItemsRendered> {
    // Looked up on every thread, here and below: a rebuild looks up every item of the site in
    // a map of them all, and each lookup misses the cache (11 ms at 100,000 items on one).
    let fresh: Vec<&Arc<SourceItem>> = (published.par_iter())
        .filter(|item| !known.contains_key(&item.digest))
        .copied()
        .collect();
    let (_, base_path) = crate::site::host_and_base_path(&config.base_url);
    let (mut used, mut converted) = (Vec::new(), 0);
    let writer = spool.and_then(|_| CacheWriter::after(conversions.cache));
    if let Some(writer) = &writer {
        // Items the item store kept were not converted: their texts stay in the cache.
        let reused = published.iter().filter_map(|item| known.get(&item.digest));
        writer.keep(reused.flat_map(|item| item.conversion_keys.iter().copied()));
    }
    let summary_copies = CopyBudget::new(SUMMARY_COPIES);
    for batch in fresh.chunks(ITEM_BATCH) {
        let sources = batch.iter().map(|&item| Arc::clone(item)).collect();
        let batch = timings.stage_part("convert scripts", || {
            convert::convert_items(sources, config, conversions)
        });
        converted += batch.converted;
        match &writer {
            Some(writer) => timings.stage_part("write cache", || writer.add(batch.used())),
            None => used.extend(batch.used().map(|(key, text)| (key, text.clone()))),
        }
        let mut rendered = timings.stage_part("render markdown", || {
            markdown::render_items(batch.items, config.safety, &media.items, base_path)
        });
        if let Some(spool) = spool {
            let cache_dir = config.root.join(crate::site::CACHE_DIR);
            spool_texts(spool, &mut rendered, &summary_copies)
                .map_err(|e| Error::write(&cache_dir, e))?;
        }
        known.extend(
            rendered
                .into_iter()
                .map(|item| (item.meta.digest, Arc::new(item))),
        );
    }
    let items: Vec<Arc<RenderedItem>> = (published.par_iter())
        .map(|item| known[&item.digest].clone())
        .collect();
    // Finding the items gone takes a pass over the whole site: a rebuild lets a few (the
    // last versions of the items edited) wait for a later one. A build's are dropped now, as
    // the item store keeps what it is given.
    if spool.is_some() || known.len() > published.len() + GONE_ITEMS_KEPT {
        let kept: KeySet = published.iter().map(|item| item.digest).collect();
        known.retain(|digest, _| kept.contains(digest));
    }
    let cache = match writer {
        Some(writer) => {
            timings.stage_part("write cache", || writer.finish());
            ConversionCache::disabled()
        }
        None => conversions.cache.next(used),
    };
    Ok(ItemsRendered {
        items,
        converted,
        cache,
    })
}

/// The links and images the Markdown stage left as text, as problems.
pub(super) fn unsafe_links(items: &[Arc<RenderedItem>]) -> Vec<Problem> {
    items
        .iter()
        .flat_map(|item| {
            item.links.refused.iter().map(|link| {
                Problem::new(
                    &item.meta.path,
                    link.line,
                    format!("the link `{}` could run a script; it is shown as plain text", link.target),
                )
                .at_column(link.column)
                .with_hint("link only to http:, https:, mailto: or tel: addresses, or to the site's own pages")
                .with_rule("unsafe-link")
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::pipeline::{Carried, SiteSources, render_site_to_memory};
    use crate::stages::load::Selection;
    use crate::text::converter::Converter;

    const CONFIG: &str = "title: 测试区\nbase_url: https://example.org/\nvariants:\n  - { lang: zh-Hans, path: hans, default: true }\ndepartments:\n  jianshe: 区建设局\n";

    fn write_item(root: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let path = root.join("content").join(format!("{name}.md"));
        let item = format!(
            "---\ntitle: {name}\ndate: 2024-03-05 09:00\ndepartment: jianshe\n---\n\n{text}\n"
        );
        std::fs::write(&path, item).unwrap();
        path
    }

    #[test]
    fn rebuilds_keep_a_few_items_gone_and_no_more() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("bulletin.yaml"), CONFIG).unwrap();
        write_item(root, "other", "另一条消息。");
        write_item(root, "edited", "第一稿。");
        let config = Config::load(root).unwrap();
        let (converter, sources) = (Converter::new(), SiteSources::read(&config).unwrap());
        let selection = Selection {
            drafts: false,
            future: true,
            now: chrono::Utc::now(),
            skip_problems: false,
        };
        let mut carried = Carried::new(ConversionCache::disabled());
        let mut most = 0;
        for n in 0..GONE_ITEMS_KEPT + 8 {
            if n > 0 {
                let edited = write_item(root, "edited", &format!("第{n}稿。"));
                carried.content.changed([edited]);
            }
            render_site_to_memory(&config, &converter, &sources, selection, &mut carried).unwrap();
            most = most.max(carried.items.len());
            assert!(
                carried.items.len() <= 2 + GONE_ITEMS_KEPT,
                "after {n} edits"
            );
        }
        assert!(most > 2, "the versions gone waited for a later rebuild");
    }
}
