//! `bulletin import` of a whole saved site: a thousand pages, among them list pages, the same
//! release saved twice and pages with no date, ending in one summary by outcome and reason.

use std::path::Path;

use bulletin::import::{ImportOptions, Summary, import};

const SITE: &str = "title: 导入测试\nbase_url: https://example.org/\nvariants:\n  - { lang: zh-Hans, path: hans, default: true }\ndepartments:\n  yingji: 区应急管理局\n";

fn release(n: usize) -> String {
    let (month, day) = (n % 12 + 1, n % 28 + 1);
    format!(
        "当前位置：首页 > 工作动态\n区应急管理局开展第{n}次安全生产检查\n发布时间：2023-{month:02}-{day:02} 10:00  来源：区应急管理局\n{month}月{day}日，区应急管理局组织开展第{n}次安全生产检查，检查组深入{n}家企业查看隐患整改情况。\n检查组要求各企业落实安全生产主体责任。\n上一篇：无\n"
    )
}

fn list_page(n: usize) -> String {
    (1..=8)
        .map(|i| format!("区应急管理局工作动态第{n}-{i}条 2023-03-{i:02}\n"))
        .collect()
}

/// A saved site of 1,000 pages: 900 releases, 50 list pages, 30 releases saved a second
/// time under another name, 20 pages with no date at all.
fn saved_site(dir: &Path) {
    for n in 0..900 {
        std::fs::write(dir.join(format!("article-{n:04}.txt")), release(n)).unwrap();
    }
    for n in 0..50 {
        std::fs::write(dir.join(format!("list-{n:02}.txt")), list_page(n)).unwrap();
    }
    for n in 0..30 {
        std::fs::write(dir.join(format!("copy-{n:02}.txt")), release(n)).unwrap();
    }
    for n in 0..20 {
        let undated =
            format!("区应急管理局第{n}号提示\n请各单位注意防范自然灾害，做好值班值守工作。\n");
        std::fs::write(dir.join(format!("undated-{n:02}.txt")), undated).unwrap();
    }
}

#[test]
fn a_thousand_pages_end_in_one_summary_by_outcome_and_reason() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("bulletin.yaml"), SITE).unwrap();
    let pages = tempfile::tempdir().unwrap();
    saved_site(pages.path());
    let started = std::time::Instant::now();
    let imported = import(&ImportOptions {
        root: site.path().to_path_buf(),
        inputs: vec![pages.path().to_path_buf()],
        ..ImportOptions::default()
    })
    .unwrap()
    .imported;
    let summary = Summary::of(&imported, started.elapsed());
    assert_eq!(summary.files, 1000);
    assert_eq!(summary.imported + summary.unsure, 900, "{summary}");
    assert_eq!(
        summary.skipped.get("a list or index page"),
        Some(&50),
        "{summary}"
    );
    assert_eq!(
        summary.skipped.get("a duplicate of another page"),
        Some(&30),
        "{summary}"
    );
    assert_eq!(
        summary.not_imported.get("no date (pass --date)"),
        Some(&20),
        "{summary}"
    );
    assert_eq!(summary.failed(), 20);
    // The copies name the page they repeat; every release was written once.
    let copy = imported
        .iter()
        .find(|i| i.input.ends_with("copy-07.txt"))
        .unwrap();
    assert!(
        copy.report
            .unsure
            .iter()
            .any(|u| u.contains("article-0007.txt")),
        "{copy}"
    );
    let written = walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .filter(|e| e.as_ref().unwrap().file_type().is_file())
        .count();
    assert_eq!(written, 900);
    let shown = summary.to_string();
    assert!(
        shown.contains("pages/s")
            && shown.contains("skipped")
            && shown.contains("a list or index page 50"),
        "{shown}"
    );
    // Written in the source's office, which is also a configured department.
    let first =
        std::fs::read_to_string(site.path().join(imported[0].output.as_ref().unwrap())).unwrap();
    assert!(
        first.contains("department: yingji") && first.contains("source: \"区应急管理局\""),
        "{first}"
    );
}

#[test]
fn offices_that_are_no_department_are_kept_listed_and_added_on_request() {
    let site = tempfile::tempdir().unwrap();
    let config = format!("{SITE}  # more offices below\ncolumns: {{}}\n");
    std::fs::write(site.path().join("bulletin.yaml"), &config).unwrap();
    let pages = tempfile::tempdir().unwrap();
    for (n, office) in ["区住房和城乡建设局", "区融媒体中心", "区住房和城乡建设局"]
        .iter()
        .enumerate()
    {
        let page = format!(
            "区里召开第{n}次工作会议\n发布时间：2023-05-0{} 来源：{office}\n5月{}日，召开工作会议，部署近期工作。\n",
            n + 1,
            n + 1
        );
        std::fs::write(pages.path().join(format!("{n}.txt")), page).unwrap();
    }
    let options = ImportOptions {
        root: site.path().to_path_buf(),
        inputs: vec![pages.path().to_path_buf()],
        department: Some("yingji".into()),
        dry_run: true,
        ..ImportOptions::default()
    };
    // Kept as the source, filed under --department, and listed once each, with pinyin keys.
    let outcome = import(&options).unwrap();
    assert!(
        outcome.imported[1]
            .markdown
            .contains("department: yingji\nsource: \"区融媒体中心\"")
    );
    let keys: Vec<&str> = outcome.offices.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "qu-zhu-fang-he-cheng-xiang-jian-she",
            "qu-rong-mei-ti-zhong-xin"
        ]
    );
    let block = bulletin::import::departments::block(&outcome.offices);
    assert!(block.starts_with("departments:\n  qu-zhu-fang"), "{block}");
    // Added to bulletin.yaml after the last department, the rest as it was; the items name them.
    let outcome = import(&ImportOptions {
        dry_run: false,
        add_departments: true,
        ..options
    })
    .unwrap();
    assert!(outcome.offices_added);
    let written = std::fs::read_to_string(site.path().join("bulletin.yaml")).unwrap();
    assert_eq!(
        written,
        config.replace(
            "  # more offices below\n",
            "  qu-zhu-fang-he-cheng-xiang-jian-she: \"区住房和城乡建设局\"\n  qu-rong-mei-ti-zhong-xin: \"区融媒体中心\"\n  # more offices below\n"
        )
    );
    assert!(
        outcome.imported[1]
            .markdown
            .contains("department: qu-rong-mei-ti-zhong-xin\n")
    );
}
