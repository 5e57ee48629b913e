//! What the last build wrote to an output: each file's digest, size and time, with a checksum
//! of the whole, so that a rebuild writes only what changed and damage is never trusted.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::digest::{Key, TextDigest};
use crate::site::cache_file_for;

/// What the last build wrote to an output directory: for each file, the digest it was made
/// from (or of its contents) and its size and modification time once written, so that a file
/// changed by hand since is written again.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    pub(super) dest: PathBuf,
    /// By path; the writer's list of the site's files shares the paths.
    pub(super) files: FileList,
    /// Files that were in the tree and no build made: put there by hand, and kept.
    pub(super) hand: std::collections::BTreeSet<String>,
    /// When the tree was switched in (nanoseconds since 1970): a directory not changed since
    /// holds no file put there by hand since.
    pub(super) switched: Option<i128>,
    /// Every file listed was found on disk as recorded when the tree was last served (not so
    /// after a build with `--trust-output`): a spare's manifest is then trusted without a look.
    pub(super) checked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileState {
    pub(super) digest: Key,
    pub(super) size: u64,
    /// Nanoseconds since 1970 (as u64, until the year 2554): a million items' manifest holds
    /// 2.3 million of these.
    pub(super) modified: u64,
}

/// A manifest's files, sorted by path. At a million items it lists 2.3 million files, and a
/// hash map's buckets (a power of two, often half empty) would take twice the room. Shared,
/// not copied, with the checks that run beside the build (`ServedChecks`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct FileList(Arc<Vec<(Arc<str>, FileState)>>);

impl FileList {
    /// The list of `files`, whose paths are unique, sorted by path.
    pub(super) fn new(mut files: Vec<(Arc<str>, FileState)>) -> Self {
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        files.shrink_to_fit();
        FileList(Arc::new(files))
    }

    /// Where `path` stands in the list, if it is there.
    pub(super) fn position(&self, path: &str) -> Option<usize> {
        self.0
            .binary_search_by(|(listed, _)| (**listed).cmp(path))
            .ok()
    }

    pub(super) fn get_key_value(&self, path: &str) -> Option<(&Arc<str>, &FileState)> {
        self.position(path).map(|at| (&self.0[at].0, &self.0[at].1))
    }

    pub(super) fn get(&self, path: &str) -> Option<&FileState> {
        self.get_key_value(path).map(|(_, state)| state)
    }

    pub(super) fn contains_key(&self, path: &str) -> bool {
        self.get_key_value(path).is_some()
    }

    pub(super) fn keys(&self) -> impl Iterator<Item = &Arc<str>> {
        self.0.iter().map(|(path, _)| path)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &(Arc<str>, FileState)> {
        self.0.iter()
    }

    pub(super) fn entries(&self) -> &[(Arc<str>, FileState)] {
        &self.0
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// Drops the files at `paths`, in one pass.
    pub(super) fn remove_all(&mut self, paths: &rustc_hash::FxHashSet<&str>) {
        if !paths.is_empty() {
            Arc::make_mut(&mut self.0).retain(|(path, _)| !paths.contains(&**path));
        }
    }
}

/// The name of the manifests' format.
const MANIFEST_FORMAT: &str = "bltnom03";

/// Which tree of an output a manifest describes: the one served, or the spare beside it that
/// the next build brings up to date and switches in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tree {
    Served,
    Spare,
}

/// One manifest per output directory and tree: a build with `--output` elsewhere keeps its own.
pub(super) fn manifest_path(cache_dir: &Path, dest: &Path, tree: Tree) -> PathBuf {
    let kind = match tree {
        Tree::Served => "output",
        Tree::Spare => "spare",
    };
    cache_file_for(cache_dir, dest, kind)
}

impl Manifest {
    /// The manifest of the last build into `dest`, if this program wrote a readable one.
    pub(super) fn load(cache_dir: &Path, dest: &Path, tree: Tree) -> Option<Manifest> {
        Manifest::read(cache_dir, dest, tree)
            .filter(|(maker, _)| *maker == this_program())
            .map(|(_, manifest)| manifest)
    }

    /// The manifest of the last build into `dest` by any version of the program, with the
    /// program that wrote it.
    pub(super) fn read(cache_dir: &Path, dest: &Path, tree: Tree) -> Option<(String, Manifest)> {
        let text = std::fs::read_to_string(manifest_path(cache_dir, dest, tree)).ok()?;
        // The last line is a checksum of the others: a manifest cut short or changed is not
        // one, and would otherwise leave pages no build removes.
        let (text, trailer) = text.trim_end_matches('\n').rsplit_once('\n')?;
        if trailer != checksum_line(text) {
            return None;
        }
        let mut lines = text.lines();
        let (maker, written_to) = lines.next()?.split_once('\t')?;
        let dest = absolute(dest);
        if Path::new(written_to) != dest {
            return None;
        }
        let (switched, checked) = lines.next()?.strip_prefix("switched\t")?.split_once('\t')?;
        let switched = match switched {
            "-" => None,
            time => Some(time.parse().ok()?),
        };
        let checked = match checked {
            "checked" => true,
            "unchecked" => false,
            _ => return None,
        };
        let mut files = Vec::new();
        let mut hand = std::collections::BTreeSet::new();
        for line in lines {
            if let Some(path) = line.strip_prefix("hand\t").filter(|p| !p.contains('\t')) {
                hand.insert(path.to_string());
                continue;
            }
            let mut fields = line.split('\t');
            let path: Arc<str> = fields.next()?.into();
            let mut number = || fields.next().and_then(|f| f.parse::<u64>().ok());
            let (high, low, size, modified) = (number()?, number()?, number()?, number()?);
            let digest = Key(high, low);
            files.push((
                path,
                FileState {
                    digest,
                    size,
                    modified,
                },
            ));
        }
        let manifest = Manifest {
            dest,
            files: FileList::new(files),
            hand,
            switched,
            checked,
        };
        Some((maker.to_string(), manifest))
    }

    /// Whether this manifest lists the file at `path` (relative to the output).
    pub(super) fn lists(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The state of the file at `path` in the tree at `dir`, if it is there as this manifest
    /// recorded it, made from inputs with the same digest.
    pub(super) fn still_on_disk(&self, path: &str, digest: Key, dir: &Path) -> Option<FileState> {
        self.listed_alike(path, digest)
            .filter(|state| on_disk(&dir.join(path)) == Some((state.size, state.modified)))
    }

    /// The state this manifest recorded for the file at `path`, if it was made from inputs
    /// with the same digest; the disk is not looked at.
    pub(super) fn listed_alike(&self, path: &str, digest: Key) -> Option<FileState> {
        self.listed_alike_at(path, digest).map(|(_, state)| state)
    }

    /// As `listed_alike`, with where the file stands in the list.
    pub(super) fn listed_alike_at(&self, path: &str, digest: Key) -> Option<(usize, FileState)> {
        let at = self.files.position(path)?;
        let state = self.files.entries()[at].1;
        (state.digest == digest).then_some((at, state))
    }

    /// Best effort: without a manifest the next build writes the whole site.
    pub(super) fn save(&self, cache_dir: &Path, tree: Tree) {
        let path = manifest_path(cache_dir, &self.dest, tree);
        let temporary = path.with_extension("new");
        let _ = std::fs::create_dir_all(cache_dir)
            .and_then(|()| self.write_to(&temporary))
            .and_then(|()| std::fs::rename(&temporary, &path));
    }

    /// Saves this manifest as the served tree's, and `old`, the one it replaces, as the
    /// spare's (the old tree is the next build's spare). While `old` is as it was read, its
    /// file is renamed rather than written again: at a million items it is 250 MB.
    pub(super) fn save_switched(&self, cache_dir: &Path, old: Option<Manifest>, old_as_read: bool) {
        let served = manifest_path(cache_dir, &self.dest, Tree::Served);
        let temporary = served.with_extension("new");
        let written = std::fs::create_dir_all(cache_dir).and_then(|()| self.write_to(&temporary));
        if let Some(old) = old {
            let spare = manifest_path(cache_dir, &self.dest, Tree::Spare);
            let renamed = written.is_ok() && old_as_read && std::fs::rename(&served, spare).is_ok();
            if !renamed {
                old.save(cache_dir, Tree::Spare);
            }
        }
        if written.is_ok() {
            let _ = std::fs::rename(&temporary, &served);
        }
    }

    /// Writes the manifest line by line, its checksum taken as it goes: at a million items
    /// it is 250 MB of text, not to be gathered first.
    fn write_to(&self, path: &Path) -> std::io::Result<()> {
        let mut out = Lines {
            file: std::io::BufWriter::new(std::fs::File::create(path)?),
            digest: TextDigest::default(),
            line: String::new(),
            first: true,
        };
        out.write(format_args!("{}\t{}", this_program(), self.dest.display()))?;
        let switched = self
            .switched
            .map_or("-".to_string(), |time| time.to_string());
        let checked = if self.checked { "checked" } else { "unchecked" };
        out.write(format_args!("switched\t{switched}\t{checked}"))?;
        for (path, state) in self.files.iter() {
            let (digest, size, modified) = (state.digest, state.size, state.modified);
            out.write(format_args!(
                "{path}\t{}\t{}\t{size}\t{modified}",
                digest.0, digest.1
            ))?;
        }
        for path in &self.hand {
            out.write(format_args!("hand\t{path}"))?;
        }
        let Lines {
            mut file, digest, ..
        } = out;
        writeln!(file, "{}", end_line(digest.finish()))?;
        file.flush()
    }
}

/// A manifest's lines on their way to its file, with the checksum of all of them so far (the
/// lines joined, as `checksum_line` reads them back).
struct Lines {
    file: std::io::BufWriter<std::fs::File>,
    digest: TextDigest,
    line: String,
    first: bool,
}

impl Lines {
    fn write(&mut self, line: std::fmt::Arguments) -> std::io::Result<()> {
        use std::fmt::Write;
        self.line.clear();
        let _ = self.line.write_fmt(line);
        if !std::mem::take(&mut self.first) {
            self.digest.add("\n");
        }
        self.digest.add(&self.line);
        self.file.write_all(self.line.as_bytes())?;
        self.file.write_all(b"\n")
    }
}

/// The line that ends a manifest: `end`, then a checksum of every line before it.
fn checksum_line(lines: &str) -> String {
    end_line(crate::digest::KeyBuilder::default().with(lines).finish())
}

fn end_line(sum: Key) -> String {
    format!("end\t{:016x}{:016x}", sum.0, sum.1)
}

/// The program that wrote a manifest: another version (or another build of this one) may
/// make different pages from the same inputs, so its manifest is not trusted.
fn this_program() -> String {
    format!("{MANIFEST_FORMAT} {}", crate::site::this_program())
}

/// (size, modification time in nanoseconds) of a file.
pub(super) fn on_disk(path: &Path) -> Option<(u64, u64)> {
    state_of(&std::fs::metadata(path).ok()?).ok()
}

pub(super) fn state_of(metadata: &std::fs::Metadata) -> std::io::Result<(u64, u64)> {
    let (size, modified) = crate::site::size_and_time(metadata)?;
    Ok((size, u64::try_from(modified).unwrap_or(u64::MAX)))
}

pub(super) fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(n: u64) -> FileState {
        FileState {
            digest: Key(n, n),
            size: n,
            modified: n,
        }
    }

    #[test]
    fn a_file_list_finds_each_path_whatever_order_it_was_given_in() {
        let paths = [
            "b/index.html",
            "a/index.html",
            "zh-hant/index.html",
            "a/b/index.html",
        ];
        let given = paths.iter().enumerate();
        let list = FileList::new(
            given
                .map(|(n, p)| (Arc::from(*p), state(n as u64)))
                .collect(),
        );
        for (n, path) in paths.iter().enumerate() {
            assert_eq!(list.get(path), Some(&state(n as u64)));
        }
        assert!(!list.contains_key("c/index.html"));
        let keys: Vec<&str> = list.keys().map(|k| &**k).collect();
        assert_eq!(
            keys,
            [
                "a/b/index.html",
                "a/index.html",
                "b/index.html",
                "zh-hant/index.html"
            ]
        );
    }

    #[test]
    fn files_removed_from_a_list_are_gone_and_the_rest_stay() {
        let given = ["a", "b", "c"].map(|p| (Arc::from(p), state(1)));
        let mut list = FileList::new(given.into());
        list.remove_all(&["b"].into_iter().collect());
        assert_eq!(list.keys().map(|k| &**k).collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(list.get_key_value("c").map(|(k, _)| &**k), Some("c"));
        assert_eq!(list.len(), 2);
    }
}
