//! `bulletin check`: lints a site's content without writing it, the way a careful editor
//! reads before publishing. Every finding names file, line, column, rule and what to do;
//! errors fail the command (and CI). `bulletin build` applies the error-level rules too.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cleanup::Rule as TextRule;
use crate::config::Config;
use crate::content::{Selection, SourceItem};
use crate::convert::Converter;
use crate::error::{Error, Problem, Result};
use crate::markdown::{self, RenderedItem};
use crate::output::OutputFile;
use crate::pipeline::{self, Carried};
use crate::render::Urls;

/// How much a finding matters; set per rule under `check:` in bulletin.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Warning,
    Error,
}

/// Every rule, its default level, and whether a site may change it (a build cannot go on
/// past the fixed ones).
pub const RULES: [(&str, Level, bool); 26] = [
    ("front-matter", Level::Error, false),
    ("unknown-department", Level::Error, false),
    ("unknown-column", Level::Error, false),
    ("duplicate-slug", Level::Error, false),
    ("broken-link", Level::Error, true),
    // `build` leaves such links as text and warns; `check` fails.
    ("unsafe-link", Level::Error, true),
    ("control-character", Level::Error, false),
    ("future-date", Level::Warning, true),
    ("implausible-date", Level::Warning, true),
    ("duplicate-title", Level::Warning, true),
    ("mixed-script", Level::Warning, true),
    ("pinyin-annotation", Level::Warning, true),
    ("mojibake", Level::Warning, true),
    ("doubled-punctuation", Level::Warning, true),
    ("ascii-punctuation", Level::Warning, true),
    ("stray-space", Level::Warning, true),
    ("image-alt", Level::Warning, true),
    ("gregorian-year", Level::Warning, true),
    ("footer-incomplete", Level::Warning, true),
    // The inspector's rules (`inspect`): `check` applies them, `build` does not.
    ("stale-column", Level::Warning, true),
    ("stale-columns", Level::Error, true),
    ("empty-column", Level::Warning, true),
    ("no-visible-date", Level::Warning, true),
    ("duplicate-index-number", Level::Error, true),
    ("malformed-document-number", Level::Warning, true),
    ("interpretation-link", Level::Warning, true),
];

/// The rule problems of form (unreadable front matter, a missing field) fall under.
const FORM_RULE: &str = "front-matter";

/// The earliest date a district bulletin plausibly has.
const EARLIEST_YEAR: i32 = 1980;

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
    let mut carried = Carried::new(crate::cache::ConversionCache::load(&config.root));
    // Drafts and future items are checked too: they are about to be published.
    let selection = Selection {
        drafts: true,
        future: true,
        now: chrono::Utc::now(),
        skip_problems: true,
    };
    let rendered = pipeline::render_site(&config, &converter, selection, &mut carried);
    let (items, mut problems) = carried.content.all();
    problems.extend(carried.content.warnings());
    let pages = match rendered {
        // Both repeat the content's own problems; the duplicates go below.
        Ok(site) => {
            problems.extend(site.warnings);
            Some(site.files)
        }
        Err(Error::Invalid(found)) => {
            problems.extend(found.0);
            None
        }
        Err(other) => return Err(other),
    };
    problems.extend(lint_items(&config, &items, today, &converter, |_| true));
    problems.extend(crate::inspect::inspect(
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

/// The per-item rules whose level `wanted` accepts: dates, duplicate titles and the text
/// rules of `cleanup`, over the prose of each body.
pub fn lint_items(
    config: &Config,
    items: &[&SourceItem],
    today: NaiveDate,
    converter: &Converter,
    wanted: impl Fn(Level) -> bool + Sync,
) -> Vec<Problem> {
    let on = |rule: &str| wanted(config.level(rule)) && config.level(rule) != Level::Off;
    let roc_years = config
        .variants
        .iter()
        .any(|v| v.date_style == crate::dates::DateStyle::Roc);
    let mut problems: Vec<Problem> = items
        .par_iter()
        .flat_map_iter(|item| {
            let mut found = date_problems(item, today, &on);
            found.extend(text_problems(item, &on));
            if on("image-alt") {
                found.extend(image_alt_problems(item));
            }
            if on("gregorian-year") && roc_years {
                found.extend(gregorian_year_problems(item));
            }
            found
        })
        .collect();
    if on("duplicate-title") {
        problems.extend(duplicate_titles(items, converter));
    }
    problems
}

fn date_problems(item: &SourceItem, today: NaiveDate, on: &dyn Fn(&str) -> bool) -> Vec<Problem> {
    let date = item.date.date_naive();
    let line = item.date_line;
    let mut found = Vec::new();
    if on("future-date") && date > today && !item.draft {
        found.push(
            Problem::new(
                &item.path,
                line,
                format!("dated {date}, after today ({today})"),
            )
            .with_hint(
                "the item stays unpublished until then: check the year, or mark it `draft: true`",
            )
            .with_rule("future-date"),
        );
    }
    if on("implausible-date") && date.year() < EARLIEST_YEAR {
        found.push(
            Problem::new(
                &item.path,
                line,
                format!("dated {date}, before any district website"),
            )
            .with_hint("check the year; a date in another calendar (民國 years) must be converted")
            .with_rule("implausible-date"),
        );
    }
    found
}

/// The text rules over an item's prose (never inside code, URLs or front matter).
fn text_problems(item: &SourceItem, on: &dyn Fn(&str) -> bool) -> Vec<Problem> {
    let rules: Vec<TextRule> = TextRule::ALL.into_iter().filter(|r| on(r.name())).collect();
    if rules.is_empty() {
        return Vec::new();
    }
    let body = &item.body;
    let mut found = Vec::new();
    for range in markdown::prose_ranges(body) {
        let prose = &body[range.clone()];
        for &rule in &rules {
            for fix in rule.find(prose) {
                let at = range.start + fix.range.start;
                let (line, column) = position(body, at);
                let shown = &prose[fix.range.clone()];
                let message = match &fix.replacement {
                    Some(replacement) if !replacement.is_empty() => {
                        format!("{}: `{shown}` should be `{replacement}`", rule.message())
                    }
                    _ => format!("{}: `{shown}`", rule.message()),
                };
                found.push(
                    Problem::new(&item.path, item.body_line + line, message)
                        .at_column(column)
                        .with_hint(rule.hint())
                        .with_rule(rule.name()),
                );
            }
        }
    }
    found
}

/// Images without a text alternative: screen readers announce nothing, and inspectors count
/// them.
fn image_alt_problems(item: &SourceItem) -> Vec<Problem> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut found = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(&item.body, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                open = Some((range.start, dest_url.to_string()));
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, target)) = open.take() {
                    let alt_start = item.body[start..]
                        .find('[')
                        .map_or(start, |i| start + i + 1);
                    let alt_end = item.body[alt_start..]
                        .find(']')
                        .map_or(alt_start, |i| alt_start + i);
                    if item.body[alt_start..alt_end].trim().is_empty() {
                        let (line, column) = position(&item.body, start);
                        found.push(
                            Problem::new(
                                &item.path,
                                item.body_line + line,
                                format!("the image `{target}` has no text alternative"),
                            )
                            .at_column(column)
                            .with_hint(
                                "describe the picture between the brackets: ![区长在会上讲话](...)",
                            )
                            .with_rule("image-alt"),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// A Taiwan item on a site that writes 民國 years, with a Gregorian year in its text.
fn gregorian_year_problems(item: &SourceItem) -> Vec<Problem> {
    if item.script != crate::script::Script::HantTw {
        return Vec::new();
    }
    let mut found = Vec::new();
    for range in markdown::prose_ranges(&item.body) {
        for (western, at) in crate::dates::gregorian_years(&item.body[range.clone()]) {
            let (line, column) = position(&item.body, range.start + at);
            found.push(
                Problem::new(
                    &item.path,
                    item.body_line + line,
                    format!("`{western}年` is a Gregorian year; the site writes 民國 years"),
                )
                .at_column(column)
                .with_hint(format!("write {}年", western - 1911))
                .with_rule("gregorian-year"),
            );
        }
    }
    found
}

/// The identity marks each locale's inspectors look for in the footer.
fn footer_problems(config: &Config) -> Vec<Problem> {
    use crate::dates::DateStyle;
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

/// (0-based line, 1-based column in characters) of a byte offset.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count(),
        before[line_start..].chars().count() + 1,
    )
}

/// Items with the same title, in either script: readers cannot tell them apart in lists.
fn duplicate_titles(items: &[&SourceItem], converter: &Converter) -> Vec<Problem> {
    let mut first: HashMap<String, &SourceItem> = HashMap::new();
    let mut found = Vec::new();
    for &item in items {
        let folded = converter.convert(item.title.trim(), "t2s");
        match first.get(&folded) {
            Some(earlier) => found.push(
                Problem::new(&item.path, item.title_line, format!("the title is the same as {}'s", earlier.path.display()))
                    .with_hint("readers cannot tell the two apart in lists: make the titles differ, or remove the copy")
                    .with_rule("duplicate-title"),
            ),
            None => {
                first.insert(folded, item);
            }
        }
    }
    found
}

/// Links in items to pages the site does not make. `files` must be sorted by path (as
/// `output::check_unique_paths` leaves them).
pub fn broken_links(
    config: &Config,
    items: &[Arc<RenderedItem>],
    files: &[OutputFile],
) -> Vec<Problem> {
    let urls = Urls::new(&config.base_url);
    let variant = config.default_variant();
    let exists = |path: &str| {
        let found = |p: &str| files.binary_search_by(|f| f.path.as_str().cmp(p)).is_ok();
        if path.is_empty() || path.ends_with('/') {
            found(&format!("{path}index.html"))
        } else {
            found(path) || found(&format!("{path}/index.html"))
        }
    };
    let mut problems = Vec::new();
    for item in items {
        for link in &item.links.site {
            let page_dir = format!("{}/{}", variant.path, item.meta.url_path);
            let target = resolve(&link.target, &page_dir, &urls.base_path);
            if target.as_deref().is_some_and(exists) {
                continue;
            }
            problems.push(
                Problem::new(
                    &item.meta.path,
                    link.line,
                    format!("the link `{}` leads to no page of the site", link.target),
                )
                .with_hint(format!(
                    "link to a page's address as the site shows it, e.g. `{}{}/{}`",
                    urls.base_path, variant.path, item.meta.url_path
                ))
                .with_rule("broken-link"),
            );
        }
    }
    problems
}

/// A link's target as a path in the output, `hans/2020/04/x/`: relative targets from the
/// page's directory, absolute ones under the site's base path. `None` when it leaves the site.
fn resolve(target: &str, page_dir: &str, base_path: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or_default();
    let target = percent_encoding::percent_decode_str(target)
        .decode_utf8()
        .ok()?
        .into_owned();
    let joined = match target.strip_prefix('/') {
        Some(_) => target.strip_prefix(base_path)?.to_string(),
        None => format!("{page_dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    let mut path = parts.join("/");
    if joined.ends_with('/') && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

/// The error-level per-item rules a site turned on, for `bulletin build`: nothing to do
/// unless bulletin.yaml raises a text or date rule to `error`.
pub fn build_errors(
    config: &Config,
    items: &[&SourceItem],
    converter: &Converter,
    today: NaiveDate,
) -> Vec<Problem> {
    let raised = RULES
        .iter()
        .any(|&(rule, default, _)| default != Level::Error && config.level(rule) == Level::Error);
    if !raised {
        return Vec::new();
    }
    lint_items(config, items, today, converter, |level| {
        level == Level::Error
    })
}

/// The default level of a rule, or `None` if there is no such rule.
pub fn default_level(rule: &str) -> Option<(Level, bool)> {
    RULES
        .iter()
        .find(|(name, _, _)| *name == rule)
        .map(|&(_, level, changeable)| (level, changeable))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keeps `cleanup`'s rules and `RULES` in step.
    #[test]
    fn every_text_rule_is_a_check_rule() {
        for rule in TextRule::ALL {
            assert!(default_level(rule.name()).is_some(), "{}", rule.name());
        }
    }

    #[test]
    fn links_resolve_like_a_browser() {
        let dir = "hans/2024/03/report/";
        assert_eq!(
            resolve("../x/", dir, "/").as_deref(),
            Some("hans/2024/03/x/")
        );
        assert_eq!(
            resolve("../../../../hant/", dir, "/").as_deref(),
            Some("hant/")
        );
        assert_eq!(resolve("../../../../../..", dir, "/"), None);
        assert_eq!(
            resolve("/hans/2023/#top", dir, "/").as_deref(),
            Some("hans/2023/")
        );
        assert_eq!(
            resolve("/bulletin/hans/a.png", dir, "/bulletin/").as_deref(),
            Some("hans/a.png")
        );
        assert_eq!(resolve("/elsewhere/", dir, "/bulletin/"), None);
        assert_eq!(
            resolve("/static/%E5%9B%BE.png", dir, "/").as_deref(),
            Some("static/图.png")
        );
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(position("第一行\n第二,行", "第一行\n第二".len()), (1, 3));
    }
}
