//! Running rsync into a release and reading what it did: each file it sent is named on a line
//! of its own (`--out-format`), and its overall progress comes between them (`progress2`).

use std::io::Read;
use std::process::{Command, Stdio};

use super::shell::{Shell, explained, missing};
use super::{Failure, Progress};

/// One rsync run: the built site into a directory on the target.
pub struct Transfer<'a> {
    pub shell: &'a Shell,
    /// The built site, on this machine.
    pub site: &'a std::path::Path,
    /// The directory the files go to, on the target.
    pub destination: &'a str,
    /// A release to hard-link unchanged files from, relative to `destination`.
    pub link_dest: Option<String>,
    pub dry_run: bool,
    pub extra_options: &'a [String],
    pub total_files: usize,
    pub progress: Option<fn(Progress)>,
}

/// What rsync sent.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Sent {
    /// Files sent whole or in part: new or changed.
    pub files: usize,
    /// Of those, files the linked release did not have.
    pub new_files: usize,
    pub bytes: u64,
}

impl Transfer<'_> {
    /// The rsync command line.
    fn command(&self) -> Command {
        let mut command = Command::new("rsync");
        // Content decides, not times: a fresh build's files have new times but mostly the
        // same bytes. Times are not kept either, so an unchanged file is identical to the
        // live one in everything rsync keeps and becomes a hard link to it.
        command.args([
            "--recursive",
            "--links",
            "--perms",
            "--chmod=D755,F644",
            "--checksum",
            "--delete",
            "--partial-dir=.rsync-partial",
            "--no-inc-recursive",
            "--info=progress2",
            "--out-format=%i %l %n",
        ]);
        if let Some(link_dest) = &self.link_dest {
            command.arg(format!("--link-dest={link_dest}"));
        }
        if self.dry_run {
            command.arg("--dry-run");
        }
        if let Some(shell) = self.shell.rsync_shell() {
            command.arg("-e").arg(shell);
        }
        command.args(self.extra_options);
        let mut source = self.site.as_os_str().to_owned();
        source.push("/");
        command
            .arg(source)
            .arg(self.shell.rsync_path(&format!("{}/", self.destination)));
        command
    }

    /// Runs rsync to the end, telling `progress` as it goes.
    pub fn run(&self, target: &str) -> Result<Sent, Failure> {
        let mut child = self
            .command()
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| missing("rsync", source))?;
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let mut report = Report::new(self.total_files, self.progress);
        let mut buffer = [0u8; 8192];
        loop {
            match stdout.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => report.feed(&buffer[..n]),
            }
        }
        report.finish();
        let status = child.wait().map_err(|source| missing("rsync", source))?;
        let errors = errors.join().unwrap_or_default();
        if !status.success() {
            return Err(Failure::Remote {
                what: "copying the site (rsync)".into(),
                target: target.into(),
                output: explained(&errors),
            });
        }
        Ok(report.sent)
    }
}

/// rsync's output, read as it comes: lines end in `\n`, progress updates in `\r`.
struct Report {
    pending: Vec<u8>,
    sent: Sent,
    total_files: usize,
    progress: Option<fn(Progress)>,
}

impl Report {
    fn new(total_files: usize, progress: Option<fn(Progress)>) -> Self {
        Report {
            pending: Vec::new(),
            sent: Sent::default(),
            total_files,
            progress,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            if byte == b'\n' || byte == b'\r' {
                let line = std::mem::take(&mut self.pending);
                self.line(&String::from_utf8_lossy(&line));
            } else {
                self.pending.push(byte);
            }
        }
    }

    fn finish(&mut self) {
        let line = std::mem::take(&mut self.pending);
        self.line(&String::from_utf8_lossy(&line));
    }

    fn line(&mut self, line: &str) {
        if let Some(checked) = progress_line(line) {
            if let Some(progress) = self.progress {
                progress(Progress {
                    done: checked,
                    total: self.total_files,
                    bytes: self.sent.bytes,
                });
            }
            return;
        }
        if let Some((new, size)) = sent_file(line) {
            self.sent.files += 1;
            self.sent.new_files += usize::from(new);
            self.sent.bytes += size;
        }
    }
}

/// A file rsync sent, from an `--out-format=%i %l %n` line: whether it is new, and its size.
/// `<f+++++++++ 1234 hans/index.html` (sent) or `>f.c…` (received, on a local copy).
fn sent_file(line: &str) -> Option<(bool, u64)> {
    let (changes, rest) = line.split_once(' ')?;
    let kind = changes.get(..2)?;
    if !(kind == "<f" || kind == ">f") || changes.len() != 11 {
        return None;
    }
    let (size, _name) = rest.split_once(' ')?;
    let new = changes[2..].bytes().all(|b| b == b'+');
    Some((new, size.parse().ok()?))
}

/// How many files rsync has gone through, from a `progress2` line:
/// `  1,234,567  45%  1.2MB/s  0:00:01 (xfr#12, to-chk=88/100)`.
fn progress_line(line: &str) -> Option<usize> {
    let (_, check) = line
        .split_once("to-chk=")
        .or_else(|| line.split_once("ir-chk="))?;
    let (left, total) = check.trim_end_matches(')').split_once('/')?;
    let left: usize = left.parse().ok()?;
    let total: usize = total.parse().ok()?;
    Some(total.saturating_sub(left))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sent_files_are_read_from_itemized_lines() {
        assert_eq!(
            sent_file("<f+++++++++ 1234 hans/index.html"),
            Some((true, 1234))
        );
        assert_eq!(sent_file(">f.c....... 10 a b.html"), Some((false, 10)));
        assert_eq!(sent_file("cd+++++++++ 4096 hans/"), None);
        assert_eq!(sent_file("*deleting   old.html"), None);
        assert_eq!(sent_file("hf          12 linked.html"), None);
    }

    #[test]
    fn progress_lines_give_the_files_gone_through() {
        assert_eq!(
            progress_line("      1,234  45%    1.20MB/s    0:00:01 (xfr#12, to-chk=88/100)"),
            Some(12)
        );
        assert_eq!(progress_line("<f+++++++++ 1 x"), None);
    }

    #[test]
    fn output_split_by_returns_and_newlines_is_counted_once() {
        let mut report = Report::new(3, None);
        report.feed(b"<f+++++++++ 5 a.html\n   5 100% (xfr#1, to-c");
        report.feed(b"hk=2/3)\r<f.st...... 7 b.html\n");
        report.finish();
        assert_eq!(
            report.sent,
            Sent {
                files: 2,
                new_files: 1,
                bytes: 12
            }
        );
    }
}
