//! The spare tree beside the output, made into the new site file by file before it is
//! switched in: what it already holds is kept, what is unchanged in the served tree is
//! hard-linked from there, and only the rest is written.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::manifest::{FileState, Manifest, Tree, manifest_path, state_of};
use super::{remove_file_if_present, remove_if_present};
use crate::digest::Key;
use crate::error::{Error, Result};
use crate::stages::item::OutputFile;

/// The spare being made ready, with what its manifest says it held.
pub(super) struct Spare {
    pub(super) dir: PathBuf,
    /// The spare's manifest, if it is trusted.
    kept: Option<Manifest>,
    /// The spare was made empty for this build: nothing in it to replace or remove.
    fresh: bool,
}

impl Spare {
    /// The spare of the output at `dest`, as it was left, or empty if it cannot be trusted.
    pub(super) fn start(dest: &Path, cache_dir: &Path) -> Result<Spare> {
        let dir = sibling(dest, "spare");
        let kept = Manifest::load(cache_dir, dest, Tree::Spare).filter(|_| dir.is_dir());
        // Until the spare is switched in, no manifest describes it: a build killed while it is
        // being changed leaves none, and the next build starts it afresh.
        remove_file_if_present(&manifest_path(cache_dir, dest, Tree::Spare))?;
        if kept.is_none() {
            remove_if_present(&dir)?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        Ok(Spare {
            dir,
            fresh: kept.is_none(),
            kept,
        })
    }

    /// Puts changed files into the spare, unless it holds them as they are already: each
    /// one's state, and whether it was written.
    pub(super) fn write<'f>(
        &self,
        files: &[&'f OutputFile],
    ) -> Result<HashMap<&'f str, (FileState, bool)>> {
        let kept: Vec<Option<FileState>> = files
            .par_iter()
            .map(|file| self.still_here(&file.path, file.digest()))
            .collect();
        let missing = files.iter().zip(&kept).filter(|(_, k)| k.is_none());
        create_directories(&self.dir, missing.map(|(f, _)| &*f.path))?;
        files
            .par_iter()
            .zip(&kept)
            .map(|(file, kept)| {
                let placed = match kept {
                    Some(state) => (*state, false),
                    None => (self.place(&file.path, |to| write_file(to, file))?, true),
                };
                Ok((&*file.path, placed))
            })
            .collect()
    }

    /// Links into the spare the files unchanged in the served tree at `dest`, unless the
    /// spare holds them already; the state of each.
    pub(super) fn link_unchanged(
        &self,
        dest: &Path,
        served: Option<&Manifest>,
        files: &[(&Arc<str>, Key)],
    ) -> Result<Vec<(Arc<str>, FileState)>> {
        let kept: Vec<Option<FileState>> = files
            .par_iter()
            .map(|&(path, digest)| self.listed_here(path, digest))
            .collect();
        let missing = files.iter().zip(&kept).filter(|(_, k)| k.is_none());
        create_directories(&self.dir, missing.map(|((path, _), _)| &***path))?;
        files
            .par_iter()
            .zip(&kept)
            .map(|(&(path, _), kept)| {
                let state = match kept {
                    Some(state) => *state,
                    None => {
                        let link = |to: &Path| std::fs::hard_link(dest.join(&**path), to);
                        self.place(path, link)?;
                        served.and_then(|m| m.files.get(path).copied()).expect(
                            "a file is linked only when the served manifest lists it unchanged",
                        )
                    }
                };
                Ok((Arc::clone(path), state))
            })
            .collect()
    }

    /// The state of the spare's file at `path`, if it is there as its manifest recorded it,
    /// made from the same inputs.
    fn still_here(&self, path: &str, digest: Key) -> Option<FileState> {
        let kept = self.kept.as_ref()?;
        kept.still_on_disk(path, digest, &self.dir)
    }

    /// The state of the spare's file at `path`, if its manifest lists it made from the same
    /// inputs. For files unchanged in the served tree the manifest is trusted without a look
    /// at the disk when it lists only files checked when their tree was last served (those
    /// found changed by hand then are dropped from it): the spare is no one else's.
    fn listed_here(&self, path: &str, digest: Key) -> Option<FileState> {
        let kept = self.kept.as_ref()?;
        match kept.checked {
            true => kept.listed_alike(path, digest),
            false => kept.still_on_disk(path, digest, &self.dir),
        }
    }

    /// Makes the spare's file at `path` with `make`: in a spare made empty for this build
    /// straight at its place, else through a temporary name and a rename.
    fn place<T>(&self, path: &str, make: impl FnOnce(&Path) -> std::io::Result<T>) -> Result<T> {
        let target = self.dir.join(path);
        if self.fresh {
            return make(&target).map_err(|e| Error::write(&target, e));
        }
        let temporary = sibling(&target, "tmp");
        let _ = std::fs::remove_file(&temporary);
        let made = make(&temporary).map_err(|e| Error::write(&target, e))?;
        std::fs::rename(&temporary, &target).map_err(|e| Error::write(&target, e))?;
        // A rename between two links to one file does nothing: the target already was the
        // file linked (changed by hand in both trees), and the link made is left over.
        let _ = std::fs::remove_file(&temporary);
        Ok(made)
    }

    /// Removes from the spare what its manifest says it holds (files made and files put by
    /// hand) that is neither in the site nor put into the served tree by hand, and the
    /// directories that leaves empty.
    pub(super) fn remove_unwanted(
        &self,
        wanted: &FxHashSet<&str>,
        hand: &BTreeSet<String>,
    ) -> Result<()> {
        let Some(kept) = &self.kept else {
            return Ok(());
        };
        let made = kept.files.keys().map(|path| &**path);
        let unwanted = (made.chain(kept.hand.iter().map(String::as_str)))
            .filter(|path| !wanted.contains(path) && !hand.contains(*path));
        for path in unwanted {
            let file = self.dir.join(path);
            remove_file_if_present(&file)?;
            // And the directories that leaves empty.
            let mut directory = file.parent();
            while let Some(dir) = directory.filter(|d| *d != self.dir) {
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
                directory = dir.parent();
            }
        }
        Ok(())
    }

    /// Links the served tree's hand-put files into the spare, so that the switch keeps them.
    pub(super) fn carry_hand_files(&self, dest: &Path, hand: &BTreeSet<String>) -> Result<()> {
        create_directories(&self.dir, hand.iter().map(String::as_str))?;
        for path in hand {
            // The served copy wins: the spare may hold one from before an edit by hand.
            let target = self.dir.join(path);
            remove_file_if_present(&target)?;
            std::fs::hard_link(dest.join(path), &target).map_err(|e| Error::write(&target, e))?;
        }
        Ok(())
    }
}

/// Writes one file and returns its state for the manifest, read from the open file.
fn write_file(path: &Path, file: &OutputFile) -> std::io::Result<FileState> {
    use std::io::Write;
    let mut handle = std::fs::File::create(path)?;
    handle.write_all(&file.contents)?;
    let (size, modified) = state_of(&handle.metadata()?)?;
    Ok(FileState {
        digest: file.digest(),
        size,
        modified,
    })
}

/// Every directory the files need: level by level, parents before children, each level in
/// parallel (a site has a directory per item).
fn create_directories<'a>(root: &Path, paths: impl Iterator<Item = &'a str>) -> Result<()> {
    let directories: BTreeSet<&str> = paths
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
    let create = |directory: &&str| {
        let path = root.join(directory);
        match std::fs::create_dir(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(Error::write(&path, e)),
            _ => Ok(()),
        }
    };
    // One thread per parent at a time: two threads adding entries to one directory wait on
    // its lock, which at a million items was most of the build's system time.
    fn parent(directory: &str) -> &str {
        directory.rsplit_once('/').map_or("", |(parent, _)| parent)
    }
    for level in levels {
        let siblings: Vec<&[&str]> = level.chunk_by(|a, b| parent(a) == parent(b)).collect();
        siblings
            .par_iter()
            .try_for_each(|group| group.iter().try_for_each(create))?;
    }
    Ok(())
}

/// `public` -> `.public.spare` in the same directory, so that renames stay on one file system.
pub(super) fn sibling(dest: &Path, suffix: &str) -> PathBuf {
    let name = dest
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    dest.with_file_name(format!(".{name}.{suffix}"))
}
