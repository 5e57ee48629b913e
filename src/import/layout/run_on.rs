//! Lines a page runs together that are two: a headline and its date, its addressees, a
//! document's number and its headline, a speech's headline and its address. The layout takes
//! them apart at the top of the page.

use std::sync::LazyLock;

use regex::Regex;

use crate::import::extract::{WrittenDate, find_date};
use crate::import::headline::is_title_like;

/// A headline and its date on one line, `管理学院开展实验室安全专项巡查工作 2025-10-31 10:04`,
/// as a portal prints them: the headline and the date, apart.
pub(super) fn headline_and_date(line: &str) -> Option<(&str, WrittenDate)> {
    let (date, range) = find_date(line)?;
    let headline = line[..range.start].trim_end();
    let apart = headline.len() < range.start;
    let titled = is_title_like(headline) && !headline.contains(['：', ':']);
    (date.year.is_some()
        && range.end == line.len()
        && apart
        && titled
        && headline.chars().count() >= 6)
        .then_some((headline, date))
}

/// A notice's headline and its addressees on one line, `某某活动公告 居民朋友们、辖区单位：`:
/// the headline ends with the notice's kind, the addressees with a colon.
pub(super) fn headline_and_addressees(line: &str) -> Option<(&str, &str)> {
    static NOTICE_TO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<headline>\S.{4,60}?(?:公告|通告|通知|倡议书|倡議書|告知书|告知書|公开信|公開信|的信))\s+(?P<to>[^\s：:。，,]{2,30}[：:])$")
            .expect("valid pattern")
    });
    apart(&NOTICE_TO, line, ["headline", "to"])
}

/// A document's number and its headline on one line, `某某发〔2005〕3号 关于…的通知`: the number,
/// a label, apart from the headline (`关于…`).
pub(super) fn number_and_headline(line: &str) -> Option<(&str, &str)> {
    static NUMBER_THEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<number>\p{Han}{1,12}\s*[〔［\[]\d{4}[〕］\]]\s*第?\d{1,4}\s*[号號])\s*(?P<headline>(?:关于|關於).{4,80})$")
            .expect("valid pattern")
    });
    apart(&NUMBER_THEN, line, ["number", "headline"])
}

/// A speech's headline run on with the address that opens it, as a document site strips the
/// break between them: `某某在某某会议上讲话同志们：今天，…`.
pub(super) fn speech_and_address(line: &str) -> Option<(&str, &str)> {
    static ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<headline>\S{2,40}?在\S{2,40}?(?:讲话|講話|发言|發言|致辞|致辭|讲话稿|講話稿))(?P<address>(?:同志们|同志們|各位代表|各位领导|各位領導|各位来宾|各位來賓|尊敬的)[^：:。]{0,20}[：:].+)$")
            .expect("valid pattern")
    });
    apart(&ADDRESSED, line, ["headline", "address"])
}

/// The two parts of `line` that `re`'s `groups` find, in order, if its `headline` reads as one.
fn apart<'a>(re: &Regex, line: &'a str, [first, second]: [&str; 2]) -> Option<(&'a str, &'a str)> {
    let caps = re.captures(line.trim())?;
    let part = |group: &str| caps.name(group).map(|found| found.as_str());
    is_title_like(part("headline")?).then_some((part(first)?, part(second)?))
}
