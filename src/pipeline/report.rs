//! What a build tells of itself: how long each stage took, and what it made.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::error::Problem;
use crate::stages::{search, write};

/// How long each stage took, in order; and who to tell when one starts.
#[derive(Debug, Clone, Default)]
pub struct Timings(pub Vec<(&'static str, Duration)>, Option<fn(&'static str)>);

impl Timings {
    pub fn observed(progress: Option<fn(&'static str)>) -> Self {
        Timings(Vec::new(), progress)
    }

    /// Runs a stage and records its time.
    pub fn stage<T>(&mut self, name: &'static str, run: impl FnOnce() -> T) -> T {
        if let Some(progress) = self.1 {
            progress(name);
        }
        let started = Instant::now();
        let result = run();
        self.0.push((name, started.elapsed()));
        result
    }

    /// Runs a part of a stage that runs in parts, alternating with another: the times of its
    /// parts add up.
    pub fn stage_part<T>(&mut self, name: &'static str, run: impl FnOnce() -> T) -> T {
        let Some(at) = self.0.iter().position(|(known, _)| *known == name) else {
            return self.stage(name, run);
        };
        if let Some(progress) = self.1 {
            progress(name);
        }
        let started = Instant::now();
        let result = run();
        self.0[at].1 += started.elapsed();
        result
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (name, time) in &self.0 {
            writeln!(f, "  {name:18} {:8.1} ms", time.as_secs_f64() * 1000.0)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct BuildReport {
    pub warnings: Vec<Problem>,
    pub timings: Timings,
    /// How many (item, variant) pairs were converted rather than taken from the cache.
    pub converted: usize,
    /// How many photos were processed rather than taken from the cache.
    pub photos_processed: usize,
    pub items: usize,
    /// How many content files were read; the others' items were as the last build kept them.
    pub read: usize,
    pub pages: usize,
    /// How many pages and feeds were rendered; the others were as the last build made them.
    pub made: usize,
    pub files: usize,
    /// What writing the output did: a rebuild writes only what changed.
    pub written: write::Written,
    pub variants: usize,
    /// How the search index was come by; `None` when the site has no search.
    pub search: Option<search::Indexing>,
    pub output: PathBuf,
    pub elapsed: Duration,
}

impl std::fmt::Display for BuildReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut also = match self.photos_processed {
            0 => String::new(),
            n => format!(", {n} photos processed"),
        };
        if let Some(indexing) = self.search {
            also.push_str(&format!(", {indexing}"));
        }
        write!(
            f,
            "built {} items ({} read) into {} pages ({} files, {} made, {} written, {} removed{also}) in {} variants at {} in {} ms",
            self.items,
            self.read,
            self.pages,
            self.files,
            self.made,
            self.written.written,
            self.written.removed,
            self.variants,
            self.output.display(),
            self.elapsed.as_millis()
        )
    }
}
