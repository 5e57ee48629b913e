//! Stage 6: write the site. Pages reach this stage in batches as they are rendered, so a site
//! is never held in memory whole; a failed build never switches its output in, so the previous
//! output stays as it was; a rebuild writes only the files that changed (see `SiteWriter`).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::digest::Key;
use crate::error::{Error, Result};
use crate::site::disk::DiskPool;
use crate::stages::item::{FileSink, FileSource, OutputFile};

mod checks;
mod guard;
mod hand;
mod manifest;
mod spare;
mod swap;

use checks::ServedChecks;
pub use guard::OutputSite;
use manifest::{FileList, FileState, Manifest, Tree, absolute, manifest_path};
use spare::{Spare, sibling};

/// What writing the site did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Files written (all of them when the output was replaced whole).
    pub written: usize,
    /// Files removed from the output because the site no longer has them.
    pub removed: usize,
}

/// Writes a site, given batch by batch, as the new contents of `dest`, so that `dest` is at
/// every moment either the whole old site or the whole new one, even if the build is killed.
///
/// The new site is made in a spare tree beside `dest` (`.public.spare`), which `finish`
/// switches with `dest` in one step (`renameat2` with `RENAME_EXCHANGE` on Linux); the old tree
/// stays as the next build's spare. A file that changed is written into the spare as soon as
/// it is given; one unchanged in `dest` is only noted, and hard-linked into the spare at the
/// end (or kept, when the spare already holds it). A build with nothing changed touches
/// nothing. Files put into `dest` by hand are carried over. The paths given must be unique
/// (`SitePaths::checked`).
pub struct SiteWriter<'a> {
    dest: PathBuf,
    site: &'a OutputSite,
    /// The served tree's manifest, if it is trusted.
    served: Option<Manifest>,
    /// Which of its files are still on disk as it lists them (looked at from the start).
    checks: ServedChecks,
    /// Started when the first changed file comes.
    spare: Option<Spare>,
    /// Every file given so far, and where it stands.
    placed: Vec<Placed>,
    /// Files the served tree's manifest lists as made from the same inputs that are no longer
    /// on disk as written: changed by hand.
    changed_by_hand: Vec<String>,
    /// Where the states of files are checked: a million at a time wait on the disk.
    disk: DiskPool,
}

/// A file given to the writer.
struct Placed {
    /// Shared with the file given, or with the served manifest for a file kept.
    path: Arc<str>,
    digest: Key,
    /// Its state in the spare; or, when `None`, it is unchanged in the served tree and still
    /// to be linked into the spare.
    in_spare: Option<FileState>,
    written: bool,
}

impl<'a> SiteWriter<'a> {
    /// Ready to write the site at `dest`; refuses an output that is the site's sources or
    /// holds files no build of this site wrote (unless `--force`).
    pub fn open(dest: &Path, site: &'a OutputSite) -> Result<Self> {
        guard::refuse_sources(dest, site)?;
        let cache_dir = &site.cache_dir;
        let served = Manifest::load(cache_dir, dest, Tree::Served).filter(|_| dest.is_dir());
        if served.is_none() {
            // A manifest that is there but damaged still says the output is this site's.
            let damaged = manifest_path(cache_dir, dest, Tree::Served).exists();
            match Manifest::read(cache_dir, dest, Tree::Served) {
                Some((_, known)) => guard::refuse_foreign_files(dest, site, Some(&known))?,
                None if !damaged => guard::refuse_foreign_files(dest, site, None)?,
                None => {}
            }
        }
        let checks = match &served {
            Some(served) if !site.trust_output => ServedChecks::start(&served.files, dest),
            _ => ServedChecks::Skipped,
        };
        Ok(SiteWriter {
            dest: dest.to_path_buf(),
            site,
            served,
            checks,
            spare: None,
            placed: Vec::new(),
            changed_by_hand: Vec::new(),
            disk: DiskPool::new(),
        })
    }

    /// Takes a batch of the site's files: the changed ones are written into the spare now.
    pub fn put(&mut self, files: &[OutputFile]) -> Result<()> {
        self.checks.wait();
        let unchanged: Vec<Option<FileState>> = (files.par_iter())
            .map(|file| self.served_unchanged(&file.path, file.digest()))
            .collect();
        let served = self.served.as_ref();
        let changed: Vec<&OutputFile> = files
            .iter()
            .zip(&unchanged)
            .filter(|(_, state)| state.is_none())
            .map(|(file, _)| file)
            .collect();
        let listed_alike = |file: &OutputFile| {
            let listed = served.and_then(|m| m.files.get(&file.path));
            listed.is_some_and(|state| state.digest == file.digest())
        };
        let by_hand = changed.iter().filter(|file| listed_alike(file));
        (self.changed_by_hand).extend(by_hand.map(|file| file.path.to_string()));
        let mut states = HashMap::new();
        if !changed.is_empty() {
            let spare = self.started_spare()?;
            states = spare.write(&changed)?;
        }
        for file in files {
            let written = states.remove(&*file.path);
            self.placed.push(Placed {
                path: Arc::clone(&file.path),
                digest: file.digest(),
                written: written.is_some_and(|(_, written)| written),
                in_spare: written.map(|(state, _)| state),
            });
        }
        Ok(())
    }

    /// Notes `files` (path, digest) as unchanged, all or none: each must still be in the served
    /// tree as the last build wrote it (its digest in the manifest, its size and time on disk).
    pub fn keep(&mut self, files: &[(String, Key)]) -> bool {
        let unchanged = self.unchanged(files);
        if !unchanged.iter().all(|&same| same) {
            return false;
        }
        self.place_unchanged(files.iter());
        true
    }

    /// Notes each file of `files` that is unchanged (as `keep` does); says which.
    pub fn keep_each(&mut self, files: &[(String, Key)]) -> Vec<bool> {
        let unchanged = self.unchanged(files);
        let kept = files.iter().zip(&unchanged).filter(|(_, same)| **same);
        self.place_unchanged(kept.map(|(file, _)| file));
        unchanged
    }

    /// Whether each file is still in the served tree as the last build wrote it.
    fn unchanged(&mut self, files: &[(String, Key)]) -> Vec<bool> {
        self.checks.wait();
        if self.served.is_none() {
            return vec![false; files.len()];
        }
        (files.par_iter())
            .map(|(path, digest)| self.served_unchanged(path, *digest).is_some())
            .collect()
    }

    /// The served file at `path`'s state, if the last build made it from the same inputs and
    /// it is still there as written (or trusted to be, with `--trust-output`).
    fn served_unchanged(&self, path: &str, digest: Key) -> Option<FileState> {
        let served = self.served.as_ref()?;
        match self.site.trust_output {
            true => served.listed_alike(path, digest),
            false => served
                .listed_alike_at(path, digest)
                .filter(|&(at, _)| self.checks.found_as_listed(at))
                .map(|(_, state)| state),
        }
    }

    /// Linked into the spare at `finish`, like any other unchanged file.
    fn place_unchanged<'f>(&mut self, files: impl Iterator<Item = &'f (String, Key)>) {
        let served = self.served.as_ref().map(|m| &m.files);
        let listed = |path: &str| served.and_then(|files| files.get_key_value(path));
        self.placed.extend(files.map(|(path, digest)| Placed {
            path: listed(path).map_or_else(|| path.as_str().into(), |(key, _)| Arc::clone(key)),
            digest: *digest,
            in_spare: None,
            written: false,
        }));
    }

    /// The files given so far, read back from where they now are.
    pub fn source(&self) -> Arc<dyn FileSource> {
        let spare_dir = sibling(&self.dest, "spare");
        let located = self
            .placed
            .iter()
            .map(|placed| {
                let tree = match placed.in_spare {
                    Some(_) => &spare_dir,
                    None => &self.dest,
                };
                (placed.path.to_string(), tree.join(&*placed.path))
            })
            .collect();
        Arc::new(WrittenFiles(located))
    }

    /// Completes the spare with the unchanged files and switches it in.
    pub fn finish(mut self) -> Result<Written> {
        let count = self.placed.len();
        let nothing_changed =
            self.spare.is_none() && self.served.as_ref().is_some_and(|m| m.files.len() == count);
        if nothing_changed {
            return Ok(Written::default());
        }
        self.started_spare()?;
        let (dest, served) = (&self.dest, self.served.as_ref());
        let spare = self.spare.as_ref().expect("started above");
        let wanted: FxHashSet<&str> = self.placed.iter().map(|p| &*p.path).collect();
        let hand = hand::hand_files(dest, served, &wanted, &self.disk);
        let to_link: Vec<(&Arc<str>, Key)> = self
            .placed
            .iter()
            .filter(|p| p.in_spare.is_none())
            .map(|p| (&p.path, p.digest))
            .collect();
        let linked = (self.disk).run(|| spare.link_unchanged(dest, served, &to_link))?;
        spare.remove_unwanted(&wanted, &hand)?;
        let written = self.placed.iter().filter(|p| p.written).count();
        let removed = served.map_or(0, |served| {
            let gone = served.files.keys();
            gone.filter(|p| !wanted.contains(&***p)).count()
        });
        if dest.is_dir() {
            spare.carry_hand_files(dest, &hand)?;
            swap::exchange(&spare.dir, dest).map_err(|e| Error::write(dest, e))?;
        } else {
            std::fs::rename(&spare.dir, dest).map_err(|e| Error::write(dest, e))?;
        }
        self.save_manifests(linked, hand);
        self.spare = None;
        Ok(Written { written, removed })
    }

    /// Saves the switched-in tree's manifest, and the old one as the spare's: without the
    /// files found changed by hand in it, and not vouched for when nothing was checked.
    fn save_manifests(&mut self, linked: Vec<(Arc<str>, FileState)>, hand: BTreeSet<String>) {
        let switched = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        let mut files = linked;
        let made = self.placed.drain(..);
        files.extend(made.filter_map(|p| Some((p.path, p.in_spare?))));
        let manifest = Manifest {
            dest: absolute(&self.dest),
            files: FileList::new(files),
            hand,
            switched: switched
                .ok()
                .and_then(|time| i128::try_from(time.as_nanos()).ok()),
            checked: true,
        };
        let mut old = self.served.take();
        if let Some(old) = old.as_mut() {
            let changed: FxHashSet<&str> =
                self.changed_by_hand.iter().map(String::as_str).collect();
            old.files.remove_all(&changed);
            old.checked = !self.site.trust_output;
        }
        let old_as_read = self.changed_by_hand.is_empty() && !self.site.trust_output;
        manifest.save_switched(&self.site.cache_dir, old, old_as_read);
    }

    /// The spare, made ready for this build's files the first time it is needed.
    fn started_spare(&mut self) -> Result<&Spare> {
        if self.spare.is_none() {
            self.spare = Some(Spare::start(&self.dest, &self.site.cache_dir)?);
        }
        Ok(self.spare.as_ref().expect("started above"))
    }

    /// How many files were given.
    pub fn len(&self) -> usize {
        self.placed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.placed.is_empty()
    }
}

impl FileSink for SiteWriter<'_> {
    fn put(&mut self, files: Vec<OutputFile>) -> Result<()> {
        SiteWriter::put(self, &files)
    }

    fn keep(&mut self, files: &[(String, Key)]) -> bool {
        SiteWriter::keep(self, files)
    }

    fn keep_each(&mut self, files: &[(String, Key)]) -> Vec<bool> {
        SiteWriter::keep_each(self, files)
    }
}

/// A writer dropped before it finished (the build failed) takes its spare away: without its
/// manifest the spare can no longer be trusted.
impl Drop for SiteWriter<'_> {
    fn drop(&mut self) {
        if let Some(spare) = self.spare.take() {
            let _ = std::fs::remove_dir_all(&spare.dir);
        }
    }
}

/// Written files by their path in the site, at their place on disk.
struct WrittenFiles(HashMap<String, PathBuf>);

impl FileSource for WrittenFiles {
    fn read(&self, path: &str) -> Option<Bytes> {
        std::fs::read(self.0.get(path)?).ok().map(Bytes::from)
    }

    fn paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self.0.keys().map(String::as_str).collect();
        paths.sort_unstable();
        paths
    }
}

/// `path` below `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
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
mod tests;
