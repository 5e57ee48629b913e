//! The names of a site's own files and directories, below every stage that reads or guards
//! them, and how a command writes a file an editor will own.

use std::path::{Path, PathBuf};

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
