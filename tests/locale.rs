//! A government site's marks: identity in the footer, the page metadata inspectors read,
//! and dates as each locale writes them (民國 years in Taiwan, weekdays in Hong Kong).

mod common;

use common::*;

/// The small fixture with mainland, Taiwan and Hong Kong variants and a full identity.
fn site() -> tempfile::TempDir {
    let site = copy_fixture("small");
    let config = site.path().join("bulletin.yaml");
    let text = read(&config).replace(
        "  - { lang: zh-Hant, path: hant }\n",
        "  - { lang: zh-Hant-TW, path: tw }\n  - { lang: zh-Hant-HK, path: hk }\n",
    );
    let identity = "identity:
  organizer: 测试区人民政府办公室
  operator: 测试区政务服务数据管理局
  address: 测试区人民路1号
  phone: 020-12345678
  site_code: \"4401000001\"
  icp: 粤ICP备12345678号
  police: 粤公网安备 44010002000001号
  accessibility_mark: { image: /static/mark.png, link: https://accessibility.moda.gov.tw/Applications/Detail?category=20240101 }
";
    std::fs::write(&config, format!("{text}{identity}")).unwrap();
    bulletin::build(&options(site.path())).unwrap();
    site
}

fn page(site: &tempfile::TempDir, path: &str) -> scraper::Html {
    html(&site.path().join("public").join(path))
}

fn meta(document: &scraper::Html, name: &str) -> String {
    let selector = format!("meta[name=\"{name}\"], meta[property=\"{name}\"]");
    select(document, &selector)
        .first()
        .unwrap_or_else(|| panic!("no {name}"))
        .value()
        .attr("content")
        .unwrap()
        .to_string()
}

#[test]
fn dates_follow_each_locale() {
    let site = site();
    let item = "2024/03/safety-inspection/index.html";
    for (variant, date) in [
        ("hans", "2024年3月5日 09:00"),
        ("tw", "113年3月5日 09:00"),
        ("hk", "2024年3月5日(星期二) 香港時間09:00"),
    ] {
        let document = page(&site, &format!("{variant}/{item}"));
        assert_eq!(
            text(&select(&document, ".item-meta time")[0]),
            date,
            "{variant}"
        );
    }
    let month = page(&site, "tw/2024/03/index.html");
    assert_eq!(text(&select(&month, "h1")[0]), "113年3月");
    let archive = page(&site, "tw/archive/index.html");
    assert!(text(&select(&archive, ".archive h2")[0]).starts_with("113年"));
}

#[test]
fn pages_carry_the_metadata_inspectors_read() {
    let site = site();
    let document = page(&site, "hans/2024/03/safety-inspection/index.html");
    assert_eq!(meta(&document, "SiteName"), "测试区人民政府");
    assert_eq!(meta(&document, "SiteDomain"), "example.org");
    assert_eq!(meta(&document, "SiteIDCode"), "4401000001");
    assert_eq!(
        meta(&document, "ArticleTitle"),
        "关于开展安全生产大检查的通知"
    );
    assert_eq!(meta(&document, "PubDate"), "2024-03-05 09:00");
    assert_eq!(meta(&document, "ContentSource"), "区建设局");
    assert_eq!(meta(&document, "Keywords"), "安全生产,通知");
    assert_eq!(
        meta(&document, "Url"),
        "https://example.org/site/hans/2024/03/safety-inspection/"
    );
    assert_eq!(meta(&document, "og:type"), "article");
    assert_eq!(meta(&document, "og:locale"), "zh_CN");
    assert!(meta(&document, "Description").starts_with("各街道"));

    let traditional = page(&site, "tw/2024/03/safety-inspection/index.html");
    assert_eq!(meta(&traditional, "og:locale"), "zh_TW");
    assert_eq!(
        meta(&traditional, "ArticleTitle"),
        "關於開展安全生產大檢查的通知"
    );
    let department = page(&site, "hk/departments/jianshe/index.html");
    assert_eq!(meta(&department, "ColumnName"), "區建設局");
    assert_eq!(meta(&department, "og:locale"), "zh_HK");
}

#[test]
fn the_footer_names_who_runs_the_site_in_each_script() {
    let site = site();
    let hans = page(&site, "hans/index.html");
    let footer = text(&select(&hans, "footer")[0]);
    for part in [
        "主办单位：测试区人民政府办公室",
        "承办单位：测试区政务服务数据管理局",
        "地址：测试区人民路1号",
        "电话：020-12345678",
        "网站标识码：4401000001",
        "粤ICP备12345678号",
        "粤公网安备 44010002000001号",
    ] {
        assert!(footer.contains(part), "{part} in {footer}");
    }
    assert_eq!(
        hrefs(&hans, "footer .records a"),
        [
            "https://beian.miit.gov.cn/",
            "https://beian.mps.gov.cn/#/query/webSearch?code=44010002000001"
        ]
    );
    let tw = page(&site, "tw/index.html");
    let footer = text(&select(&tw, "footer")[0]);
    assert!(
        footer.contains("主辦單位：測試區人民政府辦公室"),
        "{footer}"
    );
    let mark = select(&tw, "footer .accessibility-mark img");
    assert_eq!(mark[0].value().attr("alt"), Some("無障礙標章"));
}

#[test]
fn contact_and_site_map_pages_in_each_script() {
    let site = site();
    let contact = page(&site, "hans/contact/index.html");
    let text_of = |document: &scraper::Html, selector: &str| text(&select(document, selector)[0]);
    let details = text_of(&contact, "dl.contact");
    for part in [
        "测试区人民政府办公室",
        "测试区人民路1号",
        "020-12345678",
        "4401000001",
    ] {
        assert!(details.contains(part), "{part} in {details}");
    }
    let tw = page(&site, "tw/contact/index.html");
    // Taiwan's word for it, by s2twp.
    assert_eq!(text_of(&tw, "h1"), "聯絡我們");

    let map = page(&site, "hans/sitemap/index.html");
    let links = hrefs(&map, ".site-map a");
    for wanted in [
        "/site/hans/",
        "/site/hans/departments/jianshe/",
        "/site/hans/departments/bangongshi/",
        "/site/hans/2024/",
        "/site/hans/2024/03/",
        "/site/hans/2023/12/",
        "/site/hans/contact/",
    ] {
        assert!(links.iter().any(|l| l == wanted), "{wanted} in {links:?}");
    }
    // Every page links both from its footer.
    let item = page(&site, "tw/2024/03/safety-inspection/index.html");
    let footer_links = hrefs(&item, "footer a");
    assert!(
        footer_links.contains(&"/site/tw/contact/".to_string()),
        "{footer_links:?}"
    );
    assert!(
        footer_links.contains(&"/site/tw/sitemap/".to_string()),
        "{footer_links:?}"
    );
}
