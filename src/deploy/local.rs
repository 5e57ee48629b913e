//! The built site as a deploy sees it: every file under the output directory, by its path in
//! the site, in a stable order.

use std::path::{Path, PathBuf};

use super::Failure;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Its path in the site, with `/`: `hans/2024/03/slug/index.html`.
    pub path: String,
    /// Where it is on this machine.
    pub local: PathBuf,
    pub size: u64,
}

/// Every file of the site at `dir`, sorted by path; a missing or empty site is refused, since
/// publishing it would take the live site down.
pub fn site_files(dir: &Path) -> Result<Vec<SiteFile>, Failure> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Failure::Read {
            path: e.path().unwrap_or(dir).to_path_buf(),
            source: e.into(),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let Some(path) = site_path(relative) else {
            return Err(Failure::Refused(format!(
                "{} has a name that is not UTF-8; rename it before deploying",
                entry.path().display()
            )));
        };
        let size = entry
            .metadata()
            .map_err(|e| Failure::Read {
                path: entry.path().to_path_buf(),
                source: e.into(),
            })?
            .len();
        files.push(SiteFile {
            path,
            local: entry.path().to_path_buf(),
            size,
        });
    }
    if !files.iter().any(|f| f.path == "index.html") {
        return Err(Failure::Refused(format!(
            "{} holds no built site (no index.html); build it first",
            dir.display()
        )));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// A path below the site as `a/b/c`, or `None` when a part of it is not UTF-8.
fn site_path(relative: &Path) -> Option<String> {
    let parts = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<Vec<_>>>()?;
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_listed_by_site_path_and_an_empty_site_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(site_files(dir.path()), Err(Failure::Refused(_))));
        std::fs::create_dir_all(dir.path().join("hans/2024")).unwrap();
        std::fs::write(dir.path().join("index.html"), "<html>").unwrap();
        std::fs::write(dir.path().join("hans/2024/页.html"), "x").unwrap();
        let files = site_files(dir.path()).unwrap();
        let paths: Vec<_> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["hans/2024/页.html", "index.html"]);
        assert_eq!(files[1].size, 6);
    }
}
