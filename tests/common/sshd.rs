//! A real OpenSSH server on loopback for the deploy tests (Debian's openssh-server and rsync,
//! which `.ci/run` installs): started by the test as its own daemon with its own host key,
//! authorized key, configuration and port, and a client configuration beside it, so that
//! nothing of the system's SSH setup is read or changed.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::net::{free_port, wait_for_port};

const SSHD: &str = "/usr/sbin/sshd";

/// An sshd process, stopped on drop, and a client set up to trust it and log in with a key.
pub struct Sshd {
    child: Child,
    pub port: u16,
    /// The user the tests log in as: whoever runs them.
    pub user: String,
    dir: tempfile::TempDir,
}

impl Sshd {
    /// Starts the server; `None` (skipped) where sshd or rsync is missing, except in CI.
    pub fn start() -> Option<Sshd> {
        let missing: Vec<_> = [SSHD, "/usr/bin/rsync", "/usr/bin/ssh"]
            .into_iter()
            .filter(|p| !Path::new(p).exists())
            .collect();
        if !missing.is_empty() {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must install openssh-server, openssh-client and rsync"
            );
            eprintln!("skipping the SSH deploy test: {missing:?} not installed");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name);
        for key in ["host_key", "client_key"] {
            run(Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-C", "bulletin-test", "-f"])
                .arg(path(key)));
        }
        std::fs::copy(path("client_key.pub"), path("authorized_keys")).unwrap();
        let user = String::from_utf8(run(Command::new("id").arg("-un")))
            .unwrap()
            .trim()
            .to_string();
        let port = free_port();
        std::fs::write(
            path("sshd_config"),
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nPidFile {pid}\n\
                 AuthorizedKeysFile {authorized}\nStrictModes no\nUsePAM no\n\
                 PasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nAllowUsers {user}\n\
                 LogLevel ERROR\n",
                host_key = path("host_key").display(),
                pid = path("sshd.pid").display(),
                authorized = path("authorized_keys").display(),
            ),
        )
        .unwrap();
        // As root, sshd needs its privilege-separation directory, which only the system's
        // service would otherwise make.
        if user == "root" {
            std::fs::create_dir_all("/run/sshd").unwrap();
        }
        let child = Command::new(SSHD)
            .args(["-D", "-e", "-f"])
            .arg(path("sshd_config"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::fs::write(
            path("ssh_config"),
            format!(
                "Host *\n  IdentityFile {key}\n  IdentitiesOnly yes\n  UserKnownHostsFile {known}\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n",
                key = path("client_key").display(),
                known = path("known_hosts").display(),
            ),
        )
        .unwrap();
        let sshd = Sshd {
            child,
            port,
            user,
            dir,
        };
        sshd.trust_port(port);
        wait_for_port(port, "sshd");
        Some(sshd)
    }

    /// Lets the client trust the server's host key at `port` too (a proxy in front of it).
    pub fn trust_port(&self, port: u16) {
        let key = std::fs::read_to_string(self.dir.path().join("host_key.pub")).unwrap();
        let mut known = std::fs::read_to_string(self.known_hosts()).unwrap_or_default();
        known.push_str(&format!("[127.0.0.1]:{port} {key}"));
        std::fs::write(self.known_hosts(), known).unwrap();
    }

    pub fn known_hosts(&self) -> PathBuf {
        self.dir.path().join("known_hosts")
    }

    /// The command the deploy runs for ssh (`BULLETIN_SSH_COMMAND`).
    pub fn ssh_command(&self) -> String {
        format!("ssh -F {}", self.dir.path().join("ssh_config").display())
    }

    /// `ssh://user@127.0.0.1:port/path`.
    pub fn url(&self, port: u16, path: &Path) -> String {
        format!("ssh://{}@127.0.0.1:{port}{}", self.user, path.display())
    }

    /// Closes every connection the server has open, as a dropped line would.
    pub fn kill_connections(&self) {
        let _ = Command::new("pkill")
            .args(["-KILL", "-P", &self.child.id().to_string()])
            .status();
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        self.kill_connections();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run(command: &mut Command) -> Vec<u8> {
    let output = command.output().unwrap();
    assert!(output.status.success(), "{command:?} failed: {output:?}");
    output.stdout
}
