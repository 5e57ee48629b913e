//! The front matter's date and department of an imported page: the best date the page gives
//! (or `--year` and `--date`), and the configured department its office, title or text names.

use chrono::Datelike;

use super::report::Report;
use super::text::ImportContext;
use super::{dating, extract, html, layout};
use crate::text::script::Script;

/// The date: the best full date of the page (`dating`), else a date without a year from a
/// date line, a dateline or the lead, which takes the year the text mentions most, else
/// `--year`. `(year, front matter value)`.
pub(super) fn date_of(
    fields: &layout::Fields,
    paragraphs: &[layout::Paragraph],
    text: &str,
    meta: &html::PageMeta,
    address: Option<&str>,
    site: &ImportContext,
    report: &mut Report,
) -> Option<(i32, String)> {
    // The page's own address (its canonical link), else where it was saved.
    let addressed = meta
        .url
        .as_deref()
        .and_then(dating::address_date)
        .or_else(|| address.and_then(dating::address_date));
    let lines: Vec<&str> = text.lines().collect();
    let lead = paragraphs.first().map(|p| p.text.as_str());
    let best = dating::publication_date(&lines, &|l| site.fold(l), lead, meta.date.as_deref())
        .map(|c| (c.date, c.how));
    let from_field = fields
        .date
        .as_deref()
        .and_then(|value| extract::find_date(value).map(|(d, _)| (d, "a date line")));
    let from_dateline = fields.dateline.map(|(d, _)| (d, "a dateline"));
    let from_lead = paragraphs.first().and_then(|p| {
        let (date, range) = extract::find_date(&p.text)?;
        (p.text[..range.start].chars().count() <= 12).then_some((date, "the lead"))
    });
    let in_lead = paragraphs
        .first()
        .and_then(|p| first_day_named(&p.text))
        .map(|date| (date, "the lead's first day named"));
    let from_address = addressed.map(|d| (written(d), "the page's address"));
    let given = site.date.map(|d| (written(d), "--date"));
    let Some((date, how)) = best
        .or(from_field)
        .or(from_dateline)
        .or(from_lead)
        .or(in_lead)
        .or(from_address)
        .or(given)
    else {
        report
            .problems
            .push("no date found: add a line such as `时间：2022-03-26`, or pass --date".into());
        return None;
    };
    let (year, how) = match date.year {
        Some(year) => (year, how.to_string()),
        None => match (
            addressed.map(|d| dating::year_before(d, date.month, date.day)),
            extract::most_mentioned_year(text, republic_years(text, site)),
            site.year,
        ) {
            (Some(year), _, _) => (year, format!("{how}, year from the page's address")),
            (None, Some(year), _) => {
                report.unsure.push(format!(
                    "the date has no year; {year}, the year the text mentions most, was taken"
                ));
                (year, format!("{how}, year from the text"))
            }
            (None, None, Some(year)) => (year, format!("{how}, year from --year")),
            (None, None, None) => {
                report.problems.push(format!(
                    "the date {}月{}日 has no year and the text names none: pass --year",
                    date.month, date.day
                ));
                return None;
            }
        },
    };
    let value = date.front_matter(year);
    if year > chrono::Utc::now().year_ce().1 as i32 {
        report
            .unsure
            .push(format!("the date {value} is in the future"));
    }
    report.fields.push(("date", value.clone(), how));
    Some((year, value))
}

/// The first day a lead's first sentence names (`…公所6月21日下午3時召開…`), or the day that
/// opens its second after a first that names none (`為了進一步提升…能力。5月24日下午，…`).
fn first_day_named(lead: &str) -> Option<extract::WrittenDate> {
    const OPENING_CHARS: usize = 2;
    let mut sentences = lead.split_inclusive(['。', '！', '？']);
    let first = sentences.next()?;
    if extract::find_date(first).is_some() {
        return day_named(first);
    }
    let second = sentences.next()?;
    let (_, range) = extract::find_date(second)?;
    (second[..range.start].chars().count() <= OPENING_CHARS)
        .then(|| day_named(second))
        .flatten()
}

/// The first day a sentence names, unless it is relative to a year unnamed (`去年12月22日`),
/// opens a span (`12月22日至30日`), ends one (`至110年06月28日`) or dates a document cited.
fn day_named(first: &str) -> Option<extract::WrittenDate> {
    let (date, range) = extract::find_date(first)?;
    let before: String = first[..range.start].chars().rev().take(2).collect();
    let relative = ["年去", "年今", "年前", "年明"].contains(&before.as_str())
        || ["至", "到", "止"]
            .iter()
            .any(|w| first[..range.start].trim_end().ends_with(w));
    let span = first[range.end..].starts_with(['至', '到', '—', '-', '～', '~']);
    // `一九五○年八月十四日政政董字第三三号快函`: the date of a document cited.
    let cited: String = first[range.end..].chars().take(8).collect();
    (!relative && !span && !cited.contains("字第")).then_some(date)
}

/// A calendar date as a date written in full.
fn written(date: chrono::NaiveDate) -> extract::WrittenDate {
    extract::WrittenDate {
        year: Some(date.year()),
        month: date.month(),
        day: date.day(),
        time: None,
    }
}

/// Whether a page counts years from the Republic of China: it is in traditional script.
fn republic_years(text: &str, site: &ImportContext) -> bool {
    let verdict = site.converter.script_evidence(text).verdict();
    matches!(verdict, Some(Script::Hant | Script::HantTw))
}

/// The department: named by the source line, else in the title, else `--department`, else
/// the one the text names most (unsure). Its key, for front matter.
pub(super) fn find_department(
    source: Option<&str>,
    title: &str,
    body: &str,
    site: &ImportContext,
    report: &mut Report,
) -> Option<String> {
    let names: Vec<(&str, usize)> = site.departments.folded_names().collect();
    let longest_in = |text: &str| {
        let folded = site.fold(text);
        names
            .iter()
            .filter(|(name, _)| {
                folded.contains(name)
                    || (folded.chars().count() >= 2 && name.contains(folded.as_str()))
            })
            .max_by_key(|(name, _)| name.chars().count())
            .map(|&(_, i)| i)
    };
    let from_source = source.and_then(longest_in);
    if from_source.is_none() {
        report.unmatched_office = source.map(str::to_string);
    }
    let found = from_source
        .map(|i| (i, "the source line".to_string()))
        .or_else(|| longest_in(title).map(|i| (i, "named in the title".to_string())))
        .or_else(|| site.fallback.map(|i| (i, "--department".to_string())))
        .or_else(|| {
            let folded = site.fold(body);
            let mut counts = vec![0; names.iter().map(|&(_, i)| i + 1).max().unwrap_or(0)];
            for &(name, i) in &names {
                counts[i] += folded.matches(name).count();
            }
            let most = *counts.iter().max()?;
            let best: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] == most).collect();
            match best.as_slice() {
                [i] if most > 0 => {
                    let times = if most == 1 {
                        "once".to_string()
                    } else {
                        format!("{most} times")
                    };
                    report.unsure.push(format!(
                        "the department was guessed: the text names it {times}"
                    ));
                    Some((*i, format!("named {times} in the text")))
                }
                _ => None,
            }
        });
    match found {
        Some((i, how)) => {
            let (key, name) = site.departments.get(i);
            report
                .fields
                .push(("department", format!("{key} ({name})"), how));
            Some(key.to_string())
        }
        None => {
            report.problems.push(
                "no configured department is named: pass --department, or add the office to `departments:` in bulletin.yaml (aliases too)".into(),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_dates_by_its_first_sentence_or_the_day_opening_its_second() {
        let day = |lead: &str| first_day_named(lead).map(|d| (d.month, d.day));
        assert_eq!(
            day("某镇6月21日下午召开会议。7月1日起施行。"),
            Some((6, 21))
        );
        let purpose = "為了進一步提升應急處置能力。5月24日下午，某鎮開展2018年防汛演練。";
        assert_eq!(day(purpose), Some((5, 24)));
        // Not a day named later in the second sentence, nor one the first ends a span at.
        assert_eq!(day("為了提升能力。某鎮將於5月24日開展演練。"), None);
        assert_eq!(
            day("某镇强化警戒至6月28日。5月24日下午，某镇开展演练。"),
            None
        );
    }
}
