//! Search on a static host: one index for every variant, their text folded to one script
//! (`index`, its terms cut by `terms`), written beside the pages with each variant's documents;
//! and the OpenCC tables that bring a query typed in any script (or in Taiwan's or Hong Kong's
//! words) to the index's (`forms`), so that 干部 finds 幹部 on a traditional site.

mod forms;
mod index;
pub mod terms;

use std::path::Path;
use std::sync::Arc;

use chrono::Datelike;
use rayon::prelude::*;

use crate::config::{Config, Grouping};
use crate::digest::{Key, KeyBuilder};
use crate::error::{Error, Result};
use crate::site::cache_file_for;
use crate::stages::convert::SiteText;
use crate::stages::item::{OutputFile, RenderedItem};
use crate::stages::markdown;
use crate::stages::render::SEARCH_DIR;

/// The query tables' file in the index's directory: JSON, gzipped as the index files are.
pub const QUERY_FORMS_FILE: &str = "query-forms.bin";

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

/// Which files hold a site's search index, each with its checksum: what `build` notes for the
/// next build (`remember`).
#[derive(Default)]
pub struct IndexRecord(Vec<(String, String)>);

impl IndexRecord {
    fn note(&mut self, files: &[OutputFile]) {
        let sums = files
            .par_iter()
            .map(|f| (f.path.clone(), file_sum(&f.contents)));
        self.0.par_extend(sums);
    }
}

/// The search stage of `build`: the indexes as the last build into `output` wrote them, when
/// they were made from the same inputs; else made anew. Making them is the slowest stage of a
/// build (BENCHMARKS.md), so a build that changed nothing does not pay for it again. The
/// files go to `emit` in batches, never all at once.
pub fn search_files_reusing(
    config: &Config,
    inputs: &SearchInputs,
    output: &Path,
    cache_dir: &Path,
    emit: &mut dyn FnMut(Vec<OutputFile>) -> Result<()>,
) -> Result<IndexRecord> {
    let mut record = IndexRecord::default();
    let mut noted = |files: Vec<OutputFile>| {
        record.note(&files);
        emit(files)
    };
    match reusable(inputs, output, cache_dir) {
        // Each file must still be what was written: one damaged on disk is not reused.
        Some(files)
            if files
                .par_iter()
                .all(|(path, sum)| intact(output, path, sum)) =>
        {
            for batch in files.chunks(REUSED_BATCH) {
                let read = batch.par_iter().map(|(path, _)| {
                    let file = output.join(path);
                    let contents = std::fs::read(&file).map_err(|e| Error::read(&file, e))?;
                    Ok(OutputFile::copied(path, contents))
                });
                noted(read.collect::<Result<_>>()?)?;
            }
        }
        _ => search_files_emitting(config, inputs, &mut noted)?,
    }
    Ok(record)
}

/// Whether the file at `path` below `output` has the checksum `sum`.
fn intact(output: &Path, path: &str, sum: &str) -> bool {
    std::fs::read(output.join(path)).is_ok_and(|contents| file_sum(&contents) == sum)
}

/// How many reused index files are read at a time.
const REUSED_BATCH: usize = 4096;

/// The files the last build's record lists for indexes made from `inputs`, with their sums.
fn reusable(
    inputs: &SearchInputs,
    output: &Path,
    cache_dir: &Path,
) -> Option<Vec<(String, String)>> {
    let record = std::fs::read_to_string(cache_file_for(cache_dir, output, "search")).ok()?;
    let mut lines = record.lines();
    if lines.next() != Some(digest_line(inputs.digest).as_str()) {
        return None;
    }
    lines
        .map(|line| {
            let (path, sum) = line.split_once('\t')?;
            Some((path.to_string(), sum.to_string()))
        })
        .collect()
}

/// Notes which files of `output` hold the search indexes made from `inputs`, for the next
/// build. A failure only means the next build makes them again.
pub fn remember(inputs: &SearchInputs, files: &IndexRecord, output: &Path, cache_dir: &Path) {
    let mut record = digest_line(inputs.digest);
    for (path, sum) in &files.0 {
        record.push('\n');
        record.push_str(path);
        record.push('\t');
        record.push_str(sum);
    }
    let _ = std::fs::create_dir_all(cache_dir)
        .and_then(|()| std::fs::write(cache_file_for(cache_dir, output, "search"), record));
}

fn digest_line(digest: Key) -> String {
    format!(
        "bulletin search index, format {} {:016x}{:016x}",
        index::FORMAT_VERSION,
        digest.0,
        digest.1
    )
}

/// A file's checksum in the record of the index files.
fn file_sum(contents: &[u8]) -> String {
    let sum = KeyBuilder::default().with(contents).finish();
    format!("{:016x}{:016x}", sum.0, sum.1)
}

/// True for the files of the search index: `search-index/...` and a variant's
/// `hans/search-index/...`.
pub fn is_search_file(path: &str) -> bool {
    let below = |path: &str| path.starts_with(&format!("{SEARCH_DIR}/"));
    below(path) || path.split_once('/').is_some_and(|(_, rest)| below(rest))
}

/// The search stage: the site's index, its query tables, and every variant's documents and
/// filters, as files of the site, kept in memory (for `serve`).
pub fn search_files(config: &Config, inputs: &SearchInputs) -> Result<Vec<OutputFile>> {
    let mut files = Vec::new();
    search_files_emitting(config, inputs, &mut |batch| {
        files.extend(batch);
        Ok(())
    })?;
    Ok(files)
}

/// The search stage, its files handed to `emit` batch by batch.
fn search_files_emitting(
    config: &Config,
    inputs: &SearchInputs,
    emit: &mut dyn FnMut(Vec<OutputFile>) -> Result<()>,
) -> Result<()> {
    let SearchInputs { texts, items, .. } = inputs;
    // Oldest first: a new item takes the next number, and the files of the others stay.
    let mut order: Vec<&Arc<RenderedItem>> = items.iter().collect();
    order.sort_by(|a, b| (a.meta.date, &a.meta.url_path).cmp(&(b.meta.date, &b.meta.url_path)));
    let dirs: Vec<String> = config
        .variants
        .iter()
        .map(|variant| format!("{}/{SEARCH_DIR}", variant.path))
        .collect();
    // A batch at a time: only a batch's documents are held whole; the index keeps their words.
    let mut normalized = Vec::with_capacity(order.len());
    for (n, batch) in order.chunks(DOCUMENT_BATCH).enumerate() {
        let documents: Vec<index::Document> = batch
            .par_iter()
            .map(|item| document(config, texts, item))
            .collect();
        for (v, dir) in dirs.iter().enumerate() {
            emit(index::document_files(
                &documents,
                n * DOCUMENT_BATCH,
                v,
                dir,
            ))?;
        }
        normalized.par_extend(documents.par_iter().map(index::Normalized::of));
    }
    emit(index::postings_files(&normalized))?;
    let mut files = Vec::new();
    for (v, dir) in dirs.iter().enumerate() {
        let filters = filter_values(config, &texts[v], &order, v);
        files.push(OutputFile::copied(
            format!("{dir}/filters.json"),
            serde_json::to_vec(&filters).expect("filters serialise"),
        ));
    }
    files.push(OutputFile::copied(
        format!("{SEARCH_DIR}/{QUERY_FORMS_FILE}"),
        index::gzipped(forms::query_forms().as_bytes(), 9),
    ));
    emit(files)
}

/// How many items are made into documents at a time.
const DOCUMENT_BATCH: usize = 2048;

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
                text: searched_text(&markdown::text_of_html(&rendered.html.text())).to_string(),
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
    items: &[&Arc<RenderedItem>],
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
