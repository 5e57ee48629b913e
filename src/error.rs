//! Typed errors: every problem names the file, the line and what to do about it.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one input file, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// What the editor should do about it.
    pub hint: String,
    /// The `bulletin check` rule the problem falls under, e.g. `unknown-department`; empty
    /// for problems of form (front matter that does not parse, a broken template).
    pub rule: &'static str,
}

impl Problem {
    pub fn new(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_path_buf(),
            line,
            column: 0,
            message: message.into(),
            hint: String::new(),
            rule: "",
        }
    }

    pub fn with_rule(mut self, rule: &'static str) -> Self {
        self.rule = rule;
        self
    }

    pub fn at_column(mut self, column: usize) -> Self {
        self.column = column;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

/// All the problems a failed stage found, reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        writeln!(
            f,
            "{count} problem{} found; nothing was written:",
            if count == 1 { "" } else { "s" }
        )?;
        for problem in &self.0 {
            writeln!(f, "{problem}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(Problems),

    /// A command that did part of its work: the reports it printed say what failed.
    #[error("{0}")]
    Incomplete(String),

    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("cannot write {}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A deploy that stopped; its cause says where and why.
    #[error("deploy stopped")]
    Deploy(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl Error {
    /// A failure made of problems, sorted so that reports are stable from run to run.
    pub fn invalid(mut problems: Vec<Problem>) -> Self {
        problems.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        Error::Invalid(Problems(problems))
    }

    pub fn read(path: &Path, source: std::io::Error) -> Self {
        Error::Read {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn write(path: &Path, source: std::io::Error) -> Self {
        Error::Write {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The problems behind an `Invalid` error, for tests and tools.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Invalid(problems) => &problems.0,
            _ => &[],
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Levenshtein distance over characters, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// The candidates closest to `wanted`, best first, for hints.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (edit_distance(wanted, c), c))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters_not_bytes() {
        assert_eq!(edit_distance("建设局", "建設局"), 1);
        assert_eq!(edit_distance("", "区建设局"), 4);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn problem_display_names_file_line_column_and_hint() {
        let p = Problem::new(Path::new("content/a.md"), 3, "bad date")
            .at_column(7)
            .with_hint("write 2022-03-26");
        assert_eq!(
            p.to_string(),
            "content/a.md:3:7: bad date\n  hint: write 2022-03-26"
        );
    }
}
