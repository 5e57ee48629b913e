//! `bulletin deploy` to object storage: a real S3-compatible server (moto) on loopback, the
//! real binary, and the bucket read back over HTTP.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use common::deploy::{Counts, changed, counts, edit_item, set_deploy, succeeded};
use common::net::Proxy;
use common::s3::S3Server;
use common::{copy_fixture, tree};

const BUCKET: &str = "bulletin-site";

/// A secret no output may show.
const SECRET: &str = "s3cr3t-9f27c1d";

/// Test credentials, from the environment as a real deploy takes them.
fn credentials() -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ACCESS_KEY_ID", "AKIATESTING".into()),
        ("AWS_SECRET_ACCESS_KEY", SECRET.into()),
    ]
}

/// `bulletin deploy`, checked never to print the secret.
fn deploy(site: &Path, env: &[(&str, String)], args: &[&str]) -> std::process::Output {
    let output = common::deploy::deploy(site, env, args);
    let printed = [&output.stdout[..], &output.stderr[..]].concat();
    assert!(
        !String::from_utf8_lossy(&printed).contains(SECRET),
        "the secret was printed"
    );
    output
}

fn target(port: u16) -> String {
    format!(
        "  cdn:\n    url: s3://{BUCKET}/www\n    endpoint: http://127.0.0.1:{port}\n    region: us-east-1\n    path_style: true\n    cache_control:\n      \"static/**\": \"public, max-age=31536000\"\n"
    )
}

/// The bucket's objects under `www/`, by path in the site.
fn objects(server: &S3Server) -> BTreeMap<String, String> {
    server
        .objects(BUCKET, "www/")
        .into_iter()
        .map(|(key, etag)| (key.strip_prefix("www/").unwrap().to_string(), etag))
        .collect()
}

/// Every object's bytes equal the built file's.
fn assert_bucket_holds(server: &S3Server, public: &Path) {
    let site = tree(public);
    let objects = objects(server);
    assert_eq!(
        objects.keys().collect::<Vec<_>>(),
        site.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &site {
        let reply = server.get(BUCKET, &format!("www/{path}"));
        assert!(
            &reply.body == bytes,
            "{path}: the object ({} bytes, status {}) differs from the file ({} bytes)",
            reply.body.len(),
            reply.status,
            bytes.len()
        );
    }
}

#[test]
fn object_storage_gets_only_changed_files_with_their_types_and_cache_policy() {
    let Some(server) = S3Server::start() else {
        return;
    };
    server.create_bucket(BUCKET);
    let site = copy_fixture("small");
    set_deploy(site.path(), &target(server.port));
    let public = site.path().join("public");
    let env = credentials();

    let first = counts(&succeeded(&deploy(site.path(), &env, &[])));
    let first_tree = tree(&public);
    assert_eq!(
        first,
        Counts {
            uploaded: first_tree.len(),
            unchanged: 0,
            deleted: 0
        }
    );
    assert_bucket_holds(&server, &public);
    let head = |path: &str| server.head(BUCKET, &format!("www/{path}"));
    let page = head("hans/index.html");
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("cache-control"), Some("public, max-age=300"));
    let feed = head("hans/atom.xml");
    assert_eq!(
        feed.header("content-type"),
        Some("application/atom+xml; charset=utf-8")
    );
    let stylesheet = first_tree
        .keys()
        .find(|p| p.starts_with("static/") && p.ends_with(".css"))
        .expect("the theme's stylesheet");
    let stylesheet = head(stylesheet);
    assert_eq!(
        stylesheet.header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        stylesheet.header("cache-control"),
        Some("public, max-age=31536000")
    );

    // Nothing changed: nothing goes up.
    let again = counts(&succeeded(&deploy(site.path(), &env, &[])));
    assert_eq!(again.uploaded, 0);
    assert_eq!(again.unchanged, first_tree.len());

    // A dry run shows the edit and changes nothing.
    edit_item(site.path());
    let before = objects(&server);
    let dry = counts(&succeeded(&deploy(site.path(), &env, &["--dry-run"])));
    assert_eq!(objects(&server), before);
    let edited_tree = tree(&public);
    let sent = changed(&first_tree, &edited_tree);
    assert!(sent > 0 && sent < edited_tree.len() / 2, "{sent} changed");
    assert_eq!(dry.uploaded, sent);
    let edited = counts(&succeeded(&deploy(site.path(), &env, &[])));
    assert_eq!(edited, dry);
    assert_bucket_holds(&server, &public);

    // An item taken away: more deletions than allowed are refused, after the uploads.
    std::fs::remove_file(site.path().join("content/annual-report.md")).unwrap();
    let guarded = deploy(site.path(), &env, &["--max-deletes", "1"]);
    assert!(!guarded.status.success());
    let stderr = String::from_utf8_lossy(&guarded.stderr);
    assert!(stderr.contains("more than the limit of 1"), "{stderr}");
    let removed_tree = tree(&public);
    let gone: Vec<_> = edited_tree
        .keys()
        .filter(|p| !removed_tree.contains_key(*p))
        .collect();
    assert!(gone.len() > 1);
    let held = objects(&server);
    assert!(
        gone.iter().all(|p| held.contains_key(*p)),
        "nothing deleted"
    );
    let removed = counts(&succeeded(&deploy(site.path(), &env, &[])));
    assert_eq!(removed.deleted, gone.len());
    assert_eq!(removed.uploaded, 0, "the guarded run uploaded already");
    assert_bucket_holds(&server, &public);
}

/// The upload classes of `bulletin deploy`, from the outside: files, item pages, other pages
/// and the search index, feeds and the sitemap.
fn class(path: &str) -> u8 {
    let parts: Vec<&str> = path.split('/').collect();
    let item = parts.len() == 5
        && parts[1].len() == 4
        && parts[1].chars().all(|c| c.is_ascii_digit())
        && parts[4] == "index.html";
    if path.ends_with(".xml") || path == "robots.txt" {
        3
    } else if item {
        1
    } else if path.ends_with(".html") || path.contains("search-index/") {
        2
    } else {
        0
    }
}

#[test]
fn an_upload_cut_off_keeps_the_live_site_linked_and_the_rerun_resumes() {
    let Some(server) = S3Server::start() else {
        return;
    };
    server.create_bucket(BUCKET);
    let site = copy_fixture("small");
    // Enough files that the cut comes while they are going up.
    let documents = site.path().join("static/documents");
    std::fs::create_dir_all(&documents).unwrap();
    for n in 0..150 {
        std::fs::write(documents.join(format!("{n:03}.txt")), format!("文件 {n}\n")).unwrap();
    }
    let proxy = Proxy::start(server.port, Duration::from_millis(15));
    set_deploy(site.path(), &target(proxy.port));
    let env = credentials();
    let watcher = {
        let port = server.port;
        std::thread::spawn(move || {
            let server = common::s3::S3Server::attach(port);
            let started = Instant::now();
            while server.objects(BUCKET, "www/").len() < 20 {
                assert!(started.elapsed() < Duration::from_secs(120), "no uploads");
                std::thread::sleep(Duration::from_millis(10));
            }
            proxy.cut();
            proxy
        })
    };
    let cut = deploy(site.path(), &env, &[]);
    let proxy = watcher.join().unwrap();
    assert!(!cut.status.success(), "the cut deploy failed");
    let stderr = String::from_utf8_lossy(&cut.stderr);
    assert!(stderr.contains("cannot upload "), "{stderr}");
    assert!(stderr.contains("running deploy again resumes"), "{stderr}");

    // What is up links only to what is up: a class started only once the one before was whole.
    let public = tree(&site.path().join("public"));
    let up = objects(&server);
    assert!(up.len() < public.len(), "the cut came mid-deploy");
    for path in up.keys() {
        let earlier_missing = public
            .keys()
            .find(|p| class(p) < class(path) && !up.contains_key(*p));
        assert_eq!(earlier_missing, None, "{path} went up before it");
    }

    proxy.restore();
    let rerun = counts(&succeeded(&deploy(site.path(), &env, &[])));
    assert_eq!(
        rerun.uploaded,
        public.len() - up.len(),
        "only the rest goes up"
    );
    assert_eq!(rerun.unchanged, up.len());
    assert_bucket_holds(&server, &site.path().join("public"));
}
