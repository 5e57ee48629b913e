//! A government site (`tests/fixtures/gov`): columns with their pages, feeds and meta tags,
//! the 政府信息公开 table and catalogue, a policy and its interpretation linked both ways, and
//! the inspector's rules of `bulletin check`, each firing on a change made for it and silent
//! on the fixture as it is.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use bulletin::check::{CheckOptions, CheckReport, check};
use common::*;

fn meta(document: &scraper::Html, name: &str) -> Vec<String> {
    select(document, &format!("meta[name={name}]"))
        .iter()
        .map(|m| m.value().attr("content").unwrap().to_string())
        .collect()
}

#[test]
fn columns_have_pages_feeds_and_meta_tags_in_every_variant() {
    let site = built("gov");
    let out = site.path().join("public");
    let policy = html(&out.join("hans/columns/policy/index.html"));
    assert_eq!(meta(&policy, "ColumnName"), ["政策文件"]);
    assert_eq!(meta(&policy, "ColumnType"), ["政策文件"]);
    assert_eq!(
        meta(&policy, "ColumnDescription"),
        ["区政府及部门发布的政策文件"]
    );
    assert_eq!(meta(&policy, "ColumnKeywords"), ["政策,文件"]);
    assert_eq!(
        hrefs(&policy, ".item-list .item-title a"),
        ["/hans/2022/03/zhujian-anquan-tongzhi/"]
    );
    let hant = html(&out.join("hant/columns/interpretation/index.html"));
    assert_eq!(meta(&hant, "ColumnName"), ["政策解讀"]);
    // The specification's fixed words, never converted.
    assert_eq!(meta(&hant, "ColumnType"), ["政策解读"]);
    let news = html(&out.join("tw/columns/news/index.html"));
    assert_eq!(meta(&news, "ColumnType"), ["工作动态"]);

    let feed = read(&out.join("hant/columns/news/atom.xml"));
    assert!(
        feed.contains("<title>動態要聞 · 測試區人民政府</title>"),
        "{feed}"
    );
    assert!(feed.contains("區政府召開第十二次常務會議"), "{feed}");

    let columns = html(&out.join("hans/columns/index.html"));
    assert_eq!(
        hrefs(&columns, "ul.columns li > a:first-child"),
        [
            "/hans/columns/news/",
            "/hans/columns/notices/",
            "/hans/columns/policy/",
            "/hans/columns/interpretation/"
        ]
    );
    // Every page's navigation leads to the columns and the catalogue.
    let home = html(&out.join("hant/index.html"));
    let nav = hrefs(&home, "nav.nav a");
    assert!(nav.contains(&"/hant/columns/".to_string()), "{nav:?}");
    assert!(nav.contains(&"/hant/disclosure/".to_string()), "{nav:?}");
    // An item names its column, and the breadcrumb goes through it.
    let item = html(&out.join("hans/2022/03/changwu-huiyi/index.html"));
    assert_eq!(
        hrefs(&item, ".breadcrumb a"),
        ["/hans/", "/hans/columns/news/"]
    );
}

#[test]
fn item_pages_carry_their_columns_tags_in_every_variant() {
    let site = built("gov");
    let out = site.path().join("public");
    for (variant, name) in [
        ("hans", "动态要闻"),
        ("hant", "動態要聞"),
        ("tw", "動態要聞"),
        ("hk", "動態要聞"),
    ] {
        let item = html(&out.join(variant).join("2022/03/changwu-huiyi/index.html"));
        assert_eq!(meta(&item, "ColumnName"), [name], "{variant}");
        assert_eq!(meta(&item, "ColumnType"), ["工作动态"], "{variant}");
        let policy = html(
            &out.join(variant)
                .join("2022/03/zhujian-anquan-tongzhi/index.html"),
        );
        let column_type = meta(&policy, "ColumnType");
        assert_eq!(column_type, ["政策文件"], "{variant}");
        assert!(bulletin::config::COLUMN_TYPES.contains(&column_type[0].as_str()));
    }
}

#[test]
fn item_pages_carry_the_meta_tags_footer_and_dates_of_their_locale() {
    let site = built("gov");
    let out = site.path().join("public");
    let page = |variant: &str| {
        html(&out.join(format!(
            "{variant}/2022/03/zhujian-anquan-tongzhi/index.html"
        )))
    };
    let hans = page("hans");
    assert_eq!(meta(&hans, "SiteIDCode"), ["4405150001"]);
    assert_eq!(meta(&hans, "SiteDomain"), ["www.example.gov.cn"]);
    assert_eq!(
        meta(&hans, "ArticleTitle"),
        ["关于开展城镇燃气安全专项整治的通知"]
    );
    assert_eq!(meta(&hans, "PubDate"), ["2022-03-22 10:00"]);
    assert_eq!(meta(&hans, "ContentSource"), ["测试区住房和城乡建设局"]);
    assert_eq!(
        meta(&hans, "Url"),
        ["https://www.example.gov.cn/hans/2022/03/zhujian-anquan-tongzhi/"]
    );
    let footer = text(&select(&hans, "footer")[0]);
    for mark in [
        "主办单位：测试区人民政府办公室",
        "网站标识码：4405150001",
        "粤ICP备12345678号",
        "粤公网安备 44051502000001号",
    ] {
        assert!(footer.contains(mark), "{mark} in {footer}");
    }
    // Each locale's date, and Taiwan's 發布單位.
    let shown = |document: &scraper::Html| text(&select(document, ".item-header .item-meta")[0]);
    assert!(
        shown(&hans).contains("发布日期：2022年3月22日 10:00"),
        "{}",
        shown(&hans)
    );
    let tw = page("tw");
    assert!(
        shown(&tw).contains("發布日期：111年3月22日 10:00"),
        "{}",
        shown(&tw)
    );
    assert!(shown(&tw).contains("發布單位："), "{}", shown(&tw));
    // The site's glossary keeps 文件 where s2twp would write 檔案.
    assert!(shown(&tw).contains("欄目：政策文件"), "{}", shown(&tw));
    let hk = page("hk");
    assert!(
        shown(&hk).contains("2022年3月22日(星期二) 香港時間10:00"),
        "{}",
        shown(&hk)
    );
    assert!(!shown(&hk).contains("發布單位"), "Taiwan's label only");
    let marks = select(&tw, "footer .accessibility-mark img");
    assert_eq!(marks[0].value().attr("alt"), Some("無障礙標章"));
}

#[test]
fn disclosure_items_show_the_standard_table_in_each_script() {
    let site = built("gov");
    let out = site.path().join("public");
    let rows = |variant: &str| -> Vec<(String, String)> {
        let page = html(&out.join(format!(
            "{variant}/2022/03/zhujian-anquan-tongzhi/index.html"
        )));
        let table = select(&page, "article > table.disclosure");
        assert_eq!(table.len(), 1, "the table comes first in the article");
        let headers = select(&page, "table.disclosure th");
        headers
            .iter()
            .map(|th| {
                let value = th
                    .next_siblings()
                    .find_map(scraper::ElementRef::wrap)
                    .unwrap();
                (text(th), text(&value))
            })
            .collect()
    };
    let expected = [
        (
            "hans",
            vec![
                ("索引号", "11440515MB2C00001X/2022-00005"),
                ("主题分类", "城乡建设、环境保护"),
                ("发布机构", "测试区住房和城乡建设局"),
                ("成文日期", "2022-03-20"),
                ("文号", "测住建〔2022〕5号"),
                ("发布日期", "2022-03-22"),
                ("主题词", "燃气 安全 整治"),
                ("公开属性", "主动公开"),
            ],
        ),
        (
            "hant",
            vec![
                ("索引號", "11440515MB2C00001X/2022-00005"),
                ("發佈機構", "測試區住房和城鄉建設局"),
                ("文號", "測住建〔2022〕5號"),
                ("公開屬性", "主動公開"),
            ],
        ),
    ];
    for (variant, pairs) in expected {
        let found = rows(variant);
        for (header, value) in pairs {
            assert!(
                found.contains(&(header.to_string(), value.to_string())),
                "{variant}: {header} {value} in {found:?}"
            );
        }
    }
    // An item without the block has no table.
    let news = html(&out.join("hans/2022/03/changwu-huiyi/index.html"));
    assert!(select(&news, "table.disclosure").is_empty());
}

#[test]
fn the_catalogue_lists_disclosed_items_by_index_number() {
    let site = built("gov");
    let out = site.path().join("public");
    for (variant, number) in [("hans", "测住建〔2022〕5号"), ("hant", "測住建〔2022〕5號")]
    {
        let page = html(&out.join(format!("{variant}/disclosure/index.html")));
        let rows: Vec<Vec<String>> = select(&page, "table.catalog tbody tr")
            .iter()
            .map(|tr| {
                tr.children()
                    .filter_map(scraper::ElementRef::wrap)
                    .map(|td| text(&td))
                    .collect()
            })
            .collect();
        assert_eq!(rows.len(), 2, "only the items with a disclosure block");
        assert_eq!(rows[0][0], "11440515MB2C00001X/2022-00005");
        assert_eq!(rows[0][2], number);
        assert_eq!(rows[1][0], "11440515MB2C00001X/2022-00006");
        assert_eq!(rows[1][4], "2022-03-23");
        assert_eq!(
            hrefs(&page, "table.catalog a"),
            [
                format!("/{variant}/2022/03/zhujian-anquan-tongzhi/"),
                format!("/{variant}/2022/03/anquan-tongzhi-jiedu/")
            ]
        );
    }
    // In the sitemap too; a site without disclosure items has no catalogue.
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("https://www.example.gov.cn/hant/disclosure/"));
    let small = built("small");
    assert!(small.path().join("public/hans/departments").exists());
    assert!(!small.path().join("public/hans/disclosure").exists());
    assert!(!small.path().join("public/hans/columns").exists());
}

#[test]
fn a_policy_and_its_interpretation_link_each_other() {
    let site = built("gov");
    let out = site.path().join("public");
    for variant in ["hans", "hant"] {
        let policy = html(&out.join(format!(
            "{variant}/2022/03/zhujian-anquan-tongzhi/index.html"
        )));
        assert_eq!(
            hrefs(&policy, "section.interpretations a"),
            [format!("/{variant}/2022/03/anquan-tongzhi-jiedu/")]
        );
        let reading = html(&out.join(format!("{variant}/2022/03/anquan-tongzhi-jiedu/index.html")));
        assert_eq!(
            hrefs(&reading, "p.interprets a"),
            [format!("/{variant}/2022/03/zhujian-anquan-tongzhi/")]
        );
    }
    let reading = html(&out.join("hant/2022/03/anquan-tongzhi-jiedu/index.html"));
    assert!(text(&select(&reading, "p.interprets")[0]).starts_with("解讀的文件："));
}

// The inspector's rules.

fn check_on(root: &Path, today: &str) -> CheckReport {
    check(&CheckOptions {
        root: root.to_path_buf(),
        today: Some(today.parse().unwrap()),
    })
    .unwrap()
}

fn rules(report: &CheckReport) -> BTreeSet<&'static str> {
    report.findings.iter().map(|f| f.rule()).collect()
}

/// The fixture with `change` made to one file.
fn changed(file: &str, change: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let site = copy_fixture("gov");
    let path = site.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, change(text)).unwrap();
    site
}

const POLICY: &str = "content/2022/zhujian-anquan-tongzhi.md";
const READING: &str = "content/2022/anquan-tongzhi-jiedu.md";

#[test]
fn the_fixture_passes_inspection_while_its_columns_are_fresh() {
    let report = check_on(&fixture("gov"), "2022-03-30");
    assert!(report.findings.is_empty(), "{report}");
}

#[test]
fn a_news_column_goes_stale_after_14_days_and_a_policy_column_after_6_months() {
    let site = fixture("gov");
    // The news was last updated on 2022-03-25: fresh until 2022-04-08.
    assert!(!rules(&check_on(&site, "2022-04-08")).contains("stale-column"));
    let report = check_on(&site, "2022-04-09");
    let stale: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.rule() == "stale-column")
        .map(|f| f.to_string())
        .collect();
    assert_eq!(stale.len(), 1, "{report}");
    assert!(
        stale[0].starts_with("bulletin.yaml:16: warning[stale-column]: the column 动态要闻 (news) was last updated on 2022-03-25, 15 days before 2022-04-09"),
        "{}",
        stale[0]
    );
    // Notices (2022-03-18), policy and interpretation go stale six months on.
    let later = check_on(&site, "2022-09-24");
    let stale = later
        .findings
        .iter()
        .filter(|f| f.rule() == "stale-column")
        .count();
    assert_eq!(stale, 4, "{later}");
    assert!(!rules(&later).contains("stale-columns"), "four is not five");
}

#[test]
fn five_stale_columns_fail_inspection() {
    let site = changed("bulletin.yaml", |text| {
        text.replace(
            "columns:\n",
            "columns:\n  culture: { name: 文化活动, type: news }\n",
        )
    });
    let report = check_on(site.path(), "2022-09-24");
    let failing: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule() == "stale-columns")
        .collect();
    assert_eq!(failing.len(), 1, "{report}");
    assert_eq!(failing[0].level, bulletin::config::rules::Level::Error);
    assert!(
        failing[0]
            .problem
            .message
            .contains("5 columns are stale or empty")
            && failing[0].problem.message.contains("would fail inspection"),
        "{}",
        failing[0].problem.message
    );
    assert!(rules(&report).contains("empty-column"), "{report}");
    assert!(!rules(&check_on(&fixture("gov"), "2022-09-24")).contains("empty-column"));
}

#[test]
fn each_disclosure_and_interpretation_rule_fires_on_its_mistake() {
    type Case = (
        &'static str,
        &'static str,
        fn(String) -> String,
        &'static str,
    );
    let cases: [Case; 6] = [
        (
            "duplicate-index-number",
            READING,
            |t| t.replace("2022-00006", "2022-00005"),
            "content/2022/zhujian-anquan-tongzhi.md:7: error[duplicate-index-number]: the 索引号 11440515MB2C00001X/2022-00005 is also content/2022/anquan-tongzhi-jiedu.md's",
        ),
        (
            "malformed-document-number",
            POLICY,
            |t| t.replace("测住建〔2022〕5号", "测住建[2022]第05号"),
            "content/2022/zhujian-anquan-tongzhi.md:11: warning[malformed-document-number]: the 文号 `测住建[2022]第05号` is malformed\n  hint: write `测住建〔2022〕5号`",
        ),
        (
            "interpretation-link",
            READING,
            |t| t.replace("interprets: zhujian-anquan-tongzhi\n", ""),
            "content/2022/anquan-tongzhi-jiedu.md:5: warning[interpretation-link]: a policy interpretation does not say which document it interprets",
        ),
        (
            "interpretation-link",
            READING,
            |t| {
                t.replace(
                    "interprets: zhujian-anquan-tongzhi",
                    "interprets: no-such-policy",
                )
            },
            "content/2022/anquan-tongzhi-jiedu.md:6: warning[interpretation-link]: `interprets: no-such-policy` names no item of the site",
        ),
        (
            "interpretation-link",
            POLICY,
            |t| t.replace("column: policy\n", "column: policy\ndraft: true\n"),
            "warning[interpretation-link]: the document it interprets, content/2022/zhujian-anquan-tongzhi.md, is a draft",
        ),
        (
            "unknown-column",
            POLICY,
            |t| t.replace("column: policy", "column: 政策法规"),
            "content/2022/zhujian-anquan-tongzhi.md:5: error[unknown-column]: unknown column `政策法规`",
        ),
    ];
    for (rule, file, change, expected) in cases {
        let site = changed(file, change);
        let report = check_on(site.path(), "2022-03-30");
        let text = report.to_string();
        assert!(
            text.contains(expected),
            "{rule}: missing `{expected}` in\n{text}"
        );
        let fired = rules(&report);
        assert!(fired.contains(rule), "{rule}: {text}");
    }
}

#[test]
fn an_item_page_without_a_visible_date_is_found() {
    let site = copy_fixture("gov");
    // A site's own item template that shows the date only in metadata.
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("item.html"),
        "{% extends \"base.html\" %}\n{% block main %}<article><h1>{{ item.title }}</h1><time datetime=\"{{ item.date_iso }}\"></time>{{ item.content | safe }}</article>{% endblock main %}\n",
    )
    .unwrap();
    let report = check_on(site.path(), "2022-03-30");
    let undated: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.rule() == "no-visible-date")
        .map(|f| f.problem.file.to_string_lossy().replace('\\', "/"))
        .collect();
    assert_eq!(undated.len(), 4, "every item: {report}");
    assert!(undated.contains(&POLICY.to_string()));
}
