//! The item store (`.bulletin-cache/items/`): a build reads only the content files whose
//! stamps changed since the last, and its output and findings equal a build from nothing
//! whatever happened to the store in between: damage, loss, another build holding it, or
//! other settings.

mod common;

use std::os::fd::AsRawFd;
use std::path::Path;

use bulletin::BuildReport;
use common::*;

fn build(root: &Path) -> BuildReport {
    bulletin::build(&options(root)).unwrap()
}

/// The build's output equals a build from nothing, and so do its findings.
fn assert_as_fresh(root: &Path, report: &BuildReport) {
    let (copy, fresh) = fresh_build(root);
    assert!(tree(&root.join("public")) == fresh, "{report}");
    let again = bulletin::build(&options(&copy.path().join("site"))).unwrap();
    let shown = |r: &BuildReport| r.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    assert_eq!(shown(report), shown(&again));
}

/// A build that reads every file again, as the first did, equals a fresh one; the next reads
/// none.
fn assert_reads_all_again(root: &Path, first: &BuildReport) {
    let report = build(root);
    assert_eq!(report.read, first.read, "{report}");
    assert_as_fresh(root, &report);
    assert_eq!(build(root).read, 0);
}

fn store(root: &Path) -> std::path::PathBuf {
    root.join(".bulletin-cache/items")
}

/// A copy of the fixture `name`, its files settled (so that the store keeps them), built once.
fn stored_site(name: &str) -> (tempfile::TempDir, BuildReport) {
    let site = copy_fixture(name);
    if name == "bundle" {
        photos::fill_bundle_fixture(site.path());
    }
    std::thread::sleep(SETTLED);
    let first = build(site.path());
    (site, first)
}

#[test]
fn a_build_reads_only_the_files_that_changed() {
    let (site, first) = stored_site("small");
    let root = site.path();
    assert_eq!(first.read, 5, "{first}");
    let again = build(root);
    assert_eq!(
        (again.read, again.converted, again.made),
        (0, 0, 3),
        "{again}"
    );
    assert_as_fresh(root, &again);

    let item = root.join("content/safety-inspection.md");
    std::fs::write(&item, read(&item).replace("检查", "检查工作")).unwrap();
    std::thread::sleep(SETTLED);
    let edited = build(root);
    assert_eq!((edited.read, edited.converted), (1, 2), "{edited}");
    assert_as_fresh(root, &edited);

    // Only its times changed: read, found the same, nothing made anew.
    let other = std::fs::File::options()
        .write(true)
        .open(root.join("content/annual-report.md"))
        .unwrap();
    other.set_modified(std::time::SystemTime::now()).unwrap();
    std::thread::sleep(SETTLED);
    let touched = build(root);
    assert_eq!((touched.read, touched.made), (1, 3), "{touched}");
    let after = build(root);
    assert_eq!(after.read, 0, "{after}");

    // A folder beside an item makes it a bundle; an item removed is gone.
    let photos = root.join("content/safety-inspection");
    std::fs::create_dir(&photos).unwrap();
    std::fs::write(photos.join("现场.png"), photos::png(40, 30)).unwrap();
    std::fs::remove_file(root.join("content/draft.md")).unwrap();
    std::thread::sleep(SETTLED);
    let moved = build(root);
    assert_eq!(moved.read, 1, "{moved}");
    assert_as_fresh(root, &moved);
}

#[test]
fn a_damaged_or_lost_store_is_an_empty_one() {
    let (site, first) = stored_site("gov");
    let root = site.path();
    assert!(first.read > 0 && build(root).read == 0, "{first}");

    let mut shards: Vec<_> = std::fs::read_dir(store(root))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("shard-"))
        .collect();
    shards.sort();
    std::fs::write(&shards[0], b"{\"damaged\":").unwrap();
    let damaged = build(root);
    assert!(damaged.read > 0 && damaged.read < first.read, "{damaged}");
    assert_as_fresh(root, &damaged);

    // Texts cut short after their header: no shard's places fit, every file is read.
    let texts = store(root).join("texts");
    let cut_to = |length| {
        let file = std::fs::File::options().write(true).open(&texts).unwrap();
        file.set_len(length).unwrap();
    };
    cut_to(20);
    assert_reads_all_again(root, &first);

    // Cut inside its header: not a texts file.
    cut_to(7);
    assert_reads_all_again(root, &first);

    std::fs::remove_file(&texts).unwrap();
    assert_reads_all_again(root, &first);
}

#[test]
fn a_build_while_another_holds_the_store_builds_without_it() {
    let (site, first) = stored_site("small");
    let root = site.path();
    let lock = std::fs::File::open(store(root).join("lock")).unwrap();
    // SAFETY: flock on a descriptor this test owns.
    assert_eq!(unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) }, 0);
    let shards = tree(&store(root));
    let beside = build(root);
    assert_eq!(beside.read, first.read, "{beside}");
    assert!(tree(&store(root)) == shards, "the store was left as it was");
    assert_as_fresh(root, &beside);
    drop(lock);
    assert_eq!(build(root).read, 0);
}

#[test]
fn other_settings_read_every_file_again() {
    let (site, first) = stored_site("small");
    let root = site.path();
    let config = root.join("bulletin.yaml");
    std::fs::write(&config, read(&config) + "timezone: Asia/Taipei\n").unwrap();
    assert_reads_all_again(root, &first);
}

/// Every fixture, as kept by the store and built again: the same output and findings as a
/// build from nothing, with every field of its items (disclosure blocks and their lines,
/// editions, aliases, glossaries, extra front matter) as the store kept them.
#[test]
fn every_fixture_built_from_the_store_equals_a_build_from_nothing() {
    for name in ["small", "gov", "editions", "bundle"] {
        let (site, first) = stored_site(name);
        let root = site.path();
        let again = build(root);
        assert!(
            again.read < first.read || first.read == 0,
            "{name}: {again}"
        );
        assert_as_fresh(root, &again);
    }
}
