//! Which of a page's dates is its publication date. Every full date on the page is a
//! candidate, scored by what says so: a publication label before it (`发布时间：`, `發佈日期`,
//! `发表于`, `[发表时间]:`), an issue label (`成文日期`), a line of its own, the head of a
//! short line, the lead.
//! The best wins; the page's own metadata (`PubDate`) counts, below what the page shows.

mod codes;

use std::sync::LazyLock;

use regex::Regex;

use super::extract::{WrittenDate, find_date};
use super::furniture::is_temperature;

/// Labels before a date, in simplified script, and how much each says "published".
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(来源时间为|来源时间|发布时间|发布日期|发布于|发表时间|发表日期|发表于|刊发日期|刊发时间|上载日期|上传日期|上传时间|生成日期|发稿时间|编稿时间|录入时间|添加时间|公布日期|公开日期|更新时间|更新日期|成文日期|发文日期|印发日期|日期|时间|date|Date|DATE)\s*[】\]]?\s*[：:|｜]?\s*[=\[【]?\s*$",
    )
    .expect("valid pattern")
});

/// What comes right after a date that is not the page's own: a list of other releases.
static NOT_PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(的新闻公报|的新聞公報|起|至|前|以来)").expect("valid pattern")
});

/// The label of an event's day or time, which a notice or plan gives before it: `活动时间：`,
/// `三、会议日期`.
static EVENT_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(活动|会议|报名|开放|举办|举行|培训|考试|截止|演出|比赛|接待|受理)(时间|日期)\s*[：:]?\s*$")
        .expect("valid pattern")
});

/// Words of a metadata line: a date among them is the page's (`… 来源:XX客户端 2018-08-24`).
static METADATA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(来源|作者|编辑|记者|(?:浏览|点击|阅读)(?:次数|量|数)?|字号|字数|发布)\s*[：:]")
        .expect("valid pattern")
});

/// `2020, 11. 16`, as some sites print the date in an English layout.
static ENGLISH_ORDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4}),\s*(\d{1,2})\.\s*(\d{1,2})\b").expect("valid pattern"));

/// `May 24, 2019`, `24 May 2019`: a date in English words, as some sites print it.
static ENGLISH_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?P<month{n}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
    Regex::new(&format!(
        r"\b{}\s+(?P<day1>\d{{1,2}}),?\s+(?P<year1>\d{{4}})\b|\b(?P<day2>\d{{1,2}})\s+{}\s+(?P<year2>\d{{4}})\b",
        month.replace("{n}", "1"),
        month.replace("{n}", "2"),
    ))
    .expect("valid pattern")
});

/// `发布时间：May 24, 2019` as `发布时间：2019-5-24`, which the date finder reads: after a
/// label only, as a site's clock in its header prints the day too (`7 June 2023, Wednesday`).
fn with_english_months(line: &str) -> std::borrow::Cow<'_, str> {
    let labelled = |at: usize| line[..at].trim_end().ends_with(['：', ':']);
    if !ENGLISH_MONTH.find_iter(line).any(|m| labelled(m.start())) {
        return std::borrow::Cow::Borrowed(line);
    }
    ENGLISH_MONTH.replace_all(line, |caps: &regex::Captures| {
        let whole = caps.get(0).expect("whole match");
        if !labelled(whole.start()) {
            return whole.as_str().to_string();
        }
        let group = |name: &str| {
            caps.name(&format!("{name}1"))
                .or_else(|| caps.name(&format!("{name}2")))
                .map_or("", |m| m.as_str())
        };
        let month = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ]
        .iter()
        .position(|m| group("month").to_ascii_lowercase().starts_with(m))
        .map_or(0, |m| m + 1);
        format!("{}-{month}-{}", group("year"), group("day"))
    })
}

/// The verb a CMS prints after the date it stamps, `2013/09/22 17:14:45 发布`: a label, after.
static PUBLISHED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?(?:发布|发表)(?:\s|$)").expect("valid pattern")
});

/// A notice closed and dated at the end of a line, as a page flattened to one line ends:
/// `… 特此通告。 2022年6月17日`.
static CLOSED_AND_DATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{}[。.]?\s*(?P<date>\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)\s*$",
        super::layout::CLOSING_FORMULA
    ))
    .expect("valid pattern")
});

/// A publication date with its year in two digits and its time, as some CMSs print it
/// (`發布日期:09-01-06 09:18:41`): with a label and a time it can be nothing else.
static SHORT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<label>(?:发布|发表|更新)(?:日期|时间)\s*[：:]\s*)(?P<year>\d{2})-(?P<rest>\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2})")
        .expect("valid pattern")
});

/// `09-01-06 09:18:41` after a publication label as `2009-01-06 09:18:41`; the web's pages
/// are of this century or the last decade of the one before.
fn with_whole_year(line: &str) -> std::borrow::Cow<'_, str> {
    SHORT_YEAR.replace_all(line, |caps: &regex::Captures| {
        let century = if &caps["year"] >= "90" { "19" } else { "20" };
        format!(
            "{}{century}{}-{}",
            &caps["label"], &caps["year"], &caps["rest"]
        )
    })
}

/// Lines that show a date that is not the page's: the site's clock (`香港時間：…`), banners.
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"今天是|今日是|现在是|(?:香港|北京|台北)时间\s*[：:]|重要公告|星期[一二三四五六日天]\s*(农历|阴历)")
        .expect("valid pattern")
});

fn label_score(label: &str) -> u32 {
    match label {
        "成文日期" | "发文日期" | "印发日期" => 60,
        "日期" | "时间" | "更新时间" | "更新日期" => 90,
        _ => 100,
    }
}

/// A date found on the page, and how it was told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Candidate {
    pub(super) date: WrittenDate,
    pub(super) score: u32,
    pub(super) how: &'static str,
}

/// The best full date of the page: `lines` are its lines (`fold` gives their simplified
/// form), `lead` its first paragraph, `meta` the date its HTML metadata gives.
pub(super) fn publication_date(
    lines: &[&str],
    fold: &dyn Fn(&str) -> String,
    lead: Option<&str>,
    meta: Option<&str>,
) -> Option<Candidate> {
    let mut best: Option<Candidate> = None;
    let mut consider = |candidate: Candidate| {
        if best.is_none_or(|b| candidate.score > b.score) {
            best = Some(candidate);
        }
    };
    // Lines as the layout reads them: one that runs paragraphs together by its paragraphs (a
    // page flattened to one line has its header apart), a word spaced out closed up
    // (`上 载 日 期 2019-12-02` is labelled).
    let paragraphs: Vec<String> = lines
        .iter()
        .map(|l| super::spacing::spaced_words_closed(l.trim()))
        .filter(|l| !l.is_empty())
        .flat_map(|l| super::spacing::split_at_blanks(&l))
        .collect();
    let paragraphs = with_date_pieces_joined(paragraphs);
    let lines: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let listed = listed_lines(&lines);
    for (i, (line, listed)) in lines.iter().zip(listed).enumerate() {
        let code = || codes::agency_date_code(line).or_else(|| codes::headline_date_code(line));
        if let Some(candidate) = notice_date(line, fold).or_else(code) {
            consider(candidate);
        }
        // `二、活动时间` / `2024年8月23日`: the day of the event a plan announces (a heading, not
        // a headline that ends so, `…延长夜间开放时间`).
        let above = (i > 0).then(|| fold(lines[i - 1]));
        let event_day = above.as_deref().is_some_and(|above| {
            let heading = above.chars().count() <= 12 || above.trim_end().ends_with(['：', ':']);
            heading && EVENT_TIME.is_match(above)
        });
        // Today's date over the weather, in the site's header.
        let weather_below = lines[i + 1..].iter().take(4).any(|l| is_temperature(l));
        if line.chars().count() > 300 || event_day || weather_below {
            continue;
        }
        let folded = ENGLISH_ORDER
            .replace_all(
                &with_english_months(&with_whole_year(&fold(line))),
                "$1-$2-$3",
            )
            .into_owned();
        if CLOCK.is_match(&folded) {
            continue;
        }
        let length = line.chars().count();
        // A label alone on the line above labels the date (`發布日期` / `111-08-29`), not a
        // word that ends with one (`禁渔时间`); it ranks the date no lower than its line does.
        let labelled = above.as_deref().and_then(label_alone).map(|label| {
            let with_label = format!("{label}{folded}");
            line_candidates(&with_label, length, listed).collect::<Vec<_>>()
        });
        line_candidates(&folded, length, listed)
            .chain(labelled.into_iter().flatten())
            .for_each(&mut consider);
    }
    if let Some(date) = meta
        .and_then(find_date)
        .map(|(d, _)| d)
        .filter(|d| d.year.is_some())
    {
        consider(Candidate {
            date,
            score: 40,
            how: "the page's metadata (PubDate)",
        });
    }
    if let Some(candidate) = lead.and_then(|lead| lead_candidate(&fold(lead))) {
        consider(candidate);
    }
    best
}

/// A line (in simplified script) that is a date's label and nothing else, `发布日期：`.
fn label_alone(line: &str) -> Option<&str> {
    let label = line
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let alone = label.chars().count() <= 8 && LABEL.find(label).is_some_and(|l| l.start() == 0);
    alone.then_some(label)
}

/// The dates of a line (`folded`, in simplified script; `length` its length in characters)
/// that say they are the page's, each scored; `listed` when the line stands in a list of
/// dated lines, where an unlabelled date is a listed item's.
fn line_candidates(folded: &str, length: usize, listed: bool) -> impl Iterator<Item = Candidate> {
    full_dates(folded).filter_map(move |(date, range)| {
        if NOT_PUBLICATION.is_match(&folded[range.end..])
            || EVENT_TIME.is_match(&folded[..range.start])
        {
            return None;
        }
        let (score, how) = line_score(folded, length, &range)?;
        (!listed || !UNLABELLED.contains(&how)).then_some(Candidate { date, score, how })
    })
}

/// The lines with a date printed in pieces on lines of their own joined into one
/// (`2014` / `02/18` / `08:30` as `2014-02-18 08:30`), as some templates stamp an item; the
/// time too, for a list's items may print their year apart (`2019` / `03-12`).
fn with_date_pieces_joined(mut lines: Vec<String>) -> Vec<String> {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:19|20)\d{2}$").expect("valid pattern"));
    static MONTH_DAY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,2}[/.-]\d{1,2}$").expect("valid pattern"));
    static TIME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,2}:\d{2}(?::\d{2})?$").expect("valid pattern"));
    let mut joined = Vec::with_capacity(lines.len());
    let mut at = 0;
    while at < lines.len() {
        let piece =
            |offset: usize, re: &Regex| lines.get(at + offset).is_some_and(|l| re.is_match(l));
        if piece(0, &YEAR) && piece(1, &MONTH_DAY) && piece(2, &TIME) {
            let month_day = lines[at + 1].replace(['/', '.'], "-");
            joined.push(format!("{}-{month_day} {}", lines[at], lines[at + 2]));
            at += 3;
        } else {
            joined.push(std::mem::take(&mut lines[at]));
            at += 1;
        }
    }
    joined
}

/// The date a notice signs or closes with, the last resort: beside its signature
/// (`某某区人民政府二〇一七年五月十六日`) or after its closing formula at the end of a page
/// flattened to one line (`… 特此通告。 2022年6月17日`).
fn notice_date(line: &str, fold: &dyn Fn(&str) -> String) -> Option<Candidate> {
    let candidate = |date, how| Candidate {
        date,
        score: 25,
        how,
    };
    if let Some((_, date)) = super::trim::signed_and_dated(line, fold) {
        return Some(candidate(date, "a notice's signature"));
    }
    if !line.trim_end().ends_with('日') {
        return None;
    }
    let folded = fold(line);
    let closed = CLOSED_AND_DATED.captures(&folded)?;
    let (date, _) = find_date(&closed["date"])?;
    Some(candidate(date, "a notice's closing date"))
}

/// How the dates that only their place on a line tells are found.
const UNLABELLED: [&str; 3] = ["a dateline", "a line starting with the date", "a byline"];

/// Which of the (non-empty) `lines` stand in a list of dated lines, as related items do
/// (`遂平新闻 2025-6-9` / `2025-5-12遂平新闻` / …): a short dated line with two more among
/// the two lines either side of it.
fn listed_lines(lines: &[&str]) -> Vec<bool> {
    let dated: Vec<bool> = lines
        .iter()
        .map(|l| l.chars().count() <= 60 && full_dates(l).take(2).count() == 1)
        .collect();
    (0..lines.len())
        .map(|i| {
            let near = i.saturating_sub(2)..(i + 3).min(lines.len());
            dated[i] && near.filter(|&j| j != i && dated[j]).count() >= 2
        })
        .collect()
}

/// How much the date at `range` of a line says "published", and how it was told; `folded` is
/// the line in simplified script, `length` its length in characters. `None` for a date that
/// says nothing of the kind.
fn line_score(
    folded: &str,
    length: usize,
    range: &std::ops::Range<usize>,
) -> Option<(u32, &'static str)> {
    let before = &folded[..range.start];
    let short = length <= 60 && !folded.contains('。');
    let metadata_line = length <= 120 && !folded.contains('。') && METADATA.is_match(folded);
    Some(if let Some(label) = LABEL.captures(before) {
        let word = label.get(1).expect("one group");
        // `时间：` beside the page's source or author is the page's own, unless a word ends
        // with it (`归档时间`, `会议时间`).
        let own_word = !before[..word.start()]
            .chars()
            .next_back()
            .is_some_and(crate::text::cjk::is_cjk);
        let score = match metadata_line && own_word {
            true => label_score(word.as_str()).max(100),
            false => label_score(word.as_str()),
        };
        (score, "a date line")
    } else if PUBLISHED_AFTER.is_match(&folded[range.end..]) {
        (100, "a date line")
    } else if metadata_line {
        (80, "a metadata line")
    } else if folded[range.end..].trim_start().starts_with("编印")
        || (short && EDITION.is_match(&folded[range.end..]))
    {
        (85, "an e-paper's header")
    } else if short && is_whole(folded, range) {
        (75, "a dateline")
    } else if short
        && before
            .trim_matches(|c: char| !c.is_alphanumeric())
            .is_empty()
    {
        (70, "a line starting with the date")
    } else if short && PRESS_RELEASE.is_match(before) && is_whole_after(folded, range) {
        (70, "a press release's header")
    } else if short && is_icon_stamp(before, &folded[range.clone()], &folded[range.end..]) {
        (65, "a byline")
    } else if short && is_byline(before, &folded[range.clone()]) && is_whole_after(folded, range) {
        // Below a line that starts with its date: a list of other items can print
        // `新华网 | 2020-01-01` too.
        (65, "a byline")
    } else if short
        && CLOSING_CREDIT.is_match(before)
        && matches!(folded[range.end..].trim(), ")" | "）")
    {
        // The office and the writer who close the item, and the day they wrote it:
        // `（某某街道社区教育中心 王五 2021年7月11日）`.
        (65, "a closing credit")
    } else if short && folded[range.clone()].matches([':', '：']).count() == 2 {
        // A time to the second is the machinery's stamp of the page, whatever it is glued
        // to (`心得体会范文2019-05-19 13:38:59才子老师`).
        (60, "a timestamp")
    } else {
        return None;
    })
}

/// The first full date of the lead (`folded`, in simplified script) that is not a day it runs
/// to (`强化三级警戒至110年06月28日`), a deadline or a cited document's; more early in the lead.
fn lead_candidate(folded: &str) -> Option<Candidate> {
    let until = |range: &std::ops::Range<usize>| {
        let before = folded[..range.start].trim_end();
        ["至", "到", "截至", "截止", "直至"]
            .iter()
            .any(|w| before.ends_with(w))
    };
    // Nor a deadline or a span's start (`公众可在2023年12月24日前…`).
    let (date, range) = full_dates(folded).find(|(_, r)| {
        let after = &folded[r.end..];
        !until(r) && !cites_a_document(after) && !NOT_PUBLICATION.is_match(after)
    })?;
    let early = folded[..range.start].chars().count() <= 12;
    Some(Candidate {
        date,
        score: if early { 50 } else { 30 },
        how: "the lead",
    })
}

/// Whether the text after a date makes it a cited document's date, not the page's:
/// `一九五○年八月十四日政政董字第三三号快函`.
pub(super) fn cites_a_document(after: &str) -> bool {
    after.chars().take(8).collect::<String>().contains("字第")
}

/// The date an address carries: `t20230103_5898853.html`, `/2024-12-07/6726.html`,
/// `/202105/t20210510_2465883.shtml`, a saved file named `2019-08-02 新闻.html`.
pub(super) fn address_date(address: &str) -> Option<chrono::NaiveDate> {
    static IN_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^\d])((?:19|20)\d{2})[-_/.]?(0[1-9]|1[0-2])[-_/.]?(0[1-9]|[12]\d|3[01])(?:[^\d]|$)")
            .expect("valid pattern")
    });
    IN_ADDRESS.captures_iter(address).find_map(|caps| {
        let number = |i: usize| caps[i].parse::<u32>().ok();
        chrono::NaiveDate::from_ymd_opt(number(1)? as i32, number(2)?, number(3)?)
    })
}

/// The year of a month and day written without one on a page whose address is dated
/// `published`: the latest such day not after it (`12月30日` on a page of 2023-01-03 is 2022's).
pub(super) fn year_before(published: chrono::NaiveDate, month: u32, day: u32) -> i32 {
    use chrono::Datelike;
    match (month, day) <= (published.month(), published.day()) {
        true => published.year(),
        false => published.year() - 1,
    }
}

/// Whether the date at `range` is all of `line` but for spaces, brackets and a weekday.
fn is_whole(line: &str, range: &std::ops::Range<usize>) -> bool {
    let rest = format!("{}{}", &line[..range.start], &line[range.end..]);
    rest.trim_matches(|c: char| {
        c.is_whitespace() || "()（）星期一二三四五六日天上午下午".contains(c)
    })
    .is_empty()
}

/// A closing credit up to its date: an opening bracket, a name, the writers' names.
static CLOSING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[（(]\s*\p{Han}{2,30}(?:\s+\p{Han}{1,4}){1,3}\s+$").expect("valid pattern")
});

/// The edition after an e-paper's date of issue: `《某某晚报》（2025年12月18日 第 02 版）`.
static EDITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*第\s*[A-Z]?\d{1,3}\s*版").expect("valid pattern"));

/// The head of an office's press release, its date after it: `某县政府新闻参考资料105.4.26`.
static PRESS_RELEASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(新闻稿|新闻参考资料|新闻资料|新闻发布|新闻公报)\s*[：:]?\s*$")
        .expect("valid pattern")
});

/// Whether nothing but blanks follows the date at `range` on its line.
fn is_whole_after(line: &str, range: &std::ops::Range<usize>) -> bool {
    line[range.end..].trim().is_empty()
}

/// Whether the text before a date (`date`, as written) is an outlet's name and a separator, as
/// a byline prints them: `中央社/ 2013.05.07 00:00`, `新华网 | 2020-01-01`, or a run of blanks
/// as a table's cells leave it (`某某发展中心    2021-03-12`). A name followed only by a space
/// is not enough (lists of other items print `遂平新闻 2025-6-9`), nor is any short text
/// (`区政府召开会议 | 2020-01-01`, a related item's headline); but an account's name before
/// the time it posted at is (`欢乐长安 2020-11-04 16:46:53`), as platforms stamp a post.
fn is_byline(before: &str, date: &str) -> bool {
    let posted = before.ends_with(' ') && date.contains(':');
    if posted && super::office::is_account_name(before.trim()) {
        return true;
    }
    // A Taiwanese byline, the desk or reporter and the place reported from, bracketed or not:
    // `地方中心/苗栗報導 2018-04-12 13:05`, `【記者某某/新竹報導】2021-10-17`.
    if REPORTED_FROM.is_match(before) {
        return true;
    }
    let spaced = before.ends_with("  ") || before.ends_with(['\t', '\u{3000}']);
    let marked = before.trim_end().strip_suffix(['/', '|', '｜', '·']);
    let Some(name) = marked.or(spaced.then_some(before)) else {
        return false;
    };
    // Or the column's name in a cell of its own: `| 招商动态 |2016-09-22`.
    let column =
        marked.is_some() && super::headline::is_column_name(name.trim_start_matches(['|', '｜']));
    let name = name.trim().trim_start_matches(['|', '｜']).trim_start();
    (2..=12).contains(&name.chars().count())
        && name.chars().all(char::is_alphanumeric)
        && (OUTLET.is_match(name) || column)
}

/// Whether a date and time (`date`, as written) is a post's stamp where icons stand for the
/// labels, the writer's handle among them: `📝 Frances   📰 2022-8-16 10:41 AM   ⏱    👍`.
fn is_icon_stamp(before: &str, date: &str, after: &str) -> bool {
    let icon = |c: char| matches!(c, '\u{2300}'..='\u{23FF}' | '\u{2600}'..='\u{27BF}' | '\u{1F300}'..='\u{1FAFF}' | '\u{FE0F}');
    let words = |text: &'_ str| -> Vec<String> {
        (text.split(|c: char| c.is_whitespace() || icon(c)))
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    };
    // A handle in Latin letters, or a name of up to four characters; not a headline.
    let handle = |w: &String| {
        let latin = w.len() <= 20 && w.chars().all(|c| c.is_ascii_alphanumeric());
        latin || (w.chars().count() <= 4 && w.chars().all(crate::text::cjk::is_cjk))
    };
    let (before_words, after_words) = (words(before), words(after));
    before.chars().any(icon)
        && date.contains(':')
        && before_words.len() <= 1
        && before_words.iter().all(handle)
        && after_words.iter().all(|w| w == "am" || w == "pm")
}

static REPORTED_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[【\[(（]?[^\s，。]{2,16}[/／]\s*\p{Han}{2,6}报[导道]\s*[】\])）]?\s*$")
        .expect("valid pattern")
});

/// The ends of an outlet's name (in simplified script): a news agency, site, paper or station.
static OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(社|网|报|台|新闻|日报|晚报|频道|融媒|客户端|中心)$").expect("valid pattern")
});

/// Every date with a year in `text`, in order, with its byte range.
///
/// Searched a window at a time, widened while it holds no whole date: a page-long paragraph
/// of dates (`7月23日上午，…` five thousand times) costs its length, not its length times its
/// dates. A date is taken only well inside its window, so the window's edge cuts none.
fn full_dates(text: &str) -> impl Iterator<Item = (WrittenDate, std::ops::Range<usize>)> + '_ {
    // Longer than any written date (`二〇二四年十二月三十一日（星期二）下午12:30:00`).
    const MARGIN: usize = 256;
    const FIRST_WIDTH: usize = 4 * MARGIN;
    let mut from = 0;
    let mut width = FIRST_WIDTH;
    std::iter::from_fn(move || {
        loop {
            if from >= text.len() {
                return None;
            }
            let end = char_boundary_after(text, from + width);
            let whole_rest = end == text.len();
            match find_date(&text[from..end]) {
                Some((date, range)) if whole_rest || range.end + MARGIN <= end - from => {
                    let found = from + range.start..from + range.end;
                    from = char_boundary_after(text, found.end.max(from + 1));
                    width = FIRST_WIDTH;
                    if date.year.is_some() {
                        return Some((date, found));
                    }
                }
                // A date near the edge: searched again from where it starts.
                Some((_, range)) if range.start > 0 => from += range.start,
                _ if whole_rest => return None,
                _ => width *= 2,
            }
        }
    })
}

/// The first character boundary of `text` at or after `at` (its length beyond it).
fn char_boundary_after(text: &str, at: usize) -> usize {
    (at..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests;
