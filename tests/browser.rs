//! `bulletin serve` in a real headless browser (Debian's chromium and chromium-driver, which
//! `.ci/run` installs), driven over W3C WebDriver: an edit shows up in the open page with no
//! action in the browser, a stylesheet change is swapped in without a reload, and a broken
//! item shows the error overlay until it is fixed.
//!
//! Without chromedriver the test is skipped on a developer's machine and fails in CI.

mod common;

use common::browser::Browser;
use common::*;

#[test]
fn the_open_page_follows_edits_and_shows_errors() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = copy_fixture("small");
    let root = site.path();
    let server = serve(root);
    browser.open(&format!("{}hant/2023/12/standing-meeting/", server.url));
    let title = browser.eval("return document.querySelector('article h1').textContent");
    assert_eq!(title, "區政府召開常務會議");
    browser.wait_for(
        "the live-reload connection",
        "return document.documentElement.dataset.bulletinReload || null",
        |v| v == "connected",
    );

    // An edit to the item's Markdown reaches the open page by itself.
    let item = root.join("content/2023/standing-meeting.md");
    let good = read(&item);
    std::fs::write(
        &item,
        good.replace("會議還研究了其他事項。", "會議還研究了防汛工作。"),
    )
    .unwrap();
    browser.wait_for(
        "the edited text",
        "return document.querySelector('.content').innerText",
        |v| {
            v.as_str()
                .is_some_and(|t| t.contains("會議還研究了防汛工作。"))
        },
    );

    // A stylesheet change is swapped in place: the page is not reloaded.
    browser.eval("window.bulletinMarker = 'still here'; return true");
    std::fs::create_dir_all(root.join("themes/default/static")).unwrap();
    std::fs::write(
        root.join("themes/default/static/style.css"),
        format!(
            "{}\nbody {{ outline: 3px solid rgb(0, 128, 0); }}\n",
            include_str!("../themes/default/static/style.css")
        ),
    )
    .unwrap();
    browser.wait_for(
        "the new stylesheet",
        "return getComputedStyle(document.body).outlineColor",
        |v| v == "rgb(0, 128, 0)",
    );
    assert_eq!(
        browser.eval("return window.bulletinMarker || null"),
        "still here",
        "the page was not reloaded"
    );

    // A broken item shows the overlay over the last good page, naming the file and line.
    std::fs::write(
        &item,
        good.replace("date: 2023-12-20 15:30:00", "date: 昨天"),
    )
    .unwrap();
    let overlay = browser.wait_for(
        "the error overlay",
        "const o = document.getElementById('bulletin-error'); return o ? o.textContent : null",
        |v| v.is_string(),
    );
    assert!(
        overlay
            .as_str()
            .unwrap()
            .contains("content/2023/standing-meeting.md:3: cannot read the date"),
        "{overlay}"
    );
    assert_eq!(
        browser.eval("return document.querySelector('article h1').textContent"),
        "區政府召開常務會議"
    );

    // Fixing it takes the overlay away.
    std::fs::write(&item, good).unwrap();
    browser.wait_for(
        "the overlay to go",
        "return document.getElementById('bulletin-error') === null",
        |v| v == true,
    );
}

/// 适老化: the reading tools enlarge the text in three steps and switch to high contrast, the
/// choice follows the reader to other pages, and without JavaScript the tools stay hidden.
#[test]
fn reading_tools_enlarge_text_and_raise_contrast_across_pages() {
    let site = built("small");
    // Without JavaScript nothing half-working shows: the tools are hidden in the HTML.
    let page = html(
        &site
            .path()
            .join("public/hans/2024/03/safety-inspection/index.html"),
    );
    assert!(
        select(&page, ".reading-tools")[0]
            .value()
            .attr("hidden")
            .is_some()
    );

    let Some(browser) = Browser::start() else {
        return;
    };
    let server = serve(site.path());
    let font_size =
        "return parseFloat(getComputedStyle(document.querySelector('.content p')).fontSize)";
    browser.open(&format!("{}hans/2024/03/safety-inspection/", server.url));
    assert_eq!(
        browser.eval("return document.querySelector('.reading-tools').hidden"),
        false
    );
    let normal = browser.eval(font_size).as_f64().unwrap();
    let line_height = browser
        .eval("const p = getComputedStyle(document.querySelector('.content p')); return parseFloat(p.lineHeight) / parseFloat(p.fontSize)")
        .as_f64()
        .unwrap();
    assert!(line_height >= 1.5, "line height {line_height}");

    let click = |selector: &str| {
        let clicked = browser.eval(&format!(
            "document.querySelector(`.reading-tools {selector}`).click(); return true"
        ));
        assert_eq!(clicked, true, "clicking {selector}");
    };
    click("[data-size='2']");
    let larger = browser.eval(font_size).as_f64().unwrap();
    assert!(larger >= normal * 1.45, "{normal} -> {larger}");
    click("[data-size='1']");
    let large = browser.eval(font_size).as_f64().unwrap();
    assert!(
        large > normal * 1.2 && large < larger,
        "{normal} < {large} < {larger}"
    );
    assert_eq!(
        browser.eval(
            "return document.querySelector(\"[data-size='1']\").getAttribute('aria-pressed')"
        ),
        "true"
    );
    click("[data-contrast]");
    let background = "return getComputedStyle(document.querySelector('main')).backgroundColor";
    assert_eq!(browser.eval(background), "rgb(0, 0, 0)");

    // Another page, in the other script, keeps both choices.
    browser.open(&format!("{}hant/", server.url));
    assert!(
        browser
            .eval(&font_size.replace(".content p", ".item-summary"))
            .as_f64()
            .unwrap()
            > normal
    );
    assert_eq!(browser.eval(background), "rgb(0, 0, 0)");
    assert_eq!(
        browser
            .eval("return document.querySelector('[data-contrast]').getAttribute('aria-pressed')"),
        "true"
    );
    // And back to normal.
    click("[data-size='0']");
    click("[data-contrast]");
    assert_eq!(browser.eval(background), "rgb(255, 255, 255)");
}

/// Every page of the preview holds an event stream; leaving a page must give its connection
/// back, or the seventh page waits a minute for a free one (browsers keep six per host).
#[test]
fn a_reader_can_go_through_many_pages_of_the_preview() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = copy_fixture("small");
    let server = serve(site.path());
    for i in 0..12 {
        let page = ["hans/", "hant/", "hans/archive/"][i % 3];
        let started = std::time::Instant::now();
        browser.open(&format!("{}{page}", server.url));
        // A bound far above a page load, far below the minute a starved connection waits.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "page {i} waited {:?} for a connection",
            started.elapsed()
        );
    }
}
