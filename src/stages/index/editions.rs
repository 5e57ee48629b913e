//! The periodical's editions (简报 第N期): which items each gathers and in what order, their
//! numbers within the year and running, their dates; and what is wrong with the numbering.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use crate::config::editions::{EditionNumber, Editions, Numbering};
use crate::error::Problem;
use crate::site::CONFIG_FILE;
use crate::stages::item::RenderedItem;

/// One edition, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// The year it belongs to: its own under per-year numbering, its date's otherwise.
    pub year: i32,
    /// Its number: within the year, or the running number under running numbering.
    pub number: u32,
    /// 总第N期, where the numbering shows it.
    pub running: Option<u32>,
    /// 编印日期: as configured, or the date of its newest item.
    pub date: NaiveDate,
    /// By `edition_order`, then oldest first, then by slug.
    pub items: Vec<usize>,
}

impl Edition {
    /// Below a variant's prefix: `editions/2024/12/`.
    pub fn path(&self) -> String {
        format!("{}{}/{}/", EDITIONS_PATH, self.year, self.number)
    }
}

/// The editions index, below a variant's prefix.
pub const EDITIONS_PATH: &str = "editions/";

/// The editions, newest first; per item, the editions it is in; and the findings of `check`'s
/// edition rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditionIndex {
    pub editions: Vec<Edition>,
    pub of_item: Vec<Vec<usize>>,
    pub findings: Vec<Problem>,
}

/// Gathers the items into the periodical's editions.
pub fn gather(editions: Option<&Editions>, items: &[Arc<RenderedItem>]) -> EditionIndex {
    let Some(settings) = editions else {
        return EditionIndex {
            of_item: vec![Vec::new(); items.len()],
            ..EditionIndex::default()
        };
    };
    let (members, mut findings) = members_of(settings, items);
    findings.extend(empty_issues(settings, &members));
    let mut gathered: Vec<Edition> = Vec::with_capacity(members.len());
    let mut running = settings.running_start;
    for ((year, number), mut list) in members {
        list.sort_by(|&a, &b| {
            let (a, b) = (&items[a].meta, &items[b].meta);
            (a.edition_order.is_none(), a.edition_order, a.date, &a.slug).cmp(&(
                b.edition_order.is_none(),
                b.edition_order,
                b.date,
                &b.slug,
            ))
        });
        let setting = settings
            .issues
            .iter()
            .find(|issue| key(settings, 0, issue.edition) == (year, number));
        let newest = list.iter().map(|&i| items[i].meta.date.date_naive()).max();
        let date = setting
            .and_then(|s| s.date)
            .or(newest)
            .expect("an edition has items");
        if let Some(own) = setting.and_then(|s| s.running) {
            running = own;
        }
        let edition = Edition {
            year: if settings.numbering.per_year() {
                year
            } else {
                date.year()
            },
            number,
            running: settings.numbering.running().then_some(running),
            date,
            items: list,
        };
        findings.extend(gaps(settings.numbering, gathered.last(), &edition, items));
        running = running.saturating_add(1);
        gathered.push(edition);
    }
    let mut of_item = vec![Vec::new(); items.len()];
    gathered.reverse();
    for (e, edition) in gathered.iter().enumerate() {
        for &i in &edition.items {
            of_item[i].push(e);
        }
    }
    EditionIndex {
        editions: gathered,
        of_item,
        findings,
    }
}

/// Each edition's items, keyed by (year, number) under per-year numbering, by (0, running
/// number) otherwise.
type Members = BTreeMap<(i32, u32), Vec<usize>>;

/// The editions' items, and the items put in more than one.
fn members_of(settings: &Editions, items: &[Arc<RenderedItem>]) -> (Members, Vec<Problem>) {
    let mut findings = Vec::new();
    let mut members = Members::new();
    for (i, item) in items.iter().enumerate() {
        let meta = &item.meta;
        for number in &meta.editions {
            members
                .entry(key(settings, meta.date.year(), *number))
                .or_default()
                .push(i);
        }
        if meta.editions.len() > 1 {
            findings.push(
                Problem::new(
                    &meta.path,
                    meta.edition_line,
                    "the item is in more than one edition",
                )
                .with_hint("an item is printed once: keep one edition in `edition:`")
                .with_rule("edition-twice"),
            );
        }
    }
    (members, findings)
}

/// The editions the site's settings describe that no item is in.
fn empty_issues(settings: &Editions, members: &Members) -> Vec<Problem> {
    let empty = settings
        .issues
        .iter()
        .filter(|issue| !members.contains_key(&key(settings, 0, issue.edition)));
    empty
        .map(|issue| {
            Problem::new(
                std::path::Path::new(CONFIG_FILE),
                issue.line,
                format!(
                    "edition `{}` has no items, so it is not published",
                    issue.edition
                ),
            )
            .with_hint("give some items `edition:` with its number, or remove it from `issues:`")
            .with_rule("edition-empty")
        })
        .collect()
}

/// Where an edition sorts: `12` is of the item's year under per-year numbering.
fn key(settings: &Editions, item_year: i32, number: EditionNumber) -> (i32, u32) {
    match settings.numbering {
        Numbering::Running => (0, number.number),
        Numbering::Year | Numbering::Both => (number.year.unwrap_or(item_year), number.number),
    }
}

/// The findings when `edition` does not follow `before`: a number skipped within the year or
/// running, and a running number repeated or skipped. A year's first edition is 第1期 unless
/// it is the site's first.
fn gaps(
    numbering: Numbering,
    before: Option<&Edition>,
    edition: &Edition,
    items: &[Arc<RenderedItem>],
) -> Vec<Problem> {
    let mut found: Vec<(&'static str, String)> = Vec::new();
    if let Some(before) = before {
        let expected = match numbering {
            Numbering::Running => before.number + 1,
            _ if before.year == edition.year => before.number + 1,
            _ => 1,
        };
        if edition.number != expected {
            let (shown, missing) = match numbering {
                Numbering::Running => (
                    format!("总第{}期", edition.number),
                    format!("总第{expected}期"),
                ),
                _ => (
                    format!("{}-{}", edition.year, edition.number),
                    format!("第{expected}期"),
                ),
            };
            found.push((
                "edition-gap",
                format!(
                    "edition {shown} follows {}-{}: {missing} is missing",
                    before.year, before.number
                ),
            ));
        }
    }
    if let (Some(b), Some(running)) = (before.and_then(|b| b.running), edition.running)
        && numbering == Numbering::Both
        && running != b + 1
    {
        found.push(match running <= b {
            true => (
                "edition-repeat",
                format!(
                    "the running number 总第{running}期 repeats: the edition before is 总第{b}期"
                ),
            ),
            false => (
                "edition-gap",
                format!("the running number jumps from 总第{b}期 to 总第{running}期"),
            ),
        });
    }
    let Some(&first) = edition.items.first() else {
        return Vec::new();
    };
    let first = &items[first].meta;
    found
        .into_iter()
        .map(|(rule, message)| {
            Problem::new(&first.path, first.edition_line, message)
                .with_hint("number the editions one after another; a running number can be set under `editions: { issues: ... }`")
                .with_rule(rule)
        })
        .collect()
}
