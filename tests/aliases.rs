//! Old addresses (`aliases:`): a redirect page at each, to the item, listed nowhere; and the
//! errors when one cannot be published or two items claim it.

mod common;

use std::path::Path;

use common::{copy_fixture, read};

fn add_aliases(root: &Path, file: &str, aliases: &str) {
    let path = root.join("content").join(file);
    let text = read(&path);
    let text = text.replacen("\n---\n", &format!("\naliases: {aliases}\n---\n"), 1);
    std::fs::write(path, text).unwrap();
}

#[test]
fn an_old_address_redirects_to_the_item_and_is_listed_nowhere() {
    let site = copy_fixture("small");
    add_aliases(
        site.path(),
        "safety-inspection.md",
        "[/xwzx/202403/t20240305_123.html, \"http://old.example.gov.cn/site/tzgg/456/\"]",
    );
    bulletin::build(&common::options(site.path())).unwrap();
    let out = site.path().join("public");
    let target = "https://example.org/site/hans/2024/03/safety-inspection/";
    for file in ["xwzx/202403/t20240305_123.html", "tzgg/456/index.html"] {
        let page = common::html(&out.join(file));
        let refresh = common::select(&page, "meta[http-equiv=refresh]");
        assert_eq!(
            refresh[0].value().attr("content"),
            Some(format!("0; url={target}").as_str()),
            "{file}"
        );
        let canonical = common::select(&page, "link[rel=canonical]");
        assert_eq!(canonical[0].value().attr("href"), Some(target));
        assert!(
            common::select(&page, "meta[name=robots]")[0]
                .value()
                .attr("content")
                == Some("noindex")
        );
    }
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(
        !sitemap.contains("xwzx") && !sitemap.contains("tzgg"),
        "redirects are not pages"
    );
    assert!(!read(&out.join("hans/atom.xml")).contains("xwzx"));
}

#[test]
fn two_items_claiming_one_address_and_addresses_outside_the_site_are_errors() {
    let site = copy_fixture("small");
    add_aliases(site.path(), "safety-inspection.md", "[/old/1.html]");
    add_aliases(
        site.path(),
        "annual-report.md",
        "[/old/1.html, /../../etc/passwd]",
    );
    let message = bulletin::build(&common::options(site.path()))
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("content/annual-report.md:")
            && message.contains("`/../../etc/passwd` cannot be published"),
        "{message}"
    );
    // With the bad one gone, the claim of both is the error, naming the other item.
    add_aliases(site.path(), "annual-report.md", "[/old/1.html]");
    let text = read(&site.path().join("content/annual-report.md")).replacen(
        "aliases: [/old/1.html, /../../etc/passwd]\n",
        "",
        1,
    );
    std::fs::write(site.path().join("content/annual-report.md"), text).unwrap();
    let message = bulletin::build(&common::options(site.path()))
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("`old/1.html` is claimed by content/"),
        "{message}"
    );
    // An old address that is a page of the new site clashes with it.
    let site = copy_fixture("small");
    add_aliases(site.path(), "safety-inspection.md", "[/hans/archive/]");
    let message = bulletin::build(&common::options(site.path()))
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("hans/archive/index.html") && message.contains("old address"),
        "{message}"
    );
}
