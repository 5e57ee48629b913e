//! Running `bulletin deploy` as an editor would, and reading what it says it did.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

/// What a deploy said it did, read from its closing line.
#[derive(Debug, PartialEq, Eq)]
pub struct Counts {
    pub uploaded: usize,
    pub unchanged: usize,
    pub deleted: usize,
}

pub fn counts(stdout: &str) -> Counts {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("deployed to") || l.starts_with("would deploy to"))
        .unwrap_or_else(|| panic!("no summary in {stdout}"));
    let number_before = |word: &str| -> usize {
        let before = &line[..line
            .find(word)
            .unwrap_or_else(|| panic!("{word} in {line}"))];
        let digits: String = before
            .trim_end()
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .to_string();
        digits
            .parse()
            .unwrap_or_else(|_| panic!("{word} in {line}"))
    };
    Counts {
        uploaded: number_before(" files "),
        unchanged: number_before(" unchanged"),
        deleted: match line.contains(" to delete") {
            true => number_before(" to delete"),
            false => number_before(" deleted"),
        },
    }
}

/// `bulletin deploy ARGS` on the site, with these environment variables.
pub fn deploy(site: &Path, env: &[(&str, String)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bulletin"));
    command
        .arg("deploy")
        .args(args)
        .arg("--root")
        .arg(site)
        .env("CI", "true")
        .env_remove("BULLETIN_SSH_COMMAND");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

pub fn succeeded(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "deploy failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Puts a `deploy:` block at the end of the site's bulletin.yaml (none if `block` is empty),
/// and leaves search out, which these tests do not need.
pub fn set_deploy(site: &Path, block: &str) {
    let config = site.join("bulletin.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text
        .split("\nsearch: false\n")
        .next()
        .unwrap()
        .trim_end()
        .to_string();
    let deploy = match block {
        "" => String::new(),
        block => format!("deploy:\n{block}"),
    };
    std::fs::write(&config, format!("{text}\nsearch: false\n{deploy}")).unwrap();
}

/// `bulletin build` on the site, as the deploy will build it.
pub fn build(site: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .arg("build")
        .arg("--root")
        .arg(site)
        .env("CI", "true")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
}

/// Paths whose bytes differ between two trees, or that only one has.
pub fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> usize {
    after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .count()
}

pub fn edit_item(site: &Path) {
    let item = site.join("content/safety-inspection.md");
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(
        &item,
        format!("{text}\n\n检查组还抽查了三处施工现场的消防通道。\n"),
    )
    .unwrap();
}
