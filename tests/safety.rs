//! Nothing lost, nothing injected: the output directory is the build's alone, links that
//! could run a script never reach a page or a feed, and control characters are errors.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn build_into(
    root: &Path,
    output: PathBuf,
    force: bool,
) -> bulletin::Result<bulletin::BuildReport> {
    bulletin::build(&bulletin::BuildOptions {
        output: Some(output),
        force,
        ..options(root)
    })
}

fn refusal(root: &Path, output: PathBuf) -> String {
    let error = build_into(root, output.clone(), false)
        .expect_err(&format!("{} must be refused", output.display()));
    let problem = &error.problems()[0];
    assert_eq!(problem.file, output);
    assert!(!problem.hint.is_empty());
    problem.message.clone()
}

#[test]
fn the_sources_are_never_an_output() {
    let site = built("small");
    let root = site.path();
    std::fs::create_dir_all(root.join("themes/mine/templates")).unwrap();
    std::fs::write(root.join("themes/mine/templates/base.html"), "x").unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/logo.txt"), "logo").unwrap();
    let before = tree(root);
    for (output, said) in [
        (root.join("content"), "is the site's content/"),
        (root.join("themes"), "is the site's themes/"),
        (root.join("static"), "is the site's static/"),
        (
            root.join(".bulletin-cache"),
            "is the site's .bulletin-cache/",
        ),
        (root.join("templates"), "is the site's templates/"),
        (root.to_path_buf(), "is the site itself"),
        (root.join("."), "is the site itself"),
        (root.join("public/.."), "is the site itself"),
        (root.join(".."), "holds the site itself"),
        (root.join("content/public"), "is inside the site's content/"),
        (root.join("themes/mine/out"), "is inside the site's themes/"),
    ] {
        let message = refusal(root, output.clone());
        assert!(message.contains(said), "{}: {message}", output.display());
    }
    assert_eq!(tree(root), before, "a refused build changed the site");
}

#[test]
fn a_folder_of_someone_elses_files_is_refused_unless_forced() {
    let site = built("small");
    let documents = tempfile::tempdir().unwrap();
    std::fs::write(documents.path().join("notes.txt"), "mine").unwrap();
    std::fs::create_dir(documents.path().join("2024")).unwrap();
    std::fs::write(documents.path().join("2024/report.docx"), "mine").unwrap();
    let message = refusal(site.path(), documents.path().to_path_buf());
    assert!(message.contains("2024/report.docx, notes.txt"), "{message}");
    assert_eq!(read(&documents.path().join("notes.txt")), "mine");

    // --force replaces them; after that the output is the build's own.
    build_into(site.path(), documents.path().to_path_buf(), true).unwrap();
    assert!(!documents.path().join("notes.txt").exists());
    assert!(documents.path().join("hans/index.html").exists());
    build_into(site.path(), documents.path().to_path_buf(), false).unwrap();
}

#[test]
fn a_new_or_empty_folder_and_the_builds_own_output_are_accepted() {
    let site = built("small");
    let empty = tempfile::tempdir().unwrap();
    build_into(site.path(), empty.path().to_path_buf(), false).unwrap();
    build_into(site.path(), empty.path().join("deeper/new"), false).unwrap();
    // Its own output, after a change: replaced or updated, never refused.
    std::fs::write(site.path().join("public/by-hand.txt"), "kept").unwrap();
    bulletin::build(&options(site.path())).unwrap();
    assert_eq!(read(&site.path().join("public/by-hand.txt")), "kept");
}

#[test]
fn the_command_line_refuses_with_the_reason_and_status_1() {
    let site = built("small");
    let output = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["build", "--output", "content", "--root"])
        .arg(site.path())
        .current_dir(site.path())
        .env("CI", "true")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the output directory is the site's content/"),
        "{stderr}"
    );
    assert!(site.path().join("content/safety-inspection.md").exists());
}

const HOSTILE: &str = "---
title: 转载的通知
date: 2024-03-06
department: jianshe
---

[点我](javascript:alert(2)) [大写](JAVASCRIPT:alert(2)) [实体](&#106;avascript:alert(2))
<javascript:alert(2)> [参考][r] ![图](javascript:alert(2)) [数据](data:text/html,<script>alert(2)</script>)
[vb](vbscript:msgbox(2)) [好](https://example.org/) [信](mailto:office@example.org)

[r]: javascript:alert(2)
";

/// Every link or image address on the item's page and in the feeds, across both variants.
fn addresses(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut take = |document: &scraper::Html| {
        for (selector, attribute) in [("a", "href"), ("img", "src")] {
            found.extend(
                select(document, selector)
                    .iter()
                    .filter_map(|e| e.value().attr(attribute).map(str::to_string)),
            );
        }
    };
    for variant in ["hans", "hant"] {
        take(&html(&out.join(variant).join("2024/03/hostile/index.html")));
        let feed = read(&out.join(variant).join("atom.xml"));
        let feed = roxmltree::Document::parse(&feed).expect("the feed is XML");
        for content in feed.descendants().filter(|n| n.has_tag_name("content")) {
            take(&scraper::Html::parse_fragment(
                content.text().unwrap_or_default(),
            ));
        }
    }
    found
}

#[test]
fn links_that_could_run_a_script_become_text_with_a_warning() {
    let site = copy_fixture("small");
    std::fs::write(site.path().join("content/hostile.md"), HOSTILE).unwrap();
    let report = bulletin::build(&options(site.path())).unwrap();
    let out = site.path().join("public");
    let all = addresses(&out);
    assert!(all.iter().any(|a| a == "https://example.org/"), "{all:?}");
    for address in &all {
        let lower = address.to_ascii_lowercase();
        assert!(
            !(lower.contains("script:") || lower.starts_with("data:")),
            "{address} reached the output"
        );
    }
    let page = read(&out.join("hans/2024/03/hostile/index.html"));
    for text in ["点我", "大写", "实体", "参考", "数据", "vb"] {
        assert!(page.contains(text), "{text} was lost");
    }
    let mut warned: Vec<usize> = report
        .warnings
        .iter()
        .filter(|w| w.rule == "unsafe-link")
        .inspect(|w| assert_eq!(w.file, Path::new("content/hostile.md")))
        .map(|w| w.line)
        .collect();
    warned.sort();
    assert_eq!(warned, [7, 7, 7, 8, 8, 8, 8, 9]);
}

#[test]
fn check_fails_on_a_script_link() {
    let site = copy_fixture("small");
    std::fs::write(site.path().join("content/hostile.md"), HOSTILE).unwrap();
    let report = bulletin::check::check(&bulletin::check::CheckOptions {
        root: site.path().to_path_buf(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
    })
    .unwrap();
    let unsafe_links: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule() == "unsafe-link")
        .collect();
    assert_eq!(unsafe_links.len(), 8, "{report}");
    assert!(
        unsafe_links
            .iter()
            .all(|f| f.level == bulletin::config::rules::Level::Error)
    );
}

#[test]
fn a_script_address_in_extra_is_an_error() {
    let site = copy_fixture("small");
    let item = "---\ntitle: 链接\ndate: 2024-03-06\ndepartment: jianshe\nextra:\n  original: \"JavaScript:alert(1)\"\n---\n\n正文。\n";
    std::fs::write(site.path().join("content/extra.md"), item).unwrap();
    let error = bulletin::build(&options(site.path())).unwrap_err();
    let problem = &error.problems()[0];
    assert_eq!(
        (problem.file.as_path(), problem.line, problem.rule),
        (Path::new("content/extra.md"), 6, "unsafe-link")
    );
}

#[test]
fn control_characters_are_errors_at_their_place() {
    let site = built("small");
    let before = tree(&site.path().join("public"));
    let written = "---\ntitle: 甲\ndate: 2024-03-06\ndepartment: jianshe\n---\n\n第一行。\n会议\u{0}纪要\u{1b}。\n";
    std::fs::write(site.path().join("content/nul.md"), written).unwrap();
    let escaped = "---\ntitle: \"标题\\0\"\ndate: 2024-03-06\ndepartment: jianshe\n---\n\n正文。\n";
    std::fs::write(site.path().join("content/escaped.md"), escaped).unwrap();
    let error = bulletin::build(&options(site.path())).unwrap_err();
    let found: Vec<(String, usize, usize, &str)> = error
        .problems()
        .iter()
        .map(|p| (p.file.display().to_string(), p.line, p.column, p.rule))
        .collect();
    assert_eq!(
        found,
        [
            ("content/escaped.md".into(), 2, 0, "control-character"),
            ("content/nul.md".into(), 8, 3, "control-character"),
        ]
    );
    assert_eq!(tree(&site.path().join("public")), before);
}

/// Builds the small fixture with `name` written as `contents`; the problems of the failed build.
fn problems_with(config_extra: &str, name: &str, contents: &str) -> Vec<bulletin::Problem> {
    let site = copy_fixture("small");
    let config = site.path().join("bulletin.yaml");
    std::fs::write(&config, read(&config) + config_extra).unwrap();
    std::fs::write(site.path().join("content").join(name), contents).unwrap();
    bulletin::build(&options(site.path()))
        .unwrap_err()
        .problems()
        .to_vec()
}

#[test]
fn an_item_over_the_size_limit_is_an_error_naming_the_limit() {
    let body = "会议强调，要做好安全生产工作。\n".repeat(50_000);
    let item = format!("---\ntitle: 长文\ndate: 2024-03-06\ndepartment: jianshe\n---\n{body}");
    assert!(item.len() > 2 * 1024 * 1024);
    let problems = problems_with("limits: { item_mb: 2 }\n", "long.md", &item);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].file, Path::new("content/long.md"));
    assert!(
        problems[0].message.contains("over the limit of 2 MB"),
        "{}",
        problems[0]
    );
    assert!(problems[0].hint.contains("item_mb"));
}

#[test]
fn a_title_over_the_limit_is_an_error_at_its_line() {
    let title = "关于".repeat(50_000);
    let item = format!("---\ndate: 2024-03-06\ntitle: {title}\ndepartment: jianshe\n---\n正文。\n");
    let problems = problems_with("", "title.md", &item);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].file.as_path(), problems[0].line),
        (Path::new("content/title.md"), 3)
    );
    assert!(
        problems[0]
            .message
            .contains("100000 characters, over the limit of 500")
    );
}

#[test]
fn deeply_nested_front_matter_is_refused_before_parsing() {
    let item = format!(
        "---\ntitle: 甲\ndate: 2024-03-06\ndepartment: jianshe\ntags: {}\n---\n正文。\n",
        "[".repeat(100_000)
    );
    let problems = problems_with("", "deep.md", &item);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].file.as_path(), problems[0].line),
        (Path::new("content/deep.md"), 5)
    );
    assert!(
        problems[0].message.contains("more than 32 deep"),
        "{}",
        problems[0]
    );
    // Brackets inside quotes are text, not nesting.
    let quoted = format!(
        "---\ntitle: \"{}\"\ndate: 2024-03-06\ndepartment: jianshe\n---\n正文。\n",
        "[".repeat(100)
    );
    let site = copy_fixture("small");
    std::fs::write(site.path().join("content/quoted.md"), quoted).unwrap();
    bulletin::build(&options(site.path())).unwrap();
}

#[test]
fn symbolic_links_inside_the_site_are_followed_and_others_refused_with_a_warning() {
    use std::os::unix::fs::symlink;
    let site = copy_fixture("small");
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: 外\ndate: 2024-01-01\ndepartment: jianshe\n---\n外面的文字。\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("passwd"), "root:x:0:0").unwrap();
    // Inside: a shared folder of images linked into static/, and an item linked into content/.
    std::fs::create_dir_all(root.join("shared")).unwrap();
    std::fs::write(root.join("shared/logo.txt"), "logo").unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    symlink(root.join("shared"), root.join("static/images")).unwrap();
    std::fs::create_dir_all(root.join("drafts")).unwrap();
    std::fs::write(
        root.join("drafts/linked.md"),
        "---\ntitle: 链入的稿件\ndate: 2024-02-01\ndepartment: jianshe\n---\n正文。\n",
    )
    .unwrap();
    symlink(
        root.join("drafts/linked.md"),
        root.join("content/linked.md"),
    )
    .unwrap();
    // Outside, nowhere, and round in a loop.
    symlink(
        outside.path().join("secret.md"),
        root.join("content/secret.md"),
    )
    .unwrap();
    symlink(outside.path().join("passwd"), root.join("static/passwd")).unwrap();
    symlink(root.join("nowhere.md"), root.join("content/dangling.md")).unwrap();
    std::fs::create_dir_all(root.join("content/loop")).unwrap();
    symlink(root.join("content"), root.join("content/loop/again")).unwrap();

    let report = bulletin::build(&options(root)).unwrap();
    let out = root.join("public");
    assert_eq!(read(&out.join("images/logo.txt")), "logo");
    assert!(out.join("hans/2024/02/linked/index.html").exists());
    assert!(!out.join("passwd").exists());
    assert!(!out.join("hans/2024/01/secret").exists());
    let mut refused: Vec<(String, &str)> = report
        .warnings
        .iter()
        .filter(|w| w.rule == "symlink")
        .map(|w| {
            (
                w.file.display().to_string(),
                w.message.split(',').next().unwrap(),
            )
        })
        .collect();
    refused.sort();
    assert_eq!(
        refused,
        [
            (
                "content/dangling.md".into(),
                "a symbolic link leads nowhere"
            ),
            (
                "content/loop/again".into(),
                "a symbolic link loops back to content"
            ),
            (
                "content/secret.md".into(),
                "a symbolic link leads outside the site"
            ),
            (
                "static/passwd".into(),
                "a symbolic link leads outside the site"
            ),
        ]
    );
}
