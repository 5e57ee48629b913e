//! Rebuilding after edits must equal a full build, byte for byte. `serve` rebuilds with what
//! it carries from the build before (content files as read, rendered items, made pages, the
//! conversion cache), told which paths changed as the watcher tells it; this test applies
//! random sequences of edits (text changes, new items, deletions, renames, date, department
//! and pinning changes, new titles, glossary, configuration, template and stylesheet changes, photos added
//! beside items, replaced and removed) and compares
//! each carried rebuild with a fresh one. It also checks that the carried rebuild made only
//! a few pages anew after an edit of one item's text.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bulletin::BuildOptions;
use bulletin::config::Config;
use bulletin::pipeline::{Carried, SiteSources, render_site_to_memory};
use bulletin::stages::convert::cache::ConversionCache;
use bulletin::stages::load::Selection;
use bulletin::text::converter::Converter;
use chrono::TimeZone;
use common::photos;
use common::*;

fn items(root: &Path) -> Vec<std::path::PathBuf> {
    let mut items: Vec<_> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    items.sort();
    items
}

/// Rewrites the lines of `path` that start with `key:`.
fn set_line(path: &Path, key: &str, line: &str) {
    let changed: Vec<String> = read(path)
        .lines()
        .map(|l| {
            if l.starts_with(&format!("{key}:")) {
                line.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(path, changed.join("\n") + "\n").unwrap();
}

/// One random edit of the site; returns what it did, for the failure message, and the paths
/// it touched, as the watcher would report them.
fn edit(root: &Path, random: &mut Sequence, step: usize) -> (String, Vec<PathBuf>) {
    let items = items(root);
    let item = items[random.next(items.len())].clone();
    let text = read(&item);
    match random.next(17) {
        0 | 1 => {
            std::fs::write(&item, format!("{text}\n第{step}次补充说明。\n")).unwrap();
            (format!("append to {}", item.display()), vec![item])
        }
        2 => {
            let path = root.join(format!("content/new-{step}.md"));
            let body = format!(
                "---\ntitle: 新增通知{step}\ndate: 2024-0{}-1{} 10:00\ndepartment: jianshe\n---\n\n新增的第{step}条信息。\n",
                1 + step % 9,
                step % 10
            );
            std::fs::write(&path, body).unwrap();
            (format!("add {}", path.display()), vec![path])
        }
        3 if items.len() > 2 => {
            std::fs::remove_file(&item).unwrap();
            (format!("delete {}", item.display()), vec![item])
        }
        4 => {
            let renamed = item.with_file_name(format!("renamed-{step}.md"));
            std::fs::rename(&item, &renamed).unwrap();
            let what = format!("rename {} to {}", item.display(), renamed.display());
            let mut touched = vec![item.clone(), renamed.clone()];
            // Its folder of photos goes with it.
            let folder = item.with_extension("");
            if folder.is_dir() {
                std::fs::rename(&folder, renamed.with_extension("")).unwrap();
                touched.extend([folder, renamed.with_extension("")]);
            }
            (what, touched)
        }
        12 | 13 => {
            // A photo added beside the item, or the one there replaced by another.
            let folder = item.with_extension("");
            let photo = folder.join("现场.jpg");
            let mut touched = vec![photo.clone()];
            if !text.contains("(现场.jpg") {
                std::fs::write(
                    &item,
                    format!("{text}\n![会议现场](现场.jpg \"第{step}次会议现场\")\n"),
                )
                .unwrap();
                touched.push(item.clone());
            }
            if !folder.is_dir() {
                std::fs::create_dir(&folder).unwrap();
                touched.push(folder.clone());
            }
            let width = 500 + 37 * step as u32;
            std::fs::write(&photo, photos::with_exif(&photos::jpeg(width, 300), 1)).unwrap();
            (
                format!("photo {width} px beside {}", item.display()),
                touched,
            )
        }
        14 if item.with_extension("").join("现场.jpg").is_file() => {
            // The photo removed, and the line that showed it.
            let photo = item.with_extension("").join("现场.jpg");
            std::fs::remove_file(&photo).unwrap();
            let kept: Vec<&str> = text.lines().filter(|l| !l.contains("(现场.jpg")).collect();
            std::fs::write(&item, kept.join("\n") + "\n").unwrap();
            (
                format!("remove the photo of {}", item.display()),
                vec![photo, item],
            )
        }
        5 => {
            let date = format!("date: 2022-0{}-0{} 08:00", 1 + step % 9, 1 + step % 9);
            set_line(&item, "date", &date);
            (format!("redate {}", item.display()), vec![item])
        }
        6 => {
            set_line(&item, "department", "department: bangongshi");
            let what = format!("move {} to another department", item.display());
            (what, vec![item])
        }
        7 => {
            let glossary = [
                "keep: [区政府]\n",
                "terms: { 会议: { zh-Hant: 會務 } }\n",
                "",
            ][step % 3];
            let path = root.join("glossary.yaml");
            std::fs::write(&path, glossary).unwrap();
            (format!("glossary {glossary:?}"), vec![path])
        }
        8 => {
            let path = root.join("bulletin.yaml");
            let line = format!("title: 测试区人民政府{}", step % 2);
            set_line(&path, "title", &line);
            (format!("config {line}"), vec![path])
        }
        9 => {
            let path = root.join("templates/item.html");
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let template = format!(
                "{{% extends \"base.html\" %}}{{% block main %}}<h1>{{{{ item.title }}}}</h1>第{step}版{{{{ item.content | safe }}}}{{% endblock %}}"
            );
            std::fs::write(&path, template).unwrap();
            (format!("template {}", path.display()), vec![path])
        }
        10 if item.parent() != Some(root.join("content").as_path()) => {
            // A directory moved: the watcher names the directory, not its files.
            let dir = item.parent().unwrap().to_path_buf();
            let moved = root.join(format!("content/moved-{step}"));
            std::fs::rename(&dir, &moved).unwrap();
            (
                format!("move {} to {}", dir.display(), moved.display()),
                vec![dir, moved],
            )
        }
        15 => {
            // A new title: the shape of the site stays, the pages that show the item change.
            set_line(&item, "title", &format!("title: 第{step}次修改的标题"));
            (format!("retitle {}", item.display()), vec![item])
        }
        16 => {
            // Pinned to the home page, or no longer: the home page's order changes.
            let pinned = if text.contains("\npinned: true") {
                "false"
            } else {
                "true"
            };
            let changed = text.replacen("\ntitle:", &format!("\npinned: {pinned}\ntitle:"), 1);
            let kept: Vec<&str> = changed
                .lines()
                .filter(|l| !l.starts_with("pinned: ") || l.ends_with(pinned))
                .collect();
            std::fs::write(&item, kept.join("\n") + "\n").unwrap();
            (format!("pin {} ({pinned})", item.display()), vec![item])
        }
        _ => {
            let path = root.join("static/extra.css");
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("p {{ margin: {step}px }}\n")).unwrap();
            (format!("stylesheet {}", path.display()), vec![path])
        }
    }
}

fn selection() -> Selection {
    Selection {
        drafts: false,
        future: false,
        now: chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        skip_problems: false,
    }
}

/// Builds with what `carried` holds; returns the files and how many were made anew.
fn site_files(
    root: &Path,
    converter: &Converter,
    carried: &mut Carried,
) -> (BTreeMap<String, Vec<u8>>, usize) {
    let config = Config::load(root).unwrap();
    let sources = SiteSources::read(&config).unwrap();
    let (site, files) =
        render_site_to_memory(&config, converter, &sources, selection(), carried).unwrap();
    let files = files
        .into_iter()
        .map(|f| (f.path.to_string(), f.contents.to_vec()))
        .collect();
    (files, site.made)
}

fn fresh() -> Carried {
    Carried::new(ConversionCache::disabled())
}

#[test]
fn rebuilds_after_random_edits_equal_full_builds() {
    let converter = Converter::new();
    for seed in [1u64, 2, 3, 4] {
        let site = copy_fixture("small");
        let root = site.path();
        let mut random = Sequence(seed);
        let mut carried = fresh();
        site_files(root, &converter, &mut carried);
        let mut history = Vec::new();
        let mut photos_seen = false;
        for step in 0..24 {
            let (what, touched) = edit(root, &mut random, step);
            history.push(what);
            carried.content.changed(touched);
            let (incremental, _) = site_files(root, &converter, &mut carried);
            let (full, _) = site_files(root, &converter, &mut fresh());
            assert_eq!(
                incremental.keys().collect::<Vec<_>>(),
                full.keys().collect::<Vec<_>>(),
                "seed {seed}, after {history:#?}"
            );
            for (path, contents) in &full {
                assert!(
                    incremental[path] == *contents,
                    "seed {seed}: {path} differs after {history:#?}"
                );
            }
            photos_seen |= full.keys().any(|p| p.starts_with("files/"));
        }
        assert!(
            photos_seen,
            "seed {seed} never published a photo: {history:#?}"
        );
    }
}

#[test]
fn an_edited_item_remakes_only_the_pages_it_appears_on() {
    let converter = Converter::new();
    let site = copy_fixture("small");
    let root = site.path();
    let mut carried = fresh();
    let (before, made_first) = site_files(root, &converter, &mut carried);
    let item = root.join("content/annual-report.md");
    std::fs::write(&item, read(&item) + "\n补充说明。\n").unwrap();
    carried.content.changed([item]);
    let (after, made) = site_files(root, &converter, &mut carried);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, contents)| before.get(*path) != Some(contents))
        .map(|(path, _)| path)
        .collect();
    // Its page in both variants, the lists and feeds it is on; nothing else.
    assert!(
        made < made_first / 2,
        "{made} of {made_first} pages made anew"
    );
    assert!(
        changed
            .iter()
            .any(|p| p.ends_with("report-2023/index.html")),
        "{changed:?}"
    );
    assert!(
        !changed.iter().any(|p| p.contains("safety-inspection")),
        "an unrelated item changed: {changed:?}"
    );
    // Nothing changed since: nothing is made.
    let (_, made_again) = site_files(root, &converter, &mut carried);
    assert_eq!(made_again, 0);
}

#[test]
fn failed_rebuilds_leave_what_is_carried_consistent() {
    let converter = Converter::new();
    let site = copy_fixture("small");
    let root = site.path();
    let mut carried = fresh();
    site_files(root, &converter, &mut carried);
    let broken = root.join("content/annual-report.md");
    let other = root.join("content/safety-inspection.md");
    let good = read(&broken);
    let config = || Config::load(root).unwrap();
    let sources = SiteSources::read(&config()).unwrap();

    // A broken item fails the build; an edit of another item while it is broken, too.
    std::fs::write(&broken, good.replace("date:", "dat:")).unwrap();
    carried.content.changed([broken.clone()]);
    assert!(
        render_site_to_memory(&config(), &converter, &sources, selection(), &mut carried).is_err()
    );
    std::fs::write(&other, read(&other) + "\n修改于出错期间。\n").unwrap();
    carried.content.changed([other.clone()]);
    assert!(
        render_site_to_memory(&config(), &converter, &sources, selection(), &mut carried).is_err()
    );
    // Broken configuration: the build stops before reading content; the change waits.
    let config_file = root.join("bulletin.yaml");
    let config_text = read(&config_file);
    std::fs::write(&config_file, "title: [").unwrap();
    std::fs::write(&other, read(&other) + "\n配置出错期间再次修改。\n").unwrap();
    carried
        .content
        .changed([other.clone(), config_file.clone()]);
    assert!(Config::load(root).is_err());
    std::fs::write(&config_file, config_text).unwrap();

    std::fs::write(&broken, good).unwrap();
    carried.content.changed([broken, config_file]);
    let (incremental, _) = site_files(root, &converter, &mut carried);
    let (full, _) = site_files(root, &converter, &mut fresh());
    assert!(
        incremental == full,
        "the rebuild after the fix differs from a full build"
    );
    let other_page = "hans/2024/03/safety-inspection/index.html";
    assert!(
        String::from_utf8_lossy(&full[other_page]).contains("配置出错期间再次修改"),
        "the fixture's page path changed: {:?}",
        full.keys().collect::<Vec<_>>()
    );
}

/// The files of a fresh build of the site at `root`, into a new directory.
fn fresh_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let (_copy, built) = fresh_build(root);
    built
}

/// The paths where two trees differ.
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let paths: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    paths
        .into_iter()
        .filter(|path| a.get(*path) != b.get(*path))
        .cloned()
        .collect()
}

/// `bulletin build` does not render again a page whose inputs did not change and whose file
/// is still as it wrote it, nor read again a content file its item store kept: after random
/// edits its output equals a fresh build's, and it rendered few pages and read few files for
/// most edits.
#[test]
fn builds_after_random_edits_equal_fresh_builds() {
    for seed in [5u64, 6] {
        let site = copy_fixture("small");
        let root = site.path();
        let mut random = Sequence(seed);
        let first = bulletin::build(&options(root)).unwrap();
        let mut history = Vec::new();
        let (mut rendered_few, mut read_few) = (0, 0);
        for step in 0..16 {
            let (what, _) = edit(root, &mut random, step);
            history.push(what);
            // Files the item store can trust by their stamps.
            std::thread::sleep(SETTLED);
            let report = bulletin::build(&options(root)).unwrap();
            rendered_few += usize::from(report.made * 2 < first.made);
            read_few += usize::from(report.read * 2 < report.items);
            let built = tree(&root.join("public"));
            let differ = differences(&built, &fresh_tree(root));
            assert!(
                differ.is_empty(),
                "seed {seed}: {differ:?} after {history:#?}"
            );
        }
        assert!(rendered_few >= 4, "seed {seed}: {history:#?}");
        assert!(read_few >= 4, "seed {seed}: {history:#?}");
    }
}

/// A build with nothing changed renders no page but the two copied to the root (the default
/// variant's home and 404 pages) and makes only the sitemap; a page changed or removed by hand
/// in the output is rendered again.
#[test]
fn a_build_renders_only_pages_it_cannot_keep() {
    let site = copy_fixture("small");
    let root = site.path();
    let first = bulletin::build(&options(root)).unwrap();
    let again = bulletin::build(&options(root)).unwrap();
    assert_eq!((again.made, again.written.written), (3, 0), "{again}");
    assert!(first.made > 30, "{first}");
    let page = root.join("public/hant/2024/03/safety-inspection/index.html");
    let written = read(&page);
    std::fs::write(&page, "<p>changed by hand</p>").unwrap();
    let feed = root.join("public/hans/atom.xml");
    std::fs::remove_file(&feed).unwrap();
    let mended = bulletin::build(&options(root)).unwrap();
    assert_eq!((mended.made, mended.written.written), (5, 2), "{mended}");
    assert_eq!(read(&page), written);
    assert!(differences(&tree(&root.join("public")), &fresh_tree(root)).is_empty());
}

/// With `--trust-output` a build looks at no page whose inputs did not change: one changed by
/// hand stays (as documented) through builds that change other pages, and the next build
/// without it mends the page; the output then equals a fresh build's.
#[test]
fn a_build_that_trusts_the_output_leaves_pages_it_does_not_look_at() {
    let site = copy_fixture("small");
    let root = site.path();
    bulletin::build(&options(root)).unwrap();
    let page = root.join("public/hant/2023/12/standing-meeting/index.html");
    let written = read(&page);
    std::fs::write(&page, "<p>changed by hand</p>").unwrap();
    let trusting = BuildOptions {
        trust_output: true,
        ..options(root)
    };
    let again = bulletin::build(&trusting).unwrap();
    assert_eq!((again.made, again.written.written), (3, 0), "{again}");
    let item = root.join("content/annual-report.md");
    for n in 1..=3 {
        std::fs::write(&item, format!("{}\n第{n}次修改。\n", read(&item))).unwrap();
        std::thread::sleep(SETTLED);
        let edited = bulletin::build(&trusting).unwrap();
        assert!(edited.written.written > 0, "{edited}");
        assert_eq!(read(&page), "<p>changed by hand</p>", "after edit {n}");
    }
    let mended = bulletin::build(&options(root)).unwrap();
    assert_eq!(mended.written.written, 1, "{mended}");
    assert_eq!(read(&page), written);
    let differ = differences(&tree(&root.join("public")), &fresh_tree(root));
    assert!(differ.is_empty(), "{differ:?}");
}

/// `bulletin build` keeps a manifest of what it wrote: the next build writes only the files
/// that changed and removes the ones the site lost, and the output equals a fresh build's.
#[test]
fn a_rebuild_writes_only_the_files_that_changed() {
    let site = copy_fixture("small");
    let root = site.path();
    let first = bulletin::build(&options(root)).unwrap();
    assert_eq!(first.written.written, first.files);
    let second = bulletin::build(&options(root)).unwrap();
    assert_eq!((second.written.written, second.written.removed), (0, 0));

    let item = root.join("content/safety-inspection.md");
    let text = read(&item).replace("检查", "检查工作");
    std::fs::write(&item, text).unwrap();
    let edited = bulletin::build(&options(root)).unwrap();
    assert!(
        edited.written.written > 0 && edited.written.written * 2 < edited.files,
        "{edited}"
    );
    assert_eq!(tree(&root.join("public")), fresh_tree(root));

    std::fs::remove_file(&item).unwrap();
    let removed = bulletin::build(&options(root)).unwrap();
    assert!(removed.written.removed >= 2, "{removed}");
    assert_eq!(tree(&root.join("public")), fresh_tree(root));
}

/// A rebuild finds a slug that two items come to share, and forgets it once they no longer do:
/// by an edit, a deletion, or a file that takes another's slug when it is renamed.
#[test]
fn rebuilds_find_shared_slugs_as_they_come_and_go() {
    let converter = Converter::new();
    let site = copy_fixture("small");
    let root = site.path();
    let mut carried = fresh();
    site_files(root, &converter, &mut carried);
    let config = Config::load(root).unwrap();
    let sources = SiteSources::read(&config).unwrap();
    let mut rebuild = |touched: &[&Path]| {
        carried
            .content
            .changed(touched.iter().map(|p| p.to_path_buf()));
        render_site_to_memory(&config, &converter, &sources, selection(), &mut carried)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    let copy = root.join("content/copy.md");
    let item = |slug: &str| {
        format!(
            "---\ntitle: 复制的通知\ndate: 2024-02-01\ndepartment: jianshe\nslug: {slug}\n---\n\n正文。\n"
        )
    };
    std::fs::write(&copy, item("report-2023")).unwrap();
    let shared = rebuild(&[&copy]).unwrap_err();
    assert!(
        shared.contains("slug `report-2023` is already used"),
        "{shared}"
    );
    std::fs::write(&copy, item("report-copy")).unwrap();
    rebuild(&[&copy]).unwrap();
    std::fs::write(&copy, item("report-2023")).unwrap();
    assert!(rebuild(&[&copy]).is_err());
    std::fs::remove_file(&copy).unwrap();
    rebuild(&[&copy]).unwrap();
    // A file named after another item's slug, then renamed away.
    let named = root.join("content/2023/report-2023.md");
    std::fs::write(&named, item("x").replace("slug: x\n", "")).unwrap();
    assert!(rebuild(&[&named]).is_err());
    let renamed = root.join("content/2023/report-renamed.md");
    std::fs::rename(&named, &renamed).unwrap();
    rebuild(&[&named, &renamed]).unwrap();
}
