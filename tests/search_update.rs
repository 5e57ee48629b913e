//! An edit re-indexes only what it touched: a build after one item changed, or one was added,
//! updates the last search index instead of making it anew, and the index it leaves is byte
//! for byte the one a whole build of the same content makes. Where numbers would shift (an
//! item removed) or the index is damaged, the build makes it anew, with the same result.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use bulletin::stages::search::Indexing;
use common::*;

/// Characters the generated items are written in: enough that items differ in their terms.
const CHARACTERS: &str = "政府会议工作安全生产检查建设管理服务社区居民环境保护教育卫生交通经济发展项目投资企业农业农村文化旅游防汛应急消防城市规划财政预算审计公开信息人口就业医疗养老住房水利电力通信科技创新人才培训街道乡镇部门领导干部群众志愿活动宣传学习落实推进部署要求";

/// The small fixture with `count` long generated items added, so that its index has many
/// shards.
fn site_with_many_items(count: usize) -> tempfile::TempDir {
    let site = copy_fixture("small");
    let characters: Vec<char> = CHARACTERS.chars().collect();
    let mut sequence = Sequence(20261202);
    for n in 0..count {
        let text: String = (0..1200)
            .map(|i| match i % 40 {
                39 => '。',
                _ => characters[sequence.next(characters.len())],
            })
            .collect();
        let item = format!(
            "---\ntitle: 第{n}号工作通报\ndate: 2022-{:02}-{:02} 09:00:00\ndepartment: 区建设局\n---\n\n{text}\n",
            n % 12 + 1,
            n % 28 + 1
        );
        let path = site
            .path()
            .join(format!("content/generated/item-{n:03}.md"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, item).unwrap();
    }
    site
}

/// Builds the site at `root`, and says how it came by its index.
fn build(root: &Path) -> Indexing {
    let report = bulletin::build(&options(root)).unwrap();
    report.search.expect("the site has search")
}

/// The search index in the output of the site at `root`.
fn index_of(root: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(&root.join("public"))
        .into_iter()
        .filter(|(path, _)| path.contains("search-index/"))
        .collect()
}

/// The index a whole build of the content of `root` makes, in a copy of its own.
fn index_made_whole(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let copy = tempfile::tempdir().unwrap();
    for entry in ["bulletin.yaml", "content"] {
        let from = root.join(entry);
        if from.is_dir() {
            copy_dir(&from, &copy.path().join(entry));
        } else {
            std::fs::copy(&from, copy.path().join(entry)).unwrap();
        }
    }
    assert_eq!(build(copy.path()), Indexing::Made);
    index_of(copy.path())
}

/// Asserts that the index of `root` is the one a whole build makes.
fn assert_as_made_whole(root: &Path, after: &str) {
    let index = index_of(root);
    let whole = index_made_whole(root);
    assert_eq!(
        index.keys().collect::<Vec<_>>(),
        whole.keys().collect::<Vec<_>>(),
        "{after}: the index has other files than a whole build's"
    );
    for (path, contents) in &index {
        assert!(
            contents == &whole[path],
            "{after}: {path} differs from a whole build's"
        );
    }
}

fn shard_count(root: &Path) -> usize {
    meta(root)["shards"].as_u64().unwrap() as usize
}

/// How many documents the index holds.
fn document_count(root: &Path) -> usize {
    meta(root)["documents"].as_u64().unwrap() as usize
}

fn meta(root: &Path) -> serde_json::Value {
    let meta = std::fs::read(root.join("public/search-index/meta.json")).unwrap();
    serde_json::from_slice(&meta).unwrap()
}

#[test]
fn an_edit_or_a_new_item_updates_the_index_as_a_whole_build_would_make_it() {
    let site = site_with_many_items(100);
    let root = site.path();
    assert_eq!(build(root), Indexing::Made);
    assert!(
        shard_count(root) >= 8,
        "the site is large enough to have shards"
    );
    assert_eq!(build(root), Indexing::Reused);

    let item = root.join("content/safety-inspection.md");
    let text = read(&item);
    std::fs::write(&item, text.replace("安全", "消防安全")).unwrap();
    assert_eq!(build(root), Indexing::Updated(1));
    assert_as_made_whole(root, "after an edit");

    let generated = root.join("content/generated/item-007.md");
    let text = read(&generated);
    let retitled = text.replace("第7号工作通报", "第7号防汛工作通报");
    std::fs::write(
        &generated,
        retitled.replace("department: 区建设局", "department: 区政府办公室"),
    )
    .unwrap();
    std::fs::write(
        root.join("content/newest.md"),
        "---\ntitle: 最新通知\ndate: 2024-06-01 10:00:00\ndepartment: 区建设局\n---\n\n全区开展环境整治。\n",
    )
    .unwrap();
    assert_eq!(build(root), Indexing::Updated(2));
    assert_as_made_whole(root, "after a title, a department and a new item");

    // New items that fill the last pack of documents and begin another.
    let had = document_count(root);
    assert!(had < PACK_DOCUMENTS, "{had} documents");
    let added = PACK_DOCUMENTS + 2 - had;
    for n in 0..added {
        std::fs::write(
            root.join(format!("content/newer-{n:02}.md")),
            format!("---\ntitle: 第{n}次巡查\ndate: 2024-07-{:02} 10:00:00\ndepartment: 区建设局\n---\n\n巡查河道{n}公里。\n", n % 28 + 1),
        )
        .unwrap();
    }
    assert_eq!(build(root), Indexing::Updated(added));
    assert_eq!(document_count(root), PACK_DOCUMENTS + 2);
    assert_as_made_whole(root, "after new items past a pack's end");
}

#[test]
fn a_removed_item_or_a_damaged_index_makes_the_index_anew() {
    let site = site_with_many_items(20);
    let root = site.path();
    assert_eq!(build(root), Indexing::Made);
    std::fs::remove_file(root.join("content/generated/item-003.md")).unwrap();
    assert_eq!(
        build(root),
        Indexing::Made,
        "numbers after the removed item shift"
    );
    assert_as_made_whole(root, "after a removal");

    let item = root.join("content/safety-inspection.md");
    std::fs::write(&item, read(&item).replace("安全", "生产安全")).unwrap();
    let shard = root.join("public/search-index/shards/0.bin");
    std::fs::write(&shard, b"damaged").unwrap();
    assert_eq!(
        build(root),
        Indexing::Made,
        "a damaged shard is not patched"
    );
    assert_as_made_whole(root, "after a damaged shard");

    std::fs::write(&item, read(&item).replace("生产安全", "安全生产")).unwrap();
    let pack = root.join("public/hant/search-index/documents/0.bin");
    let mut bytes = std::fs::read(&pack).unwrap();
    bytes.truncate(bytes.len() - 1);
    std::fs::write(&pack, bytes).unwrap();
    assert_eq!(build(root), Indexing::Made, "a damaged pack is not spliced");
    assert_as_made_whole(root, "after a damaged pack");
}
