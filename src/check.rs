//! `bulletin check`: lints a site's content without writing it, the way a careful editor
//! reads before publishing. Every finding names file, line, column, rule and what to do;
//! errors fail the command (and CI). `bulletin build` applies the error-level rules too.

pub mod inspect;

use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::Config;
use crate::config::rules::Level;
use crate::error::{Error, Problem, Result};
use crate::pipeline::{self, Carried};
use crate::stages::lint::lint_items;
use crate::stages::load::Selection;
use crate::text::converter::Converter;

/// The rule problems of form (unreadable front matter, a missing field) fall under.
const FORM_RULE: &str = "front-matter";

/// One finding: a problem, its rule (in `problem.rule`) and how much it matters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub level: Level,
    pub problem: Problem,
}

impl Finding {
    pub fn rule(&self) -> &'static str {
        if self.problem.rule.is_empty() {
            FORM_RULE
        } else {
            self.problem.rule
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.problem;
        write!(f, "{}", p.file.display())?;
        if p.line > 0 {
            write!(f, ":{}", p.line)?;
            if p.column > 0 {
                write!(f, ":{}", p.column)?;
            }
        }
        let level = match self.level {
            Level::Error => "error",
            _ => "warning",
        };
        write!(f, ": {level}[{}]: {}", self.rule(), p.message)?;
        if !p.hint.is_empty() {
            write!(f, "\n  hint: {}", p.hint)?;
        }
        Ok(())
    }
}

/// Everything `check` found, sorted by file and place.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub findings: Vec<Finding>,
    pub items: usize,
}

impl CheckReport {
    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
    }

    /// The findings as JSON, for tools: `{"items": n, "errors": n, "warnings": n,
    /// "findings": [{"file", "line", "column", "level", "rule", "message", "hint"}]}`.
    pub fn to_json(&self) -> String {
        let findings: Vec<serde_json::Value> = self
            .findings
            .iter()
            .map(|f| {
                serde_json::json!({
                    "file": f.problem.file.to_string_lossy().replace('\\', "/"),
                    "line": f.problem.line,
                    "column": f.problem.column,
                    "level": f.level,
                    "rule": f.rule(),
                    "message": f.problem.message,
                    "hint": f.problem.hint,
                })
            })
            .collect();
        let report = serde_json::json!({
            "items": self.items,
            "errors": self.count(Level::Error),
            "warnings": self.count(Level::Warning),
            "findings": findings,
        });
        serde_json::to_string_pretty(&report).expect("JSON values serialise")
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        writeln!(
            f,
            "checked {}: {}, {}",
            plural(self.items, "item"),
            plural(self.count(Level::Error), "error"),
            plural(self.count(Level::Warning), "warning")
        )
    }
}

/// What `bulletin check` looks at and against which day.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    /// "Today", for future dates (default: the current day in the site's time zone).
    pub today: Option<NaiveDate>,
}

/// Checks a site: its content files, then (when they parse) the site rendered in memory, for
/// links to pages that would not exist, and then as an inspector would (`inspect`).
pub fn check(options: &CheckOptions) -> Result<CheckReport> {
    let config = Config::load(&options.root)?;
    let converter = Converter::for_site(config.engine)?;
    let today = options.today.unwrap_or_else(|| {
        chrono::Utc::now()
            .with_timezone(&config.timezone)
            .date_naive()
    });
    let mut carried = Carried::new(crate::stages::convert::cache::ConversionCache::load(
        &config.root,
    ));
    // Drafts and future items are checked too: they are about to be published.
    let selection = Selection {
        drafts: true,
        future: true,
        now: chrono::Utc::now(),
        skip_problems: true,
    };
    let rendered = pipeline::SiteSources::read(&config).and_then(|sources| {
        pipeline::render_site_to_memory(&config, &converter, &sources, selection, &mut carried)
    });
    let (items, mut problems) = carried.content.all();
    problems.extend(carried.content.warnings());
    let pages = match rendered {
        // Both repeat the content's own problems; the duplicates go below.
        Ok((site, files)) => {
            problems.extend(site.warnings);
            Some(files)
        }
        Err(Error::Invalid(found)) => {
            problems.extend(found.0);
            None
        }
        Err(other) => return Err(other),
    };
    problems.extend(lint_items(&config, &items, today, &converter, |_| true));
    problems.extend(crate::check::inspect::inspect(
        &config,
        &items,
        today,
        pages.as_deref(),
    ));
    if config.level("footer-incomplete") != Level::Off {
        problems.extend(footer_problems(&config));
    }
    let mut findings: Vec<Finding> = problems
        .into_iter()
        .map(|problem| {
            let rule = if problem.rule.is_empty() {
                FORM_RULE
            } else {
                problem.rule
            };
            Finding {
                level: config.level(rule),
                problem,
            }
        })
        .filter(|f| f.level != Level::Off)
        .collect();
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            (
                f.problem.file.clone(),
                f.problem.line,
                f.problem.column,
                f.rule(),
                f.problem.message.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    findings.dedup();
    Ok(CheckReport {
        findings,
        items: items.len(),
    })
}

/// The identity marks each locale's inspectors look for in the footer.
fn footer_problems(config: &Config) -> Vec<Problem> {
    use crate::text::dates::DateStyle;
    let id = &config.identity;
    let mut found = Vec::new();
    let mut styles: Vec<DateStyle> = Vec::new();
    for variant in &config.variants {
        if !styles.contains(&variant.date_style) {
            styles.push(variant.date_style);
        }
    }
    for style in styles {
        let (locale, wanted): (&str, Vec<(&str, bool)>) = match style {
            DateStyle::Cn => (
                "mainland",
                vec![
                    ("organizer", id.organizer.is_some()),
                    ("site_code", id.site_code.is_some()),
                    ("icp", id.icp.is_some()),
                    ("police", id.police.is_some()),
                ],
            ),
            DateStyle::Roc => (
                "Taiwan",
                vec![
                    ("organizer", id.organizer.is_some()),
                    ("accessibility_mark", id.accessibility_mark.is_some()),
                ],
            ),
            DateStyle::Hk => ("Hong Kong", vec![("organizer", id.organizer.is_some())]),
        };
        let missing: Vec<&str> = wanted
            .iter()
            .filter(|(_, given)| !given)
            .map(|(key, _)| *key)
            .collect();
        if !missing.is_empty() {
            found.push(
                Problem::new(std::path::Path::new(crate::site::CONFIG_FILE), 0, format!("the footer of a {locale} government site lacks {}", missing.join(", ")))
                    .with_hint("add them under `identity:` in bulletin.yaml (see README), or set `check: { footer-incomplete: off }` for a site that is not a government's")
                    .with_rule("footer-incomplete"),
            );
        }
    }
    found
}
