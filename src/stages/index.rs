//! Stage 4: the indexes by date and by department. They hold item positions, not text, so one
//! index serves every variant.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Datelike;

pub mod editions;

use crate::config::Grouping;
use crate::config::editions::Editions;
use crate::stages::item::{RenderedItem, SourceItem};

/// Items of one month, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    pub month: u32,
    pub items: Vec<usize>,
}

/// Months of one year, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    pub year: i32,
    pub months: Vec<Month>,
}

impl Year {
    pub fn item_count(&self) -> usize {
        self.months.iter().map(|m| m.items.len()).sum()
    }
}

/// Neighbours of an item in date order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Neighbours {
    pub older: Option<usize>,
    pub newer: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteIndex {
    /// Every item, newest first (ties broken by slug).
    pub newest_first: Vec<usize>,
    /// The home page order: pinned items first, then the rest, each newest first.
    pub home: Vec<usize>,
    /// Newest year first.
    pub years: Vec<Year>,
    /// Per department in configuration order, items newest first.
    pub departments: Vec<Vec<usize>>,
    /// Per column in configuration order, items newest first.
    pub columns: Vec<Vec<usize>>,
    /// The 信息公开目录: items with a disclosure block, by 索引号 (then newest first; items
    /// without one last).
    pub disclosed: Vec<usize>,
    /// Per item: the item it interprets, if `interprets:` names a published item.
    pub interprets: Vec<Option<usize>>,
    /// Per item: the interpretations of it, newest first.
    pub interpreted_by: Vec<Vec<usize>>,
    /// Per item, by item position.
    pub neighbours: Vec<Neighbours>,
    /// The periodical's editions, newest first.
    pub editions: editions::EditionIndex,
}

impl SiteIndex {
    /// Per year, newest first: the year and its months with their item counts, which is all
    /// the archive and year pages show.
    pub fn years_shape(&self) -> Vec<(i32, Vec<(u32, usize)>)> {
        self.years
            .iter()
            .map(|y| {
                let months = y.months.iter().map(|m| (m.month, m.items.len()));
                (y.year, months.collect())
            })
            .collect()
    }
}

impl SiteIndex {
    /// Per group, items newest first.
    pub fn groups(&self, grouping: Grouping) -> &[Vec<usize>] {
        match grouping {
            Grouping::Department => &self.departments,
            Grouping::Column => &self.columns,
        }
    }
}

/// Whether two versions of an item take the same place in the indexes and in the list of
/// pages: all that `build_index`, `site_pages` and the sitemap read of an item. When every item
/// keeps its place, a rebuild can keep the indexes it has.
pub fn same_place(a: &SourceItem, b: &SourceItem) -> bool {
    a.path == b.path
        && a.url_path == b.url_path
        && a.slug == b.slug
        && a.date == b.date
        && a.department == b.department
        && a.column == b.column
        && a.pinned == b.pinned
        && a.disclosure == b.disclosure
        && a.interprets == b.interprets
        && a.editions == b.editions
        && a.edition_order == b.edition_order
        && a.edition_line == b.edition_line
}

/// The index stage.
pub fn build_index(
    items: &[Arc<RenderedItem>],
    department_count: usize,
    column_count: usize,
    periodical: Option<&Editions>,
) -> SiteIndex {
    let mut newest_first: Vec<usize> = (0..items.len()).collect();
    newest_first.sort_by(|&a, &b| {
        let (a, b) = (&items[a].meta, &items[b].meta);
        b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
    });
    let (mut home, rest): (Vec<usize>, Vec<usize>) =
        newest_first.iter().partition(|&&i| items[i].meta.pinned);
    home.extend(rest);
    let mut departments = vec![Vec::new(); department_count];
    let mut columns = vec![Vec::new(); column_count];
    for &i in &newest_first {
        if let Some(column) = items[i].meta.column {
            columns[column].push(i);
        }
        departments[items[i].meta.department].push(i);
    }
    let mut neighbours = vec![Neighbours::default(); items.len()];
    for (position, &i) in newest_first.iter().enumerate() {
        neighbours[i] = Neighbours {
            newer: position.checked_sub(1).map(|p| newest_first[p]),
            older: newest_first.get(position + 1).copied(),
        };
    }
    let (interprets, interpreted_by) = interpretations(items, &newest_first);
    SiteIndex {
        editions: editions::gather(periodical, items),
        years: years(items, &newest_first),
        disclosed: disclosed(items, &newest_first),
        newest_first,
        home,
        departments,
        columns,
        interprets,
        interpreted_by,
        neighbours,
    }
}

/// The archive: years newest first, each with its months newest first.
fn years(items: &[Arc<RenderedItem>], newest_first: &[usize]) -> Vec<Year> {
    let mut by_month: BTreeMap<(i32, u32), Vec<usize>> = BTreeMap::new();
    for &i in newest_first {
        let date = items[i].meta.date;
        by_month
            .entry((date.year(), date.month()))
            .or_default()
            .push(i);
    }
    let mut years: Vec<Year> = Vec::new();
    for ((year, month), month_items) in by_month.into_iter().rev() {
        if years.last().is_none_or(|y| y.year != year) {
            years.push(Year {
                year,
                months: Vec::new(),
            });
        }
        let current = years.last_mut().expect("pushed above");
        current.months.push(Month {
            month,
            items: month_items,
        });
    }
    years
}

/// The 信息公开目录: the items with a disclosure block, by 索引号.
fn disclosed(items: &[Arc<RenderedItem>], newest_first: &[usize]) -> Vec<usize> {
    let mut disclosed: Vec<usize> = newest_first
        .iter()
        .copied()
        .filter(|&i| items[i].meta.disclosure.is_some())
        .collect();
    // Stable: items with the same 索引号 (or none) stay newest first.
    disclosed.sort_by_key(|&i| {
        let number = items[i]
            .meta
            .disclosure
            .as_ref()
            .and_then(|d| d.index_number.as_deref());
        (number.is_none(), number)
    });
    disclosed
}

/// For each item, the document it interprets (not itself), and the interpretations it has,
/// newest first.
fn interpretations(
    items: &[Arc<RenderedItem>],
    newest_first: &[usize],
) -> (Vec<Option<usize>>, Vec<Vec<usize>>) {
    let by_slug: std::collections::HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.meta.slug.as_str(), i))
        .collect();
    let interprets: Vec<Option<usize>> = items
        .iter()
        .map(|item| {
            let target = by_slug.get(item.meta.interprets.as_deref()?).copied()?;
            (target != by_slug[item.meta.slug.as_str()]).then_some(target)
        })
        .collect();
    let mut interpreted_by = vec![Vec::new(); items.len()];
    for &i in newest_first {
        if let Some(target) = interprets[i] {
            interpreted_by[target].push(i);
        }
    }
    (interprets, interpreted_by)
}

/// Splits a list into pages of `per_page`; an empty list still has one (empty) page.
pub fn paginate(items: &[usize], per_page: usize) -> Vec<&[usize]> {
    if items.is_empty() {
        return vec![&[]];
    }
    items.chunks(per_page).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::item::SourceItem;
    use crate::text::script::Script;
    use chrono::TimeZone;

    fn item(
        slug: &str,
        date: (i32, u32, u32),
        department: usize,
        pinned: bool,
    ) -> Arc<RenderedItem> {
        Arc::new(RenderedItem {
            meta: Arc::new(SourceItem {
                path: format!("content/{slug}.md").into(),
                digest: crate::digest::Key(0, 0),
                url_path: format!("{}/{slug}/", date.0),
                slug: slug.into(),
                title: slug.into(),
                date: chrono_tz::Asia::Shanghai
                    .with_ymd_and_hms(date.0, date.1, date.2, 0, 0, 0)
                    .unwrap(),
                department,
                column: None,
                column_line: 0,
                disclosure: None,
                interprets: None,
                interprets_line: 0,
                editions: vec![],
                edition_order: None,
                edition_line: 0,
                aliases: vec![],
                aliases_line: 0,
                source: None,
                author: None,
                tags: vec![],
                summary: None,
                script: Script::Hans,
                draft: false,
                pinned,
                extra: Default::default(),
                glossary: Default::default(),
                body: Default::default(),
                bundle: None,
                title_line: 2,
                date_line: 3,
                body_line: 5,
            }),
            texts: vec![],
            links: Default::default(),
            attachments: vec![],
            conversion_keys: vec![],
        })
    }

    #[test]
    fn columns_the_disclosure_catalog_and_interpretations() {
        let with = |slug: &str, date, change: &dyn Fn(&mut SourceItem)| {
            let mut item = Arc::unwrap_or_clone(item(slug, date, 0, false));
            change(Arc::make_mut(&mut item.meta));
            Arc::new(item)
        };
        fn disclosed(number: &'static str) -> impl Fn(&mut SourceItem) {
            move |meta: &mut SourceItem| {
                meta.disclosure = Some(Box::new(crate::stages::item::Disclosure {
                    index_number: Some(number.into()),
                    ..Default::default()
                }))
            }
        }
        let items = [
            with("policy", (2022, 3, 1), &disclosed("B-2")),
            with("old", (2009, 8, 12), &disclosed("A-1")),
            with("reading", (2022, 3, 5), &|meta| {
                meta.column = Some(1);
                meta.interprets = Some("policy".into());
            }),
            with("news", (2022, 3, 6), &|meta| meta.column = Some(1)),
            with("self", (2022, 3, 7), &|meta| {
                meta.interprets = Some("self".into())
            }),
        ];
        let index = build_index(&items, 1, 2, None);
        assert_eq!(index.columns, [vec![], vec![3, 2]]);
        assert_eq!(index.disclosed, [1, 0], "by 索引号, not by date");
        assert_eq!(index.interprets, [None, None, Some(0), None, None]);
        assert_eq!(index.interpreted_by[0], [2]);
        assert!(
            index.interpreted_by[4].is_empty(),
            "an item cannot interpret itself"
        );
    }

    #[test]
    fn indexes_by_date_department_and_neighbours() {
        let items = [
            item("a", (2009, 8, 12), 0, false),
            item("b", (2022, 3, 26), 1, false),
            item("c", (2022, 3, 1), 1, true),
            item("d", (2022, 3, 26), 0, false),
        ];
        let index = build_index(&items, 3, 0, None);
        assert_eq!(index.newest_first, [1, 3, 2, 0]);
        assert_eq!(index.home, [2, 1, 3, 0]);
        assert_eq!(index.years.len(), 2);
        assert_eq!(index.years[0].year, 2022);
        assert_eq!(
            index.years[0].months,
            [Month {
                month: 3,
                items: vec![1, 3, 2]
            }]
        );
        assert_eq!(index.years[1].item_count(), 1);
        assert_eq!(index.departments, [vec![3, 0], vec![1, 2], vec![]]);
        assert_eq!(
            index.neighbours[1],
            Neighbours {
                newer: None,
                older: Some(3)
            }
        );
        assert_eq!(
            index.neighbours[0],
            Neighbours {
                newer: Some(2),
                older: None
            }
        );
    }

    #[test]
    fn pagination_keeps_one_page_for_nothing() {
        assert_eq!(paginate(&[1, 2, 3], 2), [&[1, 2][..], &[3][..]]);
        assert_eq!(paginate(&[], 2).len(), 1);
    }
}
