//! What the importer says of each file: the fields it took and from where, the repairs, the
//! lines removed, and what an editor should confirm.

use std::fmt;

use super::{Imported, Removed};
use crate::text::damage::Rule;

/// What the importer did to one file.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub encoding: &'static str,
    /// (field, value, where it came from).
    pub fields: Vec<(&'static str, String, String)>,
    pub repairs: Vec<Repair>,
    pub removed: Vec<Removed>,
    /// Guesses an editor should confirm.
    pub unsure: Vec<String>,
    /// Why no item was written.
    pub problems: Vec<String>,
    /// Why the page was passed over on purpose: a list page, a duplicate.
    pub skipped: Option<&'static str>,
    /// The office the page names that is no configured department (kept as its `source`).
    pub unmatched_office: Option<String>,
}

/// One repair of one cleaning rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub rule: Rule,
    pub line: usize,
    pub before: String,
    /// `None`: found but left as it was, for an editor.
    pub after: Option<String>,
}

/// The `--keep-removed` side file: every removed line, with its place in the input.
pub(super) fn removed_text(imported: &Imported) -> String {
    let mut text = format!(
        "# Lines removed from {} by bulletin import\n",
        imported.input.display()
    );
    for removed in &imported.report.removed {
        text.push_str(&format!(
            "line {} ({}): {}\n",
            removed.line, removed.kind, removed.text
        ));
    }
    text
}

impl fmt::Display for Imported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = &self.report;
        match &self.output {
            Some(output) => writeln!(f, "{} -> {}", self.input.display(), output.display())?,
            None if self.report.skipped.is_some() => {
                writeln!(f, "{} -> skipped", self.input.display())?
            }
            None => writeln!(f, "{} -> not imported", self.input.display())?,
        }
        writeln!(f, "  encoding    {}", report.encoding)?;
        for (field, value, how) in &report.fields {
            writeln!(f, "  {field:<11} {value}  ({how})")?;
        }
        for rule in Rule::ALL {
            let repairs: Vec<&Repair> = report.repairs.iter().filter(|r| r.rule == rule).collect();
            if let Some(first) = repairs.first() {
                let example = match &first.after {
                    Some(after) => format!("`{}` -> `{after}`", first.before),
                    None => format!("`{}` left as it was", first.before),
                };
                writeln!(
                    f,
                    "  repaired    {} × {}, e.g. line {}: {example}",
                    repairs.len(),
                    rule.name(),
                    first.line
                )?;
            }
        }
        for removed in &report.removed {
            writeln!(
                f,
                "  removed     line {} ({}): {}",
                removed.line, removed.kind, removed.text
            )?;
        }
        for unsure in &report.unsure {
            writeln!(f, "  unsure      {unsure}")?;
        }
        for problem in &report.problems {
            writeln!(f, "  problem     {problem}")?;
        }
        if let Some(reason) = report.skipped {
            writeln!(f, "  skipped     {reason}")?;
        }
        Ok(())
    }
}
