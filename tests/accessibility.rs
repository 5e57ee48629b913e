//! The default theme against the checkers inspectors use, on the example site in both scripts
//! (home, item with and without a disclosure table, column, department, archive and catalogue
//! pages) and on the bundle fixture (items with photos, a figure and attachments, a list with
//! thumbnails):
//! axe-core in headless Chromium finds no serious or critical violation in the default mode,
//! with the largest text or in high contrast, and the Nu HTML Checker finds no error.
//!
//! Both checkers come from the npm registry: `.ci/run` installs them with
//! `npm install --prefix target/a11y axe-core vnu-jar`. Without them (or without Java and
//! Chromium) the tests are skipped on a developer's machine and fail in CI.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::browser::Browser;
use common::*;

/// The pages of each kind, under each variant's prefix.
const PAGES: [&str; 16] = [
    "",
    "2009/08/haojiang-jianshe-xitong/",
    // With the 政府信息公开 table.
    "2022/03/chuangjian-banhui-bushu-jianghua/",
    "columns/",
    "columns/dongtai/",
    "disclosure/",
    "search/",
    "departments/",
    "departments/jianshe/",
    "archive/",
    "2009/",
    "2009/08/",
    "contact/",
    "sitemap/",
    // The periodical: its index and an edition in full.
    "editions/",
    "editions/2023/1/",
];
const VARIANTS: [&str; 2] = ["hans", "hant"];

/// The bundle fixture's pages with photos and attachments, in its two variants.
const PHOTO_PAGES: [&str; 6] = [
    "hans/",
    "hans/2024/03/huiyi/",
    "hans/2024/03/kaigong/",
    "tw/",
    "tw/2024/03/huiyi/",
    "tw/2024/03/kaigong/",
];

/// The sites checked, each with its pages (below the output, with the variant's prefix).
fn checked_sites() -> Vec<(tempfile::TempDir, Vec<String>)> {
    let example = example_site();
    let pages = VARIANTS
        .iter()
        .flat_map(|v| PAGES.iter().map(move |p| format!("{v}/{p}")))
        .collect();
    let photos = copy_fixture("bundle");
    photos::fill_bundle_fixture(photos.path());
    let photo_pages = PHOTO_PAGES.iter().map(|p| p.to_string()).collect();
    vec![(example, pages), (photos, photo_pages)]
}

/// A file of an npm package installed by `.ci/run`, if it is there.
fn npm_file(path: &str) -> Option<PathBuf> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/a11y/node_modules")
        .join(path);
    if file.exists() {
        return Some(file);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must install {path} (npm install --prefix target/a11y axe-core vnu-jar)"
    );
    eprintln!("skipping: {} is not installed", file.display());
    None
}

#[test]
fn the_nu_html_checker_finds_no_error() {
    let Some(vnu) = npm_file("vnu-jar/build/dist/vnu.jar") else {
        return;
    };
    let sites = checked_sites();
    let mut files: Vec<PathBuf> = Vec::new();
    for (site, pages) in &sites {
        bulletin::build(&options(site.path())).unwrap();
        let page_file = |page: &String| site.path().join(format!("public/{page}index.html"));
        files.extend(pages.iter().map(page_file));
    }
    let output = Command::new("java")
        .args([
            "-jar",
            vnu.to_str().unwrap(),
            "--errors-only",
            "--format",
            "json",
        ])
        .args(&files)
        .output()
        .expect("java runs the Nu HTML Checker");
    let report: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    let messages = report["messages"].as_array().unwrap();
    assert!(
        messages.is_empty(),
        "{}",
        serde_json::to_string_pretty(messages).unwrap()
    );
}

#[test]
fn axe_finds_no_serious_violation_in_any_reading_mode() {
    let Some(axe) = npm_file("axe-core/axe.min.js") else {
        return;
    };
    let Some(browser) = Browser::start() else {
        return;
    };
    let axe = std::fs::read_to_string(axe).unwrap();
    let modes = [
        ("default", "localStorage.clear()"),
        (
            "largest text",
            "localStorage.setItem('bulletin.text-size', '2')",
        ),
        (
            "high contrast",
            "localStorage.setItem('bulletin.contrast', 'high')",
        ),
    ];
    let mut violations = Vec::new();
    for (site, pages) in checked_sites() {
        let server = serve(site.path());
        for (mode, setting) in modes {
            browser.open(&server.url);
            browser.eval(&format!("{setting}; return true"));
            for page in &pages {
                let url = format!("{}{page}", server.url);
                browser.open(&url);
                browser.eval(&format!("{axe}\nreturn true"));
                let found = browser.eval_async(
                    "const done = arguments[arguments.length - 1];
                     axe.run(document, { resultTypes: ['violations'] }).then(result => done(
                       result.violations
                         .filter(v => v.impact === 'serious' || v.impact === 'critical')
                         .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))));",
                );
                for violation in found.as_array().unwrap() {
                    violations.push(format!("{mode}, {url}: {violation}"));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}
