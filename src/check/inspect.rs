//! The rules a government site inspector applies (国办发〔2017〕47号 and the 2019 inspection
//! indicators), for `bulletin check`: columns kept up to date, disclosure metadata that is
//! unique and well formed, interpretations linked to their documents, a date on every item.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::config::{ColumnKind, Config, Freshness};
use crate::error::Problem;
use crate::site::CONFIG_FILE;
use crate::stages::item::OutputFile;
use crate::stages::item::SourceItem;

/// The rules, as `check::RULES` names them.
pub const RULES: [&str; 7] = [
    "stale-column",
    "stale-columns",
    "empty-column",
    "no-visible-date",
    "duplicate-index-number",
    "malformed-document-number",
    "interpretation-link",
];

/// How many stale columns fail an inspection outright.
pub const STALE_COLUMNS_LIMIT: usize = 5;

/// Every inspector's rule over the site's items (drafts and future items are not
/// published, so they do not keep a column fresh) and, when it could be rendered, its pages.
pub fn inspect(
    config: &Config,
    items: &[&Arc<SourceItem>],
    today: NaiveDate,
    pages: Option<&[OutputFile]>,
) -> Vec<Problem> {
    let mut found = column_problems(config, items, today);
    found.extend(duplicate_index_numbers(items));
    found.extend(
        items
            .iter()
            .filter_map(|item| document_number_problem(item)),
    );
    found.extend(interpretation_problems(config, items));
    if let Some(pages) = pages {
        found.extend(undated_pages(config, items, pages));
    }
    found
}

/// Columns with no item, and columns whose newest item is older than their freshness allows;
/// five or more of those fail an inspection.
fn column_problems(config: &Config, items: &[&Arc<SourceItem>], today: NaiveDate) -> Vec<Problem> {
    let mut newest: Vec<Option<NaiveDate>> = vec![None; config.columns.len()];
    for item in items.iter().filter(|item| !item.draft) {
        let date = item.date.date_naive();
        if let Some(c) = item.column.filter(|_| date <= today) {
            newest[c] = newest[c].max(Some(date));
        }
    }
    let config_file = Path::new(CONFIG_FILE);
    let mut found = Vec::new();
    let mut stale = Vec::new();
    for (column, newest) in config.columns.iter().zip(newest) {
        let line = column.line;
        let Some(newest) = newest else {
            found.push(
                Problem::new(
                    config_file,
                    line,
                    format!(
                        "the column {} ({}) has no published item",
                        column.name, column.key
                    ),
                )
                .with_hint(
                    "inspectors count empty columns: publish in it, or remove it from `columns:`",
                )
                .with_rule("empty-column"),
            );
            if column.freshness != Freshness::None {
                stale.push(column.name.as_str());
            }
            continue;
        };
        let Some(until) = column.freshness.fresh_until(newest) else {
            continue;
        };
        if until < today {
            let allowed = match column.freshness {
                Freshness::News => "14 days",
                _ => "6 months",
            };
            found.push(
                Problem::new(
                    config_file,
                    line,
                    format!(
                        "the column {} ({}) was last updated on {newest}, {} days before {today}; it must be updated at least every {allowed}",
                        column.name,
                        column.key,
                        (today - newest).num_days()
                    ),
                )
                .with_hint("publish in it, or, if the office no longer keeps it, remove it from `columns:`")
                .with_rule("stale-column"),
            );
            stale.push(column.name.as_str());
        }
    }
    if stale.len() >= STALE_COLUMNS_LIMIT {
        found.push(
            Problem::new(
                config_file,
                config.columns_line,
                format!(
                    "{} columns are stale or empty ({}): the site would fail inspection",
                    stale.len(),
                    stale.join("、")
                ),
            )
            .with_hint(format!(
                "the 2019 inspection indicators fail a site with {STALE_COLUMNS_LIMIT} or more: update them, or remove the columns the office no longer keeps"
            ))
            .with_rule("stale-columns"),
        );
    }
    found
}

/// A 索引号 names one document: two items with the same one are an error in the catalogue.
fn duplicate_index_numbers(items: &[&Arc<SourceItem>]) -> Vec<Problem> {
    let mut first: HashMap<&str, &SourceItem> = HashMap::new();
    let mut found = Vec::new();
    for &item in items {
        let Some(disclosure) = &item.disclosure else {
            continue;
        };
        let Some(number) = disclosure.index_number.as_deref() else {
            continue;
        };
        match first.get(number) {
            Some(earlier) => found.push(
                Problem::new(
                    &item.path,
                    disclosure.index_number_line,
                    format!("the 索引号 {number} is also {}'s", earlier.path.display()),
                )
                .with_hint("every document has its own 索引号: correct one of them")
                .with_rule("duplicate-index-number"),
            ),
            None => {
                first.insert(number, item);
            }
        }
    }
    found
}

/// A 文号 as GB/T 9704 writes it: 机关代字, the year in 〔〕, the number without 第 or
/// leading zeros, then 号: `濠府办〔2022〕5号`.
static DOCUMENT_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Han}[\p{Han}A-Za-z]*〔\d{4}〕[1-9]\d*[号號]$").unwrap());

/// The brackets editors write instead of 〔〕 around the year.
static YEAR_IN_OTHER_BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\[［【（(〈<{｛]\s*(\d{4})\s*[\]］】）)〉>}｝]").unwrap());

static NUMBER_WITH_PADDING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"〕\s*第?\s*0*(\d+)\s*([号號])$").unwrap());

fn document_number_problem(item: &SourceItem) -> Option<Problem> {
    let disclosure = item.disclosure.as_ref()?;
    let number = disclosure.number.as_deref()?;
    if DOCUMENT_NUMBER.is_match(number) {
        return None;
    }
    let mended = YEAR_IN_OTHER_BRACKETS.replace(number, "〔$1〕");
    let mended = NUMBER_WITH_PADDING
        .replace(&mended, "〕$1$2")
        .replace(' ', "");
    let hint = if DOCUMENT_NUMBER.is_match(&mended) {
        format!("write `{mended}`: the year in 〔〕, the number without 第 or leading zeros")
    } else {
        "write it like `濠府办〔2022〕5号`: the issuer's abbreviation, the year in 〔〕, the number without 第 or leading zeros, then 号".into()
    };
    Some(
        Problem::new(
            &item.path,
            disclosure.number_line,
            format!("the 文号 `{number}` is malformed"),
        )
        .with_hint(hint)
        .with_rule("malformed-document-number"),
    )
}

/// A policy interpretation and its document link each other; that needs `interprets:` on the
/// interpretation, naming a document that is published with it.
fn interpretation_problems(config: &Config, items: &[&Arc<SourceItem>]) -> Vec<Problem> {
    let by_slug: HashMap<&str, &SourceItem> = items
        .iter()
        .map(|item| (item.slug.as_str(), &***item))
        .collect();
    let mut found = Vec::new();
    for &item in items {
        let problem = |line: usize, message: String, hint: &str| {
            Problem::new(&item.path, line, message)
                .with_hint(hint)
                .with_rule("interpretation-link")
        };
        let in_interpretations = item
            .column
            .is_some_and(|c| config.columns[c].kind == ColumnKind::Interpretation);
        let Some(target) = item.interprets.as_deref() else {
            if in_interpretations {
                found.push(problem(
                    item.column_line,
                    "a policy interpretation does not say which document it interprets".into(),
                    "add `interprets: <slug of the document>`, so that each page links to the other",
                ));
            }
            continue;
        };
        match by_slug.get(target) {
            None => found.push(problem(
                item.interprets_line,
                format!("`interprets: {target}` names no item of the site"),
                "write the slug of the document: its file name without `.md`, or its `slug:`",
            )),
            Some(document) if document.path == item.path => found.push(problem(
                item.interprets_line,
                "the item names itself as the document it interprets".into(),
                "write the slug of the policy document it interprets",
            )),
            Some(document) if document.draft && !item.draft => found.push(problem(
                item.interprets_line,
                format!(
                    "the document it interprets, {}, is a draft: the two pages would not link each other",
                    document.path.display()
                ),
                "publish the document first (remove `draft: true`), or keep the interpretation a draft too",
            )),
            Some(_) => {}
        }
    }
    found
}

/// An item page shows its date to readers (not only in metadata): inspectors look for it.
/// It matters when a site's own theme changes the item template.
fn undated_pages(
    config: &Config,
    items: &[&Arc<SourceItem>],
    pages: &[OutputFile],
) -> Vec<Problem> {
    let mut found = Vec::new();
    for item in items {
        for variant in &config.variants {
            let path = format!("{}/{}index.html", variant.path, item.url_path);
            let Ok(at) = pages.binary_search_by(|f| (*f.path).cmp(path.as_str())) else {
                continue;
            };
            let html = String::from_utf8_lossy(&pages[at].contents);
            let text = visible_text(&html);
            let date = item.date;
            let shown = [
                date.format("%Y-%m-%d").to_string(),
                date.format("%Y年%-m月%-d日").to_string(),
                variant.date_style.date(&date),
            ];
            if !shown.iter().any(|form| text.contains(form.as_str())) {
                found.push(
                    Problem::new(
                        &item.path,
                        item.date_line,
                        format!("the page {path} does not show the item's date"),
                    )
                    .with_hint("inspectors look for a visible date on every item: show `item.date_display` in the theme's item.html")
                    .with_rule("no-visible-date"),
                );
                break;
            }
        }
    }
    found
}

/// The text of a page's body, without tags: what a reader sees.
fn visible_text(html: &str) -> String {
    let body = html.find("<body").map_or(html, |at| &html[at..]);
    crate::stages::markdown::text_of_html(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers_follow_gb_t_9704() {
        for good in [
            "濠府办〔2022〕5号",
            "国办发〔2017〕47号",
            "濠府辦〔2022〕15號",
        ] {
            assert!(DOCUMENT_NUMBER.is_match(good), "{good}");
        }
        for bad in [
            "濠府办[2022]5号",
            "濠府办（2022）5号",
            "濠府办〔2022〕05号",
            "濠府办〔2022〕第5号",
            "〔2022〕5号",
            "濠府办〔22〕5号",
            "濠府办2022年5号",
        ] {
            assert!(!DOCUMENT_NUMBER.is_match(bad), "{bad}");
        }
    }

    #[test]
    fn visible_text_leaves_out_tags_and_attributes() {
        let html = "<head><meta content=\"2022-03-26\"></head><body><time datetime=\"2022-03-26\">三月</time></body>";
        assert_eq!(visible_text(html).trim(), "三月");
    }
}
