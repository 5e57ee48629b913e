//! The output directory is the build's alone: a build replaces it whole, so it must never be a
//! site's sources, nor a folder holding files that no build of this site wrote.

use std::path::{Component, Path, PathBuf};

use super::Manifest;
use crate::error::{Error, Problem, Result};
use crate::site::{CACHE_DIR, CONFIG_FILE, CONTENT_DIR, SOURCE_DIRS};

/// The site an output directory is written for, whether its owner said to replace files the
/// build did not write (`--force`), and whether to trust the output to be as the last build
/// left it (`--trust-output`).
#[derive(Debug, Clone)]
pub struct OutputSite {
    pub root: PathBuf,
    pub cache_dir: PathBuf,
    pub force: bool,
    pub trust_output: bool,
}

impl OutputSite {
    pub fn new(root: &Path, force: bool, trust_output: bool) -> Self {
        OutputSite {
            root: root.to_path_buf(),
            cache_dir: root.join(CACHE_DIR),
            force,
            trust_output,
        }
    }
}

/// How many of the files a build did not write an error names.
const EXAMPLES: usize = 3;

/// Refuses an output that is, holds or lies inside the site's sources (the site root,
/// `content/`, `themes/`, `templates/`, `static/`, the cache), or another site.
pub(super) fn refuse_sources(dest: &Path, site: &OutputSite) -> Result<()> {
    let output = resolved(dest);
    let root = resolved(&site.root);
    let mut sources = vec![(root.clone(), "the site itself".to_string())];
    sources.extend(
        SOURCE_DIRS
            .iter()
            .map(|dir| (root.join(dir), format!("the site's {dir}/"))),
    );
    let refusal = sources.iter().find_map(|(source, what)| {
        if *source == output {
            Some(format!("the output directory is {what}"))
        } else if source.starts_with(&output) {
            Some(format!("the output directory holds {what}"))
        } else if *source != root && output.starts_with(source) {
            Some(format!("the output directory is inside {what}"))
        } else {
            None
        }
    });
    let refusal = refusal.or_else(|| {
        (dest.join(CONFIG_FILE).exists() || dest.join(CONTENT_DIR).is_dir())
            .then(|| "the output directory holds a site's sources".to_string())
    });
    let refusal = refusal.or_else(|| {
        (dest.exists() && !dest.is_dir()).then(|| "the output is a file, not a directory".into())
    });
    match refusal {
        None => Ok(()),
        Some(message) => Err(Error::invalid(vec![Problem::new(dest, 0, message).with_hint(
            "a build replaces its output directory whole: choose one of its own, such as public/ (the default)",
        )])),
    }
}

/// Refuses to replace an output directory that holds files no build of this site wrote
/// (`manifest` lists what the last one wrote), unless the site's owner forced it.
pub(super) fn refuse_foreign_files(
    dest: &Path,
    site: &OutputSite,
    manifest: Option<&Manifest>,
) -> Result<()> {
    if site.force || !dest.is_dir() {
        return Ok(());
    }
    let ours = |path: &str| manifest.is_some_and(|m| m.lists(path));
    let mut foreign = Vec::new();
    for entry in walkdir::WalkDir::new(dest).min_depth(1).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_dir() {
            continue;
        }
        let inside = entry.path().strip_prefix(dest).expect("walked from here");
        let inside = inside.to_string_lossy().replace('\\', "/");
        if !ours(&inside) {
            foreign.push(inside);
            if foreign.len() > EXAMPLES {
                break;
            }
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    let more = if foreign.len() > EXAMPLES {
        foreign.truncate(EXAMPLES);
        " and more"
    } else {
        ""
    };
    Err(Error::invalid(vec![
        Problem::new(
            dest,
            0,
            format!(
                "the output directory holds files no build of this site wrote: {}{more}",
                foreign.join(", ")
            ),
        )
        .with_hint(
            "a build replaces its output directory whole: choose a new or empty one, move those files away (files to publish belong in static/), or build with --force to replace them",
        ),
    ]))
}

/// `path` made absolute with its symbolic links and `..` resolved, even where it does not
/// exist yet: the part that exists is resolved by the file system, the rest by its words.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let mut real = loop {
        if let Ok(real) = existing.canonicalize() {
            break real;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => break existing.to_path_buf(),
        }
    };
    for component in rest.into_iter().rev() {
        match component {
            Component::ParentDir => {
                real.pop();
            }
            Component::CurDir => {}
            other => real.push(other),
        }
    }
    real
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolved_paths_follow_dot_dot_past_what_does_not_exist() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(
            resolved(&dir.path().join("new/../..")),
            real.parent().unwrap()
        );
        assert_eq!(resolved(&dir.path().join("a/./b")), real.join("a/b"));
    }
}
