//! `bulletin serve` over real HTTP on loopback: content types, 404s, path traversal, HEAD,
//! concurrent clients, live-reload messages, and errors that keep the last good site served.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use bulletin::serve::RunningServer;
use common::*;

struct Reply {
    status: u16,
    headers: String,
    body: String,
    bytes: Vec<u8>,
}

/// A raw HTTP/1.1 request, so that paths reach the server exactly as written.
fn request(server: &RunningServer, method: &str, path: &str) -> Reply {
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let body_at = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(raw.len(), |at| at + 4);
    let head = String::from_utf8_lossy(&raw[..body_at]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Reply {
        status,
        headers: head.to_ascii_lowercase(),
        body: String::from_utf8_lossy(&raw[body_at..]).into_owned(),
        bytes: raw[body_at..].to_vec(),
    }
}

fn get(server: &RunningServer, path: &str) -> Reply {
    request(server, "GET", path)
}

/// Reads the live-reload stream until a message satisfies `wanted`, or fails after a bound.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(server: &RunningServer, path: &str) -> Events {
        let mut stream = TcpStream::connect(server.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut events = Events(BufReader::new(stream));
        let first = events.next_message();
        assert!(first.contains("\"changed\":[]"), "{first}");
        events
    }

    fn next_message(&mut self) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            self.0
                .read_line(&mut line)
                .expect("an event within the time bound");
            if let Some(data) = line.strip_prefix("data: ") {
                return data.trim_end().to_string();
            }
        }
    }

    fn wait_for(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            let message = self.next_message();
            if wanted(&message) {
                return message;
            }
        }
        panic!("no matching event");
    }
}

#[test]
fn serves_the_site_with_types_directories_and_404s() {
    let site = copy_fixture("small");
    let server = serve(site.path());
    assert!(server.url.ends_with("/site/"), "{}", server.url);

    let home = get(&server, "/site/hant/");
    assert_eq!(home.status, 200);
    assert!(
        home.headers
            .contains("content-type: text/html; charset=utf-8")
    );
    assert!(
        home.body.contains("data-bulletin-reload"),
        "the reload script is injected"
    );
    assert!(home.body.contains("關於開展安全生產大檢查的通知"));

    let css = get(&server, "/site/static/style.css");
    assert!(
        css.headers
            .contains("content-type: text/css; charset=utf-8")
    );
    assert!(
        !css.body.contains("bulletin-reload"),
        "only HTML gets the script"
    );
    assert!(
        get(&server, "/site/hans/atom.xml")
            .headers
            .contains("content-type: application/atom+xml; charset=utf-8")
    );
    assert!(
        get(&server, "/site/sitemap.xml")
            .headers
            .contains("content-type: application/xml; charset=utf-8")
    );

    let redirect = get(&server, "/site/hant");
    assert_eq!(redirect.status, 301);
    assert!(redirect.headers.contains("location: /site/hant/"));

    let missing = get(&server, "/site/hant/nothing/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("頁面不存在"),
        "the variant's own 404 page"
    );
    assert_eq!(get(&server, "/site/nothing").status, 404);

    let head = request(&server, "HEAD", "/site/hans/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(request(&server, "POST", "/site/hans/").status, 405);
}

/// A Range request gets the bytes it asks for (the search page reads its documents so), 416
/// past the end; a page, which carries the reload script, is always sent whole.
#[test]
fn a_byte_range_is_served_as_asked() {
    let site = copy_fixture("small");
    let server = serve(site.path());
    let css = "/site/static/style.css";
    let whole = get(&server, css).bytes;
    let ranged = |path: &str, range: &str| {
        net::http_with(server.addr.port(), "GET", path, &[("Range", range)], b"")
    };
    let part = ranged(css, "bytes=10-19");
    assert_eq!((part.status, &part.body[..]), (206, &whole[10..20]));
    let range = format!("bytes 10-19/{}", whole.len());
    assert_eq!(part.header("content-range"), Some(range.as_str()));
    let tail = ranged(css, "bytes=-5");
    assert_eq!(
        (tail.status, &tail.body[..]),
        (206, &whole[whole.len() - 5..])
    );
    let past = ranged(css, &format!("bytes={}-", whole.len()));
    assert_eq!(past.status, 416);
    let validated = net::http_with(
        server.addr.port(),
        "GET",
        css,
        &[("Range", "bytes=10-19"), ("If-Range", "\"x\"")],
        b"",
    );
    assert_eq!((validated.status, validated.body.len()), (200, whole.len()));
    let head = net::http_with(
        server.addr.port(),
        "HEAD",
        css,
        &[("Range", "bytes=0-9")],
        b"",
    );
    assert_eq!(head.status, 200);
    let page = ranged("/site/hans/", "bytes=0-9");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("accept-ranges"), Some("none"));
    assert!(String::from_utf8_lossy(&page.body).contains("__bulletin/events"));
}

#[test]
fn no_request_reaches_outside_the_site() {
    let site = copy_fixture("small");
    let server = serve(site.path());
    for path in [
        "/site/../bulletin.yaml",
        "/site/%2e%2e/bulletin.yaml",
        "/site/hans/..%2f..%2fbulletin.yaml",
        "/site/static/..%5c..%5cbulletin.yaml",
        "/site/static/..\\..\\bulletin.yaml",
        "//etc/passwd",
        "/site//etc/passwd",
        "/site/%2fetc%2fpasswd",
    ] {
        let reply = get(&server, path);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{path}: {}",
            reply.status
        );
        assert!(
            !reply.body.contains("base_url"),
            "{path} leaked the configuration"
        );
        assert!(!reply.body.contains("root:"), "{path} leaked a system file");
    }
}

#[test]
fn concurrent_clients_get_whole_pages() {
    let site = copy_fixture("small");
    let server = serve(site.path());
    let expected = get(&server, "/site/hans/").body;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| scope.spawn(|| get(&server, "/site/hans/").body))
            .collect();
        for handle in handles {
            assert_eq!(handle.join().unwrap(), expected);
        }
    });
}

#[test]
fn an_edit_is_announced_and_served() {
    let site = copy_fixture("small");
    let server = serve(site.path());
    let mut events = Events::open(&server, "/site/__bulletin/events");
    let item = site.path().join("content/2023/standing-meeting.md");
    let text = read(&item).replace("會議還研究了其他事項。", "會議還研究了防汛工作。");
    std::fs::write(&item, text).unwrap();
    let message = events.wait_for(|m| m.contains("standing-meeting"));
    assert!(
        message.contains("\"/site/hans/2023/12/standing-meeting/\""),
        "{message}"
    );
    assert!(
        message.contains("\"/site/hant/2023/12/standing-meeting/\""),
        "{message}"
    );
    assert!(
        !message.contains("safety-inspection/\""),
        "an unrelated item did not change: {message}"
    );
    assert!(
        get(&server, "/site/hans/2023/12/standing-meeting/")
            .body
            .contains("会议还研究了防汛工作。")
    );
}

/// A search index file served, unpacked.
fn gunzipped(server: &RunningServer, path: &str) -> Vec<u8> {
    let reply = get(server, path);
    assert_eq!(reply.status, 200, "{path}");
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&reply.bytes[..])
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn documents_indexed(server: &RunningServer) -> Option<u64> {
    let reply = get(server, "/site/search-index/meta.json");
    let meta: serde_json::Value = serde_json::from_str(&reply.body).ok()?;
    meta["documents"].as_u64()
}

/// The indexer updates the index it serves: a new item's document and terms are there once
/// the search pages are told to reload.
#[test]
fn a_new_item_is_indexed_while_serving() {
    let site = copy_fixture("small");
    let server = serve(site.path());
    let started = Instant::now();
    while documents_indexed(&server).is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no first index"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let before = documents_indexed(&server).unwrap();
    assert!(!index_holds(&server, "演练"));
    let mut events = Events::open(&server, "/site/__bulletin/events");
    std::fs::write(
        site.path().join("content/drill.md"),
        "---\ntitle: 开展防汛抢险演练\ndate: 2025-06-01 10:00:00\ndepartment: jianshe\n---\n\n全区举行防汛抢险演练。\n",
    )
    .unwrap();
    // The rebuild's reload comes first; the indexer's follows when the index is ready.
    events.wait_for(|m| m.contains("drill"));
    while documents_indexed(&server) == Some(before) {
        events.wait_for(|m| m.contains("/site/hans/search/"));
    }
    assert_eq!(documents_indexed(&server), Some(before + 1));
    let document = served_document(&server, "hant", before as usize);
    assert_eq!(document["title"], "開展防汛搶險演練");
    assert!(
        index_holds(&server, "演练"),
        "the new item's words are in the index"
    );
}

/// Document `id` of a variant's search index, read as the search page reads it: its two
/// offsets in its pack's head, then its own bytes, each by a Range request.
fn served_document(server: &RunningServer, variant: &str, id: usize) -> serde_json::Value {
    let path = format!(
        "/site/{variant}/search-index/documents/{}.bin",
        id / PACK_DOCUMENTS
    );
    let ranged = |first: usize, last: usize| {
        let range = format!("bytes={first}-{last}");
        let reply = net::http_with(server.addr.port(), "GET", &path, &[("Range", &range)], b"");
        assert_eq!(reply.status, 206, "{path} {range}");
        let length = reply
            .header("content-range")
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap();
        let expected = format!("bytes {first}-{last}/{length}");
        assert_eq!(reply.header("content-range"), Some(expected.as_str()));
        reply.body
    };
    let slot = id % PACK_DOCUMENTS;
    let ends = ranged(4 * slot, 4 * slot + 7);
    let offset = |at: usize| u32::from_le_bytes(ends[at..at + 4].try_into().unwrap()) as usize;
    unpacked_document(&ranged(offset(0), offset(4) - 1))
}

/// Whether the shard `term` falls in holds it.
fn index_holds(server: &RunningServer, term: &str) -> bool {
    let meta: serde_json::Value =
        serde_json::from_str(&get(server, "/site/search-index/meta.json").body).unwrap();
    let shards = meta["shards"].as_u64().unwrap();
    let shard = u64::from(bulletin::stages::search::terms::term_hash(term)) % shards;
    let shard = gunzipped(server, &format!("/site/search-index/shards/{shard}.bin"));
    shard.windows(term.len()).any(|w| w == term.as_bytes())
}

#[test]
fn a_broken_item_keeps_the_last_good_site_and_reports_the_error() {
    let site = copy_fixture("small");
    let server = serve(site.path());
    let mut events = Events::open(&server, "/site/__bulletin/events");
    let item = site.path().join("content/2023/standing-meeting.md");
    let good = read(&item);
    std::fs::write(
        &item,
        good.replace("date: 2023-12-20 15:30:00", "date: 昨天"),
    )
    .unwrap();
    let message = events.wait_for(|m| !m.contains("\"error\":null"));
    assert!(
        message.contains("content/2023/standing-meeting.md:3: cannot read the date"),
        "{message}"
    );
    let page = get(&server, "/site/hant/2023/12/standing-meeting/");
    assert_eq!(page.status, 200, "the last good page is still served");

    std::fs::write(&item, good).unwrap();
    events.wait_for(|m| m.contains("\"error\":null"));
    assert_eq!(get(&server, "/site/hans/").status, 200);
}

#[test]
fn a_save_through_a_temporary_file_and_a_rename_is_seen() {
    let site = copy_fixture("small");
    let server = serve(site.path());
    let mut events = Events::open(&server, "/site/__bulletin/events");
    // How many editors save: write a temporary file beside the item, then rename it over.
    let item = site.path().join("content/2023/standing-meeting.md");
    let temporary = item.with_extension("md.tmp");
    let text = read(&item).replace("會議還研究了其他事項。", "會議還研究了春耕工作。");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, &item).unwrap();
    events.wait_for(|m| m.contains("standing-meeting"));
    assert!(
        get(&server, "/site/hant/2023/12/standing-meeting/")
            .body
            .contains("會議還研究了春耕工作。")
    );
}

#[test]
fn a_source_directory_made_while_serving_is_watched() {
    let site = copy_fixture("small");
    let server = serve(site.path());
    let mut events = Events::open(&server, "/site/__bulletin/events");
    // The small fixture has no templates/: made now, it is seen, and so is every later edit
    // inside it, long after the rebuild its creation caused.
    let templates = site.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    events.wait_for(|m| m.contains("\"changed\""));
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(
        templates.join("contact.html"),
        "{% extends \"base.html\" %}{% block main %}<p>本站电话：值班室</p>{% endblock main %}",
    )
    .unwrap();
    events.wait_for(|m| m.contains("contact"));
    let page = get(&server, "/site/hans/contact/").body;
    assert!(page.contains("本站电话：值班室"), "{page}");
}

/// A photo added beside an item, then replaced by a wider one: each time the page is
/// announced and served with the new photo, and the photo itself is served.
#[test]
fn a_photo_added_or_replaced_updates_its_page() {
    let site = copy_fixture("bundle");
    common::photos::fill_bundle_fixture(site.path());
    let server = serve(site.path());
    let mut events = Events::open(&server, "/site/__bulletin/events");
    let item = site.path().join("content/2024/tongzhi.md");
    let folder = site.path().join("content/2024/tongzhi");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("宣传.jpg"), common::photos::jpeg(400, 300)).unwrap();
    std::fs::write(&item, format!("{}\n![防火宣传](宣传.jpg)\n", read(&item))).unwrap();
    events.wait_for(|m| m.contains("tongzhi"));
    let page = "/site/hans/2024/03/tongzhi/";
    let body = get(&server, page).body;
    assert!(body.contains("%E5%AE%A3%E4%BC%A0-400.jpg"), "{body}");
    std::fs::write(folder.join("宣传.jpg"), common::photos::jpeg(720, 540)).unwrap();
    events.wait_for(|m| m.contains("tongzhi"));
    let body = get(&server, page).body;
    assert!(body.contains("%E5%AE%A3%E4%BC%A0-720.jpg 720w"), "{body}");
    assert!(!body.contains("-400.jpg"), "{body}");
    let photo = get(
        &server,
        "/site/files/2024/03/tongzhi/%E5%AE%A3%E4%BC%A0-720.webp",
    );
    assert_eq!(photo.status, 200);
    assert!(
        photo
            .headers
            .to_ascii_lowercase()
            .contains("content-type: image/webp"),
        "{}",
        photo.headers
    );
}
