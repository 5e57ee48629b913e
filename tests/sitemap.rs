//! The sitemap against the protocol (sitemaps.org 0.9): one file while the site fits, else a
//! sitemap index and parts within the limits; checked with the part limit lowered, so that a
//! small fixture needs parts.

mod common;

use std::path::Path;

use common::{copy_fixture, options, read};

const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";
const BASE: &str = "https://example.org/site/";

/// A `<url>` as read: its address, date and alternates.
#[derive(Debug, PartialEq, Eq)]
struct Url {
    loc: String,
    lastmod: Option<String>,
    alternates: Vec<(String, String)>,
}

fn child_text(node: roxmltree::Node, name: &str) -> Option<String> {
    node.children()
        .find(|n| n.has_tag_name((NS, name)))
        .map(|n| n.text().unwrap_or("").to_string())
}

/// An address as the protocol wants it: absolute, on the site, at most 2,048 characters.
fn check_loc(loc: &str) {
    assert!(loc.starts_with(BASE), "{loc} is not on the site");
    assert!(loc.len() <= 2048, "{loc} is too long");
}

/// A W3C date, as the site writes it.
fn check_date(date: &str) {
    assert!(
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        "{date} is not a W3C date"
    );
}

/// One `<urlset>` file, checked: its size, its elements and their order, and the count.
fn urlset(xml: &str, limit: usize) -> Vec<Url> {
    assert!(xml.len() <= 50 * 1024 * 1024, "over 50 MB");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    let document = roxmltree::Document::parse(xml).unwrap();
    let root = document.root_element();
    assert!(root.has_tag_name((NS, "urlset")), "{:?}", root.tag_name());
    let urls: Vec<Url> = root
        .children()
        .filter(|n| n.is_element())
        .map(|url| {
            assert!(url.has_tag_name((NS, "url")));
            for child in url.children().filter(|n| n.is_element()) {
                let name = child.tag_name();
                let allowed = matches!(
                    (name.namespace(), name.name()),
                    (Some(NS), "loc" | "lastmod") | (Some(XHTML), "link")
                );
                assert!(allowed, "{name:?} in a <url>");
            }
            let loc = child_text(url, "loc").expect("every <url> has a <loc>");
            check_loc(&loc);
            let lastmod = child_text(url, "lastmod");
            lastmod.as_deref().map(check_date);
            let alternates = url
                .children()
                .filter(|n| n.has_tag_name((XHTML, "link")))
                .map(|n| {
                    assert_eq!(n.attribute("rel"), Some("alternate"));
                    let href = n.attribute("href").unwrap().to_string();
                    check_loc(&href);
                    (n.attribute("hreflang").unwrap().to_string(), href)
                })
                .collect();
            Url {
                loc,
                lastmod,
                alternates,
            }
        })
        .collect();
    assert!(
        urls.len() <= limit,
        "{} addresses, over {limit}",
        urls.len()
    );
    urls
}

/// Builds a copy of the small fixture with `limits` and returns its output.
fn built_with(limits: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = copy_fixture("small");
    let config = site.path().join("bulletin.yaml");
    let text = read(&config);
    std::fs::write(&config, format!("{text}search: false\n{limits}")).unwrap();
    bulletin::build(&options(site.path())).unwrap();
    let out = site.path().join("public");
    (site, out)
}

fn file(out: &Path, loc: &str) -> String {
    read(&out.join(loc.strip_prefix(BASE).unwrap()))
}

#[test]
fn a_site_over_the_limit_gets_an_index_and_parts_within_it() {
    let (_whole_site, whole) = built_with("");
    let all = urlset(&read(&whole.join("sitemap.xml")), 50_000);
    assert!(all.len() > 20, "{} addresses", all.len());
    assert!(!whole.join("sitemap-1.xml").exists());

    let (_split_site, out) = built_with("limits: { sitemap_urls: 7 }\n");
    let xml = read(&out.join("sitemap.xml"));
    let document = roxmltree::Document::parse(&xml).unwrap();
    let root = document.root_element();
    assert!(root.has_tag_name((NS, "sitemapindex")));
    let mut joined = Vec::new();
    let parts: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(parts.len(), all.len().div_ceil(7));
    for (n, part) in parts.iter().enumerate() {
        assert!(part.has_tag_name((NS, "sitemap")));
        let loc = child_text(*part, "loc").unwrap();
        check_loc(&loc);
        assert_eq!(loc, format!("{BASE}sitemap-{}.xml", n + 1));
        let urls = urlset(&file(&out, &loc), 7);
        // The index dates a part by its newest page.
        let newest = urls.iter().filter_map(|u| u.lastmod.clone()).max();
        assert_eq!(child_text(*part, "lastmod"), newest, "{loc}");
        joined.extend(urls);
    }
    assert_eq!(
        joined, all,
        "the parts hold every address once, in order, with alternates"
    );
    assert!(
        joined.iter().all(|u| u.alternates.len() == 2),
        "each address with its alternates"
    );
    assert_eq!(
        read(&out.join("robots.txt")),
        format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n")
    );
}

#[test]
fn a_limit_beyond_the_protocol_is_refused_at_its_line() {
    let site = copy_fixture("small");
    let config = site.path().join("bulletin.yaml");
    let text = read(&config);
    std::fs::write(&config, format!("{text}limits:\n  sitemap_urls: 60000\n")).unwrap();
    let error = bulletin::build(&options(site.path())).unwrap_err();
    let problem = &error.problems()[0];
    assert!(problem.message.contains("1 to 50000"), "{problem}");
    assert_eq!(problem.line, text.lines().count() + 1);
}
