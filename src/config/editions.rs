//! `editions:` in bulletin.yaml: the periodical (简报) the site's items are gathered into, as
//! written and as validated. An item joins an edition with `edition:` in its front matter.

use std::fmt;

use chrono::NaiveDate;
use serde::Deserialize;

use super::yaml::{nested_key_line, shown};
use crate::error::Problem;

/// How an edition is numbered: per year (`2024年第12期`), running (`总第391期`), or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Numbering {
    Year,
    Running,
    #[default]
    Both,
}

impl Numbering {
    /// Whether editions carry a number within their year.
    pub fn per_year(self) -> bool {
        matches!(self, Numbering::Year | Numbering::Both)
    }

    /// Whether editions show a running number.
    pub fn running(self) -> bool {
        matches!(self, Numbering::Running | Numbering::Both)
    }
}

/// An edition as an item or the configuration names it: `12` (of the item's year), `2024-12`,
/// or under running numbering `391`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct EditionNumber {
    pub year: Option<i32>,
    pub number: u32,
}

impl EditionNumber {
    /// Reads `12`, `"12"` or `"2024-12"`; `None` for anything else.
    pub fn from_value(value: &serde_yaml::Value) -> Option<Self> {
        if let Some(number) = value.as_u64() {
            let number = u32::try_from(number).ok().filter(|&n| n > 0)?;
            return Some(EditionNumber { year: None, number });
        }
        let text = value.as_str()?.trim();
        let (year, number) = match text.split_once('-') {
            Some((year, number)) => (Some(year.parse::<i32>().ok()?), number),
            None => (None, text),
        };
        let number = number.parse::<u32>().ok().filter(|&n| n > 0)?;
        if year.is_some_and(|y| !(1900..=2999).contains(&y)) {
            return None;
        }
        Some(EditionNumber { year, number })
    }
}

impl fmt::Display for EditionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(year) => write!(f, "{year}-{}", self.number),
            None => write!(f, "{}", self.number),
        }
    }
}

/// The validated periodical.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Editions {
    /// The periodical's name, e.g. `西区政务简报`, in either script.
    pub name: String,
    /// 编印单位.
    pub issuer: String,
    pub numbering: Numbering,
    /// The running number (总第N期) of the site's first edition.
    pub running_start: u32,
    /// The 报、送、发 lines of the closing block, in that order; each may be absent.
    pub distribution: Distribution,
    /// 共印N份.
    pub copies: Option<u32>,
    /// Editions given a date or running number of their own, in order.
    pub issues: Vec<IssueSetting>,
    /// The line of `editions:`, for findings about the periodical.
    pub line: usize,
}

/// 报、送、发: who the printed edition goes to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    #[serde(alias = "报", alias = "報")]
    pub report: Option<String>,
    #[serde(alias = "送")]
    pub send: Option<String>,
    #[serde(alias = "发", alias = "發")]
    pub issue: Option<String>,
}

/// One edition's own settings: its printing date (编印日期) and running number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IssueSetting {
    pub edition: EditionNumber,
    pub date: Option<NaiveDate>,
    pub running: Option<u32>,
    pub line: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEditions {
    name: String,
    issuer: String,
    #[serde(default)]
    numbering: Numbering,
    #[serde(default = "one")]
    running_start: u32,
    #[serde(default)]
    distribution: Distribution,
    copies: Option<u32>,
    #[serde(default)]
    issues: Vec<RawIssue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssue {
    edition: serde_yaml::Value,
    date: Option<String>,
    running: Option<u32>,
}

/// The line of the `k`-th `- ` entry below the line `list` (1-based), or `list` itself.
fn entry_line(text: &str, list: usize, k: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(list)
        .filter(|(_, line)| line.trim_start().starts_with("- "))
        .nth(k)
        .map_or(list, |(i, _)| i + 1)
}

fn one() -> u32 {
    1
}

const HINT: &str = "write `editions: { name: 西区政务简报, issuer: 西区党政办公室, numbering: both }`; see the README's 简报 section";

impl RawEditions {
    /// Checks the periodical: names given, editions listed once each and in order, numbers
    /// written the way the numbering reads them.
    pub(super) fn validate(self, text: &str, problems: &mut Vec<Problem>) -> Option<Editions> {
        let file = std::path::Path::new(crate::site::CONFIG_FILE);
        let line = super::key_line(text, "editions");
        let mut found = Vec::new();
        let mut problem = |line: usize, message: String| {
            found.push(Problem::new(file, line, message).with_hint(HINT));
        };
        if self.name.trim().is_empty() || self.issuer.trim().is_empty() {
            problem(
                line,
                "the periodical needs a name and an issuer (编印单位)".into(),
            );
        }
        if self.running_start == 0 {
            problem(line, "running_start must be at least 1".into());
        }
        let issues_line = nested_key_line(text, "editions", "issues");
        let mut issues: Vec<IssueSetting> = Vec::new();
        for (k, raw) in self.issues.into_iter().enumerate() {
            let line = entry_line(text, issues_line, k);
            let last = issues.last();
            if let Some(issue) = issue_setting(self.numbering, raw, line, last, &mut problem) {
                issues.push(issue);
            }
        }
        let valid = found.is_empty();
        problems.append(&mut found);
        valid.then(|| Editions {
            name: self.name.trim().to_string(),
            issuer: self.issuer.trim().to_string(),
            numbering: self.numbering,
            running_start: self.running_start,
            distribution: self.distribution,
            copies: self.copies,
            issues,
            line,
        })
    }
}

/// One edition of `issues:` as set, after the one before it (`last`); None when it cannot be
/// (a wrong `running:` is told and the edition kept).
fn issue_setting(
    numbering: Numbering,
    raw: RawIssue,
    line: usize,
    last: Option<&IssueSetting>,
    problem: &mut dyn FnMut(usize, String),
) -> Option<IssueSetting> {
    let Some(edition) = EditionNumber::from_value(&raw.edition) else {
        problem(
            line,
            format!("`{}` is not an edition number", shown(&raw.edition)),
        );
        return None;
    };
    if numbering.per_year() != edition.year.is_some() {
        problem(
            line,
            match numbering {
                Numbering::Running => format!(
                    "edition `{edition}` has a year, but the numbering is running: write the running number alone"
                ),
                _ => format!("edition `{edition}` needs its year, e.g. `2024-{edition}`"),
            },
        );
        return None;
    }
    if numbering == Numbering::Running && raw.running.is_some() {
        problem(
            line,
            format!("edition `{edition}` is its running number already; leave out `running:`"),
        );
    }
    if let Some(last) = last.filter(|last| last.edition >= edition) {
        problem(
            line,
            format!(
                "edition `{edition}` comes after `{}`: list each edition once, in order",
                last.edition
            ),
        );
        return None;
    }
    let date = raw
        .date
        .as_deref()
        .map(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d"));
    if let Some(Err(_)) = date {
        problem(
            line,
            format!(
                "edition `{edition}`: the date `{}` is not a date such as 2024-12-30",
                raw.date.unwrap_or_default()
            ),
        );
        return None;
    }
    Some(IssueSetting {
        edition,
        date: date.and_then(Result::ok),
        running: raw.running,
        line,
    })
}
