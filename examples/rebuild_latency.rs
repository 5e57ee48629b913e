//! The live-preview benchmark: how long an edit takes to reach an open page, on a generated
//! site (see `generate_corpus`).
//!
//!     cargo run --release --example rebuild_latency -- /dev/shm/site-10k [EDITS] [MEMORY_EDITS]
//!
//! 1. The rebuild alone: after an edit of one item, `render_site` with what the last build
//!    carried, until every file of the site is in memory (what `serve` serves).
//! 2. Edit to reload: `bulletin serve` runs in this process; a client listens to its event
//!    stream; each edit appends to one item's file and the clock runs from just before the write
//!    until the reload message arrives.
//! 3. Memory: the resident size of this process (server included) over many more edits.
//! 4. New item to findable (when the site has search): a new item, the newest, is written;
//!    the clock runs until the index served counts its document (`search-index/meta.json`),
//!    after the indexer updated it in the background.
//!
//! Each prints the median and the 95th percentile. Edits are appended to the site's items;
//! regenerate the site afterwards for other benchmarks.

// The allocator of `bulletin serve` itself (src/main.rs), so that what is measured is what
// an editor gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bulletin::config::Config;
use bulletin::pipeline::{Carried, SiteSources, render_site_to_memory};
use bulletin::serve::{ServeOptions, start};
use bulletin::stages::convert::cache::ConversionCache;
use bulletin::stages::load::Selection;
use bulletin::text::converter::Converter;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .expect("usage: rebuild_latency SITE [EDITS] [MEMORY_EDITS]"),
    );
    let edits: usize = args
        .next()
        .map_or(50, |n| n.parse().expect("a number of edits"));
    let memory_edits: usize = args
        .next()
        .map_or(1000, |n| n.parse().expect("a number of edits"));
    let items = rebuild_alone(&root, edits);
    println!("site: {} ({} items published)", root.display(), items.len());

    let server = start(ServeOptions {
        root: root.clone(),
        bind: [127, 0, 0, 1].into(),
        port: 0,
        drafts: false,
        future: false,
    })
    .expect("the site builds");
    let mut events = EventStream::open(&server.url);

    let mut latencies = Vec::new();
    for (n, item) in items.iter().cycle().take(edits).enumerate() {
        let started = Instant::now();
        append(item, n);
        events.wait_for_change();
        latencies.push(started.elapsed());
    }
    report("edit to reload message", &mut latencies);
    if Config::load(&root).expect("a site").search {
        new_item_to_findable(&root, &server.url, &mut events, edits.min(20));
    }

    let mut rss = vec![resident_kb()];
    for (n, item) in items
        .iter()
        .cycle()
        .skip(edits)
        .take(memory_edits)
        .enumerate()
    {
        append(item, edits + n);
        events.wait_for_change();
        if (n + 1) % (memory_edits / 10).max(1) == 0 {
            rss.push(resident_kb());
        }
    }
    let mb: Vec<String> = rss.iter().map(|kb| format!("{}", kb / 1024)).collect();
    println!(
        "resident MB every {} of {memory_edits} edits: {}",
        (memory_edits / 10).max(1),
        mb.join(" ")
    );
}

/// Part 1: the pipeline alone, with carried state, after single-item edits. Returns the files
/// of the published items: an edit of a draft or a future item changes no page.
fn rebuild_alone(root: &Path, edits: usize) -> Vec<PathBuf> {
    let config = Config::load(root).expect("a site");
    let converter = Converter::for_site(config.engine).expect("an engine");
    let selection = Selection {
        drafts: false,
        future: false,
        now: chrono::Utc::now(),
        skip_problems: false,
    };
    let mut carried = Carried::new(ConversionCache::load(root));
    let started = Instant::now();
    let sources = SiteSources::read(&config).expect("the site's theme and glossary");
    render_site_to_memory(&config, &converter, &sources, selection, &mut carried)
        .expect("the site builds");
    println!("full build in memory: {:.0} ms", ms(started.elapsed()));
    // As `serve` does once the cache is saved: the items carried in memory do its work.
    carried.cache = ConversionCache::disabled();
    let items: Vec<PathBuf> = carried
        .content
        .published(selection)
        .expect("the site builds")
        .iter()
        .map(|item| root.join(&item.path))
        .collect();
    let mut times = Vec::new();
    let mut made = Vec::new();
    let mut timings = None;
    for (n, item) in items.iter().rev().cycle().take(edits).enumerate() {
        append(item, n);
        let started = Instant::now();
        carried.content.changed([item.clone()]);
        let config = Config::load(root).expect("a site");
        let sources = SiteSources::read(&config).expect("the site's theme and glossary");
        let (site, _) =
            render_site_to_memory(&config, &converter, &sources, selection, &mut carried)
                .expect("builds");
        times.push(started.elapsed());
        made.push(site.made);
        timings = Some(site.timings);
    }
    made.sort();
    report("rebuild after an edit (all files in memory)", &mut times);
    let mut rebuild_after = |what: &str, path: &Path| {
        let started = Instant::now();
        carried.content.changed([path.to_path_buf()]);
        let config = Config::load(root).expect("a site");
        let sources = SiteSources::read(&config).expect("the site's theme and glossary");
        let (site, _) =
            render_site_to_memory(&config, &converter, &sources, selection, &mut carried)
                .expect("builds");
        let time = ms(started.elapsed());
        println!(
            "rebuild after {what}: {time:.1} ms, {} pages and feeds made anew",
            site.made
        );
    };
    let added = items[0].with_file_name("added-by-benchmark.md");
    std::fs::copy(&items[0], &added).expect("copied");
    rebuild_after("adding an item", &added);
    std::fs::remove_file(&added).expect("removed");
    rebuild_after("deleting it", &added);
    println!(
        "  pages and feeds made anew per edit: median {}",
        made[made.len() / 2]
    );
    print!(
        "  stages of the last rebuild:\n{}",
        timings.expect("at least one edit")
    );
    items
}

/// Part 4: new items, each the newest, until the index served counts them.
fn new_item_to_findable(root: &Path, site_url: &str, events: &mut EventStream, items: usize) {
    let dir = root.join("content/added-by-benchmark");
    std::fs::create_dir_all(&dir).expect("a directory");
    // Newer than every published item, and not in the future when the last is written.
    let newest = chrono::Utc::now() - chrono::Duration::minutes(items as i64 + 1);
    let mut times = Vec::new();
    for n in 0..items {
        let before = documents_indexed(site_url);
        let date = newest + chrono::Duration::minutes(n as i64);
        let item = format!(
            "---\ntitle: 新增第{n}号通知\ndate: {}\ndepartment: yingji\n---\n\n全区开展第{n}轮安全检查。\n",
            date.format("%Y-%m-%dT%H:%M:%SZ")
        );
        let started = Instant::now();
        std::fs::write(dir.join(format!("new-{n}.md")), item).expect("written");
        while documents_indexed(site_url) == before {
            events.next_message();
        }
        times.push(started.elapsed());
    }
    report(
        "new item to findable (the index served counts it)",
        &mut times,
    );
    std::fs::remove_dir_all(&dir).expect("removed");
}

/// How many documents the search index served has.
fn documents_indexed(site_url: &str) -> u64 {
    let mut stream = get(site_url, "search-index/meta.json", "Connection: close");
    let mut reply = String::new();
    std::io::Read::read_to_string(&mut stream, &mut reply).expect("a reply");
    let body = reply.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    let meta: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    meta["documents"].as_u64().unwrap_or(0)
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let at =
        |q: f64| ms(times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1]);
    println!(
        "{what}: median {:.1} ms, p95 {:.1} ms, max {:.1} ms over {} edits",
        at(0.5),
        at(0.95),
        ms(*times.last().expect("at least one edit")),
        times.len()
    );
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

fn append(item: &Path, n: usize) {
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(item)
        .expect("an item");
    writeln!(file, "\n第{n}次补充说明：本条信息已更新。").expect("written");
}

fn resident_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Sends a GET for `path` below the site at `site_url`, with one more `header` line; the
/// stream carries the reply.
fn get(site_url: &str, path: &str, header: &str) -> TcpStream {
    let rest = site_url.strip_prefix("http://").expect("an http URL");
    let (host, base_path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = TcpStream::connect(host).expect("the server listens");
    write!(
        stream,
        "GET {base_path}{path} HTTP/1.1\r\nHost: {host}\r\n{header}\r\n\r\n"
    )
    .expect("request sent");
    stream
}

/// A client of the server's Server-Sent Events, read line by line.
struct EventStream(BufReader<TcpStream>);

impl EventStream {
    fn open(site_url: &str) -> Self {
        let stream = get(site_url, "__bulletin/events", "Accept: text/event-stream");
        let mut events = EventStream(BufReader::new(stream));
        // The first message tells the state at connection time.
        events.next_message();
        events
    }

    fn next_message(&mut self) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            if self.0.read_line(&mut line).expect("the stream stays open") == 0 {
                panic!("the server closed the event stream");
            }
            if let Some(data) = line.strip_prefix("data:") {
                return data.trim().to_string();
            }
        }
    }

    /// Waits for a message announcing changed pages.
    fn wait_for_change(&mut self) {
        loop {
            let message = self.next_message();
            assert!(
                message.contains("\"error\":null"),
                "the build failed: {message}"
            );
            if !message.contains("\"changed\":[]") {
                return;
            }
        }
    }
}
