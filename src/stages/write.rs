//! Stage 6: write the site. A failed build never reaches this stage, so the previous output
//! stays as it was; a rebuild writes only the files that changed (see `write_site`).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Problem, Result};
use crate::stages::item::OutputFile;

mod guard;
mod manifest;
mod swap;

pub use guard::OutputSite;
use manifest::{FileState, Manifest, Tree, absolute, digest_of, manifest_path, state_of};

/// Fails if two files would be written to the same path.
pub fn check_unique_paths(files: &mut [OutputFile]) -> Result<()> {
    files.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let problems: Vec<Problem> = files
        .windows(2)
        .filter(|pair| pair[0].path == pair[1].path)
        .map(|pair| {
            Problem::new(Path::new(&pair[0].path), 0, "two pages or files would be written to the same place")
                .with_hint("a slug, department key, old address (`aliases`) or static file clashes with another page: rename one of them")
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

/// Writes `files` as the new contents of `dest`, so that `dest` is at every moment either the
/// whole old site or the whole new one, even if the build is killed.
///
/// The new site is made in a spare tree beside `dest` (`.public.spare`), which is then switched
/// with `dest` in one step (`renameat2` with `RENAME_EXCHANGE` on Linux); the old tree stays as
/// the next build's spare. Bringing the spare up to date costs only what changed: files it
/// already holds are kept, files unchanged in `dest` are hard-linked from there, and only the
/// others are written. A build with nothing changed touches nothing. Files put into `dest` by
/// hand are carried over.
pub fn write_site(files: &[OutputFile], dest: &Path, site: &OutputSite) -> Result<Written> {
    let cache_dir = &site.cache_dir;
    guard::refuse_sources(dest, site)?;
    let served = Manifest::load(cache_dir, dest, Tree::Served).filter(|_| dest.is_dir());
    match &served {
        Some(served) if served.describes(files, dest) => return Ok(Written::default()),
        Some(_) => {}
        None => {
            // A manifest that is there but damaged still says the output is this site's.
            let damaged = manifest_path(cache_dir, dest, Tree::Served).exists();
            match Manifest::read(cache_dir, dest, Tree::Served) {
                Some((_, known)) => guard::refuse_foreign_files(dest, site, Some(&known))?,
                None if !damaged => guard::refuse_foreign_files(dest, site, None)?,
                None => {}
            }
        }
    }
    let spare_dir = sibling(dest, "spare");
    let spare = Manifest::load(cache_dir, dest, Tree::Spare).filter(|_| spare_dir.is_dir());
    // Until the spare is switched in, no manifest describes it: a build killed while it is
    // being changed leaves none, and the next build starts it afresh.
    remove_file_if_present(&manifest_path(cache_dir, dest, Tree::Spare))?;
    if spare.is_none() {
        remove_if_present(&spare_dir)?;
    }
    std::fs::create_dir_all(&spare_dir).map_err(|e| Error::write(&spare_dir, e))?;
    let trees = Trees {
        dest,
        spare: &spare_dir,
        served: served.as_ref().filter(|_| dest.is_dir()),
        kept: spare.as_ref(),
        fresh: spare.is_none(),
    };
    let wanted: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let hand = trees.hand_files(&wanted);
    let (states, written) = trees.fill(files, &wanted, &hand)?;
    let removed = served.as_ref().map_or(0, |served| {
        served
            .files
            .keys()
            .filter(|p| !wanted.contains(p.as_str()))
            .count()
    });
    if dest.is_dir() {
        trees.carry_hand_files(&hand)?;
        swap::exchange(&spare_dir, dest).map_err(|e| Error::write(dest, e))?;
    } else {
        std::fs::rename(&spare_dir, dest).map_err(|e| Error::write(dest, e))?;
    }
    Manifest {
        dest: absolute(dest),
        files: states,
        hand,
    }
    .save(cache_dir, Tree::Served);
    // The old tree is the next build's spare.
    if let Some(served) = served {
        served.save(cache_dir, Tree::Spare);
    }
    Ok(Written { written, removed })
}

/// The served tree and the spare being made ready, with what their manifests say.
struct Trees<'a> {
    dest: &'a Path,
    spare: &'a Path,
    /// The served tree's manifest, if it is trusted.
    served: Option<&'a Manifest>,
    /// The spare's manifest, if it is trusted.
    kept: Option<&'a Manifest>,
    /// The spare was made empty for this build: nothing in it to replace or remove.
    fresh: bool,
}

impl Trees<'_> {
    /// Makes the spare hold exactly `files`; each file's state, and how many were written.
    fn fill(
        &self,
        files: &[OutputFile],
        wanted: &HashSet<&str>,
        hand: &BTreeSet<String>,
    ) -> Result<(HashMap<String, FileState>, usize)> {
        let kept: Vec<Option<FileState>> = files
            .par_iter()
            .map(|file| self.kept.and_then(|m| m.still_on_disk(file, self.spare)))
            .collect();
        let missing = files.iter().zip(&kept).filter(|(_, k)| k.is_none());
        create_directories(self.spare, missing.map(|(f, _)| f.path.as_str()))?;
        let placed: Vec<(String, FileState, bool)> = files
            .par_iter()
            .zip(&kept)
            .map(|(file, kept)| {
                let (state, written) = match kept {
                    Some(state) => (*state, false),
                    None => self.place(file)?,
                };
                Ok((file.path.clone(), state, written))
            })
            .collect::<Result<_>>()?;
        if let Some(kept) = self.kept {
            self.remove_unwanted(kept, wanted, hand)?;
        }
        let written = placed.iter().filter(|(_, _, written)| *written).count();
        let states = placed.into_iter().map(|(p, s, _)| (p, s)).collect();
        Ok((states, written))
    }

    /// Puts one file into the spare: a hard link to the served file when that is unchanged,
    /// else the file written anew. Either way through a temporary name and a rename.
    fn place(&self, file: &OutputFile) -> Result<(FileState, bool)> {
        let path = self.spare.join(&file.path);
        // In a spare made empty for this build the file goes straight to its place.
        let temporary = if self.fresh {
            path.clone()
        } else {
            let temporary = sibling(&path, "tmp");
            let _ = std::fs::remove_file(&temporary);
            temporary
        };
        let unchanged = self.served.and_then(|m| m.still_on_disk(file, self.dest));
        let (state, written) = match unchanged {
            Some(state) => {
                std::fs::hard_link(self.dest.join(&file.path), &temporary)
                    .map_err(|e| Error::write(&path, e))?;
                (state, false)
            }
            None => (
                write_file(&temporary, file).map_err(|e| Error::write(&path, e))?,
                true,
            ),
        };
        if !self.fresh {
            std::fs::rename(&temporary, &path).map_err(|e| Error::write(&path, e))?;
        }
        Ok((state, written))
    }

    /// Removes from the spare what its manifest says it holds (files made and files put by
    /// hand) that is neither in the site nor put into the served tree by hand, and the
    /// directories that leaves empty.
    fn remove_unwanted(
        &self,
        kept: &Manifest,
        wanted: &HashSet<&str>,
        hand: &BTreeSet<String>,
    ) -> Result<()> {
        let unwanted = kept
            .files
            .keys()
            .chain(&kept.hand)
            .filter(|path| !wanted.contains(path.as_str()) && !hand.contains(*path));
        for path in unwanted {
            let file = self.spare.join(path);
            match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::write(&file, e));
                }
                _ => {}
            }
            // And the directories that leaves empty.
            let mut directory = file.parent();
            while let Some(dir) = directory.filter(|d| *d != self.spare) {
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
                directory = dir.parent();
            }
        }
        Ok(())
    }

    /// The files of the served tree that no build wrote: put there by hand, to be kept.
    fn hand_files(&self, wanted: &HashSet<&str>) -> BTreeSet<String> {
        let Some(served) = self.served else {
            return BTreeSet::new();
        };
        walkdir::WalkDir::new(self.dest)
            .min_depth(1)
            .into_iter()
            .filter_map(|entry| entry.ok())
            .filter(|entry| !entry.file_type().is_dir())
            .map(|entry| relative(self.dest, entry.path()))
            .filter(|path| !served.lists(path) && !wanted.contains(path.as_str()))
            .collect()
    }

    /// Links the served tree's hand-put files into the spare, so that the switch keeps them.
    fn carry_hand_files(&self, hand: &BTreeSet<String>) -> Result<()> {
        create_directories(self.spare, hand.iter().map(String::as_str))?;
        for path in hand {
            // The served copy wins: the spare may hold one from before an edit by hand.
            let target = self.spare.join(path);
            remove_file_if_present(&target)?;
            std::fs::hard_link(self.dest.join(path), &target)
                .map_err(|e| Error::write(&target, e))?;
        }
        Ok(())
    }
}

/// `path` below `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
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

/// `public` -> `.public.new` in the same directory, so that renames stay on one file system.
fn sibling(dest: &Path, suffix: &str) -> PathBuf {
    let name = dest
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    dest.with_file_name(format!(".{name}.{suffix}"))
}

fn remove_file_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::write(path, e)),
        _ => Ok(()),
    }
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
        // The old tree is kept beside, as the next build's spare; nothing else is left.
        assert_eq!(leftovers, [".public.spare", "cache", "public"]);
    }

    #[test]
    fn the_spare_is_brought_up_to_date_with_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let (dest, site) = (dir.path().join("public"), site_in(dir.path()));
        let spare = dir.path().join(".public.spare");
        let site_of = |n: &str| vec![file("a", "a"), file("b", n), file("c/d", "d")];
        write_site(&site_of("1"), &dest, &site).unwrap();
        write_site(&site_of("2"), &dest, &site).unwrap();
        // The spare holds the first site; the unchanged files are the served ones, linked.
        use std::os::unix::fs::MetadataExt;
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        assert_eq!(std::fs::read_to_string(spare.join("b")).unwrap(), "1");
        assert_eq!(inode(&spare.join("a")), inode(&dest.join("a")));
        // A third build writes one file and switches again.
        let third = write_site(&site_of("3"), &dest, &site).unwrap();
        assert_eq!(
            third,
            Written {
                written: 1,
                removed: 0
            }
        );
        assert_eq!(std::fs::read_to_string(dest.join("b")).unwrap(), "3");
        assert_eq!(tree_of(&dest), ["a", "b", "c/d"]);
        assert_eq!(std::fs::read_to_string(spare.join("b")).unwrap(), "2");
        // A spare damaged while no build ran (its manifest gone) is made afresh.
        std::fs::write(spare.join("stray"), "x").unwrap();
        std::fs::remove_file(manifest_path(&site.cache_dir, &dest, Tree::Spare)).unwrap();
        write_site(&site_of("4"), &dest, &site).unwrap();
        assert_eq!(tree_of(&dest), ["a", "b", "c/d"]);
    }

    #[test]
    fn files_put_by_hand_stay_as_last_written_and_go_when_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let (dest, site) = (dir.path().join("public"), site_in(dir.path()));
        let site_of = |n: &str| vec![file("a", n)];
        let hand = dest.join("extra/by-hand.txt");
        write_site(&site_of("1"), &dest, &site).unwrap();
        std::fs::create_dir_all(hand.parent().unwrap()).unwrap();
        std::fs::write(&hand, "v1").unwrap();
        for (n, text) in [("2", "v1"), ("3", "v2"), ("4", "v2"), ("5", "v3")] {
            if text != std::fs::read_to_string(&hand).unwrap() {
                std::fs::write(&hand, text).unwrap();
            }
            write_site(&site_of(n), &dest, &site).unwrap();
            assert_eq!(
                std::fs::read_to_string(&hand).unwrap(),
                text,
                "after build {n}"
            );
        }
        std::fs::remove_file(&hand).unwrap();
        for n in ["6", "7"] {
            write_site(&site_of(n), &dest, &site).unwrap();
            assert_eq!(tree_of(&dest), ["a"], "after build {n}");
        }
    }

    /// The files below `dir`, relative, sorted.
    fn tree_of(dir: &Path) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| relative(dir, e.path()))
            .collect();
        files.sort();
        files
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
        let path = manifest_path(&site.cache_dir, &dest, Tree::Served);
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
