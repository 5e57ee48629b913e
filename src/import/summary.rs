//! The one table that ends an import of many pages: how many were imported, imported with
//! something to confirm, skipped on purpose, or not imported, each by reason.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use super::Imported;

/// Files by outcome and reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub imported: usize,
    /// Imported, with a guess an editor should confirm: files per kind of guess.
    pub unsure: usize,
    pub unsure_reasons: BTreeMap<&'static str, usize>,
    pub skipped: BTreeMap<&'static str, usize>,
    pub not_imported: BTreeMap<&'static str, usize>,
    pub elapsed: Duration,
}

impl Summary {
    pub fn of(imported: &[Imported], elapsed: Duration) -> Self {
        let mut summary = Summary {
            files: imported.len(),
            elapsed,
            ..Summary::default()
        };
        for item in imported {
            let report = &item.report;
            if let Some(reason) = report.skipped {
                *summary.skipped.entry(reason).or_default() += 1;
            } else if item.output.is_none() {
                let reason = report.problems.first().map_or("other", |p| problem_kind(p));
                *summary.not_imported.entry(reason).or_default() += 1;
            } else if report.unsure.is_empty() {
                summary.imported += 1;
            } else {
                summary.unsure += 1;
                let mut kinds: Vec<&'static str> =
                    report.unsure.iter().map(|u| doubt_kind(u)).collect();
                kinds.sort_unstable();
                kinds.dedup();
                for kind in kinds {
                    *summary.unsure_reasons.entry(kind).or_default() += 1;
                }
            }
        }
        summary
    }

    /// Files not imported for a reason other than being skipped on purpose.
    pub fn failed(&self) -> usize {
        self.not_imported.values().sum()
    }
}

/// A problem as a short reason.
fn problem_kind(problem: &str) -> &'static str {
    match problem {
        p if p.contains("has no year") => "no year (pass --year)",
        p if p.contains("no date") => "no date (pass --date)",
        p if p.contains("no title") => "no title",
        p if p.contains("department") => "no department (pass --department)",
        p if p.contains("no text") => "no text",
        _ => "other",
    }
}

/// A doubt as a short reason.
fn doubt_kind(doubt: &str) -> &'static str {
    match doubt {
        d if d.contains("year the text mentions most") => "year taken from the text",
        d if d.contains("no title") => "title made from the lead",
        d if d.contains("department was guessed") => "department guessed",
        d if d.contains("cannot be repaired") => "damaged text left for an editor",
        d if d.contains("same title and date") => "same title and date as another",
        d if d.contains("in the future") => "date in the future",
        d if d.contains("not valid") => "bytes not valid in their encoding",
        _ => "other",
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.elapsed.as_secs_f64();
        writeln!(
            f,
            "summary: {} files in {seconds:.1} s ({:.0} pages/s)",
            self.files,
            self.files as f64 / seconds.max(0.001)
        )?;
        let reasons = |map: &BTreeMap<&'static str, usize>| {
            map.iter()
                .map(|(reason, n)| format!("{reason} {n}"))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        writeln!(f, "  imported      {:>6}", self.imported)?;
        writeln!(
            f,
            "  unsure        {:>6}   {}",
            self.unsure,
            reasons(&self.unsure_reasons)
        )?;
        let skipped: usize = self.skipped.values().sum();
        writeln!(
            f,
            "  skipped       {skipped:>6}   {}",
            reasons(&self.skipped)
        )?;
        writeln!(
            f,
            "  not imported  {:>6}   {}",
            self.failed(),
            reasons(&self.not_imported)
        )
    }
}
