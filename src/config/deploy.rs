//! `deploy:` in bulletin.yaml: where `bulletin deploy` publishes the built site, as written and
//! as validated. Credentials never come from here: a key that looks like one is refused.

use std::fmt;

use serde::Deserialize;

use super::yaml::{nested_key_line, shown};
use crate::error::Problem;

/// How many releases an SSH or directory target keeps when the site does not say.
pub const DEFAULT_KEEP: usize = 5;
/// How many deletions object storage may make in one deploy when the site does not say.
pub const DEFAULT_MAX_DELETES: usize = 256;

/// Keys that would put a secret in the configuration, which is committed and shared.
const CREDENTIAL_KEYS: [&str; 9] = [
    "password",
    "passphrase",
    "secret",
    "secret_key",
    "secret_access_key",
    "access_key",
    "access_key_id",
    "token",
    "session_token",
];

/// Where a site is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// `ssh://user@host:port/srv/bulletin`: releases under the path, switched by `current`.
    Ssh {
        user: Option<String>,
        host: String,
        port: Option<u16>,
        path: String,
    },
    /// `file:///mnt/share/bulletin` (or a plain absolute path): releases as for SSH.
    Directory { path: String },
    /// `s3://bucket/prefix`: objects uploaded where they differ.
    ObjectStorage { bucket: String, prefix: String },
}

impl Destination {
    /// Reads a target's address; the error says what is wrong with it.
    pub fn parse(url: &str) -> Result<Destination, String> {
        if let Some(rest) = url.strip_prefix("ssh://") {
            return ssh(rest);
        }
        if let Some(rest) = url.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            let bucket_ok = !bucket.is_empty()
                && bucket.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'
                });
            if !bucket_ok {
                return Err(format!(
                    "`{bucket}` is not a bucket name (lowercase letters, digits, `-` and `.`)"
                ));
            }
            let prefix = prefix.trim_matches('/');
            if prefix.split('/').any(|s| s == "." || s == "..") {
                return Err("an object prefix may not hold `.` or `..`".into());
            }
            return Ok(Destination::ObjectStorage {
                bucket: bucket.into(),
                prefix: prefix.into(),
            });
        }
        let path = url.strip_prefix("file://").unwrap_or(url);
        if url.contains("://") && !url.starts_with("file://") {
            return Err(format!(
                "`{url}` is not an address bulletin can publish to: write ssh://, s3:// or file://"
            ));
        }
        Ok(Destination::Directory {
            path: release_path(path)?,
        })
    }

    /// Whether the target keeps releases that `--rollback` can switch back to.
    pub fn has_releases(&self) -> bool {
        !matches!(self, Destination::ObjectStorage { .. })
    }
}

impl fmt::Display for Destination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Destination::Ssh {
                user,
                host,
                port,
                path,
            } => {
                write!(f, "ssh://")?;
                if let Some(user) = user {
                    write!(f, "{user}@")?;
                }
                write!(f, "{host}")?;
                if let Some(port) = port {
                    write!(f, ":{port}")?;
                }
                write!(f, "{path}")
            }
            Destination::Directory { path } => write!(f, "file://{path}"),
            Destination::ObjectStorage { bucket, prefix } => write!(f, "s3://{bucket}/{prefix}"),
        }
    }
}

/// `user@host:port/path`, after `ssh://`.
fn ssh(rest: &str) -> Result<Destination, String> {
    let (authority, path) = rest
        .find('/')
        .map_or((rest, ""), |slash| rest.split_at(slash));
    let (user, host_port) = match authority.rsplit_once('@') {
        Some((user, _)) if user.contains(':') => {
            return Err(
                "a password in the address is refused: use a key (~/.ssh, ssh-agent) instead"
                    .into(),
            );
        }
        Some((user, host_port)) => (Some(user.to_string()), host_port),
        None => (None, authority),
    };
    let (host, port) = match host_port.rsplit_once(':') {
        Some((host, port)) => {
            let port = port
                .parse::<u16>()
                .map_err(|_| format!("`{port}` is not a port number"))?;
            (host, Some(port))
        }
        None => (host_port, None),
    };
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    };
    if !plain(host) || user.as_deref().is_some_and(|u| !plain(u)) {
        return Err(format!("`{authority}` is not a user and host name"));
    }
    Ok(Destination::Ssh {
        user,
        host: host.into(),
        port,
        path: release_path(path)?,
    })
}

/// The directory that holds the releases: absolute, and written only with characters that need
/// no quoting in the remote shell and in rsync's arguments.
fn release_path(path: &str) -> Result<String, String> {
    let trimmed = path.trim_end_matches('/');
    let safe = trimmed
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-' | b'_' | b'~'));
    if !trimmed.starts_with('/') || !safe || trimmed.split('/').any(|s| s == "..") {
        return Err(format!(
            "`{path}` must be an absolute path of ASCII letters, digits, `/`, `.`, `-` and `_` (no `..`), e.g. /srv/bulletin"
        ));
    }
    Ok(trimmed.into())
}

/// One validated target of `deploy:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployTarget {
    /// Its key in `deploy:`, or the address itself for a one-off deploy.
    pub name: String,
    pub destination: Destination,
    pub is_default: bool,
    /// Releases kept (SSH and directory targets), the live one among them.
    pub keep: usize,
    /// The command that runs ssh, e.g. `ssh -i ~/.ssh/deploy_key`.
    pub ssh_command: Option<String>,
    /// False only where the site's configuration turns host-key checking off.
    pub check_host_key: bool,
    /// Further options for rsync, e.g. `--bwlimit=2000` on a slow line.
    pub rsync_options: Vec<String>,
    /// Object storage: the server, for S3-compatible services (`https://oss-cn-…`).
    pub endpoint: Option<String>,
    pub region: Option<String>,
    /// Object storage: `host/bucket/key` addresses instead of `bucket.host/key`.
    pub path_style: bool,
    pub max_deletes: usize,
    /// `Cache-Control` by pattern of the file's path, first match wins, in the order written.
    pub cache_control: Vec<(String, String)>,
    /// Its line in bulletin.yaml; 0 for a one-off target.
    pub line: usize,
}

impl DeployTarget {
    /// A target given on the command line as an address, with every setting at its default.
    pub fn from_url(url: &str) -> Result<DeployTarget, String> {
        Ok(DeployTarget::with_defaults(
            url.to_string(),
            Destination::parse(url)?,
        ))
    }

    fn with_defaults(name: String, destination: Destination) -> DeployTarget {
        DeployTarget {
            name,
            destination,
            is_default: false,
            keep: DEFAULT_KEEP,
            ssh_command: None,
            check_host_key: true,
            rsync_options: Vec::new(),
            endpoint: None,
            region: None,
            path_style: false,
            max_deletes: DEFAULT_MAX_DELETES,
            cache_control: Vec::new(),
            line: 0,
        }
    }
}

/// One target as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    url: String,
    #[serde(default)]
    default: bool,
    keep: Option<usize>,
    ssh_command: Option<String>,
    #[serde(default = "yes")]
    check_host_key: bool,
    #[serde(default)]
    rsync_options: Vec<String>,
    endpoint: Option<String>,
    region: Option<String>,
    #[serde(default)]
    path_style: bool,
    max_deletes: Option<usize>,
    #[serde(default)]
    cache_control: serde_yaml::Mapping,
}

fn yes() -> bool {
    true
}

/// Validates `deploy:` (target name to settings); problems go to `problems`, each at its line.
pub(super) fn validate(
    raw: &serde_yaml::Mapping,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Vec<DeployTarget> {
    let file = std::path::Path::new(crate::site::CONFIG_FILE);
    let mut targets = Vec::new();
    for (key, value) in raw {
        let name = shown(key);
        let line = nested_key_line(text, "deploy", &name);
        match target(&name, value) {
            Ok(mut target) => {
                target.line = line;
                targets.push(target);
            }
            Err((message, hint)) => {
                problems.push(Problem::new(file, line, message).with_hint(hint));
            }
        }
    }
    if targets.iter().filter(|t| t.is_default).count() > 1 {
        problems.push(
            Problem::new(
                file,
                super::key_line(text, "deploy"),
                "more than one deploy target is marked `default: true`",
            )
            .with_hint("mark the one `bulletin deploy` uses when no target is named"),
        );
    }
    if targets.len() == 1 {
        targets[0].is_default = true;
    }
    targets
}

/// One target, or what is wrong with it and what to do.
fn target(name: &str, value: &serde_yaml::Value) -> Result<DeployTarget, (String, String)> {
    let example =
        "write `name: { url: ssh://user@host/srv/bulletin }`, or an s3:// or file:// address";
    if !super::is_url_key(name) {
        return Err((
            format!("deploy target `{name}` needs a lowercase ASCII name"),
            example.into(),
        ));
    }
    if let Some(secret) = value
        .as_mapping()
        .into_iter()
        .flat_map(|m| m.keys())
        .filter_map(|k| k.as_str())
        .find(|k| CREDENTIAL_KEYS.contains(k))
    {
        return Err((
            format!("deploy target `{name}`: `{secret}` would put a credential in bulletin.yaml, which is shared with the site"),
            "remove it: SSH uses your keys (~/.ssh, ssh-agent); object storage reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment".into(),
        ));
    }
    let raw: RawTarget = serde_yaml::from_value(value.clone())
        .map_err(|e| (format!("deploy target `{name}`: {e}"), example.into()))?;
    let destination = Destination::parse(&raw.url)
        .map_err(|e| (format!("deploy target `{name}`: {e}"), example.into()))?;
    let misplaced = misplaced_settings(&raw, &destination);
    if let Some(key) = misplaced {
        return Err((
            format!("deploy target `{name}`: `{key}` has no meaning for {destination}"),
            "keep, ssh_command, check_host_key and rsync_options are for ssh:// and file:// targets; endpoint, region, path_style, max_deletes and cache_control for s3://".into(),
        ));
    }
    if raw.keep == Some(0) {
        return Err((
            format!("deploy target `{name}`: keep must be at least 1 (the live release)"),
            format!("{DEFAULT_KEEP} is a good default; 2 or more allows --rollback"),
        ));
    }
    let cache_control = raw
        .cache_control
        .iter()
        .map(|(pattern, value)| match (pattern.as_str(), value.as_str()) {
            (Some(p), Some(v)) if cache_pattern(p).is_ok() => Ok((p.to_string(), v.to_string())),
            _ => Err((
                format!("deploy target `{name}`: bad cache_control entry `{}: {}`", shown(pattern), shown(value)),
                "write `\"*.html\": \"public, max-age=300\"`: a pattern of the file's path and a header value".to_string(),
            )),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DeployTarget {
        is_default: raw.default,
        keep: raw.keep.unwrap_or(DEFAULT_KEEP),
        ssh_command: raw.ssh_command,
        check_host_key: raw.check_host_key,
        rsync_options: raw.rsync_options,
        endpoint: raw.endpoint,
        region: raw.region,
        path_style: raw.path_style,
        max_deletes: raw.max_deletes.unwrap_or(DEFAULT_MAX_DELETES),
        cache_control,
        ..DeployTarget::with_defaults(name.into(), destination)
    })
}

/// A `cache_control` pattern as a matcher of paths in the site: `*` stays within a folder,
/// `**` crosses folders, and a pattern without `/` is a file name anywhere, as in .gitignore.
pub fn cache_pattern(pattern: &str) -> Result<globset::GlobMatcher, globset::Error> {
    let full = match pattern.contains('/') {
        true => pattern.trim_start_matches('/').to_string(),
        false => format!("**/{pattern}"),
    };
    let glob = globset::GlobBuilder::new(&full)
        .literal_separator(true)
        .build()?;
    Ok(glob.compile_matcher())
}

/// A setting written for a kind of target other than this one's.
fn misplaced_settings(raw: &RawTarget, destination: &Destination) -> Option<&'static str> {
    let releases = [
        ("keep", raw.keep.is_some()),
        ("ssh_command", raw.ssh_command.is_some()),
        ("check_host_key", !raw.check_host_key),
        ("rsync_options", !raw.rsync_options.is_empty()),
    ];
    let objects = [
        ("endpoint", raw.endpoint.is_some()),
        ("region", raw.region.is_some()),
        ("path_style", raw.path_style),
        ("max_deletes", raw.max_deletes.is_some()),
        ("cache_control", !raw.cache_control.is_empty()),
    ];
    let ssh_only = [
        ("ssh_command", raw.ssh_command.is_some()),
        ("check_host_key", !raw.check_host_key),
    ];
    let wrong: &[(&'static str, bool)] = match destination {
        Destination::Ssh { .. } => &objects,
        Destination::Directory { .. } => &[objects.as_slice(), ssh_only.as_slice()].concat(),
        Destination::ObjectStorage { .. } => &releases,
    };
    wrong.iter().find(|(_, set)| *set).map(|(key, _)| *key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_into_destinations() {
        assert_eq!(
            Destination::parse("ssh://deploy@10.0.0.5:2222/srv/bulletin/").unwrap(),
            Destination::Ssh {
                user: Some("deploy".into()),
                host: "10.0.0.5".into(),
                port: Some(2222),
                path: "/srv/bulletin".into()
            }
        );
        assert_eq!(
            Destination::parse("s3://site-bucket/www/").unwrap(),
            Destination::ObjectStorage {
                bucket: "site-bucket".into(),
                prefix: "www".into()
            }
        );
        assert_eq!(
            Destination::parse("file:///mnt/share/site").unwrap(),
            Destination::Directory {
                path: "/mnt/share/site".into()
            }
        );
        assert_eq!(
            Destination::parse("/mnt/share/site").unwrap().to_string(),
            "file:///mnt/share/site"
        );
    }

    #[test]
    fn bad_addresses_say_what_is_wrong() {
        for (url, expected) in [
            ("ssh://me:hunter2@host/srv", "password"),
            ("ssh://host/srv/../etc", "absolute path"),
            ("ssh://host:http/srv", "port"),
            ("ssh://host/srv/my site", "absolute path"),
            ("ftp://host/srv", "ssh://, s3:// or file://"),
            ("s3://My_Bucket/x", "bucket name"),
            ("relative/dir", "absolute path"),
        ] {
            let error = Destination::parse(url).unwrap_err();
            assert!(error.contains(expected), "{url}: {error}");
        }
    }

    fn validated(yaml: &str) -> (Vec<DeployTarget>, Vec<Problem>) {
        let text = format!("deploy:\n{yaml}");
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let mut problems = Vec::new();
        let targets = validate(value["deploy"].as_mapping().unwrap(), &text, &mut problems);
        (targets, problems)
    }

    #[test]
    fn a_lone_target_is_the_default_and_settings_are_kept() {
        let (targets, problems) = validated(
            "  cdn:\n    url: s3://site/www\n    endpoint: http://127.0.0.1:9000\n    path_style: true\n    cache_control:\n      \"*.html\": no-cache\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(targets[0].is_default);
        assert_eq!(targets[0].line, 2);
        assert_eq!(
            targets[0].cache_control,
            [("*.html".into(), "no-cache".into())]
        );
        assert_eq!(targets[0].max_deletes, DEFAULT_MAX_DELETES);
        let (_, problems) = validated("  cdn: { url: s3://site, cache_control: { \"[\": x } }\n");
        assert!(problems[0].message.contains("bad cache_control entry"));
    }

    #[test]
    fn credentials_are_refused_at_their_target() {
        let (_, problems) = validated(
            "  intranet: { url: ssh://host/srv/site }\n  cdn:\n    url: s3://site\n    secret_access_key: abc\n",
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 3);
        assert!(problems[0].message.contains("credential"));
        assert!(problems[0].hint.contains("AWS_SECRET_ACCESS_KEY"));
        assert!(!problems[0].to_string().contains("abc"));
    }

    #[test]
    fn settings_for_another_kind_of_target_and_two_defaults_are_errors() {
        let (_, problems) = validated(
            "  a: { url: s3://site, keep: 3, default: true }\n  b: { url: file:///srv/x, ssh_command: ssh -v, default: true }\n  c: { url: ssh://h/srv, default: true }\n",
        );
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages[0].contains("`keep` has no meaning"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("`ssh_command` has no meaning"),
            "{messages:?}"
        );
        assert_eq!(
            problems.len(),
            2,
            "only one valid default remains: {messages:?}"
        );
    }
}
