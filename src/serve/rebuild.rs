//! One rebuild for the preview: the pipeline run again on what changed, and the URLs whose
//! pages changed, for the pages open in a browser.

use bytes::Bytes;

use super::{ServeOptions, SiteFiles, Snapshot};
use crate::config::Config;
use crate::error::Problem;
use crate::pipeline::{self, Carried};
use crate::stages::load::Selection;
use crate::stages::render::Urls;
use crate::stages::search::SearchInputs;
use crate::text::converter::Converter;

/// What the search indexer needs to index a build.
pub(super) type SearchJob = (Config, SearchInputs);

/// Builds the site in memory. On failure the previous files stay, with the error beside them.
/// Returns the snapshot, the URL paths whose contents changed, and the search index to make:
/// the snapshot keeps the previous build's index meanwhile (see `start_indexer`).
pub(super) fn rebuild(
    options: &ServeOptions,
    converter: &Converter,
    previous: Option<&Snapshot>,
    carried: &mut Carried,
) -> (Snapshot, Vec<String>, Option<SearchJob>) {
    let selection = Selection {
        drafts: options.drafts,
        future: options.future,
        now: chrono::Utc::now(),
        skip_problems: false,
    };
    let built = Config::load(&options.root).and_then(|config| {
        let sources = pipeline::SiteSources::read(&config)?;
        let rendered =
            pipeline::render_site_to_memory(&config, converter, &sources, selection, carried)?;
        Ok((config, rendered))
    });
    match built {
        Ok((config, (site, site_files))) => {
            let shown: std::collections::HashSet<&Problem> =
                previous.iter().flat_map(|p| &p.warnings).collect();
            for warning in site.warnings.iter().filter(|w| !shown.contains(w)) {
                eprintln!("warning: {warning}");
            }
            let base_path = Urls::new(&config.base_url).base_path;
            let index = previous.map_or_else(Vec::new, |p| p.files.search_files());
            let files = SiteFiles::with_search(site_files, index);
            let changed = match previous {
                Some(previous) => changed_urls(&previous.files, &files, &base_path),
                None => Vec::new(),
            };
            let snapshot = Snapshot {
                files,
                base_path,
                variant_paths: config.variants.iter().map(|v| v.path.clone()).collect(),
                error: None,
                warnings: site.warnings,
            };
            let job = site.search.map(|inputs| (config, inputs));
            (snapshot, changed, job)
        }
        Err(error) => {
            // The last good site stays served, with the error beside it.
            let mut snapshot = previous.cloned().unwrap_or_else(Snapshot::empty);
            snapshot.error = Some(error.to_string());
            (snapshot, Vec::new(), None)
        }
    }
}

/// The URL paths of files added, removed or changed between two builds, sorted: one walk
/// through both sorted lists.
pub(super) fn changed_urls(old: &SiteFiles, new: &SiteFiles, base_path: &str) -> Vec<String> {
    use std::cmp::Ordering;
    let (old, new) = (&old.0, &new.0);
    let (mut i, mut j) = (0, 0);
    let mut changed = Vec::new();
    while i < old.len() || j < new.len() {
        let order = match (old.get(i), new.get(j)) {
            (Some(o), Some(n)) => o.path.cmp(&n.path),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        match order {
            Ordering::Less => {
                changed.push(url_of(&old[i].path, base_path));
                i += 1;
            }
            Ordering::Greater => {
                changed.push(url_of(&new[j].path, base_path));
                j += 1;
            }
            Ordering::Equal => {
                if !same(&old[i].contents, &new[j].contents) {
                    changed.push(url_of(&new[j].path, base_path));
                }
                i += 1;
                j += 1;
            }
        }
    }
    changed.sort();
    changed.dedup();
    changed
}

/// Equal contents; a file the rebuild reused is the same buffer, which spares the comparison.
pub(super) fn same(a: &Bytes, b: &Bytes) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

/// `hans/2022/03/x/index.html` is seen at `/hans/2022/03/x/`.
pub(super) fn url_of(path: &str, base_path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("{base_path}{dir}"),
        None => format!("{base_path}{path}"),
    }
}
