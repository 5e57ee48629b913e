//! Search on a static host: one index for every variant, their text folded to one script
//! (`index`, its terms cut by `terms`), written beside the pages with each variant's documents;
//! and the OpenCC tables that bring a query typed in any script (or in Taiwan's or Hong Kong's
//! words) to the index's (`forms`), so that 干部 finds 幹部 on a traditional site.

mod forms;
mod gzip;
mod index;
mod pack;
mod postings;
mod record;
pub mod terms;
mod update;

use std::sync::Arc;

use chrono::Datelike;
use rayon::prelude::*;

use crate::config::{Config, Grouping};
use crate::digest::{Key, KeyBuilder};
use crate::error::Result;
use crate::stages::convert::SiteText;
use crate::stages::item::{FileSink, OutputFile, RenderedItem};
use crate::stages::markdown;
use crate::stages::render::SEARCH_DIR;
pub use record::{IndexRecord, LastIndex};
use record::{IndexedDocument, Noting};

/// The query tables' file in the index's directory: JSON, gzipped as the index files are.
pub const QUERY_FORMS_FILE: &str = "query-forms.bin";

/// What the search indexes are made from.
#[derive(Clone)]
pub struct SearchInputs {
    /// The digest of the items and every setting they are shown under.
    pub digest: Key,
    /// The digest of the settings alone (`site_digest`).
    pub site: Key,
    /// Per variant.
    pub texts: Vec<SiteText>,
    pub items: Vec<Arc<RenderedItem>>,
}

/// How much of one item's text is indexed, in characters: a long report (some sixty pages)
/// whole. What lies past this is not indexed, so that one pasted item cannot make every search
/// for its words fetch megabytes.
pub const SEARCHED_CHARS: usize = 100_000;

/// A text cut to its first `SEARCHED_CHARS` characters.
fn searched(mut text: String) -> String {
    // A character takes a byte at least: most texts need no counting.
    if text.len() > SEARCHED_CHARS
        && let Some((end, _)) = text.char_indices().nth(SEARCHED_CHARS)
    {
        text.truncate(end);
    }
    text
}

impl SearchInputs {
    /// What indexing these items takes; its digest stands for them all, under `site_digest`.
    pub fn of(site_digest: Key, texts: &[SiteText], items: &[Arc<RenderedItem>]) -> Self {
        SearchInputs {
            digest: items
                .iter()
                .fold(KeyBuilder::default().with(&site_digest), |key, item| {
                    key.with(&item.meta.digest)
                })
                .finish(),
            site: site_digest,
            texts: texts.to_vec(),
            items: items.to_vec(),
        }
    }
}

/// How a build came by its search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indexing {
    /// The last build's, as it was.
    Reused,
    /// The last build's, with this many items re-indexed.
    Updated(usize),
    /// Made anew.
    Made,
}

impl std::fmt::Display for Indexing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Indexing::Reused => write!(f, "search index reused"),
            Indexing::Updated(1) => write!(f, "1 item re-indexed"),
            Indexing::Updated(n) => write!(f, "{n} items re-indexed"),
            Indexing::Made => write!(f, "search index made"),
        }
    }
}

/// The search stage of `build` and `serve`: the `last` index as it is, when it was made from
/// the same inputs; else updated for the items that changed (`update`), when
/// the others kept their numbers; else made anew. Making it is the slowest stage of a build
/// (BENCHMARKS.md), so neither a build that changed nothing nor an edit pays for it again.
/// The files go to `emit` in batches, never all at once; what was made is returned, for the
/// next build (`IndexRecord::save`).
pub fn search_files_reusing(
    config: &Config,
    inputs: &SearchInputs,
    last: Option<LastIndex>,
    sink: &mut dyn FileSink,
) -> Result<(IndexRecord, Indexing)> {
    if let Some(last) = last {
        if last.record.inputs == inputs.digest && sink.keep(&last.record.files) {
            return Ok((last.record, Indexing::Reused));
        }
        if last.record.site == inputs.site {
            let updated = update::updated_index(config, inputs, &last, sink)?;
            if let Some((record, items)) = updated {
                return Ok((record, Indexing::Updated(items)));
            }
        }
    }
    let mut noting = Noting {
        sink,
        files: Vec::new(),
    };
    let indexed = search_files_emitting(config, inputs, &mut noting)?;
    let record = IndexRecord {
        inputs: inputs.digest,
        site: inputs.site,
        shards: indexed.shards,
        documents: indexed.documents,
        files: noting.files,
    };
    Ok((record, Indexing::Made))
}

/// What a whole index was made of: its documents by number, and how many shards.
struct Indexed {
    documents: Vec<IndexedDocument>,
    shards: usize,
}

/// The search stage, its files handed to `sink` batch by batch.
fn search_files_emitting(
    config: &Config,
    inputs: &SearchInputs,
    sink: &mut dyn FileSink,
) -> Result<Indexed> {
    let order = numbered(&inputs.items);
    let dirs = variant_dirs(config);
    // A batch at a time: only a batch's documents are held whole; the index keeps their terms.
    let mut postings = postings::Builder::default();
    let mut documents: Vec<IndexedDocument> = Vec::with_capacity(order.len());
    for (n, batch) in order.chunks(DOCUMENT_BATCH).enumerate() {
        let shown: Vec<index::Document> = batch
            .par_iter()
            .map(|item| document(config, &inputs.texts, item))
            .collect();
        let first_pack = n * DOCUMENT_BATCH / pack::PACK_DOCUMENTS;
        for (v, dir) in dirs.iter().enumerate() {
            let members: Vec<Vec<u8>> = shown.par_iter().map(|d| pack::member(d, v)).collect();
            let packs = members.par_chunks(pack::PACK_DOCUMENTS).enumerate();
            let files = packs.map(|(k, members)| pack::pack_file(dir, first_pack + k, members));
            sink.put(files.collect())?;
        }
        let normalized: Vec<postings::Normalized> =
            shown.par_iter().map(index::Document::normalized).collect();
        postings.add(&normalized);
        let indexed_batch = batch.iter().zip(&normalized);
        documents.extend(indexed_batch.map(|(item, normalized)| indexed(item, normalized)));
    }
    let shards = index::shard_count(documents.iter().map(|d| d.text_bytes).sum());
    sink.put(index::postings_files(postings, shards))?;
    let mut closing = site_files(config, inputs, &order, shards);
    closing.push(query_forms_file());
    sink.put(closing)?;
    Ok(Indexed { documents, shards })
}

/// The items in the order they are numbered: oldest first, so that a new item takes the next
/// number and the files of the others stay.
fn numbered(items: &[Arc<RenderedItem>]) -> Vec<&RenderedItem> {
    let mut order: Vec<&RenderedItem> = items.iter().map(|item| &**item).collect();
    order.sort_by(|a, b| (a.meta.date, &a.meta.url_path).cmp(&(b.meta.date, &b.meta.url_path)));
    order
}

/// Each variant's index directory, in the order of the variants.
fn variant_dirs(config: &Config) -> Vec<String> {
    let variants = config.variants.iter();
    variants
        .map(|v| format!("{}/{SEARCH_DIR}", v.path))
        .collect()
}

/// An item as the record of the index keeps it.
fn indexed(item: &RenderedItem, normalized: &postings::Normalized) -> IndexedDocument {
    IndexedDocument {
        url_path: item.meta.url_path.clone(),
        digest: item.meta.digest,
        department: item.meta.department,
        column: item.meta.column,
        year: item.meta.date.year(),
        text_bytes: normalized.text_bytes(),
    }
}

/// The files made from the whole site rather than from items: `meta.json` and each variant's
/// filters.
fn site_files(
    config: &Config,
    inputs: &SearchInputs,
    order: &[&RenderedItem],
    shards: usize,
) -> Vec<OutputFile> {
    let mut files = vec![index::meta_file(order.len(), shards)];
    for (v, dir) in variant_dirs(config).iter().enumerate() {
        let filters = filter_values(config, &inputs.texts[v], order, v);
        files.push(OutputFile::copied(
            format!("{dir}/filters.json"),
            serde_json::to_vec(&filters).expect("filters serialise"),
        ));
    }
    files
}

/// The query tables, which only the program decides.
fn query_forms_file() -> OutputFile {
    OutputFile::copied(
        format!("{SEARCH_DIR}/{QUERY_FORMS_FILE}"),
        gzip::gzipped(forms::query_forms().as_bytes(), 9),
    )
}

/// How many items are made into documents at a time: whole packs.
const DOCUMENT_BATCH: usize = 16 * pack::PACK_DOCUMENTS;

/// An item as the search index holds it, in every variant.
fn document(config: &Config, texts: &[SiteText], item: &RenderedItem) -> index::Document {
    let shown = config
        .variants
        .iter()
        .enumerate()
        .map(|(v, variant)| {
            let rendered = &item.texts[v];
            index::Shown {
                url: format!("{}/{}", variant.path, item.meta.url_path),
                title: rendered.title.clone(),
                date: variant.date_style.date(&item.meta.date),
                department: texts[v].departments[item.meta.department].clone(),
                text: searched(markdown::text_of_html(&rendered.html.text())),
            }
        })
        .collect();
    index::Document {
        shown,
        department: item.meta.department,
        column: item.meta.column,
        year: item.meta.date.year(),
    }
}

/// The departments, columns and years the items have, as variant `v` names them, each with
/// the value of its filter term.
fn filter_values(
    config: &Config,
    text: &SiteText,
    items: &[&RenderedItem],
    v: usize,
) -> index::FilterValues {
    let used = |of: fn(&RenderedItem) -> Option<i64>| {
        items
            .iter()
            .filter_map(|item| of(item))
            .collect::<std::collections::BTreeSet<i64>>()
    };
    let departments = used(|item| Some(item.meta.department as i64));
    let columns = used(|item| item.meta.column.map(|c| c as i64));
    let years = used(|item| Some(i64::from(item.meta.date.year())));
    let named = |values: &std::collections::BTreeSet<i64>, name: &dyn Fn(i64) -> String| {
        values
            .iter()
            .map(|&value| (name(value), value.to_string()))
            .collect::<Vec<_>>()
    };
    let date_style = config.variants[v].date_style;
    index::FilterValues::from([
        (
            "department",
            named(&departments, &|d| text.departments[d as usize].clone()),
        ),
        (
            "column",
            named(&columns, &|c| {
                text.group_name(Grouping::Column, c as usize).to_string()
            }),
        ),
        ("year", named(&years, &|y| date_style.year(y as i32))),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_searched_up_to_its_limit_in_characters() {
        assert_eq!(searched("干部".repeat(10)), "干部".repeat(10));
        let long = "干".repeat(SEARCHED_CHARS) + "部";
        assert_eq!(searched(long).chars().count(), SEARCHED_CHARS);
        let ascii = "a".repeat(SEARCHED_CHARS + 1);
        assert_eq!(searched(ascii).len(), SEARCHED_CHARS);
    }
}
