//! Watching the site's sources, and rebuilding after each burst of changes.

use std::path::Path;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::rebuild::{SearchJob, rebuild};
use super::reload::reload_message;
use super::{ServeOptions, Shared};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::pipeline::Carried;
use crate::text::converter::Converter;

/// How long the sources must be quiet before a rebuild: long enough to gather an editor's
/// save-as-rename or a `git checkout`, short enough not to be seen.
pub(super) const QUIET: Duration = Duration::from_millis(10);
/// A burst of events never delays a rebuild longer than this.
pub(super) const MAX_WAIT: Duration = Duration::from_millis(250);
/// Watches the site's sources; rebuilds after each burst of changes and announces the result.
pub(super) fn watch(
    options: ServeOptions,
    converter: Arc<Converter>,
    shared: Arc<Shared>,
    config: &Config,
    mut carried: Carried,
    indexer: mpsc::Sender<SearchJob>,
) -> Result<Arc<Mutex<notify::RecommendedWatcher>>> {
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = sender.send(event);
        }
    })
    .map_err(|e| Error::read(&options.root, std::io::Error::other(e)))?;
    let root = &options.root;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| Error::read(root, std::io::Error::other(e)))?;
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::read(&path, std::io::Error::other(e)))?;
        }
    }
    let watcher = Arc::new(Mutex::new(watcher));
    // The thread must not keep the watcher alive: dropping the server drops it, which ends
    // the events and the thread.
    let watching = Arc::downgrade(&watcher);
    let output = config.output_path();
    std::thread::spawn(move || {
        while let Ok(first) = receiver.recv() {
            if !is_source_event(&first, &options.root, &output) {
                continue;
            }
            watch_new_source_dirs(&first, &options.root, &watching);
            let started = Instant::now();
            let mut burst = vec![first];
            while started.elapsed() < MAX_WAIT {
                match receiver.recv_timeout(QUIET) {
                    Ok(event) => {
                        watch_new_source_dirs(&event, &options.root, &watching);
                        burst.push(event);
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            for event in burst {
                if event.need_rescan() {
                    carried.content.forget();
                }
                carried.content.changed(event.paths);
            }
            let previous = shared.snapshot();
            let (snapshot, changed, job) =
                rebuild(&options, &converter, Some(&previous), &mut carried);
            match &snapshot.error {
                Some(error) => eprintln!("{error}"),
                None => eprintln!(
                    "rebuilt in {} ms: {} changed",
                    started.elapsed().as_millis(),
                    changed.len()
                ),
            }
            let message = reload_message(&changed, snapshot.error.as_deref());
            *shared
                .site
                .write()
                .expect("no writer panics while holding the lock") = Arc::new(snapshot);
            let _ = shared.events.send(message);
            if let Some(job) = job {
                let _ = indexer.send(job);
            }
        }
    });
    Ok(watcher)
}

/// The source directories watched below the root (the root itself is watched alone, so that a
/// build's output or `target/` never floods the watcher).
const SOURCE_DIRS: [&str; 4] = [
    crate::site::CONTENT_DIR,
    crate::site::THEMES_DIR,
    crate::site::TEMPLATES_DIR,
    crate::site::STATIC_DIR,
];

/// A source directory created while serving (`themes/`, say) is watched from then on; what
/// is written into it before the watch starts is in the rebuild this event causes.
fn watch_new_source_dirs(
    event: &notify::Event,
    root: &Path,
    watching: &std::sync::Weak<Mutex<notify::RecommendedWatcher>>,
) {
    let created = event.paths.iter().filter(|path| {
        path.parent() == Some(root)
            && path.is_dir()
            && SOURCE_DIRS.iter().any(|dir| path.ends_with(dir))
    });
    for path in created {
        if let Some(watcher) = watching.upgrade() {
            let mut watcher = watcher.lock().expect("no watcher user panics");
            let _ = watcher.watch(path, RecursiveMode::Recursive);
        }
    }
}

/// Changes to the site's own sources, not to its output, hidden files or editor droppings.
pub(super) fn is_source_event(event: &notify::Event, root: &Path, output: &Path) -> bool {
    if matches!(event.kind, notify::EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|path| {
        let inside = path.strip_prefix(root).unwrap_or(path);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        !path.starts_with(output)
            && !inside
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            && !inside.starts_with("target")
            && !name.ends_with('~')
            && !name.ends_with(".swp")
            && name != "4913"
    })
}
