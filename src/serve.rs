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
use crate::stages::render::Urls;
use crate::stages::search::{self};
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
        self.0
            .iter()
            .filter(|f| search::is_search_file(&f.path))
            .cloned()
            .collect()
    }

    /// `files` (sorted) with `index` in place of the search indexes they have: the two merged,
    /// as sorting the whole site again would cost a rebuild of a large site more than the rest.
    fn with_search(mut files: Vec<OutputFile>, mut index: Vec<OutputFile>) -> Self {
        files.retain(|f| !search::is_search_file(&f.path));
        if index.is_empty() {
            return SiteFiles(Arc::new(files));
        }
        index.sort_by(|a, b| a.path.cmp(&b.path));
        let mut index = index.into_iter().peekable();
        let mut merged = Vec::with_capacity(files.len() + index.len());
        for file in files {
            while let Some(first) = index.next_if(|i| i.path < file.path) {
                merged.push(first);
            }
            merged.push(file);
        }
        merged.extend(index);
        SiteFiles(Arc::new(merged))
    }
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
