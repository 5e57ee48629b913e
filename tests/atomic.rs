//! A build killed at any moment leaves the output exactly as the last build left it or exactly
//! as this one would: never a mix, never a half-written file.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Writes `count` items whose text says `version`, so that each version changes every page.
fn write_items(root: &Path, count: usize, version: &str) {
    for n in 0..count {
        let body =
            format!("第{n}条消息，版本{version}。会议强调，要抓好安全生产工作。\n").repeat(40);
        let item = format!(
            "---\ntitle: 消息{n}（{version}）\ndate: 2024-03-{:02} 09:00\ndepartment: jianshe\n---\n\n{body}",
            1 + n % 28
        );
        std::fs::write(root.join(format!("content/item-{n}.md")), item).unwrap();
    }
}

fn build_process(root: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["build", "--root"])
        .arg(root)
        .env("CI", "true")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn a_killed_build_leaves_the_old_tree_or_the_new_one() {
    let site = copy_fixture("small");
    let root = site.path();
    let count = 100;
    // The two versions' trees, from builds that ran to the end.
    let mut trees: BTreeMap<&str, BTreeMap<String, Vec<u8>>> = BTreeMap::new();
    let mut full = Duration::ZERO;
    for version in ["甲", "乙"] {
        write_items(root, count, version);
        let started = Instant::now();
        assert!(build_process(root).wait().unwrap().success());
        full = full.max(started.elapsed());
        trees.insert(version, tree(&root.join("public")));
    }
    assert_ne!(trees["甲"], trees["乙"]);
    let mut current = "乙";
    let mut written = current;
    let trials = 16;
    let mut seen_new = 0;
    for trial in 0..trials {
        let next = if current == "甲" { "乙" } else { "甲" };
        write_items(root, count, next);
        written = next;
        // Kill points spread over the whole build, from its start to past its end.
        let delay = full.mul_f64(2.5 * trial as f64 / (trials - 1) as f64);
        let mut child = build_process(root);
        std::thread::sleep(delay);
        let _ = child.kill();
        child.wait().unwrap();
        let now = tree(&root.join("public"));
        let state = trees
            .iter()
            .find(|(_, t)| **t == now)
            .map(|(v, _)| *v)
            .unwrap_or_else(|| panic!("trial {trial} (killed after {delay:?}) left a mixed tree"));
        assert!(state == current || state == next);
        if state == next {
            seen_new += 1;
        }
        current = state;
    }
    // The oracle can tell the two apart: some kills came after the switch.
    assert!(
        seen_new > 0,
        "no build got as far as switching in {trials} trials"
    );
    // And the next build, allowed to finish, equals a clean one of what is written now.
    assert!(build_process(root).wait().unwrap().success());
    assert!(tree(&root.join("public")) == trees[written]);
}
