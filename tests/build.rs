//! Whole-site builds of the `small` fixture: golden output, determinism, and the structure of
//! the pages, feeds and sitemap (parsed, not grepped).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// The small fixture's output, search index included, is compared file by file with
/// `tests/golden/small`. Run with `BULLETIN_BLESS=1` to accept a deliberate change.
#[test]
fn small_site_matches_golden_output() {
    let site = built("small");
    let out = site.out();
    let golden_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/small");
    if std::env::var_os("BULLETIN_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&golden_dir);
        copy_dir(&out, &golden_dir);
    }
    let built = tree(&out);
    let golden = tree(&golden_dir);
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        golden.keys().collect::<Vec<_>>(),
        "the set of files differs from the golden output"
    );
    for (path, contents) in &built {
        assert!(
            contents == &golden[path],
            "{path} differs from tests/golden/small/{path}; rerun with BULLETIN_BLESS=1 if the change is intended"
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let site = copy_fixture("small");
    let first = site.path().join("first");
    let second = site.path().join("second");
    bulletin::build(&bulletin::BuildOptions {
        output: Some(first.clone()),
        ..options(site.path())
    })
    .unwrap();
    bulletin::build(&bulletin::BuildOptions {
        output: Some(second.clone()),
        ..options(site.path())
    })
    .unwrap();
    let (first, second) = (tree(&first), tree(&second));
    assert!(first.len() >= 40, "only {} files", first.len());
    assert!(first == second, "two builds of the same input differ");
}

#[test]
fn every_item_is_published_in_both_variants_with_lang_and_alternates() {
    let site = built("small");
    let report = &site.report;
    assert_eq!((report.items, report.variants), (3, 2));
    let out = site.path().join("public");
    for (variant, lang, title) in [
        ("hans", "zh-Hans", "区政府召开常务会议"),
        ("hant", "zh-Hant", "區政府召開常務會議"),
    ] {
        let page = html(
            &out.join(variant)
                .join("2023/12/standing-meeting/index.html"),
        );
        assert_eq!(select(&page, "html")[0].value().attr("lang"), Some(lang));
        assert_eq!(text(&select(&page, "article h1")[0]), title);
        let alternates: Vec<(String, String)> = select(&page, r#"link[rel="alternate"][hreflang]"#)
            .iter()
            .map(|l| {
                (
                    l.value().attr("hreflang").unwrap().into(),
                    l.value().attr("href").unwrap().into(),
                )
            })
            .collect();
        assert_eq!(
            alternates,
            [
                (
                    "zh-Hans".into(),
                    "https://example.org/site/hans/2023/12/standing-meeting/".into()
                ),
                (
                    "zh-Hant".into(),
                    "https://example.org/site/hant/2023/12/standing-meeting/".into()
                ),
            ]
        );
        let other = if variant == "hans" { "hant" } else { "hans" };
        assert_eq!(
            hrefs(&page, ".switcher a"),
            [format!("/site/{other}/2023/12/standing-meeting/")],
            "the switcher links to the same item in the other script"
        );
    }
}

#[test]
fn code_and_urls_are_not_converted() {
    let site = built("small");
    let page = html(
        &site
            .path()
            .join("public/hant/2024/03/safety-inspection/index.html"),
    );
    let content = text(&select(&page, ".content")[0]);
    assert!(
        content.contains("全區在建工程項目"),
        "prose is converted: {content}"
    );
    assert_eq!(
        text(&select(&page, ".content pre code")[0]),
        "配置：区 = \"简体\"\n"
    );
    assert_eq!(text(&select(&page, ".content p code")[0]), "区建设局-报送");
    // The link target keeps its simplified bytes (清单, not 清單), percent-encoded by pulldown-cmark.
    assert_eq!(
        hrefs(&page, ".content a[href^='https']"),
        ["https://example.org/%E6%96%87%E4%BB%B6/%E6%B8%85%E5%8D%95.pdf"]
    );
    assert_eq!(
        select(&page, ".content h2")[0].value().attr("id"),
        Some("一-检查范围")
    );
    assert_eq!(select(&page, ".content table").len(), 1);
    assert_eq!(select(&page, ".content .footnote-definition").len(), 1);
}

#[test]
fn home_is_paginated_with_pinned_items_first() {
    let site = built("small");
    let out = site.path().join("public");
    let first = html(&out.join("hans/index.html"));
    assert_eq!(
        hrefs(&first, ".item-list .item-title a"),
        [
            "/site/hans/2024/03/safety-inspection/",
            "/site/hans/2024/03/report-2023/"
        ]
    );
    assert_eq!(
        hrefs(&first, ".pagination a[rel=next]"),
        ["/site/hans/page/2/"]
    );
    let second = html(&out.join("hans/page/2/index.html"));
    assert_eq!(
        hrefs(&second, ".item-list .item-title a"),
        ["/site/hans/2023/12/standing-meeting/"]
    );
    assert_eq!(
        read(&out.join("index.html")),
        read(&out.join("hans/index.html")),
        "the default variant is served at /"
    );
}

#[test]
fn date_and_department_indexes_list_their_items() {
    let site = built("small");
    let out = site.path().join("public/hant");
    let archive = html(&out.join("archive/index.html"));
    assert_eq!(
        hrefs(&archive, ".archive h2 a"),
        ["/site/hant/2024/", "/site/hant/2023/"]
    );
    let month = html(&out.join("2024/03/index.html"));
    assert_eq!(
        hrefs(&month, ".item-title a"),
        [
            "/site/hant/2024/03/report-2023/",
            "/site/hant/2024/03/safety-inspection/"
        ],
        "months list newest first"
    );
    let year = html(&out.join("2023/index.html"));
    assert_eq!(hrefs(&year, ".months a"), ["/site/hant/2023/12/"]);
    let departments = html(&out.join("departments/index.html"));
    let names: Vec<String> = select(&departments, ".departments li > a:first-child")
        .iter()
        .map(text)
        .collect();
    assert_eq!(names, ["區建設局", "區政府辦公室"]);
    let office = html(&out.join("departments/bangongshi/index.html"));
    assert_eq!(
        hrefs(&office, ".item-title a"),
        [
            "/site/hant/2024/03/report-2023/",
            "/site/hant/2023/12/standing-meeting/"
        ]
    );
}

#[test]
fn items_link_to_their_neighbours_in_date_order() {
    let site = built("small");
    let page = html(
        &site
            .path()
            .join("public/hans/2024/03/safety-inspection/index.html"),
    );
    assert_eq!(
        hrefs(&page, ".neighbours a[rel=prev]"),
        ["/site/hans/2023/12/standing-meeting/"]
    );
    assert_eq!(
        hrefs(&page, ".neighbours a[rel=next]"),
        ["/site/hans/2024/03/report-2023/"]
    );
}

#[test]
fn drafts_and_future_items_only_on_request() {
    let site = built("small");
    let out = site.out();
    assert!(!out.join("hans/2024/01/draft").exists());
    assert!(!out.join("hans/2030/01/future").exists());
    let report = bulletin::build(&bulletin::BuildOptions {
        drafts: true,
        future: true,
        ..options(site.path())
    })
    .unwrap();
    assert_eq!(report.items, 5);
    assert!(out.join("hans/2024/01/draft/index.html").exists());
    assert!(out.join("hant/2030/01/future/index.html").exists());
}

#[test]
fn feeds_are_atom_with_absolute_links_to_built_pages() {
    let site = built("small");
    let out = site.path().join("public");
    let atom_ns = "http://www.w3.org/2005/Atom";
    for feed in [
        "hans/atom.xml",
        "hant/atom.xml",
        "hant/departments/bangongshi/atom.xml",
    ] {
        let xml = read(&out.join(feed));
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().namespace(), Some(atom_ns));
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name((atom_ns, "entry")))
            .collect();
        assert_eq!(entries.len(), 2, "{feed}: feed_items is 2");
        for entry in entries {
            let href = entry
                .children()
                .find(|n| n.has_tag_name((atom_ns, "link")))
                .and_then(|l| l.attribute("href"))
                .unwrap();
            let path = href
                .strip_prefix("https://example.org/site/")
                .expect("absolute from base_url");
            assert!(
                out.join(path).join("index.html").exists(),
                "{feed} links to missing {href}"
            );
        }
    }
    let hant = read(&out.join("hant/atom.xml"));
    assert!(
        hant.contains("<title>區政府2023年政府信息公開工作年度報告</title>"),
        "{hant}"
    );
}

#[test]
fn sitemap_lists_every_page_with_hreflang_alternates() {
    let site = built("small");
    let out = site.path().join("public");
    let xml = read(&out.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let sitemap_ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let urls: Vec<_> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((sitemap_ns, "url")))
        .collect();
    let pages = tree(&out)
        .keys()
        .filter(|p| p.ends_with("index.html") && p.contains('/'))
        .count();
    assert_eq!(urls.len(), pages, "one <url> per page of every variant");
    for url in urls {
        let loc = url
            .children()
            .find(|n| n.has_tag_name((sitemap_ns, "loc")))
            .unwrap()
            .text()
            .unwrap();
        let path = loc.strip_prefix("https://example.org/site/").unwrap();
        assert!(out.join(path).join("index.html").exists(), "{loc}");
        let alternates: Vec<&str> = url
            .children()
            .filter(|n| n.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
            .map(|n| n.attribute("hreflang").unwrap())
            .collect();
        assert_eq!(alternates, ["zh-Hans", "zh-Hant"]);
    }
    assert_eq!(
        read(&out.join("robots.txt")),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/site/sitemap.xml\n"
    );
}

#[test]
fn a_site_overrides_the_default_theme_file_by_file() {
    let site = copy_fixture("small");
    let root = site.path();
    std::fs::create_dir_all(root.join("themes/default/static")).unwrap();
    std::fs::write(
        root.join("themes/default/static/style.css"),
        "body { color: green }\n",
    )
    .unwrap();
    override_main_block(
        root,
        "404.html",
        "<p class=\"custom\">{{ site.strings.not_found_title }}</p>",
    );
    bulletin::build(&options(root)).unwrap();
    let out = root.join("public");
    assert_eq!(
        read(&out.join("static/style.css")),
        "body { color: green }\n"
    );
    assert_eq!(
        read(&out.join("static/print.css")),
        include_str!("../themes/default/static/print.css"),
        "files not overridden stay the built-in ones"
    );
    let not_found = html(&out.join("hant/404.html"));
    assert_eq!(
        text(&select(&not_found, "p.custom")[0]),
        "頁面不存在",
        "the override gets converted strings"
    );
    let item = html(&out.join("hant/2023/12/standing-meeting/index.html"));
    assert_eq!(
        select(&item, "article h1").len(),
        1,
        "templates not overridden stay the built-in ones"
    );
}

#[test]
fn an_items_own_front_matter_reaches_its_template_and_no_other() {
    let site = copy_fixture("small");
    let root = site.path();
    let item = root.join("content/2023/standing-meeting.md");
    let front = read(&item).replacen(
        "author:",
        "extra: { contact: 區政府辦公室, phone: 123 }\nauthor:",
        1,
    );
    std::fs::write(&item, front).unwrap();
    override_main_block(
        root,
        "item.html",
        "<p class=\"extra\">{{ item.extra.contact | default(value=\"none\") }} {{ item.extra.phone | default(value=0) }}</p>",
    );
    bulletin::build(&options(root)).unwrap();
    let out = root.join("public");
    let shown = |page: &str| text(&select(&html(&out.join(page)), "p.extra")[0]);
    // Passed to the theme as written, in every variant: the site's own data is not text.
    for variant in ["hans", "hant"] {
        let page = format!("{variant}/2023/12/standing-meeting/index.html");
        assert_eq!(shown(&page), "區政府辦公室 123");
    }
    let other = "hant/2024/03/safety-inspection/index.html";
    assert_eq!(shown(other), "none 0", "an item without `extra` has none");
}

#[test]
fn glossary_and_inline_markup_apply_in_every_variant() {
    let site = copy_fixture("small");
    let root = site.path();
    std::fs::write(
        root.join("glossary.yaml"),
        "keep: [乾泰大道]\nterms:\n  高新区: { zh-Hans: 高新区, zh-Hant: 高新園區 }\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/names.md"),
        "---\ntitle: 乾泰大道通車\ndate: 2024-02-01\ndepartment: jianshe\nglossary:\n  keep: [后里]\n---\n\n\
         隨州高新區乾泰大道通車，后里鄉親-{乾泰}-到場。會上用-{zh-hans:计算机;zh-hant:電腦;}-演示。\n",
    )
    .unwrap();
    bulletin::build(&options(root)).unwrap();
    let out = root.join("public");
    let hans = html(&out.join("hans/2024/02/names/index.html"));
    assert_eq!(
        text(&select(&hans, "article h1")[0]),
        "乾泰大道通车",
        "a kept name is not turned into 干泰"
    );
    assert_eq!(
        text(&select(&hans, ".content p")[0]),
        "随州高新区乾泰大道通车，后里乡亲乾泰到场。会上用计算机演示。"
    );
    let hant = html(&out.join("hant/2024/02/names/index.html"));
    assert_eq!(
        text(&select(&hant, ".content p")[0]),
        "隨州高新園區乾泰大道通車，后里鄉親乾泰到場。會上用電腦演示。",
        "the source script gets the glossary's forms and loses the markup too"
    );
    // The item's own glossary applies to it alone; the site's applies everywhere.
    let other = html(&out.join("hant/2024/03/safety-inspection/index.html"));
    assert!(!text(&select(&other, ".content")[0]).contains("-{"));
}

#[test]
fn the_conversion_cache_converts_only_what_changed() {
    let site = copy_fixture("small");
    let root = site.path();
    let out = root.join("public");
    let first = bulletin::build(&options(root)).unwrap();
    assert_eq!(
        first.converted, 6,
        "3 items in 2 variants, nothing cached yet"
    );
    assert!(root.join(".bulletin-cache").read_dir().unwrap().count() > 0);
    let before = tree(&out);

    let again = bulletin::build(&options(root)).unwrap();
    assert_eq!(again.converted, 0, "an unchanged site converts nothing");
    assert!(
        tree(&out) == before,
        "cached conversions give the same site"
    );

    let item = root.join("content/annual-report.md");
    std::fs::write(
        &item,
        read(&item).replace(
            "本报告由区政府办公室编制。",
            "本报告由区政府办公室编制并发布。",
        ),
    )
    .unwrap();
    assert_eq!(
        bulletin::build(&options(root)).unwrap().converted,
        2,
        "one item, in both variants"
    );

    std::fs::write(root.join("glossary.yaml"), "keep: [区政府]\n").unwrap();
    assert_eq!(
        bulletin::build(&options(root)).unwrap().converted,
        6,
        "a glossary change reconverts everything"
    );

    for shard in root.join(".bulletin-cache").read_dir().unwrap() {
        let shard = shard.unwrap().path();
        if shard.to_string_lossy().contains("conversions-") {
            std::fs::write(shard, b"damaged").unwrap();
        }
    }
    // Nor may the item store keep the items, which it would without converting them.
    std::fs::remove_dir_all(root.join(".bulletin-cache/items")).unwrap();
    assert_eq!(
        bulletin::build(&options(root)).unwrap().converted,
        6,
        "a damaged cache is an empty one"
    );
    let with_cache = tree(&out);
    std::fs::remove_dir_all(root.join(".bulletin-cache")).unwrap();
    // Without the cache's manifest, nothing tells this output from a folder of other files.
    bulletin::build(&bulletin::BuildOptions {
        force: true,
        ..options(root)
    })
    .unwrap();
    assert!(
        tree(&out) == with_cache,
        "deleting the cache changes nothing but time"
    );
}

/// A build with nothing changed reuses the search index it wrote, file for file; one damaged
/// on disk makes the whole index again, as it was.
#[test]
fn the_search_index_is_reused_until_it_is_damaged() {
    let site = built("small");
    let out = site.out();
    let index: BTreeMap<String, Vec<u8>> = tree(&out)
        .into_iter()
        .filter(|(path, _)| path.contains("search-index/"))
        .collect();
    assert!(index.keys().any(|p| p.contains("/shards/")), "{index:?}");
    assert!(index.keys().any(|p| p.contains("/documents/")));
    let again = bulletin::build(&options(site.path())).unwrap();
    assert_eq!(again.written.written, 0, "nothing changed, nothing written");
    let shard = index.keys().find(|p| p.contains("/shards/")).unwrap();
    std::fs::write(out.join(shard), b"damaged").unwrap();
    let mended = bulletin::build(&options(site.path())).unwrap();
    assert!(mended.written.written >= 1);
    let now: BTreeMap<String, Vec<u8>> = tree(&out)
        .into_iter()
        .filter(|(path, _)| path.contains("search-index/"))
        .collect();
    assert!(now == index, "the index made again is the one made first");
}

/// Overrides the theme's template `name` in the site at `root` with one that shows `main` as
/// the page's main block.
fn override_main_block(root: &std::path::Path, name: &str, main: &str) {
    std::fs::create_dir_all(root.join("templates")).unwrap();
    let template =
        format!("{{% extends \"base.html\" %}}{{% block main %}}{main}{{% endblock main %}}");
    std::fs::write(root.join("templates").join(name), template).unwrap();
}
