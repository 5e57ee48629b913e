//! Helpers shared by the integration tests: fixture sites in temporary directories, fixed
//! build times, and whole output trees as maps.
#![allow(dead_code)] // each test binary uses its own subset

pub mod browser;
pub mod deploy;
pub mod net;
pub mod photos;
pub mod s3;
pub mod sshd;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bulletin::BuildOptions;
use chrono::TimeZone;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of a fixture site in a temporary directory, free to be changed by the test.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// How long after a change the item store trusts a file's stamp, and a little more.
pub const SETTLED: std::time::Duration = std::time::Duration::from_millis(150);

/// A copy of the site at `root` (without its output and cache) built from nothing, with its
/// output's files; the copy is removed with the directory returned.
pub fn fresh_build(root: &Path) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("site");
    for entry in std::fs::read_dir(root).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name != "public" && name != ".bulletin-cache" {
            match entry.file_type().unwrap().is_dir() {
                true => copy_dir(&entry.path(), &copy.join(&name)),
                false => {
                    std::fs::create_dir_all(&copy).unwrap();
                    std::fs::copy(entry.path(), copy.join(&name)).unwrap();
                }
            }
        }
    }
    bulletin::build(&options(&copy)).unwrap();
    let built = tree(&copy.join("public"));
    (elsewhere, built)
}

/// A copy of a fixture site, built once into its `public/` with `options`.
pub struct BuiltSite {
    dir: tempfile::TempDir,
    pub report: bulletin::BuildReport,
}

impl BuiltSite {
    /// The site's root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The built site.
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// A page of the built site, parsed: `page("hans/index.html")`.
    pub fn page(&self, path: &str) -> scraper::Html {
        html(&self.out().join(path))
    }
}

/// Copies a fixture and builds it: the set-up most tests start from.
pub fn built(fixture: &str) -> BuiltSite {
    let dir = copy_fixture(fixture);
    let report = bulletin::build(&options(dir.path())).unwrap();
    BuiltSite { dir, report }
}

/// The example site in a temporary directory, so that nothing is written into the repository.
pub fn example_site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        repo.join("bulletin.yaml"),
        site.path().join("bulletin.yaml"),
    )
    .unwrap();
    copy_dir(&repo.join("content"), &site.path().join("content"));
    if repo.join("glossary.yaml").exists() {
        std::fs::copy(
            repo.join("glossary.yaml"),
            site.path().join("glossary.yaml"),
        )
        .unwrap();
    }
    site
}

/// Build options with a fixed "now", so that tests do not depend on the day they run.
pub fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        now: chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        ..BuildOptions::new(root)
    }
}

/// Every file below `dir`, by relative path with `/` separators.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// How many documents a pack of the search index holds (src/stages/search/pack.rs).
pub const PACK_DOCUMENTS: usize = 128;

/// The byte ranges of a pack's documents, from its head of little-endian offsets (read here
/// as a browser reads them, not with the build's own reader); empty slots left out.
pub fn pack_ranges(head: &[u8]) -> Vec<std::ops::Range<usize>> {
    let offsets: Vec<usize> = head[..(PACK_DOCUMENTS + 1) * 4]
        .chunks(4)
        .map(|b| u32::from_le_bytes(b.try_into().unwrap()) as usize)
        .collect();
    let ranges = offsets.windows(2).map(|w| w[0]..w[1]);
    ranges.filter(|range| !range.is_empty()).collect()
}

/// A document of the search index, its gzip member unpacked and parsed.
pub fn unpacked_document(member: &[u8]) -> serde_json::Value {
    use std::io::Read;
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(member)
        .read_to_end(&mut json)
        .unwrap();
    serde_json::from_slice(&json).unwrap()
}

/// Every document of a pack, in order.
pub fn pack_documents(pack: &[u8]) -> Vec<serde_json::Value> {
    let ranges = pack_ranges(pack);
    assert_eq!(ranges.last().map_or(pack.len(), |r| r.end), pack.len());
    ranges
        .into_iter()
        .map(|r| unpacked_document(&pack[r]))
        .collect()
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn html(path: &Path) -> scraper::Html {
    scraper::Html::parse_document(&read(path))
}

pub fn select<'a>(document: &'a scraper::Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    document
        .select(&scraper::Selector::parse(selector).unwrap())
        .collect()
}

pub fn text(element: &scraper::ElementRef) -> String {
    element.text().collect()
}

/// The `href`s of the links matching `selector`.
pub fn hrefs(document: &scraper::Html, selector: &str) -> Vec<String> {
    select(document, selector)
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// `bulletin serve` on `root`, on a free port of the loopback interface.
pub fn serve(root: &Path) -> bulletin::serve::RunningServer {
    bulletin::serve::start(bulletin::serve::ServeOptions {
        root: root.to_path_buf(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        drafts: false,
        future: false,
    })
    .unwrap()
}

/// A fixed pseudo-random sequence, so that a failure can be replayed.
pub struct Sequence(pub u64);

impl Sequence {
    pub fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }
}
