//! Where a release target's commands run: this machine's `sh` for a directory, the server's
//! over `ssh` for an SSH target. The system's ssh is used as it is, with the user's
//! `~/.ssh/config`, keys and `known_hosts`; only the target's configuration may turn host-key
//! checking off.

use std::process::{Command, Stdio};

use super::Failure;
use crate::config::deploy::{DeployTarget, Destination};

/// The environment variable that overrides a target's `ssh_command`, as `GIT_SSH_COMMAND` does.
pub const SSH_COMMAND_VARIABLE: &str = "BULLETIN_SSH_COMMAND";

/// How commands reach the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shell {
    Local,
    Ssh {
        /// The ssh program and its options, ready for `-e` and for running commands.
        command: Vec<String>,
        /// `user@host` or `host`.
        login: String,
    },
}

impl Shell {
    /// The shell of a release target; `None` for object storage.
    pub fn of(target: &DeployTarget) -> Option<Shell> {
        match &target.destination {
            Destination::Directory { .. } => Some(Shell::Local),
            Destination::Ssh {
                user, host, port, ..
            } => {
                let written = std::env::var(SSH_COMMAND_VARIABLE)
                    .ok()
                    .filter(|c| !c.trim().is_empty())
                    .or_else(|| target.ssh_command.clone())
                    .unwrap_or_else(|| "ssh".into());
                let mut command = split_words(&written);
                // Never wait for a password on a prompt no one sees: keys or an agent only.
                command.extend(["-o".into(), "BatchMode=yes".into()]);
                if !target.check_host_key {
                    command.extend(
                        [
                            "-o",
                            "StrictHostKeyChecking=no",
                            "-o",
                            "UserKnownHostsFile=/dev/null",
                        ]
                        .map(String::from),
                    );
                }
                if let Some(port) = port {
                    command.extend(["-p".into(), port.to_string()]);
                }
                let login = match user {
                    Some(user) => format!("{user}@{host}"),
                    None => host.clone(),
                };
                Some(Shell::Ssh { command, login })
            }
            Destination::ObjectStorage { .. } => None,
        }
    }

    /// Runs a POSIX shell script on the target and returns what it printed.
    pub fn run(&self, what: &str, target: &str, script: &str) -> Result<String, Failure> {
        let mut command = match self {
            Shell::Local => {
                let mut command = Command::new("sh");
                command.arg("-c").arg(script);
                command
            }
            Shell::Ssh {
                command: ssh,
                login,
            } => {
                let mut command = Command::new(&ssh[0]);
                command
                    .args(&ssh[1..])
                    .arg(login)
                    .arg("--")
                    .arg(format!("sh -c {}", quoted(script)));
                command
            }
        };
        let program = match self {
            Shell::Local => "sh",
            Shell::Ssh { .. } => "ssh",
        };
        let output = command
            .stdin(Stdio::null())
            .output()
            .map_err(|source| missing(program, source))?;
        if !output.status.success() {
            return Err(Failure::Remote {
                what: what.into(),
                target: target.into(),
                output: explained(&String::from_utf8_lossy(&output.stderr)),
            });
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// rsync's `-e` value: the ssh command, words quoted as rsync splits them.
    pub fn rsync_shell(&self) -> Option<String> {
        match self {
            Shell::Local => None,
            Shell::Ssh { command, .. } => Some(
                command
                    .iter()
                    .map(|w| quoted(w))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
    }

    /// A path on the target as rsync addresses it.
    pub fn rsync_path(&self, path: &str) -> String {
        match self {
            Shell::Local => path.into(),
            Shell::Ssh { login, .. } => format!("{login}:{path}"),
        }
    }
}

/// The failure of a program that could not be started.
pub fn missing(program: &str, source: std::io::Error) -> Failure {
    let package = match program {
        "ssh" => "openssh-client",
        "rsync" => "rsync",
        _ => "coreutils",
    };
    Failure::Missing {
        program: program.into(),
        package,
        source,
    }
}

/// A tool's error output, with what to do for the errors editors meet most.
pub fn explained(stderr: &str) -> String {
    let stderr = stderr.trim();
    let hint = if stderr.contains("Host key verification failed")
        || stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
    {
        "\nhint: the server's host key is not the one known for it. If the server is new, connect once with `ssh` and check its fingerprint, or add it with `ssh-keyscan`; if it changed unexpectedly, ask the server's administrator before going on."
    } else if stderr.contains("Permission denied (publickey") {
        "\nhint: the server did not accept your key: add your public key to the server's authorized_keys, or set ssh_command (e.g. `ssh -i ~/.ssh/deploy_key`)."
    } else if stderr.contains("Connection refused") || stderr.contains("Could not resolve") {
        "\nhint: check the target's host and port, and that the server is reachable from here."
    } else {
        ""
    };
    format!("{stderr}{hint}")
}

/// `word` quoted for a POSIX shell: `'it'\''s'`.
pub fn quoted(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./=:@,+%".contains(&b));
    if plain {
        return word.into();
    }
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// A command line split into words as a POSIX shell would, without expansions: quotes and
/// backslashes group, whitespace separates.
pub fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                word.extend(chars.by_ref().take_while(|&c| c != '\''));
            }
            '"' => {
                in_word = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        c => word.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.extend(chars.next());
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_split_as_a_shell_splits_them() {
        assert_eq!(
            split_words(r#"ssh -i "/home/me/my key" -o 'ProxyJump=a b'  -v\ x"#),
            [
                "ssh",
                "-i",
                "/home/me/my key",
                "-o",
                "ProxyJump=a b",
                "-v x"
            ]
        );
        assert_eq!(split_words("  "), Vec::<String>::new());
    }

    #[test]
    fn quoting_survives_the_shell() {
        for word in ["plain", "it's", "a b", "", "$(rm -rf /)", "ssh://h:22/x"] {
            let line = format!("x {}", quoted(word));
            assert_eq!(split_words(&line), ["x", word]);
        }
    }

    fn ssh_target(check_host_key: bool) -> DeployTarget {
        let mut target = DeployTarget::from_url("ssh://deploy@host:2222/srv/site").unwrap();
        target.ssh_command = Some("ssh -i '/keys/deploy key'".into());
        target.check_host_key = check_host_key;
        target
    }

    #[test]
    fn the_ssh_command_keeps_host_key_checks_unless_the_target_turns_them_off() {
        // SAFETY: the variable is removed, not set; no other test sets it.
        unsafe { std::env::remove_var(SSH_COMMAND_VARIABLE) };
        let Some(Shell::Ssh { command, login }) = Shell::of(&ssh_target(true)) else {
            panic!("an ssh target has an ssh shell")
        };
        assert_eq!(login, "deploy@host");
        assert_eq!(
            command,
            [
                "ssh",
                "-i",
                "/keys/deploy key",
                "-o",
                "BatchMode=yes",
                "-p",
                "2222"
            ]
        );
        let Some(Shell::Ssh { command, .. }) = Shell::of(&ssh_target(false)) else {
            panic!()
        };
        assert!(command.contains(&"StrictHostKeyChecking=no".to_string()));
        let shell = Shell::of(&ssh_target(true)).unwrap();
        assert_eq!(
            shell.rsync_shell().unwrap(),
            "ssh -i '/keys/deploy key' -o BatchMode=yes -p 2222"
        );
        assert_eq!(shell.rsync_path("/srv/site"), "deploy@host:/srv/site");
    }

    #[test]
    fn a_changed_host_key_is_explained() {
        let explained = explained("Host key verification failed.\n");
        assert!(explained.contains("ssh-keyscan"), "{explained}");
    }
}
