//! Stage 6: write the site. Everything goes to a staging directory beside the output, which
//! then replaces it, so a failed build never leaves a half-written site.

use std::path::{Path, PathBuf};

use bytes::Bytes;
use rayon::prelude::*;

use crate::cache::{Key, KeyMap};
use crate::error::{Error, Problem, Result};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output directory, with `/` separators.
    pub path: String,
    /// Shared: a rebuild that did not change a file reuses it without a copy.
    pub contents: Bytes,
    /// For a file the build made (a page, a feed), the digest of everything it was made from;
    /// `None` for a file copied as it is.
    pub made_from: Option<Key>,
}

impl OutputFile {
    /// A file made from inputs with the digest `made_from`.
    pub fn made(path: String, made_from: Key, contents: impl Into<Bytes>) -> Self {
        OutputFile {
            path,
            contents: contents.into(),
            made_from: Some(made_from),
        }
    }

    /// A file published as it is.
    pub fn copied(path: impl Into<String>, contents: impl Into<Bytes>) -> Self {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
            made_from: None,
        }
    }
}

/// The files the last build made, by what they were made from (a digest that covers their
/// path): a rebuild makes again only the files whose inputs changed and reuses the others.
#[derive(Debug, Default)]
pub struct MadeFiles(KeyMap<Bytes>);

impl MadeFiles {
    pub fn of(files: &[OutputFile]) -> Self {
        MadeFiles(
            files
                .iter()
                .filter_map(|f| Some((f.made_from?, f.contents.clone())))
                .collect(),
        )
    }

    /// The file as the last build made it, if it was made from the same inputs.
    pub fn reusable(&self, made_from: Key) -> Option<Bytes> {
        self.0.get(&made_from).cloned()
    }

    /// The file at `path`: the last build's if it was made from the same inputs, else `make()`.
    pub fn make(&self, path: String, made_from: Key, make: impl FnOnce() -> String) -> OutputFile {
        let contents = self.reusable(made_from).unwrap_or_else(|| make().into());
        OutputFile::made(path, made_from, contents)
    }

    /// Whether the build made `file` rather than reused it from the build these files are of.
    pub fn made_anew(&self, file: &OutputFile) -> bool {
        file.made_from
            .is_some_and(|digest| !self.0.contains_key(&digest))
    }
}

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

/// Writes `files` as the new contents of `dest`, replacing what was there only once every
/// file is written.
pub fn write_site(files: &[OutputFile], dest: &Path) -> Result<()> {
    refuse_source_directory(dest)?;
    let staging = sibling(dest, "new");
    remove_if_present(&staging)?;
    std::fs::create_dir_all(&staging).map_err(|e| Error::write(&staging, e))?;
    // Every directory once, parents before children, then the files in parallel.
    let directories: std::collections::BTreeSet<&str> = files
        .iter()
        .filter_map(|f| f.path.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    for directory in directories {
        let path = staging.join(directory);
        match std::fs::create_dir(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                std::fs::create_dir_all(&path).map_err(|e| Error::write(&path, e))?
            }
            _ => {}
        }
    }
    files.par_iter().try_for_each(|file| {
        let path = staging.join(&file.path);
        std::fs::write(&path, &file.contents).map_err(|e| Error::write(&path, e))
    })?;
    if dest.exists() {
        let old = sibling(dest, "old");
        remove_if_present(&old)?;
        std::fs::rename(dest, &old).map_err(|e| Error::write(dest, e))?;
        std::fs::rename(&staging, dest).map_err(|e| Error::write(dest, e))?;
        remove_if_present(&old)?;
    } else {
        std::fs::rename(&staging, dest).map_err(|e| Error::write(dest, e))?;
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

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::write(path, e)),
        _ => Ok(()),
    }
}

/// The output directory is replaced whole: never let that be a site's own sources.
fn refuse_source_directory(dest: &Path) -> Result<()> {
    let is_site = dest.join(crate::config::CONFIG_FILE).exists()
        || dest.join(crate::content::CONTENT_DIR).is_dir();
    if is_site {
        return Err(Error::invalid(vec![Problem::new(dest, 0, "the output directory holds a site's sources")
            .with_hint("choose an output directory of its own, such as public/; it is replaced on every build")]));
    }
    Ok(())
}

/// Writes a file an editor will own (a new item, a new site), creating its directory.
pub fn write_new_file(path: &Path, contents: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    std::fs::write(path, contents).map_err(|e| Error::write(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile::copied(path, Bytes::copy_from_slice(contents.as_bytes()))
    }

    #[test]
    fn writing_replaces_the_whole_directory() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        write_site(
            &[file("a/index.html", "one"), file("stale.txt", "x")],
            &dest,
        )
        .unwrap();
        write_site(&[file("a/index.html", "two")], &dest).unwrap();
        assert_eq!(
            std::fs::read_to_string(dest.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!dest.join("stale.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn a_site_directory_is_never_used_as_output() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bulletin.yaml"), "").unwrap();
        assert!(write_site(&[], dir.path()).is_err());
        assert!(dir.path().join("bulletin.yaml").exists());
    }

    #[test]
    fn clashing_paths_are_reported() {
        let mut files = vec![file("b", ""), file("a", ""), file("b", "")];
        let err = check_unique_paths(&mut files).unwrap_err();
        assert_eq!(err.problems().len(), 1);
    }
}
