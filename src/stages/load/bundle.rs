//! An item's bundle: the folder of photos and attachments kept beside it. Its files' digests
//! are part of the item's, so that replacing a photo renders the item again.

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

/// Lists and digests the files of the bundle at `dir` (relative to `root`): every file below
/// it but Markdown, through links that stay inside the site.
pub fn read_bundle(root: &Path, dir: &Path) -> Result<Bundle, Problem> {
    let absolute = root.join(dir);
    let walked = crate::site::walk(root, &absolute).map_err(|e| {
        Problem::new(dir, 0, format!("cannot list the item's folder: {e}"))
            .with_hint("check that the folder is readable")
    })?;
    let mut files = Vec::with_capacity(walked.files.len());
    for path in walked.files.iter().filter(|p| !is_markdown(p)) {
        let bytes = std::fs::read(path).map_err(|e| {
            Problem::new(&relative(root, path), 0, format!("cannot read: {e}"))
                .with_hint("check that the file is readable, or remove it from the item's folder")
        })?;
        let name = path
            .strip_prefix(&absolute)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        files.push(BundleFile {
            name,
            size: bytes.len() as u64,
            digest: KeyBuilder::default().with(bytes.as_slice()).finish(),
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Bundle {
        dir: dir.to_path_buf(),
        files,
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
        let names: Vec<String> = read_bundle(root, &dir)
            .unwrap()
            .files
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["现场.jpg"]);
        let dir = bundle_dir(root, Path::new("content/2024/kaihui/index.md")).unwrap();
        let bundle = read_bundle(root, &dir).unwrap();
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
