//! Rebuilding after edits must equal a full build, byte for byte. `serve` rebuilds with the
//! state it carries from the build before (today the conversion cache); this test applies
//! random sequences of edits (text changes, new items, deletions, renames, date and department
//! changes, glossary changes) and compares each carried rebuild with a fresh one.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use bulletin::cache::ConversionCache;
use bulletin::config::Config;
use bulletin::content::Selection;
use bulletin::convert::Converter;
use bulletin::pipeline::render_site;
use chrono::TimeZone;
use common::*;

/// A fixed pseudo-random sequence, so that a failure can be replayed.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }
}

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

/// One random edit of the site; returns what it did, for the failure message.
fn edit(root: &Path, random: &mut Sequence, step: usize) -> String {
    let items = items(root);
    let item = &items[random.next(items.len())];
    let text = read(item);
    match random.next(7) {
        0 => {
            std::fs::write(item, format!("{text}\n第{step}次补充说明。\n")).unwrap();
            format!("append to {}", item.display())
        }
        1 => {
            let path = root.join(format!("content/new-{step}.md"));
            let body = format!(
                "---\ntitle: 新增通知{step}\ndate: 2024-0{}-1{} 10:00\ndepartment: jianshe\n---\n\n新增的第{step}条信息。\n",
                1 + step % 9,
                step % 10
            );
            std::fs::write(&path, body).unwrap();
            format!("add {}", path.display())
        }
        2 if items.len() > 2 => {
            std::fs::remove_file(item).unwrap();
            format!("delete {}", item.display())
        }
        3 => {
            let renamed = item.with_file_name(format!("renamed-{step}.md"));
            std::fs::rename(item, &renamed).unwrap();
            format!("rename {} to {}", item.display(), renamed.display())
        }
        4 => {
            let changed: String = text
                .lines()
                .map(|l| {
                    if l.starts_with("date:") {
                        format!("date: 2022-0{}-0{} 08:00", 1 + step % 9, 1 + step % 9)
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            std::fs::write(item, changed + "\n").unwrap();
            format!("redate {}", item.display())
        }
        5 => {
            let changed: String = text
                .lines()
                .map(|l| {
                    if l.starts_with("department:") {
                        "department: bangongshi".to_string()
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            std::fs::write(item, changed + "\n").unwrap();
            format!("move {} to another department", item.display())
        }
        _ => {
            let glossary = [
                "keep: [区政府]\n",
                "terms: { 会议: { zh-Hant: 會務 } }\n",
                "",
            ][step % 3];
            std::fs::write(root.join("glossary.yaml"), glossary).unwrap();
            format!("glossary {glossary:?}")
        }
    }
}

fn site_files(
    root: &Path,
    converter: &Converter,
    cache: &ConversionCache,
) -> (BTreeMap<String, Vec<u8>>, ConversionCache) {
    let config = Config::load(root).unwrap();
    let selection = Selection {
        drafts: false,
        future: false,
        now: chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
    };
    let site = render_site(&config, converter, selection, cache).unwrap();
    (
        site.files
            .into_iter()
            .map(|f| (f.path, f.contents))
            .collect(),
        site.cache,
    )
}

#[test]
fn rebuilds_after_random_edits_equal_full_builds() {
    let converter = Converter::new();
    for seed in [1u64, 2, 3] {
        let site = copy_fixture("small");
        let root = site.path();
        let mut random = Sequence(seed);
        let (_, mut carried) = site_files(root, &converter, &ConversionCache::disabled());
        let mut history = Vec::new();
        for step in 0..12 {
            history.push(edit(root, &mut random, step));
            let (incremental, next) = site_files(root, &converter, &carried);
            carried = next;
            let (full, _) = site_files(root, &converter, &ConversionCache::disabled());
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
        }
    }
}
