//! The names of a site's own files and directories, below every stage that reads or guards
//! them, and how a command writes a file an editor will own.

use std::path::{Path, PathBuf};

pub mod bundle;
pub mod disk;

use crate::error::{Error, Result};

/// The site's configuration, at its root.
pub const CONFIG_FILE: &str = "bulletin.yaml";
/// The news items: every `content/**/*.md`.
pub const CONTENT_DIR: &str = "content";
/// Themes, each in a directory of its own.
pub const THEMES_DIR: &str = "themes";
/// A site's own templates, which override the theme's.
pub const TEMPLATES_DIR: &str = "templates";
/// A site's own files, published as they are at the root of the output.
pub const STATIC_DIR: &str = "static";
/// What one build keeps for the next: conversions, manifests of the output, search records.
pub const CACHE_DIR: &str = ".bulletin-cache";

/// The directories of a site's sources, which a build must never write into or replace.
pub const SOURCE_DIRS: [&str; 5] = [
    CONTENT_DIR,
    THEMES_DIR,
    TEMPLATES_DIR,
    STATIC_DIR,
    CACHE_DIR,
];

/// Writes a file an editor will own (a new item, a new site), creating its directory.
pub fn write_new_file(path: &Path, contents: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    std::fs::write(path, contents).map_err(|e| Error::write(path, e))
}

/// A file of the cache that belongs to one output directory: `<cache>/<kind>-<hash of dest>`.
pub fn cache_file_for(cache_dir: &Path, dest: &Path, kind: &str) -> PathBuf {
    let dest = std::path::absolute(dest).unwrap_or_else(|_| dest.to_path_buf());
    let key = crate::digest::KeyBuilder::default().with(&dest).finish();
    cache_dir.join(format!("{kind}-{:016x}", key.0))
}

/// The files below one of a site's directories, and the symbolic links left out of them.
#[derive(Debug, Default)]
pub struct Walked {
    /// Sorted by path; a linked file appears at its link's path.
    pub files: Vec<std::path::PathBuf>,
    /// The directories below `dir`, in the order they were walked.
    pub dirs: Vec<std::path::PathBuf>,
    /// A problem (rule `symlink`) for each link that leads outside the site, nowhere, or back
    /// to a directory above it.
    pub refused: Vec<crate::error::Problem>,
}

/// Every file below `dir`, a directory of the site at `root`, following symbolic links that
/// stay inside the site: a linked folder of shared images is published, `/etc/passwd` is not.
pub fn walk(root: &Path, dir: &Path) -> Result<Walked> {
    let mut walked = Walked::default();
    if !dir.is_dir() {
        return Ok(walked);
    }
    let site = root.canonicalize().map_err(|e| Error::read(root, e))?;
    let shown = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let refuse = |path: &Path, why: String| {
        crate::error::Problem::new(&shown(path), 0, why)
            .with_hint("link only to files inside the site, or copy the file in")
            .with_rule("symlink")
    };
    let mut entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                if let Some(ancestor) = e.loop_ancestor() {
                    let why = format!(
                        "a symbolic link loops back to {}",
                        shown(ancestor).display()
                    );
                    walked.refused.push(refuse(&path, why));
                } else if e
                    .io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
                {
                    walked
                        .refused
                        .push(refuse(&path, "a symbolic link leads nowhere".into()));
                } else {
                    return Err(Error::read(&path, e.into()));
                }
                continue;
            }
        };
        if entry.path_is_symlink() {
            let target = entry
                .path()
                .canonicalize()
                .map_err(|e| Error::read(entry.path(), e))?;
            if !target.starts_with(&site) {
                let why = format!(
                    "a symbolic link leads outside the site, to {}",
                    target.display()
                );
                walked.refused.push(refuse(entry.path(), why));
                if entry.file_type().is_dir() {
                    entries.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_file() {
            walked.files.push(entry.into_path());
        } else if entry.file_type().is_dir() && entry.depth() > 0 {
            walked.dirs.push(entry.into_path());
        }
    }
    Ok(walked)
}

/// A file's size and modification time (nanoseconds since 1970): what says, without reading
/// it, that a file is as it was when last read or written.
pub fn size_and_time(metadata: &std::fs::Metadata) -> std::io::Result<(u64, u128)> {
    let modified = metadata
        .modified()?
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(std::io::Error::other)?
        .as_nanos();
    Ok((metadata.len(), modified))
}

/// This program, told apart from any other version or build of it by its version and its
/// binary's size and time: what one build left for the next (the manifest, the item store) is
/// trusted only by the same program, which would make the same output from it.
pub fn this_program() -> String {
    let binary = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok())
        .and_then(|metadata| size_and_time(&metadata).ok())
        .unwrap_or_default();
    format!("{} {} {}", env!("CARGO_PKG_VERSION"), binary.0, binary.1)
}

/// The host and the path of a site's `base_url` (`https://host/bulletin/`): `("host",
/// "/bulletin/")`; the path is `/` when there is none.
pub fn host_and_base_path(base_url: &str) -> (&str, &str) {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let (host, path) = after_scheme.split_at(after_scheme.find('/').unwrap_or(after_scheme.len()));
    (host, if path.is_empty() { "/" } else { path })
}

/// The `Content-Type` of a site file, by its extension: `serve` and printing both send files.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" if path.ends_with("atom.xml") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ofd" => "application/ofd",
        "zip" => "application/zip",
        "rar" => "application/vnd.rar",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}
