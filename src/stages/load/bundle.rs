//! An item's bundle: the folder of photos and attachments kept beside it. Its files' digests
//! are part of the item's, so that replacing a photo renders the item again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::digest::{Key, KeyBuilder};
use crate::error::Problem;
use crate::stages::item::{Bundle, BundleFile};

/// The name of the item file that makes its folder a bundle.
const BUNDLE_ITEM: &str = "index.md";

/// The folder of the item at `item` (relative to `root`), if it has one: the folder of an
/// `index.md`, or a folder named like the item's file (`huiyi/` beside `huiyi.md`) that holds
/// no items of its own.
pub fn bundle_dir(root: &Path, item: &Path) -> Option<PathBuf> {
    if item.file_name().is_some_and(|n| n == BUNDLE_ITEM) {
        return item.parent().map(Path::to_path_buf);
    }
    let dir = item.with_extension("");
    let absolute = root.join(&dir);
    if !absolute.is_dir() {
        return None;
    }
    let holds_items = walkdir::WalkDir::new(&absolute)
        .into_iter()
        .filter_map(|e| e.ok())
        .any(|e| e.file_type().is_file() && is_markdown(e.path()));
    (!holds_items).then_some(dir)
}

/// The bundle (`index.md`'s folder) that the Markdown file at `item` lies inside, if any:
/// such a file is not an item of its own.
pub fn enclosing_bundle(root: &Path, item: &Path) -> Option<PathBuf> {
    let content = Path::new(crate::site::CONTENT_DIR);
    let own = item.parent()?;
    let mut dir = Some(own);
    while let Some(d) = dir.filter(|d| d.starts_with(content) && *d != content) {
        let index = d.join(BUNDLE_ITEM);
        if index != item && root.join(&index).is_file() {
            return Some(index);
        }
        dir = d.parent();
    }
    None
}

/// The problem of a Markdown file inside another item's folder.
pub fn inside_bundle_problem(item: &Path, owner: &Path) -> Problem {
    Problem::new(
        item,
        0,
        format!(
            "this file is inside the folder of the item {}",
            owner.display()
        ),
    )
    .with_hint("a folder with an index.md holds one item and its files: move this item out of it")
}

/// The digests of bundle files as last read, with the size and time each had then: a file
/// whose size and modification time are unchanged is not read again, so that a build of a
/// site with years of photos reads none of them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileDigests(HashMap<PathBuf, Stamp>);

/// A file's size, modification time and digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    size: u64,
    modified: u128,
    digest: Key,
}

/// Where `build` keeps the digests between runs.
const DIGESTS_FILE: &str = "file-digests";

impl FileDigests {
    /// The digests an earlier build saved; none if there are none or they do not read.
    pub fn load(root: &Path) -> Self {
        let path = root.join(crate::site::CACHE_DIR).join(DIGESTS_FILE);
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let stamps = text.lines().filter_map(|line| {
            let mut fields = line.split('\t');
            let (size, modified, high, low, path) = (
                fields.next()?.parse().ok()?,
                fields.next()?.parse().ok()?,
                u64::from_str_radix(fields.next()?, 16).ok()?,
                u64::from_str_radix(fields.next()?, 16).ok()?,
                fields.next()?,
            );
            let digest = Key(high, low);
            Some((
                PathBuf::from(path),
                Stamp {
                    size,
                    modified,
                    digest,
                },
            ))
        });
        FileDigests(stamps.collect())
    }

    /// Saves them for the next build; a cache that cannot be written only costs reading.
    pub fn save(&self, root: &Path) {
        let dir = root.join(crate::site::CACHE_DIR);
        let mut lines: Vec<String> = self
            .0
            .iter()
            .filter(|(path, _)| !path.to_string_lossy().contains(['\t', '\n']))
            .map(|(path, s)| {
                let (high, low) = (s.digest.0, s.digest.1);
                format!(
                    "{}\t{}\t{high:x}\t{low:x}\t{}",
                    s.size,
                    s.modified,
                    path.display()
                )
            })
            .collect();
        lines.sort();
        let temporary = dir.join(format!("{DIGESTS_FILE}.{}.tmp", std::process::id()));
        let written = std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&temporary, lines.join("\n") + "\n"))
            .and_then(|()| std::fs::rename(&temporary, dir.join(DIGESTS_FILE)));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
    }

    /// Takes in the stamps of one load: all of them when every file was looked at.
    pub fn update(&mut self, stamps: Vec<(PathBuf, Stamp)>, complete: bool) {
        if complete {
            self.0.clear();
        }
        self.0.extend(stamps);
    }
}

/// Lists and digests the files of the bundle at `dir` (relative to `root`): every file below
/// it but Markdown, through links that stay inside the site. A file `known` holds with its
/// size and time is not read; the stamps of every file are given back.
pub fn read_bundle(
    root: &Path,
    dir: &Path,
    known: &FileDigests,
) -> Result<(Bundle, Vec<(PathBuf, Stamp)>), Problem> {
    let absolute = root.join(dir);
    let walked = crate::site::walk(root, &absolute).map_err(|e| {
        Problem::new(dir, 0, format!("cannot list the item's folder: {e}"))
            .with_hint("check that the folder is readable")
    })?;
    let mut files = Vec::with_capacity(walked.files.len());
    let mut stamps = Vec::with_capacity(walked.files.len());
    for path in walked.files.iter().filter(|p| !is_markdown(p)) {
        let shown = relative(root, path);
        let stamp = stamp_of(path, known.0.get(&shown)).map_err(|e| {
            Problem::new(&shown, 0, format!("cannot read: {e}"))
                .with_hint("check that the file is readable, or remove it from the item's folder")
        })?;
        let name = path
            .strip_prefix(&absolute)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        files.push(BundleFile {
            name,
            size: stamp.size,
            digest: stamp.digest,
        });
        stamps.push((shown, stamp));
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let bundle = Bundle {
        dir: dir.to_path_buf(),
        files,
    };
    Ok((bundle, stamps))
}

/// A file's stamp: `known`'s when its size and time are unchanged, else read and digested.
fn stamp_of(path: &Path, known: Option<&Stamp>) -> std::io::Result<Stamp> {
    let (size, modified) = crate::site::size_and_time(&std::fs::metadata(path)?)?;
    if let Some(known) = known.filter(|k| k.size == size && k.modified == modified) {
        return Ok(*known);
    }
    let bytes = std::fs::read(path)?;
    Ok(Stamp {
        size: bytes.len() as u64,
        modified,
        digest: KeyBuilder::default().with(bytes.as_slice()).finish(),
    })
}

/// The digest of a bundle's files, to join the item's own.
pub fn bundle_digest(bundle: &Bundle) -> Key {
    KeyBuilder::default()
        .with(&bundle.dir)
        .with(&bundle.files)
        .finish()
}

/// The item file whose bundle holds `path` (relative to `root`), a file that is not Markdown:
/// the nearest `index.md` above it, or the `name.md` beside a folder above it.
pub fn owner_of(root: &Path, path: &Path) -> Option<PathBuf> {
    let content = Path::new(crate::site::CONTENT_DIR);
    // From the path itself: a removed folder `huiyi/` is the bundle of `huiyi.md`.
    let mut dir = Some(path);
    while let Some(d) = dir.filter(|d| d.starts_with(content) && *d != content) {
        for candidate in [d.join(BUNDLE_ITEM), d.with_extension("md")] {
            if root.join(&candidate).is_file() {
                return Some(candidate);
            }
        }
        dir = d.parent();
    }
    None
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[&str]) -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        for file in files {
            let path = root.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, file.as_bytes()).unwrap();
        }
        root
    }

    #[test]
    fn both_forms_of_bundle_are_found() {
        let root = site(&[
            "content/2024/huiyi.md",
            "content/2024/huiyi/现场.jpg",
            "content/2024/kaihui/index.md",
            "content/2024/kaihui/附件/纪要.pdf",
            "content/2024/kaihui/index.txt",
            "content/2024/other.md",
        ]);
        let root = root.path();
        let dir = bundle_dir(root, Path::new("content/2024/huiyi.md")).unwrap();
        let names: Vec<String> = read_bundle(root, &dir, &FileDigests::default())
            .unwrap()
            .0
            .files
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["现场.jpg"]);
        let dir = bundle_dir(root, Path::new("content/2024/kaihui/index.md")).unwrap();
        let (bundle, _) = read_bundle(root, &dir, &FileDigests::default()).unwrap();
        let names: Vec<&str> = bundle.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["index.txt", "附件/纪要.pdf"]);
        assert_eq!(
            bundle.files[1].size,
            "content/2024/kaihui/附件/纪要.pdf".len() as u64
        );
        assert_eq!(bundle_dir(root, Path::new("content/2024/other.md")), None);
        assert_eq!(
            owner_of(root, Path::new("content/2024/kaihui/附件/纪要.pdf")).unwrap(),
            Path::new("content/2024/kaihui/index.md")
        );
        assert_eq!(
            owner_of(root, Path::new("content/2024/huiyi/新.jpg")).unwrap(),
            Path::new("content/2024/huiyi.md")
        );
    }

    #[test]
    fn a_folder_of_items_is_not_a_bundle_and_an_item_inside_a_bundle_is_refused() {
        let root = site(&[
            "content/2024.md",
            "content/2024/a.md",
            "content/x/index.md",
            "content/x/y/z.md",
        ]);
        let root = root.path();
        assert_eq!(bundle_dir(root, Path::new("content/2024.md")), None);
        assert_eq!(
            enclosing_bundle(root, Path::new("content/x/y/z.md")).unwrap(),
            Path::new("content/x/index.md")
        );
        assert_eq!(
            enclosing_bundle(root, Path::new("content/x/index.md")),
            None
        );
        assert_eq!(enclosing_bundle(root, Path::new("content/2024/a.md")), None);
    }
}
