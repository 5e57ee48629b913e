//! Search on a static host: one index per variant, in that variant's script, written beside
//! the pages (`index`, its terms cut by `terms`); and, for each variant, the OpenCC tables
//! that turn a query typed in another script (or in Taiwan's or Hong Kong's words) into this
//! variant's forms (`forms`), so that 干部 finds 幹部 on a traditional site.

mod forms;
mod index;
pub mod terms;

use std::path::Path;
use std::sync::Arc;

use chrono::Datelike;
use rayon::prelude::*;

use crate::config::{Config, Grouping};
use crate::digest::{Key, KeyBuilder};
use crate::error::Result;
use crate::site::cache_file_for;
use crate::stages::convert::SiteText;
use crate::stages::item::{OutputFile, RenderedItem};
use crate::stages::markdown;
use crate::stages::render::SEARCH_DIR;

/// The query tables' file in a variant's search directory.
pub const QUERY_FORMS_FILE: &str = "query-forms.json";

/// What the search indexes are made from.
#[derive(Clone)]
pub struct SearchInputs {
    /// The digest of the items and every setting they are shown under.
    pub digest: Key,
    /// Per variant.
    pub texts: Vec<SiteText>,
    pub items: Vec<Arc<RenderedItem>>,
}

/// How much of one item's text is indexed, in characters: a long report (some sixty pages)
/// whole. What lies past this is not indexed, so that one pasted item cannot make every search
/// for its words fetch megabytes.
pub const SEARCHED_CHARS: usize = 100_000;

/// The beginning of a text, up to `SEARCHED_CHARS` characters.
fn searched_text(text: &str) -> &str {
    match text.char_indices().nth(SEARCHED_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
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
            texts: texts.to_vec(),
            items: items.to_vec(),
        }
    }
}

/// The search stage of `build`: the indexes as the last build into `output` wrote them, when
/// they were made from the same inputs; else made anew. Making them is the slowest stage of a
/// build (BENCHMARKS.md), so a build that changed nothing does not pay for it again.
pub fn search_files_reusing(
    config: &Config,
    inputs: &SearchInputs,
    output: &Path,
    cache_dir: &Path,
) -> Result<Vec<OutputFile>> {
    let record = std::fs::read_to_string(cache_file_for(cache_dir, output, "search"));
    if let Ok(record) = record {
        let mut lines = record.lines();
        if lines.next() == Some(digest_line(inputs.digest).as_str()) {
            // Each file must still be what was written: one damaged on disk is not reused.
            let reused: Option<Vec<OutputFile>> = lines
                .map(|line| {
                    let (path, sum) = line.split_once('\t')?;
                    let contents = std::fs::read(output.join(path)).ok()?;
                    (file_sum(&contents) == sum).then(|| OutputFile::copied(path, contents))
                })
                .collect();
            if let Some(reused) = reused {
                return Ok(reused);
            }
        }
    }
    search_files(config, inputs)
}

/// Notes which files of `output` hold the search indexes made from `inputs`, for the next
/// build. A failure only means the next build makes them again.
pub fn remember(inputs: &SearchInputs, files: &[OutputFile], output: &Path, cache_dir: &Path) {
    let mut record = digest_line(inputs.digest);
    for file in files.iter().filter(|f| is_search_file(&f.path)) {
        record.push('\n');
        record.push_str(&file.path);
        record.push('\t');
        record.push_str(&file_sum(&file.contents));
    }
    let _ = std::fs::create_dir_all(cache_dir)
        .and_then(|()| std::fs::write(cache_file_for(cache_dir, output, "search"), record));
}

fn digest_line(digest: Key) -> String {
    format!("search index v3 {:016x}{:016x}", digest.0, digest.1)
}

/// A file's checksum in the record of the index files.
fn file_sum(contents: &[u8]) -> String {
    let sum = KeyBuilder::default().with(contents).finish();
    format!("{:016x}{:016x}", sum.0, sum.1)
}

/// True for the files of a variant's search directory: `hans/search-index/...`.
pub fn is_search_file(path: &str) -> bool {
    path.split_once('/')
        .is_some_and(|(_, rest)| rest.starts_with(&format!("{SEARCH_DIR}/")))
}

/// The search stage: every variant's index and query tables, as files of the site.
pub fn search_files(config: &Config, inputs: &SearchInputs) -> Result<Vec<OutputFile>> {
    let SearchInputs { texts, items, .. } = inputs;
    // Oldest first: a new item takes the next number, and the files of the others stay.
    let mut order: Vec<&Arc<RenderedItem>> = items.iter().collect();
    order.sort_by(|a, b| (a.meta.date, &a.meta.url_path).cmp(&(b.meta.date, &b.meta.url_path)));
    let mut files = Vec::new();
    for (v, variant) in config.variants.iter().enumerate() {
        let documents: Vec<index::Document> = order
            .par_iter()
            .map(|item| document(config, &texts[v], item, v))
            .collect();
        files.extend(index::index_files(
            &format!("{}/{SEARCH_DIR}", variant.path),
            &documents,
        ));
        files.push(OutputFile::copied(
            format!("{}/{SEARCH_DIR}/{QUERY_FORMS_FILE}", variant.path),
            forms::query_forms(variant.script),
        ));
    }
    Ok(files)
}

/// An item in variant `v`, as its search index holds it.
fn document(config: &Config, text: &SiteText, item: &RenderedItem, v: usize) -> index::Document {
    let variant = &config.variants[v];
    let rendered = &item.texts[v];
    index::Document {
        url: format!("{}/{}", variant.path, item.meta.url_path),
        title: rendered.title.clone(),
        date: variant.date_style.date(&item.meta.date),
        department: text.departments[item.meta.department].clone(),
        column: item
            .meta
            .column
            .map(|column| text.group_name(Grouping::Column, column).to_string()),
        year: variant.date_style.year(item.meta.date.year()),
        text: searched_text(&markdown::text_of_html(&rendered.html)).to_string(),
    }
}
