//! The search indexer of the preview, on a thread of its own, so that an edit reaches the
//! page at once and search catches up.

use std::sync::{Arc, mpsc};

use super::rebuild::SearchJob;
use super::reload::reload_message;
use super::{Shared, SiteFiles, Snapshot};
use crate::stages::search::{self};

/// Makes the search indexes on a thread of their own, the latest build's first: an index
/// takes far longer than a rebuild, and a reader should not wait for it to see an edit. When
/// one is ready it replaces the one served, and open search pages reload.
pub(super) fn start_indexer(shared: Arc<Shared>) -> mpsc::Sender<SearchJob> {
    let (sender, receiver) = mpsc::channel::<SearchJob>();
    std::thread::spawn(move || {
        while let Ok(mut job) = receiver.recv() {
            while let Ok(newer) = receiver.try_recv() {
                job = newer;
            }
            let (config, inputs) = job;
            let index = match search::search_files(&config, &inputs) {
                Ok(index) => index,
                Err(error) => {
                    eprintln!("{error}");
                    continue;
                }
            };
            let message = {
                let mut site = shared
                    .site
                    .write()
                    .expect("no writer panics while holding the lock");
                let mut snapshot = Snapshot::clone(&site);
                let files = snapshot.files.0.to_vec();
                snapshot.files = SiteFiles::with_search(files, index);
                let search_pages: Vec<String> = config
                    .variants
                    .iter()
                    .map(|v| format!("{}{}/search/", snapshot.base_path, v.path))
                    .collect();
                // The error of the latest build, if it failed meanwhile: its overlay stays.
                let message = reload_message(&search_pages, snapshot.error.as_deref());
                *site = Arc::new(snapshot);
                message
            };
            let _ = shared.events.send(message);
        }
    });
    sender
}
