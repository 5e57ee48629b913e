//! Releases on an SSH or directory target: every deploy is a new directory under `releases/`,
//! filled by rsync with hard links to the live release for what did not change, then made live
//! by renaming a new `current` link over the old one, which is one step for readers. A deploy
//! cut short leaves its files in `releases/.incoming`, where the next one resumes.
//!
//! ```text
//! /srv/bulletin/current -> releases/20241201T080000.000Z   (the web server serves current/)
//! /srv/bulletin/releases/20241130T170000.000Z/
//! /srv/bulletin/releases/20241201T080000.000Z/
//! /srv/bulletin/releases/.incoming/                         (a deploy under way)
//! ```

use super::rsync::Transfer;
use super::shell::{Shell, quoted};
use super::{DeployOptions, Failure, SiteFile, Summary};
use crate::config::deploy::{DeployTarget, Destination};

/// Where a deploy fills its release before it goes live.
const INCOMING: &str = ".incoming";

/// The target's releases as they stand.
#[derive(Debug, Default, PartialEq, Eq)]
struct State {
    /// The live release, if any.
    current: Option<String>,
    /// Every finished release, oldest first.
    releases: Vec<String>,
    /// How many files the live release holds.
    current_files: usize,
}

/// The releases directory of a target and how to reach it.
struct Releases {
    shell: Shell,
    base: String,
    target: String,
}

impl Releases {
    fn of(target: &DeployTarget) -> Releases {
        let base = match &target.destination {
            Destination::Ssh { path, .. } | Destination::Directory { path } => path.clone(),
            Destination::ObjectStorage { .. } => unreachable!("object storage keeps no releases"),
        };
        Releases {
            shell: Shell::of(target).expect("a release target has a shell"),
            base,
            target: target.destination.to_string(),
        }
    }

    /// Reads the live release and the others; with `create`, makes the directories a first
    /// deploy needs (which changes nothing readers see).
    fn state(&self, create: bool) -> Result<State, Failure> {
        let base = quoted(&self.base);
        let make = match create {
            true => format!("mkdir -p {base}/releases"),
            false => ":".into(),
        };
        let script = format!(
            r#"set -e
{make}
[ -d {base} ] || exit 0
cd {base}
if [ -e current ] && [ ! -L current ]; then echo "not-a-link"; exit 0; fi
if [ -L current ]; then echo "current $(readlink current)"; echo "files $(find current/ -type f | wc -l)"; fi
if [ -d releases ]; then for release in releases/*/; do [ -d "$release" ] && echo "release $(basename "$release")"; done; fi
exit 0"#
        );
        let output = self
            .shell
            .run("reading the releases", &self.target, &script)?;
        if output.lines().any(|l| l == "not-a-link") {
            return Err(Failure::Refused(format!(
                "{}/current is a directory, not a link to a release: move it aside (and point the web server at {}/current) before the first deploy",
                self.target, self.base
            )));
        }
        Ok(parse_state(&output))
    }

    /// Makes `release` live, then removes the releases beyond the newest `keep`.
    fn switch(&self, release: &str, from_incoming: bool, remove: &[String]) -> Result<(), Failure> {
        let incoming = match from_incoming {
            true => format!("mv releases/{INCOMING} releases/{release}\n"),
            false => String::new(),
        };
        let removals: String = remove
            .iter()
            .map(|r| format!("rm -rf releases/{}\n", quoted(r)))
            .collect();
        let script = format!(
            "set -e\ncd {base}\n{incoming}ln -sfn releases/{release} .current.next\nmv -fT .current.next current\n{removals}",
            base = quoted(&self.base),
            release = quoted(release),
        );
        self.shell
            .run("making the release live", &self.target, &script)
            .map(drop)
    }
}

/// `current releases/X`, `files N` and `release X` lines into a state.
fn parse_state(output: &str) -> State {
    let mut state = State::default();
    for line in output.lines() {
        if let Some(link) = line.strip_prefix("current ") {
            state.current = Some(
                link.trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or(link)
                    .to_string(),
            );
        } else if let Some(count) = line.strip_prefix("files ") {
            state.current_files = count.trim().parse().unwrap_or(0);
        } else if let Some(release) = line.strip_prefix("release ") {
            state.releases.push(release.to_string());
        }
    }
    state.releases.sort();
    state
}

/// A new release's name: the time, sortable, and after every release the target has.
fn release_name(now: chrono::DateTime<chrono::Utc>, existing: &[String]) -> String {
    let name = now.format("%Y%m%dT%H%M%S%.3fZ").to_string();
    match existing.last() {
        Some(last) if *last >= name => format!("{last}-1"),
        _ => name,
    }
}

/// The releases to remove so that `keep` remain, the new one among them; the live one stays.
fn beyond_keep(releases: &[String], new: &str, keep: usize) -> Vec<String> {
    let mut all: Vec<&String> = releases.iter().filter(|r| *r != new).collect();
    all.sort();
    let surplus = (all.len() + 1).saturating_sub(keep.max(1));
    all.into_iter().take(surplus).cloned().collect()
}

/// Sends the site into a new release and makes it live.
pub fn publish(
    target: &DeployTarget,
    files: &[SiteFile],
    options: &DeployOptions,
) -> Result<Summary, Failure> {
    let releases = Releases::of(target);
    let state = releases.state(!options.dry_run)?;
    let release = release_name(chrono::Utc::now(), &state.releases);
    let destination = format!("{}/releases/{INCOMING}", releases.base);
    let transfer = Transfer {
        shell: &releases.shell,
        site: &options.site,
        destination: &destination,
        link_dest: state.current.as_ref().map(|c| format!("../{c}")),
        dry_run: options.dry_run,
        extra_options: &target.rsync_options,
        total_files: files.len(),
        progress: options.progress,
    };
    let sent = transfer.run(&releases.target)?;
    if !options.dry_run {
        let remove = beyond_keep(&state.releases, &release, target.keep);
        releases.switch(&release, true, &remove)?;
    }
    let kept_from_live = files.len().saturating_sub(sent.new_files);
    Ok(Summary {
        target: releases.target,
        release: Some(release),
        uploaded: sent.files,
        uploaded_bytes: sent.bytes,
        unchanged: files.len().saturating_sub(sent.files),
        deleted: state.current_files.saturating_sub(kept_from_live),
        dry_run: options.dry_run,
        elapsed: std::time::Duration::ZERO,
    })
}

/// Makes the newest release older than the live one live; returns (from, to).
pub fn rollback(target: &DeployTarget) -> Result<(String, String), Failure> {
    let releases = Releases::of(target);
    let state = releases.state(false)?;
    let Some(current) = state.current else {
        return Err(Failure::Refused(format!(
            "{} has no live release to roll back from",
            releases.target
        )));
    };
    let Some(previous) = state.releases.iter().rev().find(|r| **r < current) else {
        return Err(Failure::Refused(format!(
            "{} keeps no release older than the live one ({current}); `keep:` sets how many are kept",
            releases.target
        )));
    };
    releases.switch(previous, false, &[])?;
    Ok((current, previous.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_is_read_from_the_scripts_output() {
        let state = parse_state(
            "current releases/20241201T080000.000Z\nfiles 120\nrelease 20241201T080000.000Z\nrelease 20241130T170000.000Z\n",
        );
        assert_eq!(state.current.as_deref(), Some("20241201T080000.000Z"));
        assert_eq!(state.current_files, 120);
        assert_eq!(
            state.releases,
            ["20241130T170000.000Z", "20241201T080000.000Z"]
        );
    }

    #[test]
    fn a_release_name_sorts_after_every_existing_one() {
        let now = chrono::DateTime::parse_from_rfc3339("2024-12-01T08:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(release_name(now, &[]), "20241201T080000.000Z");
        let later = vec!["20251201T080000.000Z".to_string()];
        assert_eq!(release_name(now, &later), "20251201T080000.000Z-1");
    }

    #[test]
    fn the_oldest_releases_beyond_keep_are_removed() {
        let releases: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        assert_eq!(beyond_keep(&releases, "e", 3), ["a", "b"]);
        assert_eq!(beyond_keep(&releases, "e", 5), Vec::<String>::new());
        assert_eq!(beyond_keep(&releases, "e", 1), ["a", "b", "c", "d"]);
    }
}
