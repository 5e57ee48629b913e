//! The writer on real directories: switching, the spare tree, files put by hand, manifests.

use super::*;
use bytes::Bytes;

fn file(path: &str, contents: &str) -> OutputFile {
    OutputFile::copied(path, Bytes::copy_from_slice(contents.as_bytes()))
}

/// The whole site in one batch.
fn write_site(files: &[OutputFile], dest: &Path, site: &OutputSite) -> Result<Written> {
    let mut writer = SiteWriter::open(dest, site)?;
    writer.put(files)?;
    writer.finish()
}

#[test]
fn a_site_given_in_batches_is_switched_in_only_when_finished() {
    let dir = tempfile::tempdir().unwrap();
    let (dest, site) = (dir.path().join("public"), site_in(dir.path()));
    write_site(&[file("a", "1"), file("b", "1")], &dest, &site).unwrap();
    let mut writer = SiteWriter::open(&dest, &site).unwrap();
    writer.put(&[file("a", "2")]).unwrap();
    writer.put(&[file("b", "1"), file("c/d", "2")]).unwrap();
    // Given but not finished (a build that fails later): the old site is served whole.
    assert_eq!(std::fs::read_to_string(dest.join("a")).unwrap(), "1");
    let source = writer.source();
    assert_eq!(source.paths(), ["a", "b", "c/d"]);
    assert_eq!(&source.read("a").unwrap()[..], b"2");
    assert_eq!(&source.read("b").unwrap()[..], b"1");
    drop(writer);
    assert_eq!(tree_of(&dest), ["a", "b"]);
    let mut writer = SiteWriter::open(&dest, &site).unwrap();
    writer.put(&[file("a", "2")]).unwrap();
    writer.put(&[file("b", "1"), file("c/d", "2")]).unwrap();
    assert_eq!(
        writer.finish().unwrap(),
        Written {
            written: 2,
            removed: 0
        }
    );
    assert_eq!(tree_of(&dest), ["a", "b", "c/d"]);
    assert_eq!(std::fs::read_to_string(dest.join("a")).unwrap(), "2");
}

/// A site at `dir/site` whose cache is `dir/cache`.
fn site_in(dir: &Path) -> OutputSite {
    OutputSite {
        root: dir.join("site"),
        cache_dir: dir.join("cache"),
        force: false,
        trust_output: false,
    }
}

#[test]
fn writing_replaces_the_whole_directory() {
    let dir = tempfile::tempdir().unwrap();
    let (dest, mut site) = (dir.path().join("public"), site_in(dir.path()));
    let files = [file("a/index.html", "one"), file("stale.txt", "x")];
    let first = write_site(&files, &dest, &site).unwrap();
    assert_eq!(first.written, 2);
    // Without a manifest the files are no build's, as far as anyone can tell: replacing
    // them takes --force.
    std::fs::remove_dir_all(&site.cache_dir).unwrap();
    let refused = write_site(&[file("a/index.html", "two")], &dest, &site).unwrap_err();
    assert!(
        refused.problems()[0]
            .message
            .contains("a/index.html, stale.txt"),
        "{refused}"
    );
    site.force = true;
    write_site(&[file("a/index.html", "two")], &dest, &site).unwrap();
    assert_eq!(
        std::fs::read_to_string(dest.join("a/index.html")).unwrap(),
        "two"
    );
    assert!(!dest.join("stale.txt").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    // The old tree is kept beside, as the next build's spare; nothing else is left.
    assert_eq!(leftovers, [".public.spare", "cache", "public"]);
}

#[test]
fn the_spare_is_brought_up_to_date_with_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (dest, site) = (dir.path().join("public"), site_in(dir.path()));
    let spare = dir.path().join(".public.spare");
    let site_of = |n: &str| vec![file("a", "a"), file("b", n), file("c/d", "d")];
    write_site(&site_of("1"), &dest, &site).unwrap();
    write_site(&site_of("2"), &dest, &site).unwrap();
    // The spare holds the first site; the unchanged files are the served ones, linked.
    use std::os::unix::fs::MetadataExt;
    let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
    assert_eq!(std::fs::read_to_string(spare.join("b")).unwrap(), "1");
    assert_eq!(inode(&spare.join("a")), inode(&dest.join("a")));
    // A third build writes one file and switches again.
    let third = write_site(&site_of("3"), &dest, &site).unwrap();
    assert_eq!(
        third,
        Written {
            written: 1,
            removed: 0
        }
    );
    assert_eq!(std::fs::read_to_string(dest.join("b")).unwrap(), "3");
    assert_eq!(tree_of(&dest), ["a", "b", "c/d"]);
    assert_eq!(std::fs::read_to_string(spare.join("b")).unwrap(), "2");
    // A spare damaged while no build ran (its manifest gone) is made afresh.
    std::fs::write(spare.join("stray"), "x").unwrap();
    std::fs::remove_file(manifest_path(&site.cache_dir, &dest, Tree::Spare)).unwrap();
    write_site(&site_of("4"), &dest, &site).unwrap();
    assert_eq!(tree_of(&dest), ["a", "b", "c/d"]);
}

#[test]
fn files_put_by_hand_stay_as_last_written_and_go_when_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (dest, site) = (dir.path().join("public"), site_in(dir.path()));
    let site_of = |n: &str| vec![file("a", n)];
    let hand = dest.join("extra/by-hand.txt");
    write_site(&site_of("1"), &dest, &site).unwrap();
    std::fs::create_dir_all(hand.parent().unwrap()).unwrap();
    std::fs::write(&hand, "v1").unwrap();
    for (n, text) in [("2", "v1"), ("3", "v2"), ("4", "v2"), ("5", "v3")] {
        if text != std::fs::read_to_string(&hand).unwrap() {
            std::fs::write(&hand, text).unwrap();
        }
        write_site(&site_of(n), &dest, &site).unwrap();
        assert_eq!(
            std::fs::read_to_string(&hand).unwrap(),
            text,
            "after build {n}"
        );
    }
    std::fs::remove_file(&hand).unwrap();
    for n in ["6", "7"] {
        write_site(&site_of(n), &dest, &site).unwrap();
        assert_eq!(tree_of(&dest), ["a"], "after build {n}");
    }
}

#[test]
fn a_file_changed_by_hand_never_comes_back_from_the_spare() {
    let dir = tempfile::tempdir().unwrap();
    let (dest, site) = (dir.path().join("public"), site_in(dir.path()));
    let site_of = |n: &str| vec![file("x/index.html", "x"), file("n", n)];
    write_site(&site_of("1"), &dest, &site).unwrap();
    std::fs::write(dest.join("x/index.html"), "changed by hand").unwrap();
    // The build writes x again; the tree changed by hand becomes the spare, and the next
    // build links x into it again rather than trust the spare's manifest for it.
    for n in ["2", "3", "4"] {
        write_site(&site_of(n), &dest, &site).unwrap();
        let x = std::fs::read_to_string(dest.join("x/index.html")).unwrap();
        assert_eq!(x, "x", "after build {n}");
    }
}

#[test]
fn files_put_by_hand_deep_in_the_site_are_carried_over() {
    let dir = tempfile::tempdir().unwrap();
    let (dest, site) = (dir.path().join("public"), site_in(dir.path()));
    let site_of = |n: &str| vec![file("a/b/index.html", "b"), file("n", n)];
    write_site(&site_of("1"), &dest, &site).unwrap();
    std::fs::write(dest.join("a/b/by-hand.txt"), "1").unwrap();
    std::fs::create_dir_all(dest.join("a/new/deeper")).unwrap();
    std::fs::write(dest.join("a/new/deeper/by-hand.txt"), "2").unwrap();
    for n in ["2", "3", "4"] {
        write_site(&site_of(n), &dest, &site).unwrap();
        let expected = [
            "a/b/by-hand.txt",
            "a/b/index.html",
            "a/new/deeper/by-hand.txt",
            "n",
        ];
        assert_eq!(tree_of(&dest), expected, "after build {n}");
    }
}

/// The files below `dir`, relative, sorted.
fn tree_of(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| relative(dir, e.path()))
        .collect();
    files.sort();
    files
}

#[test]
fn a_rebuild_writes_only_what_changed_and_ends_with_exactly_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let (dest, cache) = (dir.path().join("public"), site_in(dir.path()));
    let site = |b: &str| {
        vec![
            file("a/index.html", "a"),
            file("b/index.html", b),
            file("c/deep/index.html", "c"),
            file("static/style.css", "css"),
        ]
    };
    write_site(&site("b"), &dest, &cache).unwrap();
    let again = write_site(&site("b"), &dest, &cache).unwrap();
    assert_eq!(
        again,
        Written {
            written: 0,
            removed: 0
        }
    );

    let changed = write_site(&site("b2"), &dest, &cache).unwrap();
    assert_eq!(
        changed,
        Written {
            written: 1,
            removed: 0
        }
    );
    assert_eq!(
        std::fs::read_to_string(dest.join("b/index.html")).unwrap(),
        "b2"
    );

    // A file changed or added by hand, and a page the site no longer has.
    std::fs::write(dest.join("a/index.html"), "edited by hand").unwrap();
    std::fs::write(dest.join("stray.txt"), "x").unwrap();
    let mut fewer = site("b2");
    fewer.retain(|f| !f.path.starts_with("c/"));
    let fixed = write_site(&fewer, &dest, &cache).unwrap();
    assert_eq!(
        fixed,
        Written {
            written: 1,
            removed: 1
        }
    );
    std::fs::remove_file(dest.join("stray.txt")).unwrap();
    let tree: Vec<String> = walkdir::WalkDir::new(&dest)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(&dest)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        tree,
        [
            "a",
            "a/index.html",
            "b",
            "b/index.html",
            "static",
            "static/style.css"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(dest.join("a/index.html")).unwrap(),
        "a"
    );
}

#[test]
fn a_manifest_cut_short_is_dropped_and_the_output_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (dest, site) = (dir.path().join("public"), site_in(dir.path()));
    let files = [file("a", "1"), file("b", "2"), file("c/index.html", "3")];
    write_site(&files, &dest, &site).unwrap();
    // Cut at a line boundary: the last file's line and the checksum go.
    let path = manifest_path(&site.cache_dir, &dest, Tree::Served);
    let text = std::fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = text.lines().take(text.lines().count() - 2).collect();
    std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    // The site no longer has c: with the cut manifest trusted, it would stay forever.
    write_site(&files[..2], &dest, &site).unwrap();
    assert!(!dest.join("c").exists());
    assert_eq!(std::fs::read_to_string(dest.join("b")).unwrap(), "2");
    // And the manifest written now is whole again: nothing changed, nothing written.
    assert_eq!(
        write_site(&files[..2], &dest, &site).unwrap(),
        Written::default()
    );
}

#[test]
fn a_site_directory_is_never_used_as_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bulletin.yaml"), "").unwrap();
    assert!(write_site(&[], dir.path(), &site_in(dir.path())).is_err());
    assert!(dir.path().join("bulletin.yaml").exists());
}
