//! `bulletin deploy` to release targets: a real OpenSSH server and rsync on loopback, and a
//! directory. Each test runs the real binary, as an editor would.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::deploy::{Counts, build, changed, counts, deploy, edit_item, set_deploy, succeeded};
use common::net::{Proxy, WebServer, http};
use common::sshd::Sshd;
use common::{copy_fixture, tree};

/// The test's ssh client, for `bulletin deploy`.
fn ssh_env(command: &str) -> [(&'static str, String); 1] {
    [("BULLETIN_SSH_COMMAND", command.to_string())]
}

/// The release `current` points to.
fn live_release(srv: &Path) -> String {
    let link = std::fs::read_link(srv.join("current")).unwrap();
    assert!(link.is_relative(), "current links relatively: {link:?}");
    link.file_name().unwrap().to_string_lossy().into_owned()
}

fn releases(srv: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(srv.join("releases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// A fixture site to publish, and a real sshd on loopback to publish it to, at `srv` (a
/// directory of this machine, as the server sees it).
struct SshSite {
    sshd: Sshd,
    site: tempfile::TempDir,
    _server_files: tempfile::TempDir,
    srv: PathBuf,
    /// The test's ssh client, for `BULLETIN_SSH_COMMAND`.
    ssh: String,
}

impl SshSite {
    fn start() -> Option<SshSite> {
        let sshd = Sshd::start()?;
        let server_files = tempfile::tempdir().unwrap();
        let ssh = sshd.ssh_command();
        Some(SshSite {
            srv: server_files.path().join("srv/bulletin"),
            sshd,
            site: copy_fixture("small"),
            _server_files: server_files,
            ssh,
        })
    }
}

#[test]
fn ssh_deploys_only_what_changed_keeps_releases_and_rolls_back() {
    let Some(SshSite {
        sshd,
        site,
        srv,
        ssh,
        _server_files: _kept,
    }) = SshSite::start()
    else {
        return;
    };
    set_deploy(
        site.path(),
        &format!(
            "  intranet:\n    url: {}\n    keep: 3\n",
            sshd.url(sshd.port, &srv)
        ),
    );
    let public = site.path().join("public");

    let first = counts(&succeeded(&deploy(site.path(), &ssh_env(&ssh), &["--yes"])));
    let first_tree = tree(&public);
    assert_eq!(
        first,
        Counts {
            uploaded: first_tree.len(),
            unchanged: 0,
            deleted: 0
        }
    );
    let first_release = live_release(&srv);
    assert_eq!(tree(&srv.join("current")), first_tree);

    // An edit sends only the files it changed; the rest are hard links to the live release.
    edit_item(site.path());
    let second = counts(&succeeded(&deploy(site.path(), &ssh_env(&ssh), &[])));
    let second_tree = tree(&public);
    let sent = changed(&first_tree, &second_tree);
    assert!(sent > 0 && sent < second_tree.len() / 2, "{sent} changed");
    assert_eq!(
        second,
        Counts {
            uploaded: sent,
            unchanged: second_tree.len() - sent,
            deleted: 0
        }
    );
    let second_release = live_release(&srv);
    assert_ne!(second_release, first_release);
    assert_eq!(tree(&srv.join("current")), second_tree);
    let inode = |release: &str, path: &str| {
        std::fs::metadata(srv.join("releases").join(release).join(path))
            .unwrap()
            .ino()
    };
    for (path, bytes) in &second_tree {
        let same = first_tree.get(path) == Some(bytes);
        let linked = inode(&first_release, path) == inode(&second_release, path);
        assert_eq!(
            same, linked,
            "{path}: unchanged files, and only they, are linked"
        );
    }

    // An item taken away: its pages are deleted from the live site.
    std::fs::remove_file(site.path().join("content/annual-report.md")).unwrap();
    let third = counts(&succeeded(&deploy(site.path(), &ssh_env(&ssh), &[])));
    let third_tree = tree(&public);
    let gone = second_tree
        .keys()
        .filter(|p| !third_tree.contains_key(*p))
        .count();
    assert!(gone > 0);
    assert_eq!(third.deleted, gone);
    assert_eq!(tree(&srv.join("current")), third_tree);

    // Rollback: the release before is live again, whole.
    let rolled = succeeded(&deploy(site.path(), &ssh_env(&ssh), &["--rollback"]));
    assert!(
        rolled.contains(&format!("release {second_release} is live again")),
        "{rolled}"
    );
    assert_eq!(live_release(&srv), second_release);
    assert_eq!(tree(&srv.join("current")), second_tree);

    // The next deploy compares with the live release, and only `keep` releases stay.
    let fourth = counts(&succeeded(&deploy(site.path(), &ssh_env(&ssh), &[])));
    assert_eq!(fourth.uploaded, changed(&second_tree, &third_tree));
    assert_eq!(tree(&srv.join("current")), third_tree);
    let kept = releases(&srv);
    assert_eq!(kept.len(), 3, "{kept:?}");
    assert!(!kept.contains(&first_release), "the oldest is removed");
}

#[test]
fn a_reader_during_a_deploy_sees_each_page_whole_old_or_whole_new() {
    let Some(SshSite {
        sshd,
        site,
        srv,
        ssh,
        _server_files: _kept,
    }) = SshSite::start()
    else {
        return;
    };
    // A slow line, so that the reader reads all through the transfer.
    let proxy = Proxy::start(sshd.port, Duration::from_millis(30));
    sshd.trust_port(proxy.port);
    set_deploy(
        site.path(),
        &format!(
            "  intranet: {{ url: \"{}\" }}\n",
            sshd.url(proxy.port, &srv)
        ),
    );
    succeeded(&deploy(site.path(), &ssh_env(&ssh), &[]));
    let old = tree(&site.path().join("public"));
    let Some(web) = WebServer::start(&srv.join("current")) else {
        return;
    };
    edit_item(site.path());
    build(site.path());
    let new = tree(&site.path().join("public"));
    let pages: Vec<String> = old
        .keys()
        .filter(|p| p.ends_with(".html") && new.contains_key(*p))
        .cloned()
        .collect();
    let done = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new((0usize, 0usize)));
    let reader = {
        let (done, seen, pages, old, new) = (
            done.clone(),
            seen.clone(),
            pages.clone(),
            old.clone(),
            new.clone(),
        );
        let port = web.port;
        std::thread::spawn(move || {
            while !done.load(Ordering::SeqCst) {
                for page in &pages {
                    let reply = http(port, "GET", &format!("/{page}"), b"");
                    assert_eq!(reply.status, 200, "{page} missing during the deploy");
                    let is_old = reply.body == old[page];
                    let is_new = reply.body == new[page];
                    assert!(is_old || is_new, "{page}: neither the old nor the new page");
                    let mut seen = seen.lock().unwrap();
                    if is_old { seen.0 += 1 } else { seen.1 += 1 }
                }
            }
        })
    };
    let output = deploy(site.path(), &ssh_env(&ssh), &[]);
    std::thread::sleep(Duration::from_millis(300));
    done.store(true, Ordering::SeqCst);
    reader.join().expect("the reader saw only whole pages");
    succeeded(&output);
    let (old_reads, new_reads) = *seen.lock().unwrap();
    assert!(
        old_reads > pages.len(),
        "read during the deploy: {old_reads}"
    );
    assert!(new_reads > 0, "the new site went live: {new_reads}");
    assert_eq!(
        tree(&srv.join("current")),
        tree(&site.path().join("public"))
    );
}

#[test]
fn a_connection_cut_mid_deploy_leaves_the_live_release_and_the_rerun_completes() {
    let Some(SshSite {
        sshd,
        site,
        srv,
        ssh,
        _server_files: _kept,
    }) = SshSite::start()
    else {
        return;
    };
    let direct = format!("  intranet: {{ url: \"{}\" }}\n", sshd.url(sshd.port, &srv));
    set_deploy(site.path(), &direct);
    succeeded(&deploy(site.path(), &ssh_env(&ssh), &[]));
    let old = tree(&srv.join("current"));
    let old_release = live_release(&srv);

    // A 3 MB file over a slow line, cut once the transfer is under way.
    let noise: Vec<u8> = (0u32..3 << 20)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/report-scan.bin"), &noise).unwrap();
    edit_item(site.path());
    let proxy = Proxy::start(sshd.port, Duration::from_millis(20));
    sshd.trust_port(proxy.port);
    set_deploy(
        site.path(),
        &format!(
            "  intranet: {{ url: \"{}\" }}\n",
            sshd.url(proxy.port, &srv)
        ),
    );
    let incoming = srv.join("releases/.incoming");
    let started = Instant::now();
    let cutter = std::thread::spawn(move || {
        while !incoming.join("static").exists() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the transfer never began"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(500));
        proxy.cut();
    });
    let cut = deploy(site.path(), &ssh_env(&ssh), &[]);
    cutter.join().unwrap();
    assert!(!cut.status.success(), "the cut deploy failed");
    let stderr = String::from_utf8_lossy(&cut.stderr);
    assert!(
        stderr.contains("copying the site (rsync) failed on ssh://"),
        "{stderr}"
    );
    assert_eq!(
        live_release(&srv),
        old_release,
        "the live release did not move"
    );
    assert_eq!(
        tree(&srv.join("current")),
        old,
        "the live site is as it was"
    );
    assert!(
        srv.join("releases/.incoming").exists(),
        "the partial release is kept to resume"
    );

    set_deploy(site.path(), &direct);
    let rerun = counts(&succeeded(&deploy(site.path(), &ssh_env(&ssh), &[])));
    let new = tree(&site.path().join("public"));
    assert!(rerun.uploaded <= changed(&old, &new), "{rerun:?}");
    assert_eq!(tree(&srv.join("current")), new);
    assert!(!srv.join("releases/.incoming").exists());
}

#[test]
fn host_keys_are_checked_unless_the_target_turns_that_off() {
    let Some(SshSite {
        sshd,
        site,
        srv,
        _server_files: _kept,
        ..
    }) = SshSite::start()
    else {
        return;
    };
    // Another server's key where this one's should be: a machine in the middle.
    let other = tempfile::tempdir().unwrap();
    let key = other.path().join("key");
    assert!(
        Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", ""])
            .arg("-f")
            .arg(&key)
            .status()
            .unwrap()
            .success()
    );
    let wrong = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    std::fs::write(
        sshd.known_hosts(),
        format!("[127.0.0.1]:{} {wrong}", sshd.port),
    )
    .unwrap();
    let url = sshd.url(sshd.port, &srv);
    set_deploy(site.path(), &format!("  intranet: {{ url: \"{url}\" }}\n"));
    let refused = deploy(site.path(), &ssh_env(&sshd.ssh_command()), &[]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("host key"), "{stderr}");
    assert!(
        !srv.exists(),
        "nothing was made on a server that was not the right one"
    );

    set_deploy(
        site.path(),
        &format!("  intranet: {{ url: \"{url}\", check_host_key: false }}\n"),
    );
    let output = deploy(site.path(), &ssh_env(&sshd.ssh_command()), &[]);
    succeeded(&output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: host-key checking is off"),
        "{stderr}"
    );
    assert_eq!(
        tree(&srv.join("current")),
        tree(&site.path().join("public"))
    );
}

#[test]
fn a_directory_takes_releases_from_a_one_off_address() {
    let site = copy_fixture("small");
    let share = tempfile::tempdir().unwrap();
    let share: PathBuf = share.path().join("share/bulletin");
    let url = format!("file://{}", share.display());
    set_deploy(site.path(), "");
    let none = deploy(site.path(), &[], &[]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("add a `deploy:` block"));

    let dry_first = counts(&succeeded(&deploy(site.path(), &[], &[&url, "--dry-run"])));
    assert!(!share.exists(), "a dry run makes nothing on the target");
    succeeded(&deploy(site.path(), &[], &[&url]));
    let first = tree(&site.path().join("public"));
    assert_eq!(dry_first.uploaded, first.len());
    edit_item(site.path());
    let dry = counts(&succeeded(&deploy(site.path(), &[], &[&url, "--dry-run"])));
    assert_eq!(
        tree(&share.join("current")),
        first,
        "a dry run changes nothing"
    );
    assert_eq!(releases(&share).len(), 1);
    let second = counts(&succeeded(&deploy(site.path(), &[], &[&url])));
    assert_eq!(dry, second);
    assert_eq!(
        second.uploaded,
        changed(&first, &tree(&site.path().join("public")))
    );
    succeeded(&deploy(site.path(), &[], &[&url, "--rollback"]));
    assert_eq!(tree(&share.join("current")), first);

    // A build that fails publishes nothing.
    std::fs::write(
        site.path().join("content/broken.md"),
        "---\ntitle: [\n---\n",
    )
    .unwrap();
    let failed = deploy(site.path(), &[], &[&url]);
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("broken.md"));
    assert_eq!(releases(&share).len(), 2);
    assert_eq!(tree(&share.join("current")), first);
}
