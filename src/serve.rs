//! `bulletin serve`: the local preview. It builds the site in memory with the same pipeline as
//! `build`, serves it over HTTP, watches the sources, rebuilds on change, and tells open pages
//! to reload through Server-Sent Events. Nothing is written to disk.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, mpsc};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bytes::Bytes;
use notify::{RecursiveMode, Watcher};
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::config::Config;
use crate::error::{Error, Problem, Result};
use crate::pipeline::{self, Carried};
use crate::stages::convert::cache::ConversionCache;
use crate::stages::item::OutputFile;
use crate::stages::load::Selection;
use crate::stages::render::Urls;
use crate::stages::search::{self, SearchInputs};
use crate::text::converter::Converter;

/// Where the injected script listens, below the site's base path.
const EVENTS_PATH: &str = "__bulletin/events";
/// How long the sources must be quiet before a rebuild: long enough to gather an editor's
/// save-as-rename or a `git checkout`, short enough not to be seen.
const QUIET: Duration = Duration::from_millis(10);
/// A burst of events never delays a rebuild longer than this.
const MAX_WAIT: Duration = Duration::from_millis(250);
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
struct SiteFiles(Arc<[OutputFile]>);

impl SiteFiles {
    fn get(&self, path: &str) -> Option<&Bytes> {
        let found = self.0.binary_search_by(|f| f.path.as_str().cmp(path));
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

    /// `files` with `index` in place of the search indexes they have.
    fn with_search(files: Vec<OutputFile>, index: Vec<OutputFile>) -> Self {
        let mut files: Vec<OutputFile> = files
            .into_iter()
            .filter(|f| !search::is_search_file(&f.path))
            .chain(index)
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        SiteFiles(files.into())
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
    _watcher: notify::RecommendedWatcher,
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
    let (snapshot, _, job) = rebuild(&options, &converter, None, &mut carried);
    // Saved once: while serving, the items carried in memory do the cache's work.
    carried.cache.save();
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
    let watcher = watch(
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

/// What the search indexer needs to index a build.
type SearchJob = (Config, SearchInputs);

/// Builds the site in memory. On failure the previous files stay, with the error beside them.
/// Returns the snapshot, the URL paths whose contents changed, and the search index to make:
/// the snapshot keeps the previous build's index meanwhile (see `start_indexer`).
fn rebuild(
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
        let site = pipeline::render_site(&config, converter, selection, carried)?;
        Ok((config, site))
    });
    match built {
        Ok((config, site)) => {
            let shown: std::collections::HashSet<&Problem> =
                previous.iter().flat_map(|p| &p.warnings).collect();
            for warning in site.warnings.iter().filter(|w| !shown.contains(w)) {
                eprintln!("warning: {warning}");
            }
            let base_path = Urls::new(&config.base_url).base_path;
            let index = previous.map_or_else(Vec::new, |p| p.files.search_files());
            let files = SiteFiles::with_search(site.files, index);
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
fn changed_urls(old: &SiteFiles, new: &SiteFiles, base_path: &str) -> Vec<String> {
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
fn same(a: &Bytes, b: &Bytes) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

/// `hans/2022/03/x/index.html` is seen at `/hans/2022/03/x/`.
fn url_of(path: &str, base_path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("{base_path}{dir}"),
        None => format!("{base_path}{path}"),
    }
}

/// Watches the site's sources; rebuilds after each burst of changes and announces the result.
fn watch(
    options: ServeOptions,
    converter: Arc<Converter>,
    shared: Arc<Shared>,
    config: &Config,
    mut carried: Carried,
    indexer: mpsc::Sender<SearchJob>,
) -> Result<notify::RecommendedWatcher> {
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
    for dir in [
        crate::site::CONTENT_DIR,
        crate::site::THEMES_DIR,
        crate::site::TEMPLATES_DIR,
        crate::site::STATIC_DIR,
    ] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::read(&path, std::io::Error::other(e)))?;
        }
    }
    let output = config.output_path();
    std::thread::spawn(move || {
        while let Ok(first) = receiver.recv() {
            if !is_source_event(&first, &options.root, &output) {
                continue;
            }
            let started = Instant::now();
            let mut burst = vec![first];
            while started.elapsed() < MAX_WAIT {
                match receiver.recv_timeout(QUIET) {
                    Ok(event) => burst.push(event),
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

/// Makes the search indexes on a thread of their own, the latest build's first: an index
/// takes far longer than a rebuild, and a reader should not wait for it to see an edit. When
/// one is ready it replaces the one served, and open search pages reload.
fn start_indexer(shared: Arc<Shared>) -> mpsc::Sender<SearchJob> {
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

/// Changes to the site's own sources, not to its output, hidden files or editor droppings.
fn is_source_event(event: &notify::Event, root: &Path, output: &Path) -> bool {
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

/// The message for open pages: which URLs changed, and the build error if there is one.
fn reload_message(changed: &[String], error: Option<&str>) -> String {
    let changed: Vec<String> = changed.iter().map(|c| json_string(c)).collect();
    format!(
        "{{\"changed\":[{}],\"error\":{}}}",
        changed.join(","),
        error.map_or_else(|| "null".to_string(), json_string)
    )
}

fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

async fn event_stream(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    // A page that opens while the site is broken sees the error at once.
    let current = reload_message(&[], shared.snapshot().error.as_deref());
    let updates =
        BroadcastStream::new(shared.events.subscribe()).filter_map(|message| message.ok());
    let stream = tokio_stream::once(current)
        .chain(updates)
        .map(|message| Ok::<_, Infallible>(Event::default().data(message)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// What a request path names in the site.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(String),
    /// A directory asked for without its trailing slash.
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Maps a raw request path to a file of the site. Decoding happens once, and any `..`, `.`,
/// backslash or NUL after decoding is refused, so no path can leave the site.
fn resolve(snapshot: &Snapshot, raw_path: &str) -> Resolved {
    let Ok(decoded) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Resolved::BadRequest;
    };
    if decoded.contains('\\') || decoded.contains('\0') {
        return Resolved::BadRequest;
    }
    if decoded
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Resolved::BadRequest;
    }
    let Some(inside) = decoded.strip_prefix(snapshot.base_path.as_str()) else {
        return Resolved::NotFound;
    };
    if inside.starts_with('/') {
        return Resolved::BadRequest;
    }
    if inside.is_empty() || inside.ends_with('/') {
        let index = format!("{inside}index.html");
        return if snapshot.files.contains_key(&index) {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if snapshot.files.contains_key(inside) {
        Resolved::File(inside.to_string())
    } else if snapshot.files.contains_key(&format!("{inside}/index.html")) {
        Resolved::Redirect(format!("{raw_path}/"))
    } else {
        Resolved::NotFound
    }
}

async fn serve_file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let snapshot = shared.snapshot();
    match resolve(&snapshot, uri.path()) {
        Resolved::File(path) => file_response(&snapshot, &path, StatusCode::OK),
        Resolved::Redirect(to) => Response::builder()
            .status(StatusCode::MOVED_PERMANENTLY)
            .header(header::LOCATION, to)
            .body(Body::empty())
            .expect("valid response"),
        Resolved::BadRequest => (StatusCode::BAD_REQUEST, "bad request path\n").into_response(),
        Resolved::NotFound => {
            let inside = uri
                .path()
                .strip_prefix(snapshot.base_path.as_str())
                .unwrap_or_default();
            let variant_404 = snapshot
                .variant_paths
                .iter()
                .find(|v| inside.starts_with(&format!("{v}/")))
                .map(|v| format!("{v}/404.html"));
            match variant_404
                .into_iter()
                .chain(["404.html".to_string()])
                .find(|p| snapshot.files.contains_key(p))
            {
                Some(page) => file_response(&snapshot, &page, StatusCode::NOT_FOUND),
                None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
            }
        }
    }
}

fn file_response(snapshot: &Snapshot, path: &str, status: StatusCode) -> Response {
    let contents = snapshot
        .files
        .get(path)
        .expect("resolved to an existing file");
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html") {
        with_reload_script(contents, &snapshot.base_path)
    } else {
        contents.clone()
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, HeaderValue::from_static(content_type))
        .header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))
        .body(Body::from(body))
        .expect("valid response")
}

pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" if path.ends_with("atom.xml") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// The live-reload client: reloads the page when its own output changed (keeping the scroll
/// position), swaps changed stylesheets in place, and shows build errors as an overlay.
const RELOAD_SCRIPT: &str = include_str!("serve/reload.js");

/// Inserts the reload script before `</body>`; the built files never carry it.
fn with_reload_script(html: &[u8], base_path: &str) -> Bytes {
    let script = format!(
        "<script data-bulletin-reload=\"{base_path}{EVENTS_PATH}\">{RELOAD_SCRIPT}</script>\n"
    );
    let position = html
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..position]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[position..]);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(files: &[(&str, &'static str)]) -> SiteFiles {
        let mut files: Vec<OutputFile> = files
            .iter()
            .map(|(path, contents)| OutputFile::copied(*path, contents.as_bytes()))
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        SiteFiles(files.into())
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
