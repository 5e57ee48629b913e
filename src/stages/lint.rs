//! The rules that judge content (dates, titles, text damage, images, links) over items: the
//! build applies the ones a site made errors, and `bulletin check` reports them all.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::config::Config;
use crate::config::rules::{Level, RULES};
use crate::error::Problem;
use crate::stages::item::{RenderedItem, SitePaths, SourceItem};
use crate::stages::render::Urls;
use crate::text::converter::Converter;
use crate::text::damage::Rule as TextRule;
use crate::text::markdown::{self, position};

/// The earliest date a district bulletin plausibly has.
const EARLIEST_YEAR: i32 = 1980;

/// The per-item rules whose level `wanted` accepts: dates, duplicate titles and the text
/// rules of `cleanup`, over the prose of each body.
pub fn lint_items(
    config: &Config,
    items: &[&Arc<SourceItem>],
    today: NaiveDate,
    converter: &Converter,
    wanted: impl Fn(Level) -> bool + Sync,
) -> Vec<Problem> {
    let on = |rule: &str| wanted(config.level(rule)) && config.level(rule) != Level::Off;
    let roc_years = config
        .variants
        .iter()
        .any(|v| v.date_style == crate::text::dates::DateStyle::Roc);
    let mut problems: Vec<Problem> = items
        .par_iter()
        .flat_map_iter(|item| {
            let mut found = date_problems(item, today, &on);
            // Read once: in a build the text waits in the spool.
            let body = item.body.text();
            found.extend(text_problems(item, &body, &on));
            if on("image-alt") {
                found.extend(image_alt_problems(item, &body));
            }
            if on("gregorian-year") && roc_years {
                found.extend(gregorian_year_problems(item, &body));
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
fn text_problems(item: &SourceItem, body: &str, on: &dyn Fn(&str) -> bool) -> Vec<Problem> {
    let rules: Vec<TextRule> = TextRule::ALL.into_iter().filter(|r| on(r.name())).collect();
    if rules.is_empty() {
        return Vec::new();
    }
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
fn image_alt_problems(item: &SourceItem, body: &str) -> Vec<Problem> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut found = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                open = Some((range.start, dest_url.to_string()));
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, target)) = open.take() {
                    let alt_start = body[start..].find('[').map_or(start, |i| start + i + 1);
                    let alt_end = body[alt_start..]
                        .find(']')
                        .map_or(alt_start, |i| alt_start + i);
                    if body[alt_start..alt_end].trim().is_empty() {
                        let (line, column) = position(body, start);
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
fn gregorian_year_problems(item: &SourceItem, body: &str) -> Vec<Problem> {
    if item.script != crate::text::script::Script::HantTw {
        return Vec::new();
    }
    let mut found = Vec::new();
    for range in markdown::prose_ranges(body) {
        for (western, at) in crate::text::dates::gregorian_years(&body[range.clone()]) {
            let (line, column) = position(body, range.start + at);
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

/// Items with the same title, in either script: readers cannot tell them apart in lists.
fn duplicate_titles(items: &[&Arc<SourceItem>], converter: &Converter) -> Vec<Problem> {
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

/// Links in items to pages the site does not make.
pub fn broken_links(
    config: &Config,
    items: &[Arc<RenderedItem>],
    paths: &SitePaths,
) -> Vec<Problem> {
    let urls = Urls::new(&config.base_url);
    let variant = config.default_variant();
    let exists = |path: &str| {
        if path.is_empty() || path.ends_with('/') {
            paths.contains(&format!("{path}index.html"))
        } else {
            paths.contains(path) || paths.contains(&format!("{path}/index.html"))
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
    items: &[&Arc<SourceItem>],
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::rules::default_level;

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
