//! The `bulletin` binary as a user runs it: `init`, `new` and `build`, exit codes and messages.

mod common;

use std::process::Command;

use common::*;

fn bulletin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn init_then_new_then_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let site_arg = site.to_str().unwrap();
    let init = bulletin(&["init", site_arg]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );

    let new = bulletin(&[
        "new",
        "关于停水的通知",
        "--department",
        "區政府辦公室",
        "--root",
        site_arg,
    ]);
    assert!(
        new.status.success(),
        "{}",
        String::from_utf8_lossy(&new.stderr)
    );
    let written = String::from_utf8(new.stdout).unwrap();
    let path = written.trim().strip_prefix("wrote ").unwrap();
    assert!(path.ends_with("guan-yu-ting-shui-de-tong-zhi.md"), "{path}");
    let item = read(std::path::Path::new(path));
    assert!(
        item.starts_with("---\ntitle: \"关于停水的通知\"\ndate: "),
        "{item}"
    );
    assert!(item.contains("\ndepartment: bangongshi\n"), "{item}");

    let build = bulletin(&["build", "--root", site_arg]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let summary = String::from_utf8(build.stdout).unwrap();
    assert!(
        summary.starts_with("built 2 items (2 read) into "),
        "{summary}"
    );
    assert!(summary.contains(" in 2 variants at "), "{summary}");
    assert!(summary.trim_end().ends_with(" ms"), "{summary}");
    assert_eq!(summary.lines().count(), 1, "one summary line");
    assert!(site.join("public/hant/index.html").exists());

    let again = bulletin(&[
        "new",
        "关于停水的通知",
        "--department",
        "bangongshi",
        "--root",
        site_arg,
    ]);
    assert!(
        !again.status.success(),
        "an existing item is never overwritten"
    );

    // A bundle: the item in a folder, its photo beside it.
    let bundle = bulletin(&[
        "new",
        "植树活动",
        "--department",
        "bangongshi",
        "--bundle",
        "--root",
        site_arg,
    ]);
    assert!(
        bundle.status.success(),
        "{}",
        String::from_utf8_lossy(&bundle.stderr)
    );
    let said = String::from_utf8(bundle.stdout).unwrap();
    let path = said.lines().next().unwrap().strip_prefix("wrote ").unwrap();
    assert!(path.ends_with("/zhi-shu-huo-dong/index.md"), "{path}");
    assert!(
        said.contains("put its photos and attachments in "),
        "{said}"
    );
    let path = std::path::Path::new(path);
    let item = read(path);
    std::fs::write(
        path,
        format!("{item}植树现场：\n\n![志愿者植树](zhishu.jpg)\n"),
    )
    .unwrap();
    std::fs::write(
        path.with_file_name("zhishu.jpg"),
        common::photos::jpeg(640, 480),
    )
    .unwrap();
    let build = bulletin(&["build", "--root", site_arg]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let published = walkdir::WalkDir::new(site.join("public/files"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("zhishu-"))
        .count();
    assert_eq!(published, 4, "480 and 640 pixels, as WebP and JPEG");
}

#[test]
fn a_failed_build_exits_non_zero_and_prints_every_problem() {
    let site = copy_fixture("small");
    std::fs::write(
        site.path().join("content/bad.md"),
        "---\ntitle: 坏\ndate: 2024-01-01\ndepartment: 不存在\n---\n",
    )
    .unwrap();
    let build = bulletin(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(build.status.code(), Some(1));
    let stderr = String::from_utf8(build.stderr).unwrap();
    assert!(
        stderr.starts_with("error: 1 problem found; nothing was written:\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/bad.md:4: unknown department `不存在`\n  hint: "),
        "{stderr}"
    );
}

#[test]
fn output_flag_overrides_the_configured_directory() {
    let site = copy_fixture("small");
    let out = site.path().join("elsewhere");
    let build = bulletin(&[
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(out.join("hans/index.html").exists());
    assert!(!site.path().join("public").exists());
}

#[test]
fn convert_reads_stdin_or_files_with_the_site_glossary() {
    use std::io::Write;
    let site = copy_fixture("small");
    std::fs::write(site.path().join("glossary.yaml"), "keep: [乾泰大道]\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args([
            "convert",
            "-c",
            "t2s",
            "--root",
            site.path().to_str().unwrap(),
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("青春化工園乾泰大道的軟體".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "青春化工园乾泰大道的软体"
    );

    let file = site.path().join("content/2023/standing-meeting.md");
    let converted = bulletin(&["convert", "-c", "t2s", file.to_str().unwrap()]);
    let text = String::from_utf8(converted.stdout).unwrap();
    assert!(
        text.starts_with(
            "---\ntitle: 区政府召开常务会议\ndate: 2023-12-20 15:30:00\ndepartment: 区政府办公室\n"
        ),
        "{text}"
    );
    assert!(text.contains("会议还研究了其他事项。"), "{text}");

    let unknown = bulletin(&["convert", "-c", "x2y", file.to_str().unwrap()]);
    assert_eq!(unknown.status.code(), Some(1));
}

/// Progress goes to a terminal only: a log or a pipe gets the result line alone.
#[test]
fn progress_shows_on_a_terminal_and_not_in_logs() {
    let site = copy_fixture("small");
    let root = site.path().to_str().unwrap();
    let piped = bulletin(&["build", "--root", root]);
    assert!(piped.status.success());
    assert!(!String::from_utf8_lossy(&piped.stderr).contains('\r'));

    // util-linux's `script` runs the command on a pseudo-terminal.
    let command = format!("{} build --root {root}", env!("CARGO_BIN_EXE_bulletin"));
    let Ok(on_terminal) = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_remove("CI")
        .output()
    else {
        eprintln!("skipped: no `script` command");
        return;
    };
    let shown = String::from_utf8_lossy(&on_terminal.stdout);
    assert!(shown.contains("\r\x1b[2Kbuild: load content…"), "{shown:?}");
    assert!(shown.contains("\r\x1b[2Kbuilt 3 items"), "{shown:?}");
    // Under CI, even a terminal gets no progress.
    let in_ci = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("CI", "true")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&in_ci.stdout).contains("build: "));
}
