//! `bulletin serve`: the local preview. It builds the site in memory with the same pipeline as
//! `build`, serves it over HTTP, watches the sources, rebuilds on change, and tells open pages
//! to reload through Server-Sent Events. Nothing is written to disk.

mod http;
mod indexer;
mod rebuild;
mod reload;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use bytes::Bytes;
use tokio::sync::broadcast;

use crate::config::Config;
use crate::error::{Error, Problem, Result};
use crate::pipeline::Carried;
use crate::stages::convert::cache::ConversionCache;
use crate::stages::item::OutputFile;
use crate::stages::render::{SEARCH_DIR, Urls};
use crate::text::converter::Converter;
use http::serve_file;
use indexer::start_indexer;
use reload::{EVENTS_PATH, event_stream};

/// How many ports after a taken one to try.
const PORT_TRIES: u16 = 20;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system choose.
    pub port: u16,
    pub drafts: bool,
    pub future: bool,
}

/// The site as served: the files of the last good build, and the error of the last build if
/// it failed. Files are shared, so a clone is cheap.
#[derive(Clone)]
struct Snapshot {
    files: SiteFiles,
    base_path: String,
    variant_paths: Vec<String>,
    error: Option<String>,
    /// The warnings of the last good build, shown once rather than after every rebuild.
    warnings: Vec<Problem>,
}

impl Snapshot {
    /// Nothing to serve yet: the first build failed.
    fn empty() -> Self {
        Snapshot {
            files: SiteFiles::default(),
            base_path: "/".into(),
            variant_paths: Vec::new(),
            error: None,
            warnings: Vec::new(),
        }
    }
}

/// A build's files, sorted by path as `render_site` returns them; shared, so a clone is cheap.
#[derive(Clone, Default)]
struct SiteFiles(Arc<Vec<OutputFile>>);

impl SiteFiles {
    fn get(&self, path: &str) -> Option<&Bytes> {
        let found = self.0.binary_search_by(|f| (*f.path).cmp(path));
        found.ok().map(|i| &self.0[i].contents)
    }

    fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// The files of the search indexes.
    fn search_files(&self) -> Vec<OutputFile> {
        let runs = search_runs(&self.0);
        runs.into_iter()
            .flat_map(|run| self.0[run].iter().cloned())
            .collect()
    }

    /// `files` (sorted) with `index` in place of the search indexes they have, neither sorted
    /// again nor read through: each path read costs a rebuild of a large site a cache miss.
    fn with_search(files: Vec<OutputFile>, mut index: Vec<OutputFile>) -> Self {
        let runs = search_runs(&files);
        if runs.is_empty() && index.is_empty() {
            return SiteFiles(Arc::new(files));
        }
        let mut kept = files;
        let mut at = 0;
        kept.retain(|_| {
            at += 1;
            !runs.iter().any(|run| run.contains(&(at - 1)))
        });
        index.sort_by(|a, b| a.path.cmp(&b.path));
        let places: Vec<usize> = (index.iter())
            .map(|file| kept.partition_point(|k| k.path < file.path))
            .collect();
        let mut merged = Vec::with_capacity(kept.len() + index.len());
        let mut kept = kept.into_iter();
        let mut taken = 0;
        for (file, place) in index.into_iter().zip(places) {
            merged.extend(kept.by_ref().take(place - taken));
            taken = place;
            merged.push(file);
        }
        merged.extend(kept);
        SiteFiles(Arc::new(merged))
    }
}

/// Where `files` (sorted by path) hold search indexes: the files under `search-index/` at the
/// root or one directory down (a variant's, `hans/search-index/`). The files under one directory are
/// one run of a sorted list, so each directory is found by binary search, and only a few
/// paths are read, not all of them (a pass over 230,000 paths took 14 ms).
fn search_runs(files: &[OutputFile]) -> Vec<std::ops::Range<usize>> {
    let index_dir = format!("{SEARCH_DIR}/");
    let mut runs = Vec::new();
    let mut at = 0;
    while at < files.len() {
        let path = &*files[at].path;
        let Some(slash) = path.find('/') else {
            at += 1;
            continue;
        };
        let dir = &path[..=slash];
        let end = at + files[at..].partition_point(|f| f.path.starts_with(dir));
        if dir == index_dir {
            runs.push(at..end);
        } else {
            let inside = &files[at..end];
            let prefix = format!("{dir}{index_dir}");
            let start = inside.partition_point(|f| *f.path < *prefix);
            let len = inside[start..].partition_point(|f| f.path.starts_with(&prefix));
            if len > 0 {
                runs.push(at + start..at + start + len);
            }
        }
        at = end;
    }
    runs
}

struct Shared {
    site: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<String>,
}

impl Shared {
    fn snapshot(&self) -> Arc<Snapshot> {
        self.site
            .read()
            .expect("no writer panics while holding the lock")
            .clone()
    }
}

/// A running preview server; dropping it stops the server and the watcher.
pub struct RunningServer {
    pub addr: SocketAddr,
    /// The URL of the site's home page.
    pub url: String,
    runtime: Option<tokio::runtime::Runtime>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    _watcher: Arc<std::sync::Mutex<notify::RecommendedWatcher>>,
}

impl RunningServer {
    /// Serves until Ctrl-C.
    pub fn wait_for_ctrl_c(mut self) -> Result<()> {
        let runtime = self.runtime.take().expect("present until dropped");
        runtime.block_on(async {
            let _ = tokio::signal::ctrl_c().await;
        });
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        runtime.shutdown_timeout(Duration::from_secs(1));
        Ok(())
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_millis(200));
        }
    }
}

/// Builds the site, starts the server and the watcher, and returns at once.
pub fn start(options: ServeOptions) -> Result<RunningServer> {
    let config = Config::load(&options.root)?;
    let converter = Arc::new(Converter::for_site(config.engine)?);
    let mut carried = Carried::new(ConversionCache::load(&options.root));
    let (snapshot, _, job) = rebuild::rebuild(&options, &converter, None, &mut carried);
    // Saved once: while serving, the items carried in memory do the cache's work. Dropped
    // here, not by the first rebuild: at 100,000 items it holds a gigabyte of converted text,
    // and letting it go took the first rebuild 50 ms.
    carried.cache.save();
    carried.cache = ConversionCache::disabled();
    if let Some(error) = &snapshot.error {
        eprintln!("{error}");
    }
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        site: RwLock::new(Arc::new(snapshot)),
        events,
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::write(Path::new("(server runtime)"), e))?;
    let listener = runtime.block_on(bind(options.bind, options.port))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::write(Path::new("(socket)"), e))?;
    let app = Router::new()
        .route(
            &format!("{}{EVENTS_PATH}", Urls::new(&config.base_url).base_path),
            get(event_stream),
        )
        .fallback(serve_file)
        .with_state(shared.clone());
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    runtime.spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
    });

    let indexer = start_indexer(shared.clone());
    if let Some(job) = job {
        let _ = indexer.send(job);
    }
    let watcher = watch::watch(
        options.clone(),
        converter,
        shared,
        &config,
        carried,
        indexer,
    )?;
    let base_path = Urls::new(&config.base_url).base_path;
    Ok(RunningServer {
        addr,
        url: format!("http://{addr}{base_path}"),
        runtime: Some(runtime),
        shutdown: Some(shutdown),
        _watcher: watcher,
    })
}

async fn bind(ip: IpAddr, port: u16) -> Result<tokio::net::TcpListener> {
    let mut last_error = None;
    let tries = if port == 0 { 1 } else { PORT_TRIES };
    for offset in 0..tries {
        let candidate = SocketAddr::new(ip, port.saturating_add(offset));
        match tokio::net::TcpListener::bind(candidate).await {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                eprintln!(
                    "port {} is taken; trying {}",
                    candidate.port(),
                    candidate.port() + 1
                );
                last_error = Some(e);
            }
            Err(e) => return Err(Error::write(Path::new(&candidate.to_string()), e)),
        }
    }
    Err(Error::write(
        Path::new(&format!("{ip}:{port}")),
        last_error.expect("at least one try"),
    ))
}

#[cfg(test)]
mod tests {
    use super::http::{Resolved, resolve};
    use super::rebuild::changed_urls;
    use super::reload::{reload_message, with_reload_script};
    use super::*;

    fn files(files: &[(&str, &'static str)]) -> SiteFiles {
        let mut files: Vec<OutputFile> = files
            .iter()
            .map(|(path, contents)| OutputFile::copied(*path, contents.as_bytes()))
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        SiteFiles(Arc::new(files))
    }

    fn snapshot(paths: &[&str], base_path: &str) -> Snapshot {
        let paths: Vec<(&str, &str)> = paths.iter().map(|p| (*p, "x")).collect();
        Snapshot {
            files: files(&paths),
            base_path: base_path.into(),
            variant_paths: vec!["hans".into()],
            error: None,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn search_indexes_are_found_at_the_root_and_one_directory_down() {
        let site = files(&[
            ("404.html", "x"),
            ("css/site.css", "x"),
            ("hans/2024/search-index/x", "x"),
            ("hans/index.html", "x"),
            ("hans/search-index", "x"),
            ("hans/search-index/meta.json", "x"),
            ("hans/search-index/shards/1.bin", "x"),
            ("hans/search-indexes/x", "x"),
            ("hans/search/index.html", "x"),
            ("hant/search-index/meta.json", "x"),
            ("search-index", "x"),
            ("search-index/query-forms.json", "x"),
            ("sitemap.xml", "x"),
        ]);
        let search_files = site.search_files();
        let found: Vec<&str> = search_files.iter().map(|f| &*f.path).collect();
        assert_eq!(
            found,
            [
                "hans/search-index/meta.json",
                "hans/search-index/shards/1.bin",
                "hant/search-index/meta.json",
                "search-index/query-forms.json",
            ]
        );
        assert!(files(&[("index.html", "x")]).search_files().is_empty());
    }

    #[test]
    fn a_new_search_index_takes_the_old_ones_place_in_order() {
        let built = files(&[
            ("hans/index.html", "x"),
            ("hans/search-index/meta.json", "old"),
            ("hans/search/index.html", "x"),
            ("hant/index.html", "x"),
            ("hant/search-index/meta.json", "old"),
        ]);
        let index = vec![
            OutputFile::copied("hant/search-index/meta.json", "new".as_bytes()),
            OutputFile::copied("hans/search-index/1.bin", "new".as_bytes()),
            OutputFile::copied("hans/search-index/meta.json", "new".as_bytes()),
        ];
        let site = SiteFiles::with_search(built.0.to_vec(), index);
        let paths: Vec<&str> = site.0.iter().map(|f| &*f.path).collect();
        assert_eq!(
            paths,
            [
                "hans/index.html",
                "hans/search-index/1.bin",
                "hans/search-index/meta.json",
                "hans/search/index.html",
                "hant/index.html",
                "hant/search-index/meta.json",
            ]
        );
        assert_eq!(
            &site.get("hans/search-index/meta.json").unwrap()[..],
            b"new"
        );
        assert_eq!(
            &site.get("hant/search-index/meta.json").unwrap()[..],
            b"new"
        );
    }

    #[test]
    fn paths_resolve_to_files_directories_and_redirects() {
        let site = snapshot(&["index.html", "hans/index.html", "static/style.css"], "/");
        assert_eq!(resolve(&site, "/"), Resolved::File("index.html".into()));
        assert_eq!(
            resolve(&site, "/hans/"),
            Resolved::File("hans/index.html".into())
        );
        assert_eq!(resolve(&site, "/hans"), Resolved::Redirect("/hans/".into()));
        assert_eq!(
            resolve(&site, "/static/style.css"),
            Resolved::File("static/style.css".into())
        );
        assert_eq!(resolve(&site, "/nothing/"), Resolved::NotFound);
    }

    #[test]
    fn no_path_leaves_the_site() {
        let site = snapshot(&["index.html"], "/");
        for raw in [
            "/../Cargo.toml",
            "/%2e%2e/bulletin.yaml",
            "/%2E%2E%2Fbulletin.yaml",
            "/hans/..%2f..%2fbulletin.yaml",
            "//etc/passwd",
            "/static/..\\..\\bulletin.yaml",
            "/%5c..%5cbulletin.yaml",
            "/./index.html",
            "/%00",
            "/%ff",
        ] {
            assert_eq!(resolve(&site, raw), Resolved::BadRequest, "{raw}");
        }
    }

    #[test]
    fn a_base_path_is_honoured() {
        let site = snapshot(&["index.html", "hans/index.html"], "/news/");
        assert_eq!(
            resolve(&site, "/news/hans/"),
            Resolved::File("hans/index.html".into())
        );
        assert_eq!(resolve(&site, "/hans/"), Resolved::NotFound);
    }

    #[test]
    fn changes_are_reported_as_urls() {
        let old = files(&[("a/index.html", "1"), ("b.css", "1"), ("gone.xml", "1")]);
        let new = files(&[("a/index.html", "2"), ("b.css", "1"), ("new.txt", "1")]);
        assert_eq!(
            changed_urls(&old, &new, "/s/"),
            ["/s/a/", "/s/gone.xml", "/s/new.txt"]
        );
    }

    #[test]
    fn the_script_goes_before_the_end_of_body() {
        let html = with_reload_script(b"<html><body><p>x</p></body></html>", "/");
        let html = String::from_utf8(html.to_vec()).unwrap();
        assert!(
            html.starts_with(
                "<html><body><p>x</p><script data-bulletin-reload=\"/__bulletin/events\">"
            ),
            "{html}"
        );
        assert!(html.ends_with("</script>\n</body></html>"));
    }

    #[test]
    fn messages_are_json() {
        assert_eq!(
            reload_message(&["/a/".into()], None),
            r#"{"changed":["/a/"],"error":null}"#
        );
        assert_eq!(
            reload_message(&[], Some("x.md:1: \"bad\"\n")),
            r#"{"changed":[],"error":"x.md:1: \"bad\"\n"}"#
        );
    }
}
