//! The search indexer of the preview, on a thread of its own, so that an edit reaches the
//! page at once and search catches up.

use std::sync::{Arc, mpsc};

use super::rebuild::SearchJob;
use super::reload::reload_message;
use super::{Shared, SiteFiles, Snapshot};
use crate::config::Config;
use crate::digest::Key;
use crate::error::Result;
use crate::stages::item::{FileSink, OutputFile};
use crate::stages::search::{self, IndexRecord, LastIndex};

/// Makes the search indexes on a thread of their own, the latest build's first: an index
/// takes far longer than a rebuild, and a reader should not wait for it to see an edit. The
/// first is made whole; after that an edit or a new item only updates the one served
/// (`search::search_files_reusing`). When one is ready it replaces the one served, and open
/// search pages reload.
pub(super) fn start_indexer(shared: Arc<Shared>) -> mpsc::Sender<SearchJob> {
    let (sender, receiver) = mpsc::channel::<SearchJob>();
    std::thread::spawn(move || {
        let mut last: Option<IndexRecord> = None;
        while let Ok(mut job) = receiver.recv() {
            while let Ok(newer) = receiver.try_recv() {
                job = newer;
            }
            let (config, inputs) = job;
            // Between two indexings the snapshots carry the index served, which is `last`'s.
            let served = shared.site.read().expect("no writer panics").files.clone();
            let last_index = last
                .take()
                .map(|record| LastIndex::new(record, |path| served.get(path).cloned()));
            let mut made = IndexFiles {
                served: &served,
                files: Vec::new(),
            };
            match search::search_files_reusing(&config, &inputs, last_index, &mut made) {
                Ok((record, _)) => last = Some(record),
                Err(error) => {
                    eprintln!("{error}");
                    continue;
                }
            };
            let message = publish_index(&shared, &config, made.files);
            let _ = shared.events.send(message);
        }
    });
    sender
}

/// Serves the site with `index` in place of its search indexes; the message that reloads the
/// search pages. The site's files are merged with the index outside the lock, so that pages
/// are served and a rebuild is published meanwhile (merging the files of a large site takes
/// tens of milliseconds); should a rebuild be published first, its files are merged.
fn publish_index(shared: &Shared, config: &Config, index: Vec<OutputFile>) -> String {
    loop {
        let served = shared.snapshot();
        let mut snapshot = Snapshot::clone(&served);
        snapshot.files = SiteFiles::with_search(served.files.0.to_vec(), index.clone());
        let search_pages: Vec<String> = (config.variants.iter())
            .map(|v| format!("{}{}/search/", snapshot.base_path, v.path))
            .collect();
        // The error of the latest build, if it failed meanwhile: its overlay stays.
        let message = reload_message(&search_pages, snapshot.error.as_deref());
        let mut site = (shared.site.write()).expect("no writer panics while holding the lock");
        if Arc::ptr_eq(&site, &served) {
            *site = Arc::new(snapshot);
            return message;
        }
    }
}

/// An index's files as the indexer makes them, and those it keeps from the index served.
struct IndexFiles<'a> {
    served: &'a SiteFiles,
    files: Vec<OutputFile>,
}

impl FileSink for IndexFiles<'_> {
    fn put(&mut self, mut files: Vec<OutputFile>) -> Result<()> {
        self.files.append(&mut files);
        Ok(())
    }

    fn keep(&mut self, files: &[(String, Key)]) -> bool {
        let kept: Option<Vec<OutputFile>> = files
            .iter()
            .map(|(path, _)| {
                Some(OutputFile::copied(
                    path.as_str(),
                    self.served.get(path)?.clone(),
                ))
            })
            .collect();
        kept.map(|mut kept| self.files.append(&mut kept)).is_some()
    }
}
