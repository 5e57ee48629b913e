//! The periodical (简报): editions gathered from items' `edition:`, their pages, index, feed
//! and links in every variant, both numberings, the PDF Chromium prints of each edition, and
//! the `check` rules and configuration errors of the numbering.

mod common;

use std::path::Path;
use std::process::Command;

use common::{built, copy_fixture, hrefs, read, select, text};

/// The visible text of the first element matching `selector`.
fn first_text(page: &scraper::Html, selector: &str) -> String {
    let found = select(page, selector);
    let first = found.first().unwrap_or_else(|| panic!("no `{selector}`"));
    text(first).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn editions_have_pages_contents_and_links_both_ways_in_each_variant() {
    let site = built("editions");
    let cases = [
        (
            "hans",
            "测试区政务简报",
            "2024年第11期",
            "总第390期",
            "2024年12月",
            "区政府召开常务会议研究冬季保供工作",
            "报：市委办公室",
        ),
        (
            "tw",
            "測試區政務簡報",
            "113年第11期",
            "總第390期",
            "113年12月",
            "區政府召開常務會議研究冬季保供工作",
            "報：市委辦公室",
        ),
    ];
    for (prefix, name, number, running, december, first_title, report_line) in cases {
        let page = site.page(&format!("{prefix}/editions/2024/11/index.html"));
        assert_eq!(first_text(&page, ".edition-name"), name);
        assert_eq!(
            first_text(&page, ".edition-number"),
            format!("{number}（{running}）")
        );
        assert!(
            first_text(&page, ".edition-issue-line").ends_with("11月29日"),
            "the configured date"
        );
        // `edition_order: 1` comes first; the others follow oldest first.
        let contents: Vec<String> = select(&page, ".edition-contents li")
            .iter()
            .map(text)
            .collect();
        assert_eq!(contents.len(), 2);
        assert_eq!(contents[0], first_title);
        let anchors = hrefs(&page, ".edition-contents a");
        assert_eq!(anchors, ["#item-1", "#item-2"]);
        assert_eq!(
            select(&page, "section.edition-item#item-2 .content p").len(),
            2,
            "items in full"
        );
        let closing = first_text(&page, ".edition-closing");
        assert!(closing.contains(report_line), "{closing}");
        assert!(closing.ends_with("60份）"), "{closing}");
        assert_eq!(
            page.root_element().value().attr("lang"),
            Some(if prefix == "hans" {
                "zh-Hans"
            } else {
                "zh-Hant-TW"
            })
        );
        // From the item to its edition, and back.
        let item = site.page(&format!("{prefix}/2024/11/gongzuo-huiyi/index.html"));
        assert_eq!(
            hrefs(&item, ".in-edition a"),
            [format!("/site/{prefix}/editions/2024/11/")]
        );
        assert!(first_text(&item, ".in-edition").contains(number));
        assert!(
            hrefs(&page, ".edition-item-title a")
                .contains(&format!("/site/{prefix}/2024/11/gongzuo-huiyi/"))
        );
        let outside = site.page(&format!("{prefix}/2024/12/weixiu-gongcheng/index.html"));
        assert!(select(&outside, ".in-edition").is_empty());
        // The second edition runs on, dated by its newest item.
        let second = site.page(&format!("{prefix}/editions/2024/12/index.html"));
        assert!(first_text(&second, ".edition-number").contains(&running.replace("390", "391")));
        assert!(first_text(&second, ".edition-issue-line").contains(&format!("{december}18日")));
        // The index by year, newest first, linked from every page's navigation and the home page.
        let index = site.page(&format!("{prefix}/editions/index.html"));
        assert_eq!(
            hrefs(&index, ".item-title a"),
            [
                format!("/site/{prefix}/editions/2024/12/"),
                format!("/site/{prefix}/editions/2024/11/")
            ]
        );
        let home = site.page(&format!("{prefix}/index.html"));
        assert_eq!(
            hrefs(&home, ".home-editions a"),
            [format!("/site/{prefix}/editions/")]
        );
        assert!(hrefs(&home, ".nav a").contains(&format!("/site/{prefix}/editions/")));
        // The Atom feed of editions.
        let feed = read(&site.out().join(format!("{prefix}/editions/atom.xml")));
        let feed = roxmltree::Document::parse(&feed).unwrap();
        let titles: Vec<&str> = feed
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .map(|e| {
                e.children()
                    .find(|c| c.has_tag_name("title"))
                    .unwrap()
                    .text()
                    .unwrap()
            })
            .collect();
        assert_eq!(titles.len(), 2);
        assert!(
            titles[1].starts_with(name) && titles[1].contains(number),
            "{titles:?}"
        );
    }
}

/// The text of a PDF, and its page sizes, by Debian's poppler-utils.
fn pdf_text_and_pages(pdf: &Path) -> (String, String) {
    let run = |program: &str, args: &[&str]| {
        let out = Command::new(program)
            .args(args)
            .arg(pdf)
            .args(if program == "pdftotext" {
                &["-"][..]
            } else {
                &[][..]
            })
            .output()
            .unwrap_or_else(|e| panic!("{program} (Debian: poppler-utils) is needed: {e}"));
        assert!(
            out.status.success(),
            "{program} failed on {}",
            pdf.display()
        );
        String::from_utf8(out.stdout).unwrap()
    };
    (
        run("pdftotext", &[]),
        run("pdfinfo", &["-f", "1", "-l", "99"]),
    )
}

#[test]
fn each_edition_has_an_a4_pdf_with_its_header_and_every_title_in_the_variants_script() {
    let site = built("editions");
    for (prefix, expected) in [
        (
            "hans",
            [
                "测试区政务简报",
                "第11期",
                "总第390期",
                "区政府召开常务会议研究冬季保供工作",
                "区建设局开展汛前安全检查",
                "共印60份",
            ],
        ),
        (
            "tw",
            [
                "測試區政務簡報",
                "第11期",
                "總第390期",
                "區政府召開常務會議研究冬季保供工作",
                "區建設局開展汛前安全檢查",
                "共印60份",
            ],
        ),
    ] {
        let pdf = site
            .out()
            .join(format!("{prefix}/editions/2024/11/2024-11.pdf"));
        assert!(
            pdf.is_file(),
            "Chromium must be installed for this test (Debian: chromium)"
        );
        let (text, info) = pdf_text_and_pages(&pdf);
        let flat: String = text.split_whitespace().collect();
        for words in expected {
            assert!(flat.contains(words), "`{words}` not in the PDF:\n{text}");
        }
        let sizes: Vec<&str> = info
            .lines()
            .filter(|l| l.starts_with("Page") && l.contains(" size:"))
            .collect();
        assert!(
            !sizes.is_empty() && sizes.iter().all(|l| l.contains("(A4)")),
            "{info}"
        );
        // Page numbers at the foot.
        assert!(flat.contains("—1—"), "{text}");
        let page = site.page(&format!("{prefix}/editions/2024/11/index.html"));
        assert_eq!(
            hrefs(&page, ".edition-pdf a"),
            [format!("/site/{prefix}/editions/2024/11/2024-11.pdf")]
        );
        // The PDF's links lead to the published site, not to the printing server.
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("127.0.0.1"));
    }
    // A second build prints nothing again: the PDFs come from the cache (whose files it
    // leaves untouched), byte for byte.
    let cached = |site: &common::BuiltSite| -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
        let mut files: Vec<_> = std::fs::read_dir(site.path().join(".bulletin-cache/pdf"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                (
                    p.clone(),
                    std::fs::metadata(&p).unwrap().modified().unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let (before, cache_before) = (common::tree(&site.out()), cached(&site));
    assert_eq!(cache_before.len(), 4, "one PDF per edition and variant");
    std::thread::sleep(std::time::Duration::from_millis(20));
    bulletin::build(&common::options(site.path())).unwrap();
    assert_eq!(cached(&site), cache_before);
    assert_eq!(common::tree(&site.out()), before);
}

#[test]
fn without_chromium_the_pdfs_are_left_out_with_one_warning_and_pdf_makes_it_an_error() {
    let site = copy_fixture("editions");
    let bulletin = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_bulletin"))
            .args(["build", "--root"])
            .arg(site.path())
            .args(extra)
            .env("BULLETIN_CHROMIUM", "/nonexistent/chromium")
            .output()
            .unwrap()
    };
    let out = bulletin(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr.matches("Chromium was not found").count(),
        1,
        "{stderr}"
    );
    let page = common::html(&site.path().join("public/hans/editions/2024/11/index.html"));
    assert!(
        select(&page, ".edition-pdf").is_empty(),
        "no link to a PDF that is not there"
    );
    assert!(
        !site
            .path()
            .join("public/hans/editions/2024/11/2024-11.pdf")
            .exists()
    );
    let out = bulletin(&["--pdf"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("bulletin.yaml:9") && stderr.contains("Chromium was not found"),
        "{stderr}"
    );
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = read(&path);
    assert!(text.contains(from), "{file} lacks `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn running_numbering_numbers_editions_by_their_running_number() {
    let site = copy_fixture("editions");
    let root = site.path();
    edit(
        root,
        "bulletin.yaml",
        "numbering: both",
        "numbering: running",
    );
    edit(
        root,
        "bulletin.yaml",
        "    - { edition: 2024-11, date: 2024-11-29 }\n",
        "    - { edition: 390, date: 2024-11-29 }\n",
    );
    edit(
        root,
        "content/anquan-jiancha.md",
        "edition: 11",
        "edition: 390",
    );
    edit(
        root,
        "content/gongzuo-huiyi.md",
        "edition: 2024-11",
        "edition: 390",
    );
    edit(
        root,
        "content/nianzhong-zongjie.md",
        "edition: 12",
        "edition: 391",
    );
    bulletin::build(&common::options(root)).unwrap();
    let page = common::html(&root.join("public/tw/editions/2024/391/index.html"));
    assert_eq!(first_text(&page, ".edition-number"), "總第391期");
    let index = common::html(&root.join("public/hans/editions/index.html"));
    assert_eq!(
        hrefs(&index, ".item-title a"),
        [
            "/site/hans/editions/2024/391/",
            "/site/hans/editions/2024/390/"
        ]
    );
}

#[test]
fn check_finds_gaps_repeats_empty_editions_and_items_in_two() {
    let site = copy_fixture("editions");
    let root = site.path();
    // 2024 第12期 becomes 第14期 (a gap); a listed edition has no items; an item is in two.
    edit(
        root,
        "content/nianzhong-zongjie.md",
        "edition: 12",
        "edition: 14",
    );
    edit(
        root,
        "bulletin.yaml",
        "    - { edition: 2024-11, date: 2024-11-29 }\n",
        "    - { edition: 2024-11, date: 2024-11-29 }\n    - { edition: 2024-13, running: 391 }\n    - { edition: 2024-14, running: 390 }\n",
    );
    edit(
        root,
        "content/weixiu-gongcheng.md",
        "department: 区建设局\n",
        "department: 区建设局\nedition: [11, 14]\n",
    );
    let report = bulletin::check::check(&bulletin::check::CheckOptions {
        root: root.to_path_buf(),
        today: chrono::NaiveDate::from_ymd_opt(2025, 1, 1),
    })
    .unwrap();
    let found: Vec<(String, String, usize)> = report
        .findings
        .iter()
        .filter(|f| f.rule().starts_with("edition-"))
        .map(|f| {
            (
                f.rule().to_string(),
                f.problem.file.to_string_lossy().into_owned(),
                f.problem.line,
            )
        })
        .collect();
    let expected = [
        ("edition-empty", "bulletin.yaml", 21),
        ("edition-gap", "content/nianzhong-zongjie.md", 5),
        ("edition-repeat", "content/nianzhong-zongjie.md", 5),
        ("edition-twice", "content/weixiu-gongcheng.md", 5),
    ];
    let expected: Vec<(String, String, usize)> = expected
        .iter()
        .map(|(r, f, l)| (r.to_string(), f.to_string(), *l))
        .collect();
    assert_eq!(found, expected, "{report}");
    let text = report.to_string();
    assert!(text.contains("第12期 is missing"), "{text}");
    assert!(text.contains("总第390期 repeats"), "{text}");
}

#[test]
fn editions_are_checked_like_every_other_key() {
    let build = |root: &Path| {
        bulletin::build(&common::options(root))
            .unwrap_err()
            .to_string()
    };
    let site = copy_fixture("editions");
    edit(
        site.path(),
        "bulletin.yaml",
        "  copies: 60\n",
        "  copies: 60\n  colour: red\n",
    );
    let message = build(site.path());
    assert!(message.contains("unknown field `colour`"), "{message}");

    let site = copy_fixture("editions");
    edit(
        site.path(),
        "bulletin.yaml",
        "    - { edition: 2024-11, date: 2024-11-29 }\n",
        "    - { edition: 2024-12 }\n    - { edition: 2024-11 }\n",
    );
    let message = build(site.path());
    assert!(
        message.contains("bulletin.yaml:21")
            && message.contains("edition `2024-11` comes after `2024-12`"),
        "{message}"
    );

    let site = copy_fixture("editions");
    edit(
        site.path(),
        "content/anquan-jiancha.md",
        "edition: 11",
        "edition: 第十一期",
    );
    let message = build(site.path());
    assert!(
        message.contains("content/anquan-jiancha.md:5")
            && message.contains("is not an edition number"),
        "{message}"
    );

    let site = copy_fixture("editions");
    let config = read(&site.path().join("bulletin.yaml"));
    let without = &config[..config.find("editions:").unwrap()];
    std::fs::write(site.path().join("bulletin.yaml"), without).unwrap();
    let message = build(site.path());
    assert!(
        message.contains("content/anquan-jiancha.md:5")
            && message.contains("publishes no periodical"),
        "{message}"
    );
}

#[test]
fn year_numbering_shows_no_running_number() {
    let site = copy_fixture("editions");
    edit(
        site.path(),
        "bulletin.yaml",
        "numbering: both",
        "numbering: year",
    );
    bulletin::build(&common::options(site.path())).unwrap();
    let page = common::html(&site.path().join("public/hans/editions/2024/12/index.html"));
    assert_eq!(first_text(&page, ".edition-number"), "2024年第12期");
    let feed = read(&site.path().join("public/hans/editions/atom.xml"));
    assert!(
        feed.contains("<title>测试区政务简报 2024年第12期</title>"),
        "{feed}"
    );
}
