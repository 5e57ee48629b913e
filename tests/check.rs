//! `bulletin check` on a fixture site with one file per problem and one clean file: each
//! rule fires where it should and nowhere else; levels, formats and exit status.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use bulletin::check::{CheckOptions, CheckReport, check};

use bulletin::config::rules::{Level, RULES};
fn today() -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
}

fn check_site(root: &Path) -> CheckReport {
    check(&CheckOptions {
        root: root.to_path_buf(),
        today: today(),
    })
    .unwrap()
}

/// rule -> the files it fired on.
fn fired(report: &CheckReport) -> BTreeMap<&'static str, BTreeSet<String>> {
    let mut map: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    for finding in &report.findings {
        let file = finding.problem.file.to_string_lossy().replace('\\', "/");
        map.entry(finding.rule()).or_default().insert(file);
    }
    map
}

#[test]
fn every_rule_fires_on_its_file_and_nowhere_else() {
    let report = check_site(&common::fixture("check"));
    let expected: BTreeMap<&str, BTreeSet<String>> = [
        ("front-matter", "no-title"),
        ("unknown-department", "unknown-department"),
        ("duplicate-slug", "same"),
        ("future-date", "future"),
        ("implausible-date", "ancient"),
        ("duplicate-title", "title-b"),
        ("mixed-script", "mixed"),
        ("pinyin-annotation", "pinyin"),
        ("mojibake", "mojibake"),
        ("anti-copy-noise", "jammer"),
        ("doubled-punctuation", "doubled"),
        ("ascii-punctuation", "ascii"),
        ("stray-space", "spaces"),
        ("image-alt", "image-alt"),
        ("gregorian-year", "gregorian"),
        ("unsafe-link", "unsafe-link"),
        ("control-character", "control-character"),
        ("missing-file", "missing-file"),
        ("damaged-photo", "damaged-photo"),
    ]
    .into_iter()
    .map(|(rule, file)| (rule, BTreeSet::from([format!("content/2024/{file}.md")])))
    .chain([(
        "footer-incomplete",
        BTreeSet::from(["bulletin.yaml".to_string()]),
    )])
    .collect();
    let mut found = fired(&report);
    // Broken links are looked for in the site rendered without the broken files.
    assert_eq!(
        found.remove("broken-link"),
        Some(BTreeSet::from(["content/2024/broken-link.md".to_string()]))
    );
    assert_eq!(found, expected, "{report}");
    // Every rule is exercised: the inspector's rules and columns in tests/government.rs,
    // symbolic links in tests/safety.rs, the periodical's numbering in tests/editions.rs.
    assert_eq!(
        expected.len()
            + 1
            + bulletin::check::inspect::RULES.len()
            + ["unknown-column", "symlink"].len()
            + [
                "edition-gap",
                "edition-repeat",
                "edition-empty",
                "edition-twice"
            ]
            .len(),
        RULES.len()
    );
}

#[test]
fn findings_say_where_and_what_to_do() {
    let report = check_site(&common::fixture("check"));
    let text = report.to_string();
    for line in [
        "content/2024/ascii.md:7:3: warning[ascii-punctuation]: ASCII punctuation inside a Chinese sentence: `,` should be `，`",
        "content/2024/doubled.md:7:5: warning[doubled-punctuation]: doubled or stray punctuation: `，，` should be `，`",
        "content/2024/pinyin.md:7:2: warning[pinyin-annotation]: pinyin annotations left by a script converter: `(dāng)`",
        "content/2024/mojibake.md:7:20: warning[mojibake]: garbled characters from a wrong decoding: `€`",
        "content/2024/spaces.md:7:9: warning[stray-space]",
        "content/2024/jammer.md:7:1: warning[anti-copy-noise]: random characters a forum's anti-copy filter scattered: `3 _ N' T' M* y8 [# P; N5 e `",
        "content/2024/future.md:3: warning[future-date]: dated 2030-01-01, after today (2026-01-01)",
        "content/2024/broken-link.md:9: error[broken-link]: the link `/hans/2024/03/nowhere/` leads to no page of the site",
        "content/2024/unknown-department.md:4: error[unknown-department]",
        "content/2024/title-b.md:2: warning[duplicate-title]",
        "content/2024/image-alt.md:9:1: warning[image-alt]: the image `/photo.png` has no text alternative",
        "content/2024/missing-file.md:8:1: error[missing-file]: `植树.jpg` is not there: the item has no folder of files",
        "content/2024/damaged-photo.md:8: error[damaged-photo]: content/2024/damaged-photo/photo.jpg: the file is not a JPEG, PNG, WebP or GIF image",
        "content/2024/gregorian.md:8:4: warning[gregorian-year]: `2022年` is a Gregorian year; the site writes 民國 years\n  hint: write 111年",
        "bulletin.yaml: warning[footer-incomplete]: the footer of a mainland government site lacks organizer, site_code, icp, police",
        "bulletin.yaml: warning[footer-incomplete]: the footer of a Taiwan government site lacks organizer, accessibility_mark",
    ] {
        assert!(text.contains(line), "missing `{line}` in\n{text}");
    }
    // The image with a description and the 民國 year do not fire.
    for rule in ["image-alt", "gregorian-year"] {
        assert_eq!(
            report.findings.iter().filter(|f| f.rule() == rule).count(),
            1,
            "{rule}"
        );
    }
    assert!(
        report.findings.iter().all(|f| !f.problem.hint.is_empty()),
        "{text}"
    );
    assert!(
        text.ends_with("checked 20 items: 8 errors, 18 warnings\n"),
        "{text}"
    );
}

#[test]
fn the_clean_example_site_passes() {
    let report = check_site(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(report.count(Level::Error), 0, "{report}");
    assert_eq!(report.items, 5);
}

fn bulletin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
}

#[test]
fn exit_status_and_json_fit_ci() {
    let site = common::fixture("check");
    let output = bulletin()
        .args([
            "check",
            "--today",
            "2026-01-01",
            "--format",
            "json",
            "--root",
        ])
        .arg(&site)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["errors"], 8);
    assert_eq!(json["warnings"], 18);
    let ancient = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "content/2024/ancient.md")
        .unwrap();
    assert_eq!(ancient["rule"], "implausible-date");
    assert_eq!(ancient["level"], "warning");
    assert_eq!(ancient["line"], 3);

    // A site with warnings only passes, unless warnings are denied.
    let warned = common::copy_fixture("check");
    for broken in [
        "no-title",
        "unknown-department",
        "same",
        "broken-link",
        "unsafe-link",
        "control-character",
        "missing-file",
        "damaged-photo",
    ] {
        std::fs::remove_file(warned.path().join(format!("content/2024/{broken}.md"))).unwrap();
    }
    let run = |extra: &[&str]| {
        bulletin()
            .args(["check", "--today", "2026-01-01", "--root"])
            .arg(warned.path())
            .args(extra)
            .output()
            .unwrap()
            .status
            .success()
    };
    assert!(run(&[]));
    assert!(!run(&["--deny-warnings"]));
}

#[test]
fn sites_set_rule_levels_but_not_past_what_a_build_needs() {
    let site = common::copy_fixture("check");
    let config = site.path().join("bulletin.yaml");
    let original = common::read(&config);
    std::fs::write(
        &config,
        format!("{original}check:\n  ascii-punctuation: off\n  broken-link: warning\n  stray-space: error\n"),
    )
    .unwrap();
    let report = check_site(site.path());
    let found = fired(&report);
    assert!(!found.contains_key("ascii-punctuation"));
    let level_of = |rule: &str| {
        report
            .findings
            .iter()
            .find(|f| f.rule() == rule)
            .unwrap()
            .level
    };
    assert_eq!(level_of("broken-link"), Level::Warning);
    assert_eq!(level_of("stray-space"), Level::Error);

    std::fs::write(
        &config,
        format!("{original}check:\n  front-matter: off\n  no-such-rule: error\n"),
    )
    .unwrap();
    let message = check(&CheckOptions {
        root: site.path().to_path_buf(),
        today: today(),
    })
    .unwrap_err()
    .to_string();
    assert!(
        message.contains("the rule `front-matter` cannot be changed"),
        "{message}"
    );
    assert!(
        message.contains("there is no check rule `no-such-rule`"),
        "{message}"
    );
}

#[test]
fn build_applies_the_error_level_rules() {
    let site = common::copy_fixture("check");
    for broken in [
        "no-title",
        "unknown-department",
        "same",
        "control-character",
        "missing-file",
        "damaged-photo",
    ] {
        std::fs::remove_file(site.path().join(format!("content/2024/{broken}.md"))).unwrap();
    }
    let error = bulletin::build(&common::options(site.path())).unwrap_err();
    let problems = error.problems();
    assert_eq!(problems.len(), 1, "{error}");
    assert_eq!(problems[0].rule, "broken-link");
    assert_eq!(problems[0].line, 9);

    std::fs::remove_file(site.path().join("content/2024/broken-link.md")).unwrap();
    bulletin::build(&common::options(site.path())).unwrap();

    // A site that makes a text rule an error cannot be built with that damage.
    let config = site.path().join("bulletin.yaml");
    let original = common::read(&config);
    std::fs::write(&config, format!("{original}check:\n  stray-space: error\n")).unwrap();
    let error = bulletin::build(&common::options(site.path())).unwrap_err();
    assert_eq!(error.problems().len(), 1, "{error}");
    assert_eq!(
        error.problems()[0].file,
        Path::new("content/2024/spaces.md")
    );
}

#[test]
fn items_with_problems_are_left_out_of_the_rest_of_the_check() {
    let site = common::copy_fixture("check");
    // Same slug, same month: the two would be written to one address.
    std::fs::create_dir_all(site.path().join("content/2022")).unwrap();
    std::fs::write(
        site.path().join("content/2022/same.md"),
        "---\ntitle: 同名文件丙\ndate: 2024-03-20\ndepartment: jianshe\n---\n\n同一个月。\n",
    )
    .unwrap();
    let report = check_site(site.path());
    let rules: BTreeSet<&str> = report.findings.iter().map(|f| f.rule()).collect();
    assert!(rules.contains("broken-link"), "{report}");
    assert!(
        report
            .findings
            .iter()
            .all(|f| site.path().join(&f.problem.file).is_file()),
        "every finding names a file of the site, none of the output: {report}"
    );
}
