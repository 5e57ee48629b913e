//! `bulletin deploy`: publishes a built site to a target, so that readers see the whole old site
//! or the whole new one. SSH and directory targets get a new release beside the live one and a
//! one-step switch (`releases`); object storage gets the changed files in an order that never
//! links to a missing one (`objects`).

mod local;
mod objects;
mod releases;
mod rsync;
mod shell;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::config::Config;
use crate::config::deploy::{DeployTarget, Destination};
use crate::error::{Error, Problem, Result};

pub use local::SiteFile;

/// What `deploy` and `rollback` are asked to do.
pub struct DeployOptions {
    /// The built site to publish.
    pub site: PathBuf,
    /// Show what would change, and change nothing.
    pub dry_run: bool,
    /// Overrides the target's `max_deletes`.
    pub max_deletes: Option<usize>,
    /// Told (files done, files in all, bytes sent) as the files go.
    pub progress: Option<fn(Progress)>,
}

/// How far a deploy has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub bytes: u64,
}

/// What a deploy did, for its closing line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub target: String,
    /// The release made live, for targets that keep releases.
    pub release: Option<String>,
    pub uploaded: usize,
    pub uploaded_bytes: u64,
    pub unchanged: usize,
    pub deleted: usize,
    pub dry_run: bool,
    pub elapsed: Duration,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (verb, uploaded, deleted) = match self.dry_run {
            true => ("would deploy", "to upload", "to delete"),
            false => ("deployed", "uploaded", "deleted"),
        };
        write!(f, "{verb} to {}", self.target)?;
        if let Some(release) = &self.release {
            let live = if self.dry_run { "would be" } else { "is" };
            write!(f, ": release {release} {live} live")?;
        }
        write!(
            f,
            "; {} files {uploaded} ({}), {} unchanged, {} {deleted}, in {:.1} s",
            self.uploaded,
            human_bytes(self.uploaded_bytes),
            self.unchanged,
            self.deleted,
            self.elapsed.as_secs_f64()
        )
    }
}

/// `1.5 MB`, `230 KB`, `12 B`.
pub fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GB", b as f64 / (1u64 << 30) as f64),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{} KB", b >> 10),
        b => format!("{b} B"),
    }
}

/// Why a deploy could not go on; the live site is as it was, unless the message says otherwise.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("cannot run `{program}`; install it (Debian: apt-get install {package})")]
    Missing {
        program: String,
        package: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("{what} failed on {target}:\n{output}")]
    Remote {
        what: String,
        target: String,
        output: String,
    },
    #[error("cannot list what {target} holds")]
    List {
        target: String,
        #[source]
        source: object_store::Error,
    },
    #[error(
        "cannot upload {file} to {target}; the files uploaded before it are in place, and running deploy again resumes"
    )]
    Upload {
        file: String,
        target: String,
        #[source]
        source: object_store::Error,
    },
    #[error("cannot delete {file} from {target}")]
    Delete {
        file: String,
        target: String,
        #[source]
        source: object_store::Error,
    },
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{count} files would be deleted from {target}, more than the limit of {limit}; the new files are uploaded and nothing was deleted. If the site really lost them, run again with --max-deletes {count}"
    )]
    TooManyDeletes {
        count: usize,
        limit: usize,
        target: String,
    },
    #[error("{0}")]
    Refused(String),
}

impl From<Failure> for Error {
    fn from(failure: Failure) -> Error {
        Error::Deploy(Box::new(failure))
    }
}

/// The target `name` names: a target of `deploy:`, an address, or (none) the default target.
pub fn choose_target(config: &Config, name: Option<&str>) -> Result<DeployTarget> {
    let file = Path::new(crate::site::CONFIG_FILE);
    let names = || {
        config
            .deploy
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match name {
        Some(url) if url.contains("://") || url.starts_with('/') => {
            DeployTarget::from_url(url).map_err(|message| {
                Error::invalid(vec![Problem::new(Path::new(url), 0, message).with_hint(
                    "e.g. ssh://user@host/srv/bulletin, s3://bucket/prefix or file:///mnt/share/bulletin",
                )])
            })
        }
        Some(name) => config
            .deploy
            .iter()
            .find(|t| t.name == name)
            .cloned()
            .ok_or_else(|| {
                let line = crate::config::key_line(&config_text(config), "deploy");
                Error::invalid(vec![
                    Problem::new(file, line, format!("there is no deploy target `{name}`"))
                        .with_hint(match config.deploy.is_empty() {
                            true => "add a `deploy:` block to bulletin.yaml, or give an address such as ssh://user@host/srv/bulletin".to_string(),
                            false => format!("the targets are {}", names()),
                        }),
                ])
            }),
        None => config
            .deploy
            .iter()
            .find(|t| t.is_default)
            .cloned()
            .ok_or_else(|| {
                let hint = match config.deploy.is_empty() {
                    true => "add a `deploy:` block to bulletin.yaml (see README.md), or give an address: bulletin deploy ssh://user@host/srv/bulletin".to_string(),
                    false => format!("name one of {}, or mark one `default: true`", names()),
                };
                Error::invalid(vec![
                    Problem::new(file, 0, "no deploy target named and none is the default")
                        .with_hint(hint),
                ])
            }),
    }
}

fn config_text(config: &Config) -> String {
    std::fs::read_to_string(config.root.join(crate::site::CONFIG_FILE)).unwrap_or_default()
}

/// Publishes the built site at `options.site` to `target`.
pub fn deploy(target: &DeployTarget, options: &DeployOptions) -> Result<Summary> {
    let started = std::time::Instant::now();
    let files = local::site_files(&options.site)?;
    let mut summary = match &target.destination {
        Destination::ObjectStorage { .. } => objects::publish(target, &files, options)?,
        _ => releases::publish(target, &files, options)?,
    };
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Makes the release before the live one live again; says which releases it switched between.
pub fn rollback(target: &DeployTarget) -> Result<(String, String)> {
    if !target.destination.has_releases() {
        return Err(Failure::Refused(format!(
            "{} keeps no releases to go back to: object storage holds one site; deploy the old content again instead",
            target.destination
        ))
        .into());
    }
    Ok(releases::rollback(target)?)
}

/// Warnings a target's own settings call for, printed before it is used.
pub fn warnings(target: &DeployTarget) -> Vec<String> {
    let mut warnings = Vec::new();
    if !target.check_host_key {
        warnings.push(format!(
            "host-key checking is off for `{}` (check_host_key: false): anyone between here and the server could receive the site",
            target.name
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_is_the_first_cause_of_a_stopped_deploy() {
        let error = Error::from(Failure::Refused("no site".into()));
        let cause = std::error::Error::source(&error).map(|c| c.to_string());
        assert_eq!(cause.as_deref(), Some("no site"));
    }
}
