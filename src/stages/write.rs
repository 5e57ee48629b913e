//! Stage 6: write the site. A failed build never reaches this stage, so the previous output
//! stays as it was; a rebuild writes only the files that changed (see `write_site`).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::digest::Key;
use crate::error::{Error, Problem, Result};
use crate::site::cache_file_for;
use crate::stages::item::OutputFile;

mod guard;
pub use guard::OutputSite;

/// Fails if two files would be written to the same path.
pub fn check_unique_paths(files: &mut [OutputFile]) -> Result<()> {
    files.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let problems: Vec<Problem> = files
        .windows(2)
        .filter(|pair| pair[0].path == pair[1].path)
        .map(|pair| {
            Problem::new(Path::new(&pair[0].path), 0, "two pages or files would be written to the same place")
                .with_hint("a slug, department key or static file clashes with another page: rename one of them")
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid(problems))
    }
}

/// What writing the site did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Files written (all of them when the output was replaced whole).
    pub written: usize,
    /// Files removed from the output because the site no longer has them.
    pub removed: usize,
}

/// Writes `files` as the new contents of `dest`.
///
/// When the manifest in `cache_dir` describes `dest` as the last build left it, only the files
/// that changed are written, each through a temporary file and a rename, and files the site
/// no longer has are removed: a rebuild after one edit writes a few files, not the whole
/// site. Otherwise the site goes to a staging directory beside `dest`, which then replaces it.
/// Either way `dest` ends up holding `files` (and, when updated in place, whatever was put
/// there by hand).
pub fn write_site(files: &[OutputFile], dest: &Path, site: &OutputSite) -> Result<Written> {
    let cache_dir = &site.cache_dir;
    guard::refuse_sources(dest, site)?;
    let previous = Manifest::load(cache_dir, dest).filter(|_| dest.is_dir());
    let (written, manifest) = match previous {
        Some(previous) => update_in_place(files, dest, previous)?,
        None => {
            // A manifest that is there but damaged still says the output is this site's.
            let damaged = manifest_path(cache_dir, dest).exists();
            match Manifest::read(cache_dir, dest) {
                Some((_, known)) => guard::refuse_foreign_files(dest, site, Some(&known))?,
                None if !damaged => guard::refuse_foreign_files(dest, site, None)?,
                None => {}
            }
            replace_whole(files, dest)?
        }
    };
    if written != Written::default() {
        manifest.save(cache_dir);
    }
    Ok(written)
}

/// The staging directory, then the swap.
fn replace_whole(files: &[OutputFile], dest: &Path) -> Result<(Written, Manifest)> {
    let staging = sibling(dest, "new");
    remove_if_present(&staging)?;
    std::fs::create_dir_all(&staging).map_err(|e| Error::write(&staging, e))?;
    create_directories(&staging, files.iter().map(|f| f.path.as_str()))?;
    let states = files
        .par_iter()
        .map(|file| {
            let path = staging.join(&file.path);
            let state = write_file(&path, file).map_err(|e| Error::write(&path, e))?;
            Ok((file.path.clone(), state))
        })
        .collect::<Result<_>>()?;
    if dest.exists() {
        let old = sibling(dest, "old");
        remove_if_present(&old)?;
        std::fs::rename(dest, &old).map_err(|e| Error::write(dest, e))?;
        std::fs::rename(&staging, dest).map_err(|e| Error::write(dest, e))?;
        remove_if_present(&old)?;
    } else {
        std::fs::rename(&staging, dest).map_err(|e| Error::write(dest, e))?;
    }
    let written = Written {
        written: files.len(),
        removed: 0,
    };
    Ok((
        written,
        Manifest {
            dest: absolute(dest),
            files: states,
        },
    ))
}

/// Writes the files whose digest or whose file on disk changed, and removes the files the
/// last build wrote that the site no longer has. Files put into `dest` by hand are left.
fn update_in_place(
    files: &[OutputFile],
    dest: &Path,
    mut manifest: Manifest,
) -> Result<(Written, Manifest)> {
    let changed: Vec<&OutputFile> = files
        .par_iter()
        .filter(|file| !manifest.still_on_disk(file, dest))
        .collect();
    create_directories(dest, changed.iter().map(|f| f.path.as_str()))?;
    let states: Vec<(String, FileState)> = changed
        .par_iter()
        .map(|file| {
            let path = dest.join(&file.path);
            // A rename replaces the file at once: a reader never sees half of it.
            let temporary = sibling(&path, "tmp");
            let state = write_file(&temporary, file)
                .and_then(|state| std::fs::rename(&temporary, &path).map(|()| state))
                .map_err(|e| Error::write(&path, e))?;
            Ok((file.path.clone(), state))
        })
        .collect::<Result<_>>()?;
    // What the last build wrote and this one does not make goes, and so do the directories
    // that leaves empty.
    let wanted: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut gone: Vec<String> = manifest
        .files
        .keys()
        .filter(|path| !wanted.contains(path.as_str()))
        .cloned()
        .collect();
    gone.sort();
    for path in &gone {
        manifest.files.remove(path);
        let file = dest.join(path);
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::write(&file, e));
            }
            _ => {}
        }
        let mut directory = file.parent();
        while let Some(dir) = directory.filter(|d| *d != dest) {
            if std::fs::remove_dir(dir).is_err() {
                break;
            }
            directory = dir.parent();
        }
    }
    let written = Written {
        written: states.len(),
        removed: gone.len(),
    };
    manifest.files.extend(states);
    Ok((written, manifest))
}

/// Writes one file and returns its state for the manifest, read from the open file.
fn write_file(path: &Path, file: &OutputFile) -> std::io::Result<FileState> {
    use std::io::Write;
    let mut handle = std::fs::File::create(path)?;
    handle.write_all(&file.contents)?;
    let (size, modified) = state_of(&handle.metadata()?)?;
    Ok(FileState {
        digest: digest_of(file),
        size,
        modified,
    })
}

/// Every directory the files need: level by level, parents before children, each level in
/// parallel (a site has a directory per item).
fn create_directories<'a>(root: &Path, paths: impl Iterator<Item = &'a str>) -> Result<()> {
    let directories: std::collections::BTreeSet<&str> = paths
        .filter_map(|path| path.rsplit_once('/').map(|(dir, _)| dir))
        .flat_map(|dir| {
            // The parents too, so that each level finds its parent made.
            dir.match_indices('/')
                .map(move |(i, _)| &dir[..i])
                .chain(std::iter::once(dir))
        })
        .collect();
    let mut levels: Vec<Vec<&str>> = Vec::new();
    for directory in directories {
        let depth = directory.matches('/').count();
        if levels.len() <= depth {
            levels.resize(depth + 1, Vec::new());
        }
        levels[depth].push(directory);
    }
    for level in levels {
        level.par_iter().try_for_each(|directory| {
            let path = root.join(directory);
            match std::fs::create_dir(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    Err(Error::write(&path, e))
                }
                _ => Ok(()),
            }
        })?;
    }
    Ok(())
}

/// What the last build wrote to an output directory: for each file, the digest it was made
/// from (or of its contents) and its size and modification time once written, so that a file
/// changed by hand since is written again.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    dest: PathBuf,
    files: std::collections::HashMap<String, FileState>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileState {
    digest: Key,
    size: u64,
    modified: u128,
}

/// The name of the manifests' format.
const MANIFEST_FORMAT: &str = "bltnom02";

/// One manifest per output directory: a build with `--output` elsewhere keeps its own.
fn manifest_path(cache_dir: &Path, dest: &Path) -> PathBuf {
    cache_file_for(cache_dir, dest, "output")
}

impl Manifest {
    /// The manifest of the last build into `dest`, if this program wrote a readable one.
    fn load(cache_dir: &Path, dest: &Path) -> Option<Manifest> {
        Manifest::read(cache_dir, dest)
            .filter(|(maker, _)| *maker == this_program())
            .map(|(_, manifest)| manifest)
    }

    /// The manifest of the last build into `dest` by any version of the program, with the
    /// program that wrote it.
    fn read(cache_dir: &Path, dest: &Path) -> Option<(String, Manifest)> {
        let text = std::fs::read_to_string(manifest_path(cache_dir, dest)).ok()?;
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
        let mut files = std::collections::HashMap::new();
        for line in lines {
            let mut fields = line.split('\t');
            let path = fields.next()?.to_string();
            let mut number = || fields.next().and_then(|f| f.parse::<u128>().ok());
            let (high, low, size, modified) = (number()?, number()?, number()?, number()?);
            let digest = Key(u64::try_from(high).ok()?, u64::try_from(low).ok()?);
            let size = u64::try_from(size).ok()?;
            files.insert(
                path,
                FileState {
                    digest,
                    size,
                    modified,
                },
            );
        }
        Some((maker.to_string(), Manifest { dest, files }))
    }

    /// Whether this manifest lists the file at `path` (relative to the output).
    fn lists(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Whether `file` is on disk as this manifest recorded it, made from the same inputs.
    fn still_on_disk(&self, file: &OutputFile, dest: &Path) -> bool {
        self.files.get(&file.path).is_some_and(|state| {
            state.digest == digest_of(file)
                && on_disk(&dest.join(&file.path)) == Some((state.size, state.modified))
        })
    }

    /// Best effort: without a manifest the next build writes the whole site.
    fn save(&self, cache_dir: &Path) {
        let mut entries: Vec<(&String, &FileState)> = self.files.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut text = format!("{}\t{}\n", this_program(), self.dest.display());
        for (path, state) in entries {
            text.push_str(&format!(
                "{path}\t{}\t{}\t{}\t{}\n",
                state.digest.0, state.digest.1, state.size, state.modified
            ));
        }
        let trailer = checksum_line(text.trim_end_matches('\n'));
        text.push_str(&trailer);
        text.push('\n');
        let path = manifest_path(cache_dir, &self.dest);
        let temporary = path.with_extension("new");
        let _ = std::fs::create_dir_all(cache_dir)
            .and_then(|()| std::fs::write(&temporary, text))
            .and_then(|()| std::fs::rename(&temporary, &path));
    }
}

/// The line that ends a manifest: `end`, then a checksum of every line before it.
fn checksum_line(lines: &str) -> String {
    let sum = crate::digest::KeyBuilder::default().with(lines).finish();
    format!("end\t{:016x}{:016x}", sum.0, sum.1)
}

/// The program that wrote a manifest: another version (or another build of this one) may
/// make different pages from the same inputs, so its manifest is not trusted.
fn this_program() -> String {
    let binary = std::env::current_exe()
        .ok()
        .and_then(|exe| on_disk(&exe))
        .unwrap_or_default();
    format!(
        "{MANIFEST_FORMAT} {} {} {}",
        env!("CARGO_PKG_VERSION"),
        binary.0,
        binary.1
    )
}

/// A made file's inputs digest; a copied file's contents digest.
fn digest_of(file: &OutputFile) -> Key {
    file.made_from.unwrap_or_else(|| {
        crate::digest::KeyBuilder::default()
            .with(file.contents.as_ref())
            .finish()
    })
}

/// (size, modification time in nanoseconds) of a file.
fn on_disk(path: &Path) -> Option<(u64, u128)> {
    state_of(&std::fs::metadata(path).ok()?).ok()
}

fn state_of(metadata: &std::fs::Metadata) -> std::io::Result<(u64, u128)> {
    let modified = metadata
        .modified()?
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(std::io::Error::other)?
        .as_nanos();
    Ok((metadata.len(), modified))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `public` -> `.public.new` in the same directory, so that renames stay on one file system.
fn sibling(dest: &Path, suffix: &str) -> PathBuf {
    let name = dest
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    dest.with_file_name(format!(".{name}.{suffix}"))
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::write(path, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile::copied(path, Bytes::copy_from_slice(contents.as_bytes()))
    }

    /// A site at `dir/site` whose cache is `dir/cache`.
    fn site_in(dir: &Path) -> OutputSite {
        OutputSite {
            root: dir.join("site"),
            cache_dir: dir.join("cache"),
            force: false,
        }
    }

    #[test]
    fn writing_replaces_the_whole_directory() {
        let dir = tempfile::tempdir().unwrap();
        let (dest, mut site) = (dir.path().join("public"), site_in(dir.path()));
        let files = [file("a/index.html", "one"), file("stale.txt", "x")];
        let first = write_site(&files, &dest, &site).unwrap();
        assert_eq!(first.written, 2);
        // Without a manifest the files are no build's, as far as anyone can tell: replacing
        // them takes --force.
        std::fs::remove_dir_all(&site.cache_dir).unwrap();
        let refused = write_site(&[file("a/index.html", "two")], &dest, &site).unwrap_err();
        assert!(
            refused.problems()[0]
                .message
                .contains("a/index.html, stale.txt"),
            "{refused}"
        );
        site.force = true;
        write_site(&[file("a/index.html", "two")], &dest, &site).unwrap();
        assert_eq!(
            std::fs::read_to_string(dest.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!dest.join("stale.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(leftovers, ["cache", "public"]);
    }

    #[test]
    fn a_rebuild_writes_only_what_changed_and_ends_with_exactly_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let (dest, cache) = (dir.path().join("public"), site_in(dir.path()));
        let site = |b: &str| {
            vec![
                file("a/index.html", "a"),
                file("b/index.html", b),
                file("c/deep/index.html", "c"),
                file("static/style.css", "css"),
            ]
        };
        write_site(&site("b"), &dest, &cache).unwrap();
        let again = write_site(&site("b"), &dest, &cache).unwrap();
        assert_eq!(
            again,
            Written {
                written: 0,
                removed: 0
            }
        );

        let changed = write_site(&site("b2"), &dest, &cache).unwrap();
        assert_eq!(
            changed,
            Written {
                written: 1,
                removed: 0
            }
        );
        assert_eq!(
            std::fs::read_to_string(dest.join("b/index.html")).unwrap(),
            "b2"
        );

        // A file changed or added by hand, and a page the site no longer has.
        std::fs::write(dest.join("a/index.html"), "edited by hand").unwrap();
        std::fs::write(dest.join("stray.txt"), "x").unwrap();
        let mut fewer = site("b2");
        fewer.retain(|f| !f.path.starts_with("c/"));
        let fixed = write_site(&fewer, &dest, &cache).unwrap();
        assert_eq!(
            fixed,
            Written {
                written: 1,
                removed: 1
            }
        );
        std::fs::remove_file(dest.join("stray.txt")).unwrap();
        let tree: Vec<String> = walkdir::WalkDir::new(&dest)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .map(|e| {
                e.unwrap()
                    .path()
                    .strip_prefix(&dest)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            tree,
            [
                "a",
                "a/index.html",
                "b",
                "b/index.html",
                "static",
                "static/style.css"
            ]
        );
        assert_eq!(
            std::fs::read_to_string(dest.join("a/index.html")).unwrap(),
            "a"
        );
    }

    #[test]
    fn a_manifest_cut_short_is_dropped_and_the_output_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (dest, site) = (dir.path().join("public"), site_in(dir.path()));
        let files = [file("a", "1"), file("b", "2"), file("c/index.html", "3")];
        write_site(&files, &dest, &site).unwrap();
        // Cut at a line boundary: the last file's line and the checksum go.
        let path = manifest_path(&site.cache_dir, &dest);
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: Vec<&str> = text.lines().take(text.lines().count() - 2).collect();
        std::fs::write(&path, kept.join("\n") + "\n").unwrap();
        // The site no longer has c: with the cut manifest trusted, it would stay forever.
        write_site(&files[..2], &dest, &site).unwrap();
        assert!(!dest.join("c").exists());
        assert_eq!(std::fs::read_to_string(dest.join("b")).unwrap(), "2");
        // And the manifest written now is whole again: nothing changed, nothing written.
        assert_eq!(
            write_site(&files[..2], &dest, &site).unwrap(),
            Written::default()
        );
    }

    #[test]
    fn a_site_directory_is_never_used_as_output() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bulletin.yaml"), "").unwrap();
        assert!(write_site(&[], dir.path(), &site_in(dir.path())).is_err());
        assert!(dir.path().join("bulletin.yaml").exists());
    }

    #[test]
    fn clashing_paths_are_reported() {
        let mut files = vec![file("b", ""), file("a", ""), file("b", "")];
        let err = check_unique_paths(&mut files).unwrap_err();
        assert_eq!(err.problems().len(), 1);
    }
}
