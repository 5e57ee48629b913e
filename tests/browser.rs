//! `bulletin serve` in a real headless browser (Debian's chromium and chromium-driver, which
//! `.ci/run` installs), driven over W3C WebDriver: an edit shows up in the open page with no
//! action in the browser, a stylesheet change is swapped in without a reload, and a broken
//! item shows the error overlay until it is fixed.
//!
//! Without chromedriver the test is skipped on a developer's machine and fails in CI.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bulletin::serve::{ServeOptions, start};
use common::*;
use serde_json::{Value, json};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A chromedriver process and one browser session in it, ended on drop.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start() -> Option<Browser> {
        if !std::path::Path::new(CHROMEDRIVER).exists() {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must install chromium and chromium-driver"
            );
            eprintln!("skipping the browser test: {CHROMEDRIVER} is not installed");
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            _profile: profile,
        };
        let arguments = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1200,900",
        ]
        .map(str::to_string)
        .into_iter()
        .chain([format!(
            "--user-data-dir={}",
            browser._profile.path().display()
        )])
        .collect::<Vec<_>>();
        let created = browser.call(
            "POST",
            "/session",
            json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {"binary": CHROMIUM, "args": arguments}
            }}}),
        );
        browser.session = created["sessionId"]
            .as_str()
            .expect("a session")
            .to_string();
        Some(browser)
    }

    /// One WebDriver command; returns its `value`.
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let body = body.to_string();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        // chromedriver keeps connections open: read the headers, then exactly Content-Length.
        let mut reader = std::io::BufReader::new(stream);
        let mut length = 0;
        loop {
            let mut line = String::new();
            std::io::BufRead::read_line(&mut reader, &mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let value: Value = serde_json::from_slice(&body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)));
        value["value"].clone()
    }

    fn session_call(&self, method: &str, command: &str, body: Value) -> Value {
        self.call(
            method,
            &format!("/session/{}/{command}", self.session),
            body,
        )
    }

    fn open(&self, url: &str) {
        self.session_call("POST", "url", json!({ "url": url }));
    }

    fn eval(&self, script: &str) -> Value {
        self.session_call(
            "POST",
            "execute/sync",
            json!({ "script": script, "args": [] }),
        )
    }

    /// Waits, within a bound, until `script` returns something `wanted` accepts.
    fn wait_for(&self, what: &str, script: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let started = Instant::now();
        loop {
            let value = self.eval(script);
            if wanted(&value) {
                return value;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}; last: {value}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.call("DELETE", &format!("/session/{}", self.session), json!({}));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[test]
fn the_open_page_follows_edits_and_shows_errors() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = copy_fixture("small");
    let root = site.path();
    let server = start(ServeOptions {
        root: root.to_path_buf(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        drafts: false,
        future: false,
    })
    .unwrap();
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
    let site = copy_fixture("small");
    bulletin::build(&options(site.path())).unwrap();
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
    let server = start(ServeOptions {
        root: site.path().to_path_buf(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        drafts: false,
        future: false,
    })
    .unwrap();
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
