//! The paths of a site's files, checked that no two files share one, and looked up by the
//! checks that follow (links) and by `serve`, which keeps its files sorted by path.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Error, Problem, Result};

/// A site's paths in the order its files were made, and that order sorted by path.
#[derive(Debug)]
pub struct SitePaths {
    made: Vec<Arc<str>>,
    /// Positions in `made`, by path.
    sorted: Vec<u32>,
}

impl SitePaths {
    /// The paths, in the order their files were made; fails if two are the same.
    pub fn checked(made: Vec<Arc<str>>) -> Result<SitePaths> {
        let mut sorted: Vec<u32> = (0..made.len() as u32).collect();
        sorted.par_sort_unstable_by(|&a, &b| made[a as usize].cmp(&made[b as usize]));
        let paths = SitePaths { made, sorted };
        let problems: Vec<Problem> = paths
            .sorted
            .windows(2)
            .map(|pair| (paths.path(pair[0]), paths.path(pair[1])))
            .filter(|(a, b)| a == b)
            .map(|(path, _)| {
                Problem::new(Path::new(path), 0, "two pages or files would be written to the same place")
                    .with_hint("a slug, department key, old address (`aliases`) or static file clashes with another page: rename one of them")
            })
            .collect();
        match problems.is_empty() {
            true => Ok(paths),
            false => Err(Error::invalid(problems)),
        }
    }

    fn path(&self, position: u32) -> &str {
        &self.made[position as usize]
    }

    /// The paths in the order their files were made.
    pub fn made(&self) -> &[Arc<str>] {
        &self.made
    }

    pub fn into_made(self) -> Vec<Arc<str>> {
        self.made
    }

    pub fn contains(&self, path: &str) -> bool {
        let found = self.sorted.binary_search_by(|&p| self.path(p).cmp(path));
        found.is_ok()
    }

    /// `files`, one for each path in the order they were made, sorted by path.
    pub fn sort<T>(&self, files: Vec<T>) -> Vec<T> {
        assert_eq!(files.len(), self.made.len(), "a file for every path");
        let mut files: Vec<Option<T>> = files.into_iter().map(Some).collect();
        (self.sorted.iter())
            .map(|&p| files[p as usize].take().expect("each position once"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(made: &[&str]) -> Result<SitePaths> {
        SitePaths::checked(made.iter().map(|&p| Arc::from(p)).collect())
    }

    #[test]
    fn clashing_paths_are_reported() {
        let err = paths(&["b", "a", "b", "c", "a"]).unwrap_err();
        assert_eq!(err.problems().len(), 2);
    }

    #[test]
    fn paths_are_found_and_files_sorted_by_them() {
        let site = paths(&["hans/b/index.html", "a.css", "hans/a/index.html"]).unwrap();
        assert!(site.contains("a.css") && site.contains("hans/b/index.html"));
        assert!(!site.contains("hans/") && !site.contains("b"));
        assert_eq!(site.sort(vec![1, 2, 3]), [2, 3, 1]);
        assert_eq!(&*site.made()[1], "a.css");
        assert_eq!(site.into_made().len(), 3);
    }
}
