//! Search in headless Chromium: each variant's own index, queries typed in the other script or
//! in Taiwan's words, whole words, names, numbers and Latin text, filters, and a site published
//! under a sub-path. Skipped without Chromium, except in CI.

mod common;

use std::collections::BTreeSet;

use common::browser::Browser;
use common::*;

/// One result as the page shows it: link, title and excerpt (HTML, with `<mark>`s).
#[derive(Debug)]
struct Found {
    href: String,
    title: String,
    excerpt: String,
}

/// Waits until `serve`, which makes the search indexes after it starts, serves them.
fn wait_for_the_index(browser: &Browser, server: &bulletin::serve::RunningServer) {
    browser.open(&server.url);
    browser.wait_for(
        "the search index",
        "const request = new XMLHttpRequest();
         request.open('GET', 'search-index/meta.json', false);
         request.send();
         return request.status;",
        |status| status == 200,
    );
}

/// Opens a search page (its query in the URL, as the form submits it) and waits for the
/// results to be announced.
fn search(browser: &Browser, url: &str) -> Vec<Found> {
    browser.open(url);
    let value = browser.wait_for(
        "the results",
        "const status = document.querySelector('.search-status').textContent;
         if (!status || status.includes('……')) return null;
         return [...document.querySelectorAll('.search-results li')].map(li => [
           li.querySelector('a').getAttribute('href'), li.querySelector('a').textContent,
           li.querySelector('.item-summary').innerHTML]);",
        |v| !v.is_null(),
    );
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|found| Found {
            href: found[0].as_str().unwrap().to_string(),
            title: found[1].as_str().unwrap().to_string(),
            excerpt: found[2].as_str().unwrap().to_string(),
        })
        .collect()
}

/// A variant's search page with `query` in its address, as the form submits it.
fn search_page(server: &bulletin::serve::RunningServer, variant: &str, query: &str) -> String {
    format!(
        "{}{variant}/search/?q={}",
        server.url,
        percent_encoding::utf8_percent_encode(query, percent_encoding::NON_ALPHANUMERIC)
    )
}

fn hrefs_of(found: &[Found]) -> BTreeSet<&str> {
    found.iter().map(|f| f.href.as_str()).collect()
}

#[test]
fn queries_in_either_script_find_the_same_items_on_the_example_site() {
    let site = example_site();
    let Some(browser) = Browser::start() else {
        return;
    };
    let server = serve(site.path());
    wait_for_the_index(&browser, &server);
    let page = |variant: &str, query: &str| search_page(&server, variant, query);

    // 干部, typed in simplified on the traditional site, finds the items that write 幹部, in
    // traditional, with the word marked; exactly those the traditional query finds.
    let simplified = search(&browser, &page("hant", "干部"));
    let traditional = search(&browser, &page("hant", "幹部"));
    assert_eq!(hrefs_of(&simplified), hrefs_of(&traditional));
    let haojiang = simplified
        .iter()
        .find(|f| f.href == "/hant/2009/08/haojiang-jianshe-xitong/")
        .unwrap_or_else(|| panic!("{simplified:?}"));
    assert_eq!(
        haojiang.title,
        "濠江區建設系統迅速掀起加速崛起真抓實幹工作熱潮"
    );
    assert!(
        haojiang.excerpt.contains("<mark>幹部</mark>"),
        "{}",
        haojiang.excerpt
    );
    // And the other way: 幹部 on the simplified site.
    let on_hans = search(&browser, &page("hans", "幹部"));
    assert!(
        on_hans.iter().any(
            |f| f.href == "/hans/2018/02/yuanqu-ganbu-zhigong-dahui-jianghua/"
                && f.excerpt.contains("<mark>干部</mark>")
        ),
        "{on_hans:?}"
    );

    // A place name in simplified on the traditional site. (濠江 is in no dictionary: its
    // characters are words of their own, each marked.)
    let haojiang = search(&browser, &page("hant", "濠江区"));
    assert!(
        haojiang
            .iter()
            .any(|f| f.href == "/hant/2009/08/haojiang-jianshe-xitong/"
                && f.excerpt
                    .replace("</mark><mark>", "")
                    .contains("<mark>濠江區")),
        "{haojiang:?}"
    );

    // Taiwan's words on the simplified site: 軟體 is 软件, 硬體 is 硬件, 專案 is 项目.
    assert_eq!(
        hrefs_of(&search(&browser, &page("hans", "專案"))),
        hrefs_of(&search(&browser, &page("hans", "项目")))
    );
    for query in ["軟體", "硬體"] {
        let found = search(&browser, &page("hans", query));
        assert_eq!(
            hrefs_of(&found),
            BTreeSet::from(["/hans/2022/03/chuangjian-banhui-bushu-jianghua/"]),
            "{query}: {found:?}"
        );
    }

    // Names, numbers with words.
    for (variant, query, item) in [
        ("hans", "黄伟东", "2020/04/xiqu-lianxi-huiyi/"),
        ("hant", "黄伟东", "2020/04/xiqu-lianxi-huiyi/"),
        (
            "hans",
            "618工程",
            "2022/03/chuangjian-banhui-bushu-jianghua/",
        ),
    ] {
        let found = search(&browser, &page(variant, query));
        assert_eq!(
            hrefs_of(&found),
            BTreeSet::from([format!("/{variant}/{item}").as_str()]),
            "{query}: {found:?}"
        );
    }

    // The department filter, in the variant's own names; the filter lists them.
    let filtered = search(
        &browser,
        &format!(
            "{}&department=%E5%9C%92%E5%8D%80%E7%AE%A1%E5%A7%94%E6%9C%83",
            page("hant", "干部")
        ),
    );
    assert_eq!(
        hrefs_of(&filtered),
        BTreeSet::from(["/hant/2018/02/yuanqu-ganbu-zhigong-dahui-jianghua/"])
    );
    let departments = browser.eval(
        "return [...document.querySelectorAll('#search-department option')].map(o => o.value)",
    );
    assert!(
        departments
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d == "園區管委會"),
        "{departments}"
    );

    // The form is labelled and the results are announced.
    assert_eq!(
        browser.eval("return document.querySelector('label[for=search-query]').textContent"),
        "搜索本站信息"
    );
    assert_eq!(
        browser.eval("return document.querySelector('.search-status').getAttribute('role')"),
        "status"
    );
}

#[test]
fn words_are_found_whole_and_links_keep_the_sub_path() {
    let site = copy_fixture("gov");
    let config = site.path().join("bulletin.yaml");
    let text = read(&config).replace(
        "base_url: https://www.example.gov.cn/",
        "base_url: https://www.example.gov.cn/zhengwu/",
    );
    std::fs::write(&config, text).unwrap();
    std::fs::write(
        site.path().join("content/2022/ganbu-dahui.md"),
        "---\ntitle: 区政府召开干部大会\ndate: 2022-03-10\ndepartment: bangongshi\ncolumn: news\n---\n\n会议部署COVID-19疫情防控和“618工程”。\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/2022/jiedao-qingjie.md"),
        "---\ntitle: 街道保洁\ndate: 2022-03-11\ndepartment: zhujian\ncolumn: news\n---\n\n街道干净整洁，行道树树干刷白。\n",
    )
    .unwrap();
    let Some(browser) = Browser::start() else {
        return;
    };
    let server = serve(site.path());
    assert!(server.url.ends_with("/zhengwu/"), "{}", server.url);
    wait_for_the_index(&browser, &server);
    let page = |query: &str| search_page(&server, "hans", query);
    // 干部 is not 干 (干净, 树干); results link below the sub-path.
    let found = search(&browser, &page("干部"));
    assert_eq!(
        hrefs_of(&found),
        BTreeSet::from(["/zhengwu/hans/2022/03/ganbu-dahui/"]),
        "{found:?}"
    );
    for query in ["COVID-19", "618工程"] {
        let found = search(&browser, &page(query));
        assert_eq!(
            hrefs_of(&found),
            BTreeSet::from(["/zhengwu/hans/2022/03/ganbu-dahui/"]),
            "{query}: {found:?}"
        );
    }
    // An item added while serving is found once the index is made again, in the background.
    std::fs::write(
        site.path().join("content/2022/laji-fenlei.md"),
        "---\ntitle: 推进垃圾分类\ndate: 2022-03-12\ndepartment: zhujian\n---\n\n全区推进垃圾分类工作。\n",
    )
    .unwrap();
    let started = std::time::Instant::now();
    while search(&browser, &page("垃圾分类")).is_empty() {
        assert!(
            started.elapsed().as_secs() < 60,
            "the new item is never found"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // A result opens its page.
    browser.eval("document.querySelector('.search-results a').click(); return true");
    browser.wait_for(
        "the item page",
        "return document.querySelector('article h1') && document.querySelector('article h1').textContent",
        |v| v == "推进垃圾分类",
    );
}

/// For bench/run.sh: what a browser downloads for one query on a built site served at
/// `BULLETIN_SEARCH_URL` (the generated corpus): what the browser fetches for a two-word query
/// (安全生产: 安全 and 生产), from the search files only (the script, the query tables, the
/// index parts and the documents of the first results shown), and when those appear, in
/// milliseconds from the search page's start. Measured three ways: a reader who comes from the
/// site's home page (the style sheets cached, none of the search files), a browser just
/// started (its own start-up counts), and the other variant after (tables and index cached).
#[test]
#[ignore = "run by bench/search.sh on a generated site"]
fn bytes_downloaded_for_one_query() {
    let url = std::env::var("BULLETIN_SEARCH_URL").expect("BULLETIN_SEARCH_URL");
    let query = "?q=%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7";
    let Some(cold) = Browser::start() else {
        return;
    };
    report_one_query(
        &cold,
        &format!("{url}hans/search/{query}"),
        "a browser just started",
    );
    drop(cold);
    let browser = Browser::start().expect("the browser started once");
    browser.open(&format!("{url}hans/"));
    let from_home = "hans, from the home page";
    report_one_query(&browser, &format!("{url}hans/search/{query}"), from_home);
    let other = "hant, after hans";
    report_one_query(&browser, &format!("{url}hant/search/{query}"), other);
}

/// Runs the query at `url` and prints the bytes of search files fetched before the first
/// results were shown, and when they were.
fn report_one_query(browser: &Browser, url: &str, how: &str) {
    let found = search(browser, url);
    let bytes = browser.eval(
        "const shown = performance.getEntriesByName('bulletin-results')[0].startTime;
         return performance.getEntriesByType('resource')
           .filter(e => e.name.includes('/search-index/') || e.name.endsWith('/search.js'))
           .filter(e => e.responseEnd <= shown)
           .reduce((sum, e) => sum + e.encodedBodySize, 0)",
    );
    let shown = browser
        .eval("return Math.round(performance.getEntriesByName('bulletin-results')[0].startTime)");
    println!(
        "{how}: bytes for one query (安全生产, {} results shown): {bytes}, first results at {shown} ms",
        found.len()
    );
}

/// For docs/screenshots.sh: the README's picture of the search page, 干部 searched on the
/// example site's traditional pages.
#[test]
#[ignore = "run by docs/screenshots.sh"]
fn screenshot_of_the_search_page() {
    let site = example_site();
    let Some(browser) = Browser::start() else {
        return;
    };
    let server = serve(site.path());
    wait_for_the_index(&browser, &server);
    let found = search(&browser, &search_page(&server, "hant", "干部"));
    assert!(!found.is_empty());
    let png = browser.screenshot();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots/search-hant.png");
    std::fs::write(&path, png).unwrap();
}

/// Sentences of the example site's items in simplified script (those conversion to simplified
/// leaves as they are), without their front matter, for a larger site.
fn seed_sentences(site: &std::path::Path) -> Vec<String> {
    let converter = bulletin::text::converter::Converter::new();
    let mut sentences = Vec::new();
    for entry in walkdir::WalkDir::new(site.join("content")).sort_by_file_name() {
        let entry = entry.unwrap();
        let traditional = entry.path().ends_with("haojiang-jianshe-xitong.md");
        if entry.path().extension().is_some_and(|e| e == "md") && !traditional {
            let text = read(entry.path());
            let body = text.splitn(3, "---").nth(2).unwrap_or("");
            sentences.extend(
                body.split_inclusive(['。', '！', '？'])
                    .map(|s| s.trim().replace(['#', '*', '\n'], ""))
                    .filter(|s| s.chars().count() > 4 && converter.convert(s, "t2s") == *s),
            );
        }
    }
    sentences
}

/// The text an item is searched in, from the index's own record of it: title and text.
fn indexed_texts(out: &std::path::Path, variant: &str) -> Vec<(String, String)> {
    let dir = out.join(variant).join("search-index/documents");
    let packs = std::fs::read_dir(&dir).unwrap().count();
    let documents = (0..packs)
        .flat_map(|pack| pack_documents(&std::fs::read(dir.join(format!("{pack}.bin"))).unwrap()));
    documents
        .map(|document| {
            let text = format!(
                "{}\n{}",
                document["title"].as_str().unwrap(),
                document["text"].as_str().unwrap()
            );
            (format!("/{}", document["url"].as_str().unwrap()), text)
        })
        .collect()
}

/// Whether a searched text holds a query (in the variant's forms), by brute force: the query
/// as a substring, and each of its Latin words or numbers as a whole word of the text.
fn holds(text: &str, query: &str) -> bool {
    use bulletin::stages::search::terms::{index_terms, normalize, query_terms};
    let (text, query) = (normalize(text), normalize(query));
    let mut words = BTreeSet::new();
    index_terms(&text, |term| {
        words.insert(term.to_string());
    });
    text.contains(&query) && query_terms(&query).iter().all(|term| words.contains(term))
}

/// Every item the open search page finds for `query`, by address.
fn found_by_the_page(browser: &Browser, query: &str) -> BTreeSet<String> {
    let script = format!(
        "const done = arguments[arguments.length - 1]; window.bulletinSearch({}).then(done, e => done(String(e)));",
        serde_json::to_string(query).unwrap()
    );
    let found = browser.eval_async(&script);
    found
        .as_array()
        .unwrap_or_else(|| panic!("{query}: {found}"))
        .iter()
        .map(|url| url.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_item_holding_a_query_is_found_and_no_other() {
    let site = example_site();
    let sentences = seed_sentences(site.path());
    // Two hundred more items made of the seeds' sentences, so that words recur across items
    // and the documents fill more than one pack.
    let departments = ["jianshe", "yuanqu", "gaoxin", "xiqu", "chuangjian"];
    let mut state = 17u64;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    };
    for n in 0..200 {
        let title: String = sentences[next(sentences.len())].chars().take(18).collect();
        let body: Vec<&str> = (0..2 + next(5))
            .map(|_| sentences[next(sentences.len())].as_str())
            .collect();
        std::fs::write(
            site.path().join(format!("content/recall-{n:03}.md")),
            format!(
                "---\ntitle: \"{}\"\ndate: {}-0{}-1{}\ndepartment: {}\n---\n\n{}\n",
                title.replace('"', ""),
                2015 + next(9),
                1 + next(9),
                next(10),
                departments[n % departments.len()],
                body.join("\n\n")
            ),
        )
        .unwrap();
    }
    bulletin::build(&options(site.path())).unwrap();
    let documents = indexed_texts(&site.path().join("public"), "hans");
    assert_eq!(documents.len(), 205);

    // Queries: characters, words of two and four characters, names, places, numbers, Latin,
    // none at all, and windows cut from the items; with the form the simplified site searches.
    let mut queries: Vec<(String, String)> = [
        "干",
        "区",
        "党",
        "会",
        "建",
        "干部",
        "工作",
        "会议",
        "建设",
        "发展",
        "群众",
        "安全",
        "领导",
        "学习",
        "经济",
        "真抓实干",
        "加速崛起",
        "工作热潮",
        "精神文明",
        "党员干部",
        "黄伟东",
        "郭海洲",
        "濠江区",
        "随州",
        "中山市",
        "西区",
        "2018",
        "618",
        "618工程",
        "2022年",
        "宇宙飞船",
        "干部 工作",
        "区委 会议",
    ]
    .iter()
    .map(|q| (q.to_string(), q.to_string()))
    .collect();
    queries.extend(
        [
            ("幹部", "干部"),
            ("濠江區", "濠江区"),
            ("會議", "会议"),
            ("黨員", "党员"),
        ]
        .map(|(q, form)| (q.to_string(), form.to_string())),
    );
    while queries.len() < 60 {
        let text: Vec<char> = documents[next(documents.len())].1.chars().collect();
        let (start, length) = (next(text.len().saturating_sub(5).max(1)), 2 + next(3));
        let window: String = text[start..(start + length).min(text.len())]
            .iter()
            .collect();
        if window.chars().all(bulletin::text::cjk::is_cjk) {
            queries.push((window.clone(), window));
        }
    }

    let Some(browser) = Browser::start() else {
        return;
    };
    // Through `serve`, which honours Range requests, and through a static host that sends
    // whole files instead.
    let server = serve(site.path());
    wait_for_the_index(&browser, &server);
    let Some(host) = net::WebServer::start(&site.path().join("public")) else {
        return;
    };
    let pack = "/hans/search-index/documents/1.bin";
    let ignored = net::http_with(host.port, "GET", pack, &[("Range", "bytes=0-9")], b"");
    assert_eq!(ignored.status, 200, "the static host sends whole files");
    let mut found_any = 0;
    for url in [
        server.url.clone(),
        format!("http://127.0.0.1:{}/", host.port),
    ] {
        browser.open(&format!("{url}hans/search/"));
        browser.wait_for(
            "the search page",
            "return typeof window.bulletinSearch",
            |v| v == "function",
        );
        found_any = 0;
        for (query, form) in &queries {
            let expected: BTreeSet<String> = documents
                .iter()
                .filter(|(_, text)| form.split(' ').all(|word| holds(text, word)))
                .map(|(url, _)| url.clone())
                .collect();
            let found = found_by_the_page(&browser, query);
            assert_eq!(found, expected, "{url}: {query} ({form})");
            found_any += usize::from(!found.is_empty());
        }
    }
    assert!(
        queries.len() >= 50 && found_any >= 45,
        "{found_any} of {} found something",
        queries.len()
    );
}
